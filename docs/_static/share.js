/* Sharing a page and sending the letter, for readers with JavaScript: the device's share
   sheet where the browser has one, copy buttons, and Mastodon through the reader's own
   server (asked once, remembered on this device only). The e-mail and Bluesky links need
   none of this. Nothing is requested from another host until the reader clicks. */
"use strict";
(() => {
  const SERVER_KEY = "leavex-mastodon-server";
  const reveal = (element) => {
    if (element) element.hidden = false;
  };
  const say = (control, message) => {
    const status = control.closest("section").querySelector(".action-status");
    if (status) status.textContent = message;
  };

  document.querySelectorAll("button.copy-text").forEach((button) => {
    if (!navigator.clipboard) return; // no clipboard: the button stays hidden
    reveal(button.closest(".js-only"));
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      const text = (source.content || source).textContent;
      try {
        await navigator.clipboard.writeText(text);
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
  reveal(mastodon.closest(".js-only"));
  forget.hidden = !remembered();
  mastodon.addEventListener("click", () => {
    const server = remembered();
    if (server) share(server);
    else dialog.showModal();
  });
  const input = dialog.querySelector("input");
  // A name that is not a server's is refused in the dialog, with the hint as the reason.
  dialog.querySelector("form").addEventListener("submit", (event) => {
    const sharing = event.submitter && event.submitter.value === "share";
    input.setCustomValidity(sharing && !serverName(input.value) ? dialog.querySelector("p").textContent : "");
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
