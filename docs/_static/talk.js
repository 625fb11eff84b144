/* The talk (leavex/talk.py): a local poster until the reader presses play; only then is
   the youtube-nocookie.com player loaded. Deferred, on pages with a talk. */
"use strict";

document.querySelectorAll("figure.talk[data-embed]").forEach((figure) => {
  const link = figure.querySelector("a.talk-poster");
  if (!link) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  // The accessible name starts with what the button does, then the title it shows.
  const action = document.createElement("span");
  action.className = "visually-hidden";
  action.textContent = `${figure.dataset.playLabel}: `;
  button.append(action, ...link.childNodes);
  link.replaceWith(button);
  button.addEventListener("click", () => {
    const player = document.createElement("iframe");
    player.className = "talk-player";
    player.src = figure.dataset.embed;
    player.title = figure.dataset.title;
    player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    player.referrerPolicy = "strict-origin-when-cross-origin";
    player.allowFullscreen = true;
    button.replaceWith(player);
    player.focus();
  });
});

