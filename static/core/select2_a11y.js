// The admin's search-as-you-type pickers (autocomplete fields: units, …) get the name of
// their field, so screen readers announce what the search box is for: select2 leaves the
// box of a many-choice picker unnamed. Boxes appear when the picker starts and when it
// opens, so new ones are named as they come.
(function () {
  "use strict";

  function labelFor(box) {
    var container = box.closest(".select2-container");
    var select = container && container.previousElementSibling;
    if (!select || !select.id) return "";
    var label = document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/[:*]\s*$/, "").trim() : "";
  }

  function nameBoxes() {
    document.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (box) {
      var name = labelFor(box);
      box.setAttribute("aria-label", name ? "Tìm " + name.toLowerCase() : "Tìm");
    });
  }

  function start() {
    nameBoxes();
    new MutationObserver(nameBoxes).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
