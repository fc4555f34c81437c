// Keyboard curation on the quotes queue: j/k move between comments, s/r/u/a press that
// comment's button, e opens its editor. Plain forms do the work; this only adds shortcuts.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".quote-queue > li.quote"));
  if (!items.length) { return; }
  var current = -1;
  var hash = window.location.hash;
  items.forEach(function (item, i) { if ("#" + item.id === hash) { current = i; } });

  function focus(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items[current].focus();
    items[current].scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    var key = event.key;
    if (key === "j") { focus(current + 1); event.preventDefault(); return; }
    if (key === "k") { focus(current - 1); event.preventDefault(); return; }
    if (current < 0) { return; }
    var control = items[current].querySelector('[data-key="' + key + '"]');
    if (!control) { return; }
    event.preventDefault();
    if (key === "e") {
      var details = control.parentNode;
      details.open = true;
      details.querySelector("textarea").focus();
    } else {
      control.click();
    }
  });

  if (current >= 0) { focus(current); }
})();
