// /don-vi/: filter the units as you type, over current and former names, without accents
// ("moc bac" finds "xã Mộc Bắc (cũ)"). Each word typed must start a word of the unit's names
// (data-names holds them folded by the server, core.text.fold). Without this script the box
// is a plain GET form that the server answers the same way.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("[data-unit-filter]");
    var status = document.getElementById("unit-count");
    if (!input) return;
    var items = Array.prototype.slice.call(document.querySelectorAll(".unit-item"));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".unit-group"));
    var timer = null;

    function apply() {
      var wanted = words(input.value);
      var shown = 0;
      items.forEach(function (item) {
        var names = item.getAttribute("data-names") || "";
        var match = wanted.every(function (word) { return names.indexOf(" " + word) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".unit-item:not([hidden])");
      });
      if (!wanted.length) status.textContent = "";
      else if (shown) status.textContent = "Tìm thấy " + shown + " đơn vị.";
      else status.textContent = "Không tìm thấy đơn vị nào.";
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 120);
    });
  });
})();
