// Keyboard-first ballot entry: one key per level for the highlighted line, Enter to save.
(function () {
  "use strict";
  var form = document.getElementById("ballot-form");
  if (!form) { return; }
  var lines = Array.prototype.slice.call(form.querySelectorAll("tr.line"));
  var current = 0;
  function show() {
    lines.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    if (lines[current]) { lines[current].scrollIntoView({ block: "nearest" }); }
  }
  function choose(key) {
    var row = lines[current];
    if (!row) { return; }
    var input = row.querySelector('input[data-key="' + key + '"]');
    if (!input) { return; }
    input.checked = true;
    if (current < lines.length - 1) { current += 1; }
    show();
  }
  lines.forEach(function (row, i) {
    row.addEventListener("click", function () { current = i; show(); });
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "SELECT" || (target.tagName === "INPUT" && target.type !== "radio"));
    if (typing) {
      if (event.key === "Enter" && target.id === "invalid_reason") { event.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (/^[0-9]$/.test(event.key)) { event.preventDefault(); choose(event.key); }
    else if (event.key === "ArrowLeft" || event.key === "Backspace" || event.key === "ArrowUp") {
      event.preventDefault(); current = Math.max(0, current - 1); show();
    } else if (event.key === "ArrowDown" || event.key === "ArrowRight") {
      event.preventDefault(); current = Math.min(lines.length - 1, current + 1); show();
    } else if (event.key === "Enter") {
      event.preventDefault(); form.requestSubmit();
    }
  });
  show();
  document.getElementById("number").blur();
})();
(function () {
  "use strict";
  var reason = document.getElementById("invalid_reason");
  if (!reason) { return; }
  reason.addEventListener("change", function () {
    var radios = document.querySelectorAll("#ballot-form input[type=radio]");
    Array.prototype.forEach.call(radios, function (r) { r.required = !reason.value; });
  });
})();
