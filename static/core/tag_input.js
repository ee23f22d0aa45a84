// Topic tags field: suggestions from existing topics (combobox.js); a comma or Enter ends a tag,
// a space never does ("Dân vận khéo" is one topic).
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
    list.id = input.id + "-goi-y";
    list.className = "tag-suggestions";
    list.setAttribute("aria-label", "Chủ đề có sẵn");
    input.after(list);
    var box = window.dvCombobox(input, list, {
      url: input.dataset.tagSuggest,
      delay: 150,
      query: function () { return currentPart(input.value); },
      label: function (name) { return name; },
      shown: function () {},
      choose: choose,
      enter: function (name) {
        // Enter picks the highlighted suggestion or ends the tag being typed.
        if (name !== null) {
          choose(name);
        } else if (currentPart(input.value)) {
          input.value = input.value.replace(/\s+$/, "") + ", ";
          box.close();
        }
      },
    });

    function choose(name) {
      replaceCurrent(input, name);
      box.close();
      input.focus();
    }
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
