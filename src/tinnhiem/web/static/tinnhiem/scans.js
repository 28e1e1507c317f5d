// Live progress of the scan batches: polls the status while any batch is queued or running.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  function text(id, value) { var el = document.getElementById(id); if (el) { el.textContent = value; } }
  function poll() {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var busy = false;
      data.batches.forEach(function (b) {
        var row = document.querySelector('tr[data-batch="' + b.id + '"]');
        if (!row) { return; }
        var bar = row.querySelector("progress");
        bar.max = b.total || 1; bar.value = b.done;
        row.querySelector(".count").textContent = b.done + "/" + b.total;
        row.querySelector(".message").textContent = b.message;
        row.querySelector(".status-cell").textContent = b.label;
        if (b.status === "queued" || b.status === "running") { busy = true; }
        else if (row.getAttribute("data-was-busy") === "1") { window.location.reload(); }
        row.setAttribute("data-was-busy", busy ? "1" : "0");
      });
      text("machine-read", data.machine_read);
      text("refused-pages", data.refused_pages);
      text("pending", data.pending);
      if (busy) { window.setTimeout(poll, 1500); }
    });
  }
  poll();
})();
