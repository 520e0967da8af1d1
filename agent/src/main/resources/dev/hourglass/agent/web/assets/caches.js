// Hourglass dashboard: the Caches table. Its own file so the cache family's section can change
// without touching app.js. Every text from the application (cache names) goes in as textContent,
// never as HTML.
(function () {
  'use strict';
  var REFRESH_MS = 5000;
  var SPARKS = ['\u2581', '\u2582', '\u2583', '\u2584', '\u2585', '\u2586', '\u2587', '\u2588'];

  function cell(row, text, className) {
    var td = document.createElement('td');
    if (className) { td.className = className; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function num(value, digits) {
    if (value === null || value === undefined || isNaN(value)) { return '\u2013'; }
    return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  }
  function percent(ratio) {
    return ratio === null || ratio === undefined ? '\u2013' : num(ratio * 100, 1) + ' %';
  }
  // One block per interval, its height the hit share (a gap where the cache had no lookups).
  function trend(ratios) {
    return ratios.map(function (ratio) {
      if (ratio === null) { return ' '; }
      return SPARKS[Math.min(SPARKS.length - 1, Math.floor(ratio * SPARKS.length))];
    }).join('');
  }

  function render(caches) {
    var table = document.getElementById('caches');
    if (!table) { return; }
    var body = table.tBodies[0];
    while (body.firstChild) { body.removeChild(body.firstChild); }
    if (caches.length === 0) {
      var empty = document.createElement('tr');
      var td = cell(empty, 'no cache lookups yet', 'muted text');
      td.colSpan = 6;
      body.appendChild(empty);
      return;
    }
    caches.forEach(function (cache) {
      var row = document.createElement('tr');
      cell(row, cache.name, 'text');
      cell(row, num(cache.requestsPerSec, 2));
      cell(row, percent(cache.hitRatio));
      cell(row, num(cache.missesPerSec, 2));
      cell(row, num(cache.p95LoadMs, 2));
      var spark = cell(row, trend(cache.hitRatioTrend), 'text spark');
      spark.title = 'hit share of the last ' + cache.hitRatioTrend.length + ' intervals';
      body.appendChild(row);
    });
  }

  function refresh() {
    fetch('/api/caches', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { throw new Error('/api/caches: HTTP ' + r.status); }
        return r.json();
      })
      .then(function (answer) { render(answer.caches); })
      .catch(function () { /* app.js reports an unreachable agent */ });
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
