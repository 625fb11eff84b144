/* The letter page's actions (docs/_templates/leavex/letter-actions.html), deferred, before
   leavex.js: the letter's text, read from the page, for the copy button (leavex.js copies
   a button's data-copy-text) and for the e-mail. */
"use strict";

(() => {
  // The letter as plain text: its title, paragraphs, numbered items and dateline; not
  // the notices for the site's readers, nor what the site adds.
  const words = (element) => element.textContent.replace(/\s+/g, " ").trim();
  const blocks = [];
  const letter = document.querySelector("article > section");
  for (const element of letter ? letter.children : []) {
    if (element.matches("h1")) {
      const title = element.cloneNode(true);
      title.querySelectorAll(".headerlink").forEach((link) => link.remove());
      blocks.push(words(title));
    } else if (element.matches("ol, ul")) {
      const start = Number(element.getAttribute("start") || 1);
      const items = [...element.children].map((item, index) =>
        element.matches("ol") ? `${start + index}. ${words(item)}` : `– ${words(item)}`,
      );
      blocks.push(items.join("\n"));
    } else if (!element.matches(".admonition, section, .print-download") && words(element)) {
      blocks.push(words(element));
    }
  }
  const text = blocks.join("\n\n");

  document.querySelectorAll("button[data-copy='letter']").forEach((button) => {
    button.dataset.copyText = text;
  });
  // The e-mail with the whole letter (RFC 6068: CRLF line breaks). Without JavaScript
  // the link carries the subject and the letter's address only.
  document.querySelectorAll("a[data-mailto-body]").forEach((link) => {
    const body = `${link.dataset.mailtoUrl}\n\n${text}`;
    link.href =
      `mailto:?subject=${encodeURIComponent(link.dataset.mailtoSubject)}` +
      `&body=${encodeURIComponent(body.replace(/\r?\n/g, "\r\n"))}`;
  });
})();
