// Hourglass dashboard. Polls the agent's JSON API; every value from the application (routes, SQL,
// error types, messages) is put into the page with textContent, never parsed as HTML.
(function () {
  'use strict';
  var SERVER = 'http.server.request.duration';
  var DB = 'db.client.operation.duration';
  var POLL_MS = 5000;
  // The seeds' thresholds (README "Alert thresholds"): [warning, critical].
  var LIMITS = { httpP95: [100, 200], dbP95: [50, 100], errorPercent: [0.1, 1] };

  var state = { sequence: -1, times: [], p50: [], p95: [], p99: [], rate: [], errors: [],
    kpiHistory: [], routes: [], sortKey: 'rate', sortAsc: false, selected: null, selectedData: null };
  var charts = {};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function num(value, digits) {
    if (value === null || value === undefined || value < 0 || isNaN(value)) { return '–'; }
    return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  }
  function get(path) {
    return fetch(path, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error(path + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  // ---- charts ----
  function chartWidth(id) { return Math.max(260, document.getElementById(id).clientWidth); }
  function makeChart(id, series, yLabel) {
    var opts = { width: chartWidth(id), height: 200, series: [{}].concat(series),
      axes: [{}, { label: yLabel, size: 60 }], legend: { live: true }, cursor: { drag: { x: false, y: false } } };
    return new uPlot(opts, [[]].concat(series.map(function () { return []; })), document.getElementById(id));
  }
  // A value between gaps (a lone minute of a range from disk) has no line to be on: a dot shows it.
  function isolatedPoints(u, si, show) {
    if (show) { return null; }
    var d = u.data[si], out = [];
    for (var i = 0; i < d.length; i++) {
      if (d[i] !== null && (i === 0 || d[i - 1] === null) && (i === d.length - 1 || d[i + 1] === null)) { out.push(i); }
    }
    return out.length ? out : null;
  }
  function setupCharts() {
    var dots = { filter: isolatedPoints };
    charts.latency = makeChart('chart-latency', [
      { label: 'p50 ms', stroke: '#16a34a', width: 1.5, points: dots },
      { label: 'p95 ms', stroke: '#d97706', width: 1.5, points: dots },
      { label: 'p99 ms', stroke: '#dc2626', width: 1.5, points: dots }], 'ms');
    charts.throughput = makeChart('chart-throughput', [{ label: 'req/s', stroke: '#2563eb', width: 1.5, fill: 'rgba(37,99,235,0.1)' }], 'req/s');
    charts.errors = makeChart('chart-errors', [{ label: 'errors/s', stroke: '#dc2626', width: 1.5, fill: 'rgba(220,38,38,0.1)' }], 'errors/s');
    window.addEventListener('resize', function () {
      charts.latency.setSize({ width: chartWidth('chart-latency'), height: 200 });
      charts.throughput.setSize({ width: chartWidth('chart-throughput'), height: 200 });
      charts.errors.setSize({ width: chartWidth('chart-errors'), height: 200 });
    });
  }
  function drawCharts() {
    // A range from disk (history.js) replaces the live points while it is chosen.
    var all = state.range ? state.range.data : state;
    var d = state.selectedData || all;
    charts.latency.setData([d.times, d.p50, d.p95, d.p99]);
    charts.throughput.setData([all.times, all.rate]);
    charts.errors.setData([all.times, all.errors]);
  }
  function addPoint(time, seconds, totals, runtime) {
    var s = totals[SERVER] || { count: 0, errors: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0 };
    state.times.push(time / 1000);
    state.p50.push(s.count ? s.p50Ms : null);
    state.p95.push(s.count ? s.p95Ms : null);
    state.p99.push(s.count ? s.p99Ms : null);
    state.rate.push(seconds > 0 ? s.count / seconds : 0);
    state.errors.push(seconds > 0 ? s.errors / seconds : 0);
    state.kpiHistory.push({ totals: totals, runtime: runtime });
    var keep = state.capacity || 360;
    ['times', 'p50', 'p95', 'p99', 'rate', 'errors', 'kpiHistory'].forEach(function (k) {
      while (state[k].length > keep) { state[k].shift(); }
    });
  }

  // ---- KPI tiles ----
  function level(value, limits) {
    if (value === null || value === undefined || value < 0) { return ''; }
    return value > limits[1] ? 'crit' : value > limits[0] ? 'warn' : 'ok';
  }
  function trend(pick, current) {
    var past = state.kpiHistory.slice(-7, -1).map(pick).filter(function (v) { return v !== null && v >= 0; });
    if (!past.length || current === null || current < 0) { return ''; }
    var mean = past.reduce(function (a, b) { return a + b; }, 0) / past.length;
    if (mean === 0) { return current > 0 ? '↑ from 0' : '→ steady'; }
    var change = (current - mean) / mean * 100;
    var arrow = Math.abs(change) < 5 ? '→' : change > 0 ? '↑' : '↓';
    return arrow + ' ' + num(Math.abs(change), 0) + '% vs last minute';
  }
  function renderTiles(m) {
    var s = m.totals[SERVER], db = m.totals[DB], rt = m.runtime || {};
    var pick = {
      rate: function (h) { return h.totals[SERVER] ? h.totals[SERVER].ratePerSec : 0; },
      err: function (h) { return h.totals[SERVER] ? h.totals[SERVER].errorPercent : 0; },
      p95: function (h) { return h.totals[SERVER] && h.totals[SERVER].count ? h.totals[SERVER].p95Ms : null; },
      db: function (h) { return h.totals[DB] && h.totals[DB].count ? h.totals[DB].p95Ms : null; },
      cpu: function (h) { return h.runtime ? h.runtime.cpuPercent : null; },
      heap: function (h) { return h.runtime ? h.runtime.heapUsedBytes : null; },
      gc: function (h) { return h.runtime ? h.runtime.gcPercent : null; }
    };
    var heapMb = rt.heapUsedBytes ? rt.heapUsedBytes / 1048576 : null;
    var tiles = [
      ['kpi-rate', 'Requests / s', num(s ? s.ratePerSec : 0, 1), '', trend(pick.rate, s ? s.ratePerSec : 0)],
      ['kpi-errors', 'Error rate', num(s ? s.errorPercent : 0, 2) + ' %', level(s ? s.errorPercent : 0, LIMITS.errorPercent), trend(pick.err, s ? s.errorPercent : 0)],
      ['kpi-http-p95', 'HTTP p95', s && s.count ? num(s.p95Ms, 1) + ' ms' : '–', s && s.count ? level(s.p95Ms, LIMITS.httpP95) : '', trend(pick.p95, s && s.count ? s.p95Ms : null)],
      ['kpi-db-p95', 'DB p95', db && db.count ? num(db.p95Ms, 1) + ' ms' : '–', db && db.count ? level(db.p95Ms, LIMITS.dbP95) : '', trend(pick.db, db && db.count ? db.p95Ms : null)],
      ['kpi-cpu', 'Process CPU', rt.cpuPercent >= 0 ? num(rt.cpuPercent, 1) + ' %' : '–', '', trend(pick.cpu, rt.cpuPercent)],
      ['kpi-heap', 'Heap used', heapMb !== null ? num(heapMb, 0) + ' MB' : '–', '', rt.heapMaxBytes > 0 ? 'of ' + num(rt.heapMaxBytes / 1048576, 0) + ' MB' : ''],
      ['kpi-gc', 'GC time', rt.gcPercent !== undefined ? num(rt.gcPercent, 2) + ' %' : '–', '', rt.gcMs !== undefined ? num(rt.gcMs, 0) + ' ms this interval' : '']
    ];
    var box = document.getElementById('kpis');
    clear(box);
    tiles.forEach(function (t) {
      var tile = el('div', { id: t[0], 'class': 'tile ' + t[3] });
      tile.appendChild(el('div', { 'class': 'label' }, t[1]));
      tile.appendChild(el('div', { 'class': 'value' }, t[2]));
      tile.appendChild(el('div', { 'class': 'trend' }, t[4]));
      box.appendChild(tile);
    });
  }

  // ---- routes table ----
  function routeRow(r) {
    return { id: r.id, rate: r.interval.ratePerSec, count: r.interval.count, errorPercent: r.interval.errorPercent,
      p50: r.interval.p50Ms, p95: r.interval.p95Ms, p99: r.interval.p99Ms, p999: r.interval.p999Ms,
      max: r.interval.maxMs, total: r.total.count, active: r.interval.count > 0 };
  }
  function renderRoutes() {
    var key = state.sortKey, asc = state.sortAsc;
    var rows = state.routes.slice().sort(function (a, b) {
      var x = a[key], y = b[key];
      var c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return asc ? c : -c;
    });
    var body = document.querySelector('#routes tbody');
    clear(body);
    if (!rows.length) { emptyRow(body, 10, 'No requests yet'); }
    rows.forEach(function (r) {
      var tr = el('tr', { 'data-route': r.id });
      if (r.id === state.selected) { tr.className = 'selected'; }
      tr.appendChild(el('td', { 'class': 'text route' }, r.id));
      [['rate', 1], ['count', 0], ['errorPercent', 2], ['p50', 3], ['p95', 3], ['p99', 3], ['p999', 3], ['max', 3], ['total', 0]]
        .forEach(function (c) {
          var td = el('td', { 'class': c[0] }, r.active || c[0] === 'total' ? num(r[c[0]], c[1]) : '–');
          if (c[0] === 'errorPercent' && r.errorPercent > LIMITS.errorPercent[1]) { td.className += ' bad'; }
          if (c[0] === 'p95' && r.active && r.p95 > LIMITS.httpP95[1]) { td.className += ' bad'; }
          tr.appendChild(td);
        });
      tr.addEventListener('click', function () { selectRoute(r.id); });
      body.appendChild(tr);
    });
    document.querySelectorAll('#routes th').forEach(function (th) {
      th.classList.toggle('sorted', th.getAttribute('data-key') === key);
      th.classList.toggle('asc', th.getAttribute('data-key') === key && asc);
    });
  }
  function selectRoute(id) {
    if (state.range) { hourglass.selectInRange(id); return; }
    state.selected = id;
    get('/api/history?series=' + encodeURIComponent(id)).then(function (h) {
      var d = { times: [], p50: [], p95: [], p99: [] };
      h.points.forEach(function (p) {
        d.times.push(p.time / 1000);
        d.p50.push(p.count ? p.p50Ms : null); d.p95.push(p.count ? p.p95Ms : null); d.p99.push(p.count ? p.p99Ms : null);
      });
      state.selectedData = d;
      document.getElementById('latency-scope').textContent = id;
      document.getElementById('show-all').hidden = false;
      drawCharts(); renderRoutes();
    }).catch(function () { state.selected = null; });
  }
  function emptyRow(body, span, text) {
    var tr = el('tr'); tr.appendChild(el('td', { colspan: span, 'class': 'empty' }, text)); body.appendChild(tr);
  }
  function fillTable(id, items, span, empty, cells) {
    var body = document.querySelector('#' + id + ' tbody');
    clear(body);
    if (!items.length) { emptyRow(body, span, empty); return; }
    items.forEach(function (item) {
      var tr = el('tr');
      cells(item).forEach(function (c) { tr.appendChild(el('td', c[1] ? { 'class': c[1] } : null, c[0])); });
      body.appendChild(tr);
    });
  }
  function ago(epochMillis) {
    if (!epochMillis) { return '–'; }
    var s = Math.max(0, Math.round((Date.now() - epochMillis) / 1000));
    return s < 90 ? s + ' s ago' : Math.round(s / 60) + ' min ago';
  }

  // ---- sections ----
  function renderSections(q, c, e, a, h) {
    fillTable('slow-queries', q.slowQueries, 6, 'No slow queries recorded', function (s) {
      return [[s.statement, 'text'], [num(s.count, 0)], [num(s.slowCount, 0)], [num(s.p95Ms, 1)], [num(s.maxMs, 1)], [s.lastRoute, 'text']];
    });
    fillTable('n-plus-one', q.nPlusOne, 4, 'No N+1 patterns found', function (f) {
      return [[f.route, 'text'], [f.statement, 'text'], [num(f.occurrences, 0)], [num(f.maxExecutionsPerRequest, 0)]];
    });
    fillTable('hosts', c.hosts, 6, 'No downstream calls recorded', function (d) {
      var limit = d.rateLimit ? d.rateLimit.remaining + ' / ' + d.rateLimit.limit + ' left' : '–';
      return [[d.port >= 0 ? d.host + ':' + d.port : d.host, 'text'], [num(d.count, 0)], [num(d.errors, 0)], [num(d.p95Ms, 1)], [num(d.maxMs, 1)], [limit, 'text']];
    });
    fillTable('errors', e.errors, 5, 'No errors', function (x) {
      return [[x.type, 'text'], [x.route, 'text'], [x.message || '–', 'text'], [num(x.count, 0)], [ago(x.lastSeen), 'text']];
    });
    var list = document.getElementById('alerts');
    clear(list);
    if (!a.alerts.length) { list.appendChild(el('li', { 'class': 'muted' }, a.enabled ? 'No active alerts (' + a.rules + ' rules)' : 'Alerting is off')); }
    a.alerts.forEach(function (x) {
      var labels = Object.keys(x.labels).map(function (k) { return x.labels[k]; }).join(' ');
      list.appendChild(el('li', { 'class': x.severity }, x.severity.toUpperCase() + ' · ' + x.rule + (labels ? ' · ' + labels : '') +
        ' · ' + x.valueText + ' (' + x.condition + ') · ' + x.state + ' since ' + ago(x.since)));
    });
    var status = document.getElementById('status');
    status.textContent = h.status;
    status.className = 'pill ' + h.status;
    var box = document.getElementById('health');
    clear(box);
    var lines = ['Version ' + h.version, 'Up ' + num(h.uptimeSeconds / 60, 0) + ' min, interval ' + h.intervalSeconds + ' s',
      'Instrumenting ' + (h.instrumentations.join(', ') || 'nothing'), 'Advice errors ' + h.adviceErrors,
      'Series overflow ' + h.seriesOverflow];
    h.exporters.forEach(function (x) {
      lines.push(x.name + ': ' + (x.lastSuccessAgeSeconds === null ? 'no export yet' : 'last export ' + x.lastSuccessAgeSeconds + ' s ago') +
        ', ' + x.failedAttempts + ' failed, ' + x.droppedPoints + ' dropped');
    });
    h.problems.concat(h.configProblems).forEach(function (p) { lines.push('⚠ ' + p); });
    lines.forEach(function (line) { box.appendChild(el('div', null, line)); });
  }

  // ---- polling ----
  function refresh() {
    Promise.all([get('/api/metrics'), get('/api/queries'), get('/api/clients'), get('/api/errors'), get('/api/alerts'), get('/api/health')])
      .then(function (r) {
        var m = r[0];
        if (m.sequence > state.sequence && m.sequence > 0) {
          addPoint(m.end, m.intervalSeconds, m.totals, m.runtime);
          state.sequence = m.sequence;
          if (state.selected && !state.range) { selectRoute(state.selected); }
        }
        if (m.sequence > 0) { renderTiles(m); }
        if (!state.range) { // a chosen range keeps its own routes and charts
          state.routes = m.routes.map(routeRow);
          renderRoutes();
          drawCharts();
        }
        renderSections(r[1], r[2], r[3], r[4], r[5]);
        document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString() +
          (m.sequence > 0 ? ' · interval #' + m.sequence : ' · waiting for the first interval');
        document.body.setAttribute('data-sequence', String(m.sequence));
      })
      .catch(function (err) {
        var status = document.getElementById('status');
        status.textContent = 'agent unreachable';
        status.className = 'pill down';
        document.getElementById('updated').textContent = String(err.message || err);
      });
  }
  // What the other dashboard scripts use, so each idea is written once: the helpers (traces.js,
  // caches.js) and, for history.js (the time-range picker), the charts and the route table;
  // selectInRange is history.js's own.
  var hourglass = window.hourglass = { state: state, charts: charts, drawCharts: drawCharts,
    renderRoutes: renderRoutes, get: get, el: el, clear: clear, num: num, emptyRow: emptyRow,
    POLL_MS: POLL_MS, selectInRange: function () {} };

  function start() {
    setupCharts();
    document.querySelectorAll('#routes th').forEach(function (th) {
      th.addEventListener('click', function () {
        var key = th.getAttribute('data-key');
        state.sortAsc = state.sortKey === key ? !state.sortAsc : key === 'id';
        state.sortKey = key;
        renderRoutes();
      });
    });
    document.getElementById('show-all').addEventListener('click', function () {
      state.selected = null; state.selectedData = null;
      document.getElementById('latency-scope').textContent = 'all routes';
      document.getElementById('show-all').hidden = true;
      drawCharts(); renderRoutes();
    });
    get('/api/history').then(function (h) {
      state.capacity = h.capacity;
      h.points.forEach(function (p) { addPoint(p.time, p.seconds, p.totals, p.runtime); state.sequence = p.sequence; });
    }).catch(function () {}).then(function () {
      refresh();
      setInterval(refresh, POLL_MS);
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
