// Live progress of a running harvest job: polls the job's progress JSON every two seconds, writes the counts into
// the table and reloads the page once the job has ended (to show every item). Without this file the page's
// "refresh" link does the same by hand.
(function () {
  "use strict";
  var job = document.querySelector("[data-job-progress]");
  if (!job || !window.fetch) return;
  var url = job.getAttribute("data-job-progress");
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) return;
        Object.keys(p.counts).forEach(function (key) {
          var cell = document.querySelector('[data-count="' + key.toLowerCase() + '"]');
          if (cell) cell.textContent = String(p.counts[key]);
        });
        if (!p.running) { window.location.reload(); return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
