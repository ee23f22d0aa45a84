// Phone menu: the button only appears when this script runs, so without JS the menu stays open.
// Enter or Space on the button opens it (a real <button>); Escape closes it from the button or
// from any link inside, and focus goes back to the button.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (!toggle || !nav) return;
    toggle.hidden = false;
    function isOpen() {
      return toggle.getAttribute("aria-expanded") === "true";
    }
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(!isOpen());
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !isOpen()) return;
      if (event.target === toggle || nav.contains(event.target)) {
        setOpen(false);
        toggle.focus();
      }
    });
  });
})();

// Filters folded in a <details data-open-wide> on phones (results first) stand open on wide
// screens, where they sit beside the results.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("details[data-open-wide]");
    if (!boxes.length || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 960px)");
    function apply() {
      for (var i = 0; i < boxes.length; i++) if (wide.matches) boxes[i].open = true;
    }
    apply();
    if (wide.addEventListener) wide.addEventListener("change", apply);
  });
})();

// Sharing and printing (includes/share.html): "Chia sẻ" opens the phone's share sheet (Web
// Share API: Zalo, Messenger, …) and elsewhere copies the link; "In trang" prints with the
// print stylesheet. Both buttons stay hidden without this script. No third-party script.
(function () {
  "use strict";
  function say(group, text) {
    var status = group && group.querySelector(".share-status");
    if (status) status.textContent = text;
  }
  function copy(url, group) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { say(group, "Đã sao chép đường dẫn, hãy dán vào tin nhắn để chia sẻ."); },
        function () { say(group, "Đường dẫn: " + url); }
      );
    } else {
      say(group, "Đường dẫn: " + url);
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var shares = document.querySelectorAll("[data-share-url]");
    for (var i = 0; i < shares.length; i++) {
      shares[i].hidden = false;
      shares[i].addEventListener("click", function (event) {
        var button = event.currentTarget;
        var url = button.getAttribute("data-share-url");
        var group = button.closest(".share-tools");
        if (navigator.share) {
          navigator.share({ title: button.getAttribute("data-share-title"), url: url }).catch(
            function (error) { if (error && error.name !== "AbortError") copy(url, group); }
          );
        } else {
          copy(url, group);
        }
      });
    }
    var prints = document.querySelectorAll("[data-print]");
    for (var j = 0; j < prints.length; j++) {
      prints[j].hidden = false;
      prints[j].addEventListener("click", function () { window.print(); });
    }
  });
})();
