/* Comments on drafts in the change form (core/comments.py): write one, on the whole item or on
 * the passage selected in the text, reply, mark "đã giải quyết". The list is drawn from the
 * server's JSON with textContent only (a comment is never HTML). No inline script or style. */
(function () {
  "use strict";
  // Loaded in the head with the form's media: start once the form is there.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  function start() {
  var box = document.getElementById("desk-comments");
  if (!box) return;
  var url = box.dataset.commentsUrl;
  var list = document.getElementById("desk-comment-list");
  var body = document.getElementById("desk-comment-body");
  var preview = document.getElementById("desk-quote-preview");
  var status = document.getElementById("desk-comment-status");
  var quote = "";
  var form = box.closest("form");

  function csrf() {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(pairs) {
    var data = new URLSearchParams();
    pairs.forEach(function (p) { data.append(p[0], p[1]); });
    return fetch(url, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: {"X-CSRFToken": csrf(), "Accept": "application/json"}, body: data
    }).then(function (response) {
      if (response.type === "opaqueredirect") throw new Error("Phiên đăng nhập đã hết: hãy đăng nhập lại.");
      return response.json().then(function (json) {
        if (!response.ok) throw new Error(json.error || "Không gửi được góp ý.");
        return json;
      });
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function head(c) {
    var p = el("p");
    p.append(el("strong", "", c.author || "–"), " ", el("span", "desk-when", c.at));
    return p;
  }

  function draw(comments) {
    list.replaceChildren();
    if (!comments.length) { list.append(el("li", "desk-comment-empty", "Chưa có góp ý nào.")); return; }
    comments.forEach(function (c) {
      var li = el("li", "desk-comment" + (c.resolved ? " is-resolved" : ""));
      if (c.quote) li.append(el("blockquote", "desk-quote", c.quote));
      var h = head(c);
      if (c.resolved) h.append(" ", el("span", "desk-resolved", "Đã giải quyết"));
      li.append(h, el("p", "desk-body", c.body));
      c.replies.forEach(function (r) {
        var reply = el("div", "desk-reply");
        reply.append(head(r), el("p", "desk-body", r.body));
        li.append(reply);
      });
      var replyBox = el("textarea");
      replyBox.rows = 2; replyBox.cols = 50; replyBox.dataset.deskIgnore = "1";
      replyBox.setAttribute("aria-label", "Trả lời góp ý");
      var replyButton = el("button", "button", "Trả lời");
      replyButton.type = "button";
      replyButton.addEventListener("click", function () {
        act([["action", "add"], ["body", replyBox.value], ["parent", c.id]]);
      });
      var resolve = el("button", "button", c.resolved ? "Mở lại" : "Đã giải quyết");
      resolve.type = "button";
      resolve.addEventListener("click", function () {
        act([["action", c.resolved ? "reopen" : "resolve"], ["comment", c.id]]);
      });
      var row = el("div", "desk-comment-actions");
      row.append(replyBox, replyButton, resolve);
      li.append(row);
      list.append(li);
    });
  }

  function act(pairs) {
    return send(pairs).then(function (json) {
      draw(json.comments);
      status.textContent = "Đã cập nhật góp ý.";
      return true;
    }, function (error) { status.textContent = error.message; return false; });
  }

  document.getElementById("desk-comment-quote").addEventListener("click", function () {
    var selection = window.getSelection ? String(window.getSelection()) : "";
    quote = selection.trim().slice(0, 2000);
    preview.hidden = !quote;
    preview.textContent = quote ? "Góp ý về đoạn: “" + quote + "”" : "";
    if (!quote) status.textContent = "Hãy bôi đen một đoạn trong nội dung trước.";
    body.focus();
  });

  document.getElementById("desk-comment-send").addEventListener("click", function () {
    act([["action", "add"], ["body", body.value], ["quote", quote]]).then(function (ok) {
      if (!ok) return;
      body.value = ""; quote = ""; preview.hidden = true;
    });
  });

  send([["action", "list"]]).then(function (json) { draw(json.comments); }, function () {});
  }
})();
