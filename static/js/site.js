// Phone menu: without JS the toggle is a link to #site-nav, which CSS opens as the target; here
// it becomes a real <button> of the same size (the header does not move). Enter or Space opens
// it; Escape closes it from the button or from any link inside, and focus goes back to it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (!link || !nav) return;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = link.className;
    toggle.setAttribute("aria-controls", "site-nav");
    toggle.setAttribute("aria-expanded", "false");
    while (link.firstChild) toggle.appendChild(link.firstChild);
    link.replaceWith(toggle);
    function isOpen() {
      return toggle.getAttribute("aria-expanded") === "true";
    }
    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
      // A menu opened as the #site-nav target before this script ran is now the button's.
      if (!open && window.location.hash === "#site-nav") {
        history.replaceState(null, "", window.location.pathname + window.location.search);
      }
    }
    if (window.location.hash === "#site-nav") setOpen(true);
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

// Reading aids (dvsite/reading_aids.py): the size and contrast buttons post a form without JS;
// here they switch at once and write the same cookie the server reads on the next page.
(function () {
  "use strict";
  var SIZES = { nho: "text-small", vua: "", lon: "text-large" };
  var COOKIE = "hien_thi";
  function current() {
    var match = document.cookie.match(/(?:^|; )hien_thi=([a-z]+)-([a-z]+)/);
    var size = match && SIZES.hasOwnProperty(match[1]) ? match[1] : "vua";
    var contrast = match && (match[2] === "cao" || match[2] === "thuong") ? match[2] : "thuong";
    return { size: size, contrast: contrast };
  }
  function apply(form, state) {
    var root = document.documentElement;
    root.classList.remove("text-small", "text-large");
    if (SIZES[state.size]) root.classList.add(SIZES[state.size]);
    root.classList.toggle("contrast-high", state.contrast === "cao");
    var sizes = form.querySelectorAll("[name=co_chu]");
    for (var i = 0; i < sizes.length; i++) {
      sizes[i].setAttribute("aria-pressed", sizes[i].value === state.size ? "true" : "false");
    }
    var contrast = form.querySelector("[name=tuong_phan]");
    if (contrast) {
      contrast.setAttribute("aria-pressed", state.contrast === "cao" ? "true" : "false");
      contrast.value = state.contrast === "cao" ? "thuong" : "cao";
    }
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = COOKIE + "=" + state.size + "-" + state.contrast +
      "; Max-Age=31536000; Path=/; SameSite=Lax" + secure;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".reading-aids");
    if (!form) return;
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[name]");
      if (!button || !form.contains(button)) return;
      event.preventDefault();
      var state = current();
      if (button.name === "co_chu") state.size = button.value;
      if (button.name === "tuong_phan") state.contrast = button.value;
      apply(form, state);
    });
  });
})();
