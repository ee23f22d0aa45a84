// Topic tags field: suggestions from existing topics; a comma or Enter ends a tag, a space never
// does ("Dân vận khéo" is one topic). No inline script: the admin's CSP allows none.
(function () {
  "use strict";

  function currentPart(value) {
    var parts = value.split(",");
    return parts[parts.length - 1].trim();
  }

  function replaceCurrent(input, name) {
    var parts = input.value.split(",");
    parts[parts.length - 1] = " " + name;
    input.value = parts.join(",").replace(/^\s+/, "") + ", ";
  }

  function setUp(input) {
    var list = document.createElement("ul");
    var active = -1;
    var timer = null;
    list.id = input.id + "-goi-y";
    list.className = "tag-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Chủ đề có sẵn");
    list.hidden = true;
    input.after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(name) {
      replaceCurrent(input, name);
      close();
      input.focus();
    }

    function highlight(index) {
      var items = list.children;
      if (!items.length) return;
      active = (index + items.length) % items.length;
      for (var i = 0; i < items.length; i++) {
        items[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function show(names) {
      close();
      if (!names.length) return;
      names.forEach(function (name, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = name;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(name);
        });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchSuggestions() {
      var query = currentPart(input.value);
      if (!query) return close();
      var url = input.dataset.tagSuggest + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (currentPart(input.value) === query) show(data.results || []);
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !list.hidden) {
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === "ArrowUp" && !list.hidden) {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter") {
        // Enter never submits the form from here: it picks a suggestion or ends the tag.
        event.preventDefault();
        if (active >= 0 && list.children[active]) {
          choose(list.children[active].textContent);
        } else if (currentPart(input.value)) {
          input.value = input.value.replace(/\s+$/, "") + ", ";
          close();
        }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function init() {
    document.querySelectorAll("input[data-tag-suggest]").forEach(function (input) {
      if (input.dataset.tagSuggest) setUp(input);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
