// "Văn bản trích dẫn" on the post form: search the registry by any loose number or words and
// add the chosen documents as checked boxes (unchecking one drops the citation).
(function () {
  "use strict";

  function setUp(root) {
    var search = root.querySelector(".document-picker-search");
    var results = root.querySelector(".document-picker-results");
    var chosen = root.querySelector(".document-picker-chosen");
    var status = root.querySelector(".document-picker-status");
    var name = root.dataset.name;
    var active = -1;
    var timer = null;

    function close() {
      results.hidden = true;
      results.replaceChildren();
      active = -1;
      search.setAttribute("aria-expanded", "false");
      search.removeAttribute("aria-activedescendant");
    }

    function isChosen(id) {
      return chosen.querySelector('input[value="' + id + '"]') !== null;
    }

    function choose(doc) {
      if (!isChosen(doc.id)) {
        var item = document.createElement("li");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = doc.id;
        box.checked = true;
        label.append(box, " " + doc.label);
        item.appendChild(label);
        chosen.appendChild(item);
      }
      status.textContent = "Đã chọn: " + doc.label;
      search.value = "";
      close();
      search.focus();
    }

    function highlight(index) {
      var items = results.children;
      if (!items.length) return;
      active = (index + items.length) % items.length;
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      search.setAttribute("aria-activedescendant", items[active].id);
    }

    function show(docs) {
      close();
      if (!docs.length) {
        status.textContent = "Không tìm thấy văn bản nào.";
        return;
      }
      docs.forEach(function (doc, i) {
        var item = document.createElement("li");
        item.id = results.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.id = doc.id;
        item.textContent = doc.label;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(doc);
        });
        results.appendChild(item);
      });
      results.hidden = false;
      search.setAttribute("aria-expanded", "true");
      status.textContent = docs.length + " văn bản tìm được.";
    }

    function lookUp() {
      var query = search.value.trim();
      if (query.length < 2) return close();
      var url = root.dataset.suggest + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (search.value.trim() === query) show(data.results || []);
        })
        .catch(close);
    }

    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 200);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !results.hidden) {
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === "ArrowUp" && !results.hidden) {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter") {
        event.preventDefault(); // never submits the post form from the search box
        var item = results.children[active >= 0 ? active : 0];
        if (item && !results.hidden) choose({ id: item.dataset.id, label: item.textContent });
      }
    });
    search.addEventListener("blur", function () { setTimeout(close, 100); });
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
