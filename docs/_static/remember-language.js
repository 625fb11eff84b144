/* Remember the language a reader picks in the switcher, for the site's front door. */
"use strict";
document.querySelectorAll(".language-switcher a[data-code]").forEach((link) => {
  link.addEventListener("click", () => {
    try {
      localStorage.setItem("leavex-language", link.dataset.code);
    } catch (e) {
      /* storage disabled: the choice is simply not remembered */
    }
  });
});
