// Kiosk enhancements. Everything works without this file; it only adds the idle countdown.
(function () {
  "use strict";
  var body = document.body;
  var startUrl = body.getAttribute("data-start-url") || "/";
  var resetAfter = parseInt(body.getAttribute("data-reset-after") || "0", 10);
  if (!resetAfter) { return; }
  var remaining = resetAfter;
  function reset() { window.location.replace(startUrl); }
  function touched() { remaining = resetAfter; }
  ["pointerdown", "keydown", "input", "touchstart"].forEach(function (name) {
    document.addEventListener(name, touched, { passive: true });
  });
  window.setInterval(function () {
    remaining -= 1;
    if (remaining <= 0) { reset(); }
  }, 1000);
})();
