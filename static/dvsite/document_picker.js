// "Văn bản trích dẫn" on the post form: search the registry by any loose number or words
// (core/combobox.js) and add the chosen documents as checked boxes (unchecking one drops the
// citation).
(function () {
  "use strict";

  function setUp(root) {
    var search = root.querySelector(".document-picker-search");
    var results = root.querySelector(".document-picker-results");
    var chosen = root.querySelector(".document-picker-chosen");
    var status = root.querySelector(".document-picker-status");
    var box = window.dvCombobox(search, results, {
      url: root.dataset.suggest,
      delay: 200,
      query: function () {
        var query = search.value.trim();
        return query.length < 2 ? "" : query;
      },
      label: function (doc) { return doc.label; },
      shown: function (docs) {
        status.textContent = docs.length
          ? docs.length + " văn bản tìm được."
          : "Không tìm thấy văn bản nào.";
      },
      choose: choose,
      enter: function (doc) {
        // The highlighted document, else the first one found.
        var first = box.first();
        if (doc !== null) choose(doc);
        else if (first) choose(first.result);
      },
    });

    function choose(doc) {
      if (chosen.querySelector('input[value="' + doc.id + '"]') === null) {
        var item = document.createElement("li");
        var label = document.createElement("label");
        var check = document.createElement("input");
        check.type = "checkbox";
        check.name = root.dataset.name;
        check.value = doc.id;
        check.checked = true;
        label.append(check, " " + doc.label);
        item.appendChild(label);
        chosen.appendChild(item);
      }
      status.textContent = "Đã chọn: " + doc.label;
      search.value = "";
      box.close();
      search.focus();
    }
  }

  function init() {
    document.querySelectorAll("[data-document-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
