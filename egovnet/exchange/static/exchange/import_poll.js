// Without HTMX: poll the progress fragment, reload when the job is finished (a file, not an inline script: CSP).
(function () {
  if (window.htmx) return;
  const box = () => document.getElementById("job-progress");
  const timer = setInterval(async () => {
    const el = box(); if (!el || !el.dataset.poll) { clearInterval(timer); return; }
    const res = await fetch(el.dataset.poll, {headers: {"HX-Request": "true"}});
    if (res.headers.get("HX-Refresh")) { location.reload(); return; }
    el.outerHTML = await res.text();
  }, 1000);
})();
