/* The editors' desk in a change form (core/admin_desk_views.py): autosave while typing (on the
 * server, and in this browser when the server cannot be reached or the session has ended), the
 * heartbeat that shows who else has the item open and whether a newer version was saved, and
 * the explicit lock. No inline script, no inline style (the admin's CSP). */
(function () {
  "use strict";
  // Loaded in the head with the form's media: start once the form is there.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  function start() {
  var panel = document.getElementById("desk-panel");
  if (!panel) return;
  var form = panel.closest("form");
  if (!form) return;
  var AUTOSAVE_DELAY = 3000;
  var HEARTBEAT_EVERY = 20000;
  var key = panel.dataset.storageKey;
  var version = parseInt(panel.dataset.version, 10) || 0;
  var status = document.getElementById("desk-status");
  var timer = null;
  var SKIP = {csrfmiddlewaretoken: 1};

  function csrf() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(text) { if (status) status.textContent = text; }

  function now() { return new Date(); }

  function clock(date) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(date.getHours()) + ":" + two(date.getMinutes()) + ":" + two(date.getSeconds()) +
      " ngày " + two(date.getDate()) + "/" + two(date.getMonth() + 1) + "/" + date.getFullYear();
  }

  function fields() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (SKIP[name] || name.charAt(0) === "_" && name !== "_desk_version") return;
      if (typeof value !== "string") return; // files are not autosaved
      pairs.push([name, value]);
    });
    return pairs;
  }

  function post(url, pairs) {
    var body = new URLSearchParams();
    pairs.forEach(function (pair) { body.append(pair[0], pair[1]); });
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual", // an ended session answers with the login page: not a success
      headers: {"X-CSRFToken": csrf(), "Accept": "application/json"},
      body: body
    }).then(function (response) {
      // An ended session answers with the login page (a redirect) or, its CSRF cookie gone
      // too, with the CSRF failure page: anything but JSON means "sign in again".
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") >= 0;
      if (response.type === "opaqueredirect" || response.status === 0 || !json) {
        throw new Error("session");
      }
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || "refused");
        return data;
      });
    });
  }

  // -- autosave ------------------------------------------------------------------------------
  function keepLocally(pairs) {
    try {
      localStorage.setItem(key, JSON.stringify({at: now().getTime(), version: version, fields: pairs}));
    } catch (e) { /* storage full or off: the server copy is all there is */ }
  }

  function forgetLocally() {
    try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  }

  function autosave() {
    timer = null;
    var pairs = fields();
    keepLocally(pairs);
    return post(panel.dataset.autosaveUrl, pairs).then(function (data) {
      forgetLocally();
      say(data.label);
    }, function (error) {
      say(error.message === "session"
        ? "Phiên đăng nhập đã hết: bản đang soạn được giữ trong trình duyệt này. Hãy đăng nhập lại (ở thẻ mới) rồi mở lại trang để khôi phục."
        : "Chưa lưu tự động được lên máy chủ (mất kết nối?): bản đang soạn được giữ trong trình duyệt này lúc " + clock(now()) + ".");
    });
  }

  function typed(event) {
    if (event && event.target && event.target.dataset && event.target.dataset.deskIgnore) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(autosave, AUTOSAVE_DELAY);
  }

  form.addEventListener("input", typed);
  form.addEventListener("change", typed);
  form.addEventListener("submit", function () {
    if (timer) clearTimeout(timer);
    keepLocally(fields());
    try { sessionStorage.setItem("dvsite-desk-submitted", key); } catch (e) { /* ignore */ }
  });

  function offerLocalCopy() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    var submitted = null;
    try { submitted = sessionStorage.getItem("dvsite-desk-submitted"); } catch (e) { /* ignore */ }
    var succeeded = document.querySelector(".messagelist .success");
    if (submitted && succeeded) {
      try {
        localStorage.removeItem(submitted);
        sessionStorage.removeItem("dvsite-desk-submitted");
      } catch (e) { /* ignore */ }
      if (submitted === key) saved = null;
    }
    if (!saved || !saved.fields) return;
    var box = document.getElementById("desk-local");
    document.getElementById("desk-local-time").textContent = clock(new Date(saved.at));
    box.hidden = false;
    document.getElementById("desk-local-restore").addEventListener("click", function () {
      // The server restores it as it restores its own copy: the same fields, the same widgets.
      post(panel.dataset.autosaveUrl, saved.fields).then(function () {
        forgetLocally();
        window.location.assign(panel.dataset.restoreUrl);
      }, function () {
        say("Chưa gửi được bản đang soạn lên máy chủ: hãy đăng nhập lại rồi thử lại.");
      });
    });
    document.getElementById("desk-local-discard").addEventListener("click", function () {
      forgetLocally();
      box.hidden = true;
    });
  }
  offerLocalCopy();

  // -- who else is here, newer versions, the lock -------------------------------------------
  var editing = document.getElementById("desk-editing");
  var newer = document.getElementById("desk-newer");
  var lockText = document.getElementById("desk-lock-text");
  var lockButton = document.getElementById("desk-lock-button");
  var unlockButton = document.getElementById("desk-unlock-button");

  function show(data) {
    if (editing) {
      editing.hidden = !data.editing.length;
      editing.textContent = data.editing.length ? "Đang mở để sửa: " + data.editing.map(function (e) {
        return e.name + " (từ " + e.since + ")";
      }).join(", ") + "." : "";
    }
    if (newer && data.version > version) {
      newer.hidden = false;
      newer.textContent = "Đã có phiên bản mới hơn do " + (data.updated_by || "người khác") +
        " lưu lúc " + data.updated_at + ". Khi bạn lưu, hệ thống sẽ cho xem khác biệt và không ghi đè.";
    }
    if (lockText && data.locked_by !== undefined) {
      lockText.textContent = data.locked_by
        ? "Đang bị khóa bởi " + data.locked_by + ": bạn chưa lưu được cho đến khi khóa được mở."
        : lockText.textContent;
      if (data.locked_by && lockButton) lockButton.hidden = true;
    }
  }

  function beat() {
    post(panel.dataset.heartbeatUrl, []).then(show, function () { /* next beat tries again */ });
  }

  if (panel.dataset.heartbeatUrl) {
    beat();
    setInterval(beat, HEARTBEAT_EVERY);
  }

  function lockAction(event) {
    var action = event.currentTarget.dataset.action;
    post(panel.dataset.lockUrl, [["action", action]]).then(function (data) {
      var mine = action === "lock";
      lockText.textContent = mine ? "Bạn đang giữ khóa." : "Chưa khóa.";
      lockButton.hidden = mine;
      unlockButton.hidden = !mine;
      say(mine ? "Đã khóa: người khác chưa lưu được cho đến khi bạn mở khóa." : "Đã mở khóa.");
      if (data.locked_by) lockText.textContent = "Đang bị khóa bởi " + data.locked_by + ".";
    }, function (error) { say(error.message); });
  }
  if (lockButton) lockButton.addEventListener("click", lockAction);
  if (unlockButton) unlockButton.addEventListener("click", lockAction);
  }
})();
