// Pictures in the body: a "Chèn ảnh từ thư viện" button under each rich-text editor of the
// post form opens the media library; choosing a picture inserts it as a figure with its alt
// text and caption. Uploading opens the library's own form. No inline script (admin CSP).
(function () {
  "use strict";

  function settings() {
    return document.querySelector("[data-picture-library]");
  }

  function figureHtml(picture) {
    var figure = document.createElement("figure");
    var img = document.createElement("img");
    img.src = picture.url;
    img.alt = picture.alt;
    figure.appendChild(img);
    if (picture.caption) {
      var caption = document.createElement("figcaption");
      caption.textContent = picture.caption;
      figure.appendChild(caption);
    }
    return figure.outerHTML;
  }

  function setUp(editor, textarea) {
    var config = settings();
    if (!config) return;
    var panelId = textarea.id + "-thu-vien-anh";
    var bar = document.createElement("div");
    bar.className = "body-pictures";
    var open = document.createElement("button");
    open.type = "button";
    open.className = "button body-pictures-open";
    open.textContent = "Chèn ảnh từ thư viện";
    open.setAttribute("aria-expanded", "false");
    open.setAttribute("aria-controls", panelId);
    var panel = document.createElement("div");
    panel.id = panelId;
    panel.className = "body-pictures-panel";
    panel.hidden = true;
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "Thư viện ảnh");
    var search = document.createElement("input");
    search.type = "search";
    search.className = "vTextField";
    search.placeholder = "Tìm theo mô tả hoặc chú thích";
    search.setAttribute("aria-label", "Tìm ảnh trong thư viện");
    var upload = document.createElement("a");
    upload.href = config.dataset.pictureAdd;
    upload.target = "_blank";
    upload.rel = "noopener";
    upload.textContent = "Tải ảnh mới lên thư viện (mở trang mới)";
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "button";
    reload.textContent = "Tải lại danh sách";
    var list = document.createElement("ul");
    list.className = "body-pictures-list";
    var status = document.createElement("p");
    status.className = "help";
    status.setAttribute("role", "status");
    panel.append(search, reload, upload, status, list);
    bar.append(open, panel);
    var container = textarea.closest(".prose-editor") || textarea;
    container.after(bar);

    function load() {
      var url = config.dataset.pictureLibrary + "?q=" + encodeURIComponent(search.value.trim());
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { show(data.results || []); })
        .catch(function () { status.textContent = "Không tải được thư viện ảnh."; });
    }

    function show(pictures) {
      list.replaceChildren();
      status.textContent = pictures.length
        ? pictures.length + " ảnh. Chọn một ảnh để chèn vào nội dung."
        : "Chưa có ảnh nào phù hợp. Hãy tải ảnh mới lên thư viện.";
      pictures.forEach(function (picture) {
        var item = document.createElement("li");
        var choose = document.createElement("button");
        choose.type = "button";
        choose.className = "body-pictures-choice";
        var thumb = document.createElement("img");
        thumb.src = picture.thumb;
        thumb.alt = "";
        thumb.width = 120;
        var label = document.createElement("span");
        label.textContent = picture.alt;
        choose.append(thumb, label);
        choose.addEventListener("click", function () {
          editor.chain().focus().insertContent(figureHtml(picture)).run();
          status.textContent = "Đã chèn ảnh: " + picture.alt;
          panel.hidden = true;
          open.setAttribute("aria-expanded", "false");
          open.focus();
        });
        item.appendChild(choose);
        list.appendChild(item);
      });
    }

    open.addEventListener("click", function () {
      panel.hidden = !panel.hidden;
      open.setAttribute("aria-expanded", panel.hidden ? "false" : "true");
      if (!panel.hidden) {
        load();
        search.focus();
      }
    });
    reload.addEventListener("click", load);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // searches, never submits the post form
        load();
      }
    });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var textarea = event.detail && event.detail.textarea;
    if (textarea && textarea.name === "body") setUp(event.detail.editor, textarea);
  });
})();
