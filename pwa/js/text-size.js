/* Text size (normal, large, larger), remembered on the phone. A classic script in <head>: the saved size is on
   <html> before the page is drawn, so nothing jumps; the buttons are wired once the page is there. */
(function () {
  "use strict";
  var KEY = "te-chan.text-size";
  var SIZES = ["normal", "large", "larger"];
  var root = document.documentElement;
  function saved() {
    try { return localStorage.getItem(KEY); } catch (error) { return null; } // storage off: normal size
  }
  function apply(size) {
    if (SIZES.indexOf(size) < 0) size = "normal";
    root.dataset.textSize = size;
    var buttons = document.querySelectorAll(".text-size [data-size]");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", String(buttons[i].dataset.size === size));
  }
  apply(saved());
  document.addEventListener("DOMContentLoaded", function () {
    apply(saved());
    var group = document.querySelector(".text-size");
    if (!group) return;
    group.hidden = false;
    group.addEventListener("click", function (event) {
      var button = event.target.closest("[data-size]");
      if (!button) return;
      try { localStorage.setItem(KEY, button.dataset.size); } catch (error) { /* this page only */ }
      apply(button.dataset.size);
    });
  });
})();
