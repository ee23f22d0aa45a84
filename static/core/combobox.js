// A text box with a list of suggestions under it (the WAI-ARIA combobox pattern), shared by the
// topic tags field (tag_input.js) and the document picker (dvsite/document_picker.js):
// suggestions fetched as JSON `{results: [...]}` while typing, arrow keys to move, Escape to
// close, a click or Enter to choose. Enter never submits the admin form from the box.
// No inline script: the admin's CSP allows none.
window.dvCombobox = function (input, list, options) {
  "use strict";
  var active = -1;
  var timer = null;

  list.setAttribute("role", "listbox");
  list.hidden = true;
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

  function highlight(index) {
    var items = list.children;
    if (!items.length) return;
    active = (index + items.length) % items.length;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function show(results) {
    close();
    options.shown(results);
    if (!results.length) return;
    results.forEach(function (result, i) {
      var item = document.createElement("li");
      item.id = list.id + "-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.textContent = options.label(result);
      item.result = result;
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        options.choose(result);
      });
      list.appendChild(item);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function lookUp() {
    var query = options.query();
    if (!query) return close();
    fetch(options.url + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        if (options.query() === query) show(data.results || []);
      })
      .catch(close);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, options.delay);
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
      event.preventDefault();
      var item = list.hidden ? null : list.children[active];
      options.enter(item ? item.result : null);
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });

  return { close: close, first: function () { return list.hidden ? null : list.children[0]; } };
};
