"""Facts survive translation: every number of the English (dates, 3,230, section numbers)
is in each translation, whatever its digit grouping or digits; names stay unchanged."""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import DOCUMENTS, TRANSLATED, messages

pytestmark = pytest.mark.fast

# Digits with the separators languages group them by (3,230 · 3.230 · 3 230 · 3 230).
NUMBER = re.compile(r"\d(?:[\d]|[,.\u00a0\u202f\u2009 ](?=\d{3}(?!\d)))*")
NAMES = ("#LeaveX", "X/Twitter", "Elon Musk", "Mike Kuketz", "Mastodon", "Bluesky", "GitHub")


def numbers(text: str) -> set[int]:
    ascii_digits = "".join(
        str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text
    )
    return {int(re.sub(r"\D", "", match)) for match in NUMBER.findall(ascii_digits)}


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda lang: lang.code)
def test_numbers_and_names_are_kept(language):
    for document in DOCUMENTS:
        for message in messages(language.code, document):
            missing = numbers(message.id) - numbers(message.text)
            assert not missing, f"{language.code}/{document}: {missing} lost in {message.text!r}"
            for name in NAMES:
                if name in message.id:
                    assert name in message.text.replace("\u200e", ""), (
                        f"{language.code}/{document}: {name} changed in {message.text!r}"
                    )


def test_number_reading():
    assert numbers("3,230 signatures on 6 January 2025") == {3230, 6, 2025}
    assert numbers("3 230 · 3.230 · 3\u00a0230 · 3230") == {3230}
    assert numbers("٣٢٣٠ توقيعًا") == {3230}
    assert numbers("2025年1月6日") == {2025, 1, 6}
