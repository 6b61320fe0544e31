/* competency-kit web app: progress of a document job, drag-and-drop of files, and live
   filtering of the findings. Every page works without it. */
"use strict";
(function () {
  document.documentElement.classList.add("js");

  function fill(template, values) {
    return template.replace(/\{(\w)\}/g, function (_, key) { return values[key]; });
  }

  function followJob(box) {
    var id = box.getAttribute("data-job");
    var text = box.querySelector("[data-job-text]");
    var seconds = box.querySelector("[data-job-seconds]");
    var bar = box.querySelector("[data-job-progress]");
    var count = box.querySelector("[data-job-count]");
    var labels = box.querySelector("[data-labels]");
    if (!bar) { return; }
    function poll() {
      fetch("/api/jobs/" + encodeURIComponent(id), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (st) {
          if (st.finished) { window.location.reload(); return; }
          if (labels && text) { text.textContent = labels.getAttribute("data-" + st.state) || text.textContent; }
          seconds.textContent = fill(seconds.getAttribute("data-template"), { s: Math.round(st.seconds) });
          if (st.total) {
            bar.max = st.total; bar.value = st.done;
            count.textContent = fill(count.getAttribute("data-template"), { d: st.done, t: st.total });
          }
          window.setTimeout(poll, 500);
        })
        .catch(function () { window.setTimeout(poll, 1000); });
    }
    poll();
  }

  function dropZone(zone) {
    var input = zone.querySelector("input[type=file]");
    if (!input) { return; }
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; }
    });
  }

  function filterRows(field) {
    var rows = document.querySelector(field.getAttribute("data-filter-rows"));
    if (!rows) { return; }
    field.addEventListener("input", function () {
      var needle = field.value.trim().toLowerCase();
      Array.prototype.forEach.call(rows.rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) < 0;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-job]"), followJob);
    Array.prototype.forEach.call(document.querySelectorAll(".drop"), dropZone);
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter-rows]"), filterRows);
  });
})();
