// Phone menu: the button only appears when this script runs, so without JS the menu stays open.
// Enter or Space on the button opens it (a real <button>); Escape closes it from the button or
// from any link inside, and focus goes back to the button.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (!toggle || !nav) return;
    toggle.hidden = false;
    function isOpen() {
      return toggle.getAttribute("aria-expanded") === "true";
    }
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(!isOpen());
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !isOpen()) return;
      if (event.target === toggle || nav.contains(event.target)) {
        setOpen(false);
        toggle.focus();
      }
    });
  });
})();

// Filters folded in a <details data-open-wide> on phones (results first) stand open on wide
// screens, where they sit beside the results.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("details[data-open-wide]");
    if (!boxes.length || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 960px)");
    function apply() {
      for (var i = 0; i < boxes.length; i++) if (wide.matches) boxes[i].open = true;
    }
    apply();
    if (wide.addEventListener) wide.addEventListener("change", apply);
  });
})();
