"""The site as a host publishes it: each page's own CSS inline, content-named assets that
a host may cache for a year, reproducible compressed copies, the hosts' headers file, the
preview server that serves it all as production would, and the publishing workflow."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import re
import subprocess
import sys
from pathlib import Path

import brotli
import pytest
from conftest import LANGUAGES, page_file, soup_of

from leavex.project import DOCUMENTS, ROOT
from tools import hosting, packaging, stylesheets
from tools.preview import LocalSite

COMPRESSIBLE = packaging.COMPRESSIBLE
HASHED = re.compile(r"(?P<stem>.+)\.(?P<digest>[0-9a-f]{10})(?P<suffix>\.\w+)")


def published_files(site: Path) -> list[Path]:
    return [
        path
        for path in site.rglob("*")
        if path.is_file() and path.suffix not in (".gz", ".br") and path.name != "_headers"
    ]


def test_every_text_file_has_compressed_copies_equal_to_it(site):
    """nginx's gzip_static and Caddy's precompressed send these as they are: they must
    hold the same bytes, and carry no name or time (the same from build to build)."""
    checked = 0
    for path in published_files(site):
        if path.suffix not in COMPRESSIBLE:
            assert not path.with_name(path.name + ".gz").exists(), path
            continue
        content = path.read_bytes()
        packed = path.with_name(path.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == content, path
        # RFC 1952: FLG (byte 3) names no file, MTIME (bytes 4-7) is zero.
        assert packed[3] & 0x08 == 0 and packed[4:8] == b"\0\0\0\0", path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == content, path
        checked += 1
    assert checked > len(LANGUAGES) * len(DOCUMENTS)


def test_compression_is_reproducible(tmp_path):
    """The same content compresses to the same bytes, at any time, in any folder."""
    outputs = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        page = folder / "index.html"
        page.write_text("<p>Leave X – Protect Democracy</p>\n" * 50, encoding="utf-8")
        packaging.compress(page, packaging.BROTLI_PAGES)
        outputs.append(
            (page.with_suffix(".html.gz").read_bytes(), page.with_suffix(".html.br").read_bytes())
        )
    assert outputs[0] == outputs[1]


def test_assets_are_named_by_their_content_in_one_shared_folder(site):
    assets = [path for path in published_files(site) if path.parent.name == packaging.ASSETS]
    assert assets
    for path in assets:
        match = HASHED.fullmatch(path.name)
        assert match, f"{path.name}: no content hash in the name"
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:10] == match["digest"], path
    # No language carries copies of Sphinx's static files; nothing that no page loads.
    for language in LANGUAGES:
        assert not (site / language.code / "_static").exists()
        assert not (site / language.code / "_images").exists()
    names = {path.name for path in published_files(site)}
    for unused in ("searchtools.js", "basic.css", "pygments.css", "furo.js", "doctools.js"):
        assert not any(name.startswith(unused.split(".")[0] + ".") for name in names), unused
    loaded = {
        name
        for page in site.rglob("*.html")
        for name in re.findall(rf"{packaging.ASSETS}/([^\"'?#\s]+)", page.read_text("utf-8"))
    }
    assert {path.name for path in assets} == loaded, "every asset is loaded by some page"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_pages_carry_their_own_css_and_load_only_named_assets(site, document):
    for code in ("en", "ar", "ja"):
        soup = soup_of(page_file(site, code, document))
        assert soup.find("link", rel="stylesheet") is None
        styles = soup.find_all("style")
        assert len(styles) == 1 and len(styles[0].string) > 1000
        for element in soup.find_all(["script", "img", "link"]):
            address = element.get("src") or element.get("href") or ""
            if (
                address
                and not address.startswith(("http", "#", "mailto:"))
                and not (element.name == "link" and element.get("rel") != ["icon"])
            ):
                assert f"/{packaging.ASSETS}/" in address, (document, address)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_first_frame_waits_for_the_page_end(site, document):
    """Chromium paints at its parser's first pause unless told what to wait for: a blank
    frame, then the whole page's layout in a long task of its own."""
    for code in ("en", "ar", "ja"):
        soup = soup_of(page_file(site, code, document))
        expectations = [
            link for link in soup.head.find_all("link") if link.get("rel") == ["expect"]
        ]
        assert len(expectations) == 1 and expectations[0].get("blocking") == "render", code
        targets = soup.find_all(id=expectations[0]["href"].removeprefix("#"))
        assert len(targets) == 1, (code, document, expectations[0]["href"])
        end = targets[0]
        following = [
            element.name
            for element in end.find_all_next()
            if element.name != "script" and end not in element.parents
        ]
        assert following == [], f"{code} {document}: after the awaited element: {following}"


def test_headers_file_lets_hosts_cache_assets_and_allows_only_the_pages_scripts(site):
    rules = dict(hosting.read_headers(site))
    assert "immutable" in rules[f"/{packaging.ASSETS}/*"]["Cache-Control"]
    assert "max-age=31536000" in rules[f"/{packaging.ASSETS}/*"]["Cache-Control"]
    policy = rules["/*"]["Content-Security-Policy"]
    for page in site.rglob("*.html"):
        for script in re.findall(r"<script>(.*?)</script>", page.read_text("utf-8"), re.S):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, page
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "default-src 'self'" in policy


def get(origin: str, path: str, encoding: str = "") -> http.client.HTTPResponse:
    host, port = origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    headers = {"Accept-Encoding": encoding} if encoding else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.data = response.read()
    connection.close()
    return response


def test_preview_serves_the_site_as_production_would(site):
    letter = page_file(site, "ar", "letter")
    with LocalSite(site) as local:
        for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
            response = get(local.origin, "/ar/letter/", f"{encoding}, deflate")
            assert response.status == 200
            assert response.getheader("Content-Encoding") == encoding
            assert response.getheader("Vary") == "Accept-Encoding"
            assert decompress(response.data) == letter.read_bytes()
        plain = get(local.origin, "/ar/letter/")
        assert plain.getheader("Content-Encoding") is None and plain.data == letter.read_bytes()
        assert plain.getheader("Content-Type") == "text/html; charset=utf-8"
        assert "script-src" in plain.getheader("Content-Security-Policy")
        assert plain.getheader("Cache-Control") == "public, max-age=0, must-revalidate"

        missing = get(local.origin, "/ar/no/such/page/", "gzip")
        assert missing.status == 404
        assert gzip.decompress(missing.data) == (site / "404.html").read_bytes()
        moved = get(local.origin, "/ar/letter")
        assert (moved.status, moved.getheader("Location")) == (301, "/ar/letter/")
        assert get(local.origin, "/_headers").status == 404, "the hosts' file is not served"

        types = {
            "/sitemap.xml": "xml",
            "/ar/pdf/leavex-letter-ar.pdf": "application/pdf",
            "/ar/cards/letter.png": "image/png",
        }
        asset = next(path for path in (site / packaging.ASSETS).iterdir() if path.suffix == ".js")
        types[f"/{packaging.ASSETS}/{asset.name}"] = "text/javascript"
        for path, expected in types.items():
            response = get(local.origin, path)
            assert response.status == 200 and expected in response.getheader("Content-Type"), path
        # Hosts join the values of a header that several matching rules set.
        cached = get(local.origin, f"/{packaging.ASSETS}/{asset.name}")
        assert cached.getheader("Cache-Control") == "public, max-age=31536000, immutable"
        assert cached.getheader("X-Content-Type-Options") == "nosniff"


WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def test_publishing_workflow_passes_the_workflow_linters():
    """GitHub's workflow schema, and zizmor's audits of what makes Actions unsafe
    (unpinned actions, credentials left in the checkout, broad permissions…)."""
    bin_dir = Path(sys.executable).parent
    schema = subprocess.run(
        [bin_dir / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", WORKFLOW],
        capture_output=True,
        text=True,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    audit = subprocess.run(
        [bin_dir / "zizmor", "--offline", "--no-progress", WORKFLOW],
        capture_output=True,
        text=True,
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "run: make\n" in text, "the workflow builds with the README's command"
    assert "path: build/site" in text


@pytest.mark.fast
def test_workflow_linters_catch_an_unsafe_workflow(tmp_path):
    """The linters are not lenient: an unpinned action and a script injection fail."""
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        WORKFLOW.read_text(encoding="utf-8")
        .replace("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "actions/checkout@v4")
        .replace("run: make\n", 'run: make && echo "${{ github.event.head_commit.message }}"\n'),
        encoding="utf-8",
    )
    audit = subprocess.run(
        [Path(sys.executable).parent / "zizmor", "--offline", "--no-progress", unsafe],
        capture_output=True,
        text=True,
    )
    assert audit.returncode != 0
    assert "unpinned" in audit.stdout + audit.stderr
    assert "template-injection" in audit.stdout + audit.stderr


# -- Each page's CSS: the rules its markup can use ---------------------------------------

SHEET = """
:root { --used: red; --unused: blue; --chain: var(--used); }
.kept { color: var(--chain); }
.absent { color: green; }
ul .item:hover { color: var(--used); }
p > .item { margin: 0.5rem; }
#__toc:checked ~ .drawer { left: 0; }
.scrolled { box-shadow: none !important; }
.mobile-header.scrolled { border: 0; }
@media (max-width: 40em) { .absent { display: none; } .kept { display: block; } }
@keyframes spin { from { transform: rotate(0); } }
@keyframes unused { from { opacity: 0; } }
.spinner { animation: spin 1s; }
"""


@pytest.mark.fast
@pytest.mark.parametrize(
    ("html", "kept", "dropped"),
    [
        ('<p class="kept"></p>', [".kept{color:var(", "@media"], [".absent", "display:none"]),
        # Tested by structure: .item is in the page, but not inside a ul.
        ('<p><span class="item"></span></p>', ["p>.item{margin:.5rem}"], ["ul .item"]),
        # What the reader does (:hover, :checked) is not in the markup: kept on structure.
        ('<ul><li class="item"></li></ul>', ["ul .item:hover"], ["p>.item"]),
        ('<input id="__toc"><div class="drawer"></div>', ["#__toc:checked~.drawer"], []),
        # What scripts add is kept where the page has what they act on.
        ('<header class="mobile-header"></header>', [".mobile-header.scrolled"], []),
        ('<header class="other"></header>', [], [".scrolled"]),
        ('<i class="spinner"></i>', ["@keyframes spin", ".spinner"], ["@keyframes unused"]),
    ],
)
def test_a_page_gets_the_rules_its_markup_can_use(html, kept, dropped):
    css = stylesheets.page_css([SHEET], f"<html><body>{html}</body></html>")
    for text in kept:
        assert text in css, (text, css)
    for text in dropped:
        assert text not in css, (text, css)


@pytest.mark.fast
def test_unused_custom_properties_are_dropped_and_the_rest_renamed_short():
    css = stylesheets.page_css([SHEET], '<html><body><p class="kept"></p></body></html>')
    # --used and --chain are read (through .kept); --unused is not.
    assert css.startswith(":root{--a:red;--b:var(--a)}.kept{color:var(--b)}"), css
    assert "blue" not in css
