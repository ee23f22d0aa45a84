// The rich-text editor (django-prose-editor) in Vietnamese. Its dialogs ask `window.gettext`,
// which it reads once when its module loads (after this classic script): we answer for it.
// Its block menu ("Paragraph", "Heading 2") and its toolbar's tooltips and button names ("bold",
// "undo") are not translatable there, so those are renamed as the menu is built.
(function () {
  "use strict";
  var VI = {
    "Add caption": "Thêm chú thích",
    "Alternative Text": "Mô tả ảnh (alt)",
    "Browse...": "Chọn tệp…",
    "Bullets": "Dấu đầu dòng",
    "Cancel": "Huỷ",
    "Caption": "Chú thích",
    "Columns": "Số cột",
    "Decimal numbers": "Số thứ tự 1, 2, 3",
    "Edit Figure": "Sửa ảnh",
    "Edit HTML": "Sửa mã HTML",
    "Edit Image": "Sửa ảnh",
    "Edit Link": "Sửa liên kết",
    "Image URL": "Địa chỉ ảnh",
    "Include header row": "Có hàng tiêu đề",
    "Insert": "Chèn",
    "Insert Figure": "Chèn ảnh",
    "Insert Table": "Chèn bảng",
    "List properties": "Thuộc tính danh sách",
    "List type": "Kiểu danh sách",
    "Lowercase Roman numerals": "Số La Mã thường",
    "Lowercase letters": "Chữ cái thường",
    "Open in new window": "Mở trong cửa sổ mới",
    "Prettify": "Định dạng lại",
    "Remove caption": "Bỏ chú thích",
    "Rows": "Số hàng",
    "Start at": "Bắt đầu từ",
    "Table Properties": "Thuộc tính bảng",
    "The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema.":
      "Mã HTML của nội dung. Chỉ những thẻ trình soạn thảo cho phép được giữ lại.",
    "Title": "Tiêu đề liên kết",
    "Toggle fullscreen": "Bật/tắt toàn màn hình",
    "URL": "Địa chỉ (URL)",
    "Update": "Cập nhật",
    "Uppercase Roman numerals": "Số La Mã hoa",
    "Uppercase letters": "Chữ cái hoa",
    "Paragraph": "Đoạn văn",
    "Code block": "Khối mã",
    "Styles": "Kiểu chữ",
    // The toolbar's buttons: their tooltip and the name screen readers announce.
    "paragraph": "Đoạn văn",
    "unordered list": "Danh sách dấu đầu dòng",
    "ordered list": "Danh sách đánh số",
    "blockquote": "Trích dẫn",
    "horizontal rule": "Đường kẻ ngang",
    "figure": "Chèn ảnh",
    "bold": "Chữ đậm",
    "italic": "Chữ nghiêng",
    "underline": "Gạch chân",
    "strike": "Gạch ngang",
    "subscript": "Chỉ số dưới",
    "superscript": "Chỉ số trên",
    "insert link": "Chèn liên kết",
    "remove link": "Bỏ liên kết",
    "Insert table": "Chèn bảng",
    "Add column": "Thêm cột",
    "Delete column": "Xoá cột",
    "Add row": "Thêm hàng",
    "Delete row": "Xoá hàng",
    "Merge cells": "Gộp ô",
    "Split cell": "Tách ô",
    "Toggle header cell": "Bật/tắt ô tiêu đề",
    "Delete table": "Xoá bảng",
    "undo": "Hoàn tác",
    "redo": "Làm lại",
    "edit HTML": "Sửa mã HTML",
  };

  function vietnamese(text) {
    var heading = /^heading (\d)$/i.exec(text);
    if (heading) return "Tiêu đề " + heading[1];
    return Object.prototype.hasOwnProperty.call(VI, text) ? VI[text] : null;
  }
  var original = window.gettext;
  window.gettext = function (text) {
    if (Object.prototype.hasOwnProperty.call(VI, text)) return VI[text];
    return original ? original(text) : text;
  };

  function rename(node) {
    if (node.nodeType !== 1) return;
    var candidates = node.matches(".prose-menubar *") ? [node] : [];
    node.querySelectorAll(".prose-menubar *").forEach(function (el) { candidates.push(el); });
    candidates.forEach(function (el) {
      // Not an icon's text: "undo", "subscript" … are the icon font's ligatures.
      if (el.children.length === 0 && !el.classList.contains("material-icons")) {
        var text = vietnamese(el.textContent);
        if (text) el.textContent = text;
      }
      ["title", "aria-label"].forEach(function (attribute) {
        var value = el.getAttribute(attribute);
        var text = value && vietnamese(value);
        if (text) el.setAttribute(attribute, text);
      });
    });
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) { mutation.addedNodes.forEach(rename); });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
