// The rich-text editor's editable area gets the name of its field ("Nội dung"), so screen
// readers announce what it is (the editor leaves it unnamed).
(function () {
  "use strict";
  document.addEventListener("prose-editor:ready", function (event) {
    var detail = event.detail || {};
    var textarea = detail.textarea;
    var editor = detail.editor;
    if (!textarea || !editor || !editor.view) return;
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    var name = label ? label.textContent.replace(/[:*]\s*$/, "").trim() : textarea.name;
    editor.view.dom.setAttribute("aria-label", name);
  });
})();
