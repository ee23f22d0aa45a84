/* The admin's inactivity warning (dvsite/admin_idle.py): one minute before the session ends
 * for want of activity, a notice with "Tiếp tục làm việc"; the button asks the server to keep
 * the session. Another tab's activity counts: the script asks how long is left before warning
 * and before leaving. No inline script, no inline style (the admin's CSP). */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-idle-seconds]");
  if (!script) return;
  var idle = parseInt(script.dataset.idleSeconds, 10);
  var keepAliveUrl = script.dataset.keepAliveUrl;
  var checkUrl = keepAliveUrl + "?" + script.dataset.checkParameter + "=1";
  var WARN = 60; // seconds before the end
  if (!idle || !keepAliveUrl) return;

  var timer = null;
  var ticker = null;
  var notice = null;
  var countdown = null;

  function ask(url) {
    return fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) { return response.json(); });
  }

  function build() {
    notice = document.createElement("div");
    notice.id = "admin-idle-warning";
    notice.setAttribute("role", "alertdialog");
    notice.setAttribute("aria-live", "assertive");
    notice.setAttribute("aria-labelledby", "admin-idle-text");
    var s = notice.style;
    s.position = "fixed";
    s.right = "1rem";
    s.bottom = "1rem";
    s.zIndex = "10000";
    s.maxWidth = "26rem";
    s.padding = "1rem 1.25rem";
    s.background = "var(--message-warning-bg, #ffc)";
    s.color = "var(--body-fg, #333)";
    s.border = "2px solid var(--accent, #c60)";
    s.borderRadius = "4px";
    s.boxShadow = "0 2px 8px rgba(0, 0, 0, .3)";
    var text = document.createElement("p");
    text.id = "admin-idle-text";
    text.style.margin = "0 0 .75rem";
    countdown = document.createElement("strong");
    text.append("Phiên làm việc sắp hết hạn do không hoạt động. Bạn sẽ được đăng xuất sau ",
      countdown, " giây.");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button default";
    button.textContent = "Tiếp tục làm việc";
    button.addEventListener("click", keepWorking);
    notice.append(text, button);
    document.body.append(notice);
    return button;
  }

  function hide() {
    if (notice) notice.hidden = true;
    clearInterval(ticker);
  }

  function show(left) {
    var button = notice ? notice.querySelector("button") : build();
    notice.hidden = false;
    var end = Date.now() + left * 1000;
    function tick() {
      var seconds = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      countdown.textContent = String(seconds);
      if (seconds === 0) {
        clearInterval(ticker);
        check(true);
      }
    }
    clearInterval(ticker);
    tick();
    ticker = setInterval(tick, 1000);
    button.focus();
  }

  function schedule(left) {
    clearTimeout(timer);
    hide();
    timer = setTimeout(function () { check(false); }, Math.max(0, left - WARN) * 1000);
  }

  // Ask the server (without counting as activity) how long is left, then warn, wait or leave.
  function check(atEnd) {
    ask(checkUrl).then(function (data) {
      var left = data.seconds_left;
      if (left === null || left === undefined) return hide();
      if (left <= 0) return window.location.reload(); // signed out: the login page says why
      if (left > WARN + 2) return schedule(left);
      show(left);
      if (atEnd) timer = setTimeout(function () { check(true); }, (left + 1) * 1000);
    }).catch(function () {
      if (atEnd) window.location.reload();
    });
  }

  function keepWorking() {
    ask(keepAliveUrl).then(function (data) {
      if (!data.seconds_left) return window.location.reload();
      schedule(data.seconds_left);
    }).catch(function () { window.location.reload(); });
  }

  schedule(idle);
})();
