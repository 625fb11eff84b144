/* The site's script, deferred, on every page. Nothing here asks anything of another host
   until the reader clicks. Its parts:
   - Furo's page behaviour, as furo.js has it (theme toggle, header and back-to-top on
     scroll, the table of contents following the reading), in a tenth of its size;
   - remembering the language a reader picks;
   - sharing a page.
   What only some pages use comes in scripts of its own, loaded by those pages before
   this one: talk.js (the talk's player), letter.js (the letter's text, to copy or send). */
"use strict";

/* -- Furo's page behaviour --------------------------------------------------------- */
(() => {
  // The no-js class is gone already: the body's first script removes it (base.html).
  const setTheme = (mode) => {
    document.body.dataset.theme = mode;
    try {
      localStorage.setItem("theme", mode);
    } catch (error) {
      /* storage disabled: the choice lasts for this page */
    }
  };
  // Auto, then the other scheme, then the same one: three states, as in Furo.
  const cycleTheme = () => {
    const current = document.body.dataset.theme || "auto";
    const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
    const order = dark ? ["auto", "light", "dark"] : ["auto", "dark", "light"];
    setTheme(order[(order.indexOf(current) + 1) % order.length]);
  };
  document.querySelectorAll(".theme-toggle").forEach((button) => {
    button.addEventListener("click", cycleTheme);
  });

  const header = document.querySelector("header");
  // Not window.scrollY: reading it here would lay the page out before its first paint.
  let lastY = 0;
  let ticking = false;
  const onScroll = () => {
    const y = window.scrollY;
    header.classList.toggle("scrolled", y > 0);
    const root = document.documentElement.classList;
    if (y < 64) root.remove("show-back-to-top");
    else if (y < lastY) root.add("show-back-to-top");
    else if (y > lastY) root.remove("show-back-to-top");
    lastY = y;
    ticking = false;
  };
  window.addEventListener("scroll", () => {
    if (!ticking) window.requestAnimationFrame(onScroll);
    ticking = true;
  });

  // The table of contents marks the section being read.
  const links = [...document.querySelectorAll(".toc-tree a[href^='#']")];
  const sections = links.map((link) => document.getElementById(link.hash.slice(1)));
  if (links.length && "IntersectionObserver" in window) {
    const visible = new Set();
    const observer = new IntersectionObserver((entries) => {
      entries.forEach((entry) => {
        if (entry.isIntersecting) visible.add(entry.target);
        else visible.delete(entry.target);
      });
      const current = sections.find((section) => visible.has(section));
      links.forEach((link, index) => {
        link.parentElement.classList.toggle("scroll-current", sections[index] === current);
      });
    });
    sections.forEach((section) => section && observer.observe(section));
  }
})();

/* -- The language a reader picks, for the site's front door ------------------------ */
// A link's language is the folder it leads to: "../../pt/essay/" is pt.
document.querySelectorAll(".language-switcher a[hreflang]").forEach((link) => {
  link.addEventListener("click", () => {
    const code = link.getAttribute("href").replace(/^(\.\.\/)+/, "").split("/")[0];
    try {
      localStorage.setItem("leavex-language", code);
    } catch (error) {
      /* storage disabled: the choice is simply not remembered */
    }
  });
});

/* -- Sharing a page ------------------------------------------------------------------ */
(() => {
  const SERVER_KEY = "leavex-mastodon-server";
  const reveal = (element) => {
    if (element) element.hidden = false;
  };
  const say = (control, message) => {
    const status = control.closest("section").querySelector(".action-status");
    if (status) status.textContent = message;
  };
  // What a button copies is in its data-copy-text (letter.js puts the letter's there).
  document.querySelectorAll("button.copy-text").forEach((button) => {
    // No clipboard, or nothing to copy: the button stays hidden.
    if (!navigator.clipboard || button.dataset.copyText === undefined) return;
    reveal(button.closest(".js-only"));
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copyText);
        say(button, button.dataset.done);
      } catch (error) {
        say(button, button.dataset.failed);
      }
    });
  });

  const native = document.querySelector(".share-native button");
  if (native && navigator.share) {
    reveal(native.parentElement);
    native.addEventListener("click", () => {
      navigator.share({ title: native.dataset.title, url: native.dataset.url }).catch(() => {
        /* the reader closed the share sheet */
      });
    });
  }

  const mastodon = document.querySelector("button.share-mastodon");
  const dialog = document.querySelector("dialog.mastodon-dialog");
  const forget = document.querySelector("button.mastodon-forget");
  if (!mastodon || !dialog || !dialog.showModal) return;
  const remembered = () => {
    try {
      return localStorage.getItem(SERVER_KEY);
    } catch (error) {
      return null; // storage disabled: ask each time
    }
  };
  const remember = (server) => {
    try {
      if (server) localStorage.setItem(SERVER_KEY, server);
      else localStorage.removeItem(SERVER_KEY);
    } catch (error) {
      /* storage disabled */
    }
    forget.hidden = !remembered();
  };
  // "https://mastodon.social/", "@me@mastodon.social" and "mastodon.social" name one server.
  const serverName = (typed) => {
    const name = typed.trim().replace(/^https?:\/\//i, "").split("/")[0].split("@").pop();
    return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(name) ? name.toLowerCase() : "";
  };
  const share = (server) => {
    const text = encodeURIComponent(mastodon.dataset.text);
    window.open(`https://${server}/share?text=${text}`, "_blank", "noopener");
  };
  const input = dialog.querySelector("input");
  reveal(mastodon.closest(".js-only"));
  forget.hidden = !remembered();
  mastodon.addEventListener("click", () => {
    const server = remembered();
    if (server) share(server);
    else dialog.showModal();
  });
  // A name that is not a server's is refused in the dialog, with the hint as the reason.
  dialog.querySelector("form").addEventListener("submit", (event) => {
    const sharing = event.submitter && event.submitter.value === "share";
    const hint = dialog.querySelector("p").textContent;
    input.setCustomValidity(sharing && !serverName(input.value) ? hint : "");
    if (sharing && !input.reportValidity()) event.preventDefault();
  });
  input.addEventListener("input", () => input.setCustomValidity(""));
  dialog.addEventListener("close", () => {
    const server = serverName(input.value);
    if (dialog.returnValue !== "share" || !server) return;
    remember(server);
    share(server);
  });
  forget.addEventListener("click", () => {
    remember(null);
    input.value = "";
    dialog.showModal();
  });
})();
