// Hourglass dashboard: slow requests (a scatter of their durations, click for the waterfall of one)
// and the error inbox. Uses the helpers app.js shares (window.hourglass); like app.js, every value
// from the application goes into the page as text, never as HTML.
(function () {
  'use strict';
  var h = window.hourglass;
  var SVG = 'http://www.w3.org/2000/svg';
  var state = { route: null, traces: [], shown: null, chart: null };

  function time(epochMillis) { return new Date(epochMillis).toLocaleTimeString(); }
  function routeOfRow(id) { var space = id.indexOf(' '); return space < 0 ? id : id.slice(space + 1); }

  // ---- slow requests ----
  function setupChart() {
    var box = document.getElementById('chart-traces');
    var opts = { width: Math.max(260, box.clientWidth), height: 180,
      series: [{}, { label: 'duration ms', stroke: '#dc2626', paths: function () { return null; },
        points: { show: true, size: 7, fill: '#dc2626' } }],
      // A few points (often one) would otherwise spread the time axis over years.
      scales: { x: { time: true, range: function (u, min, max) {
        var pad = Math.max(30, (max - min) * 0.05);
        return [min - pad, max + pad];
      } } },
      axes: [{}, { label: 'ms', size: 60 }], legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } } };
    state.chart = new uPlot(opts, [[], []], box);
    state.chart.over.addEventListener('click', function () {
      var i = state.chart.cursor.idx;
      if (i !== null && i !== undefined && state.sorted[i]) { showTrace(state.sorted[i].id); }
    });
    window.addEventListener('resize', function () {
      state.chart.setSize({ width: Math.max(260, box.clientWidth), height: 180 });
    });
  }
  function loadTraces() {
    var query = state.route ? '?route=' + encodeURIComponent(state.route) : '';
    return h.get('/api/traces' + query).then(function (t) { state.traces = t.traces; renderTraces(); });
  }
  function renderTraces() {
    state.sorted = state.traces.slice().sort(function (a, b) { return a.start - b.start; });
    state.chart.setData([state.sorted.map(function (t) { return t.start / 1000; }),
      state.sorted.map(function (t) { return t.durationMs; })]);
    document.getElementById('chart-traces').setAttribute('data-points', String(state.sorted.length));
    document.getElementById('traces-scope').textContent =
      (state.route || 'all routes') + ' · click a point or a row for its waterfall';
    document.getElementById('traces-all').hidden = !state.route;
    var body = document.querySelector('#traces tbody');
    h.clear(body);
    if (!state.traces.length) { h.emptyRow(body, 8, 'No slow requests kept'); }
    state.traces.slice(0, 50).forEach(function (t) {
      var tr = h.el('tr', { 'data-trace': String(t.id) });
      if (t.id === state.shown) { tr.className = 'selected'; }
      [[time(t.start), 'text'], [t.method + ' ' + t.route, 'text route'], [t.status], [h.num(t.durationMs, 1)],
        [h.num(t.dbMs, 1)], [h.num(t.clientMs, 1)], [h.num(t.ownMs, 1)], [t.reason, 'text']].forEach(function (c) {
        tr.appendChild(h.el('td', c[1] ? { 'class': c[1] } : null, c[0]));
      });
      tr.addEventListener('click', function () { showTrace(t.id); });
      body.appendChild(tr);
    });
  }
  function bar(kind, offsetMs, durationMs, totalMs) {
    var lane = h.el('div', { 'class': 'lane' });
    var span = h.el('div', { 'class': 'bar ' + kind });
    span.style.left = (totalMs > 0 ? offsetMs / totalMs * 100 : 0) + '%';
    span.style.width = (totalMs > 0 ? durationMs / totalMs * 100 : 0) + '%';
    lane.appendChild(span);
    return lane;
  }
  function waterfallRow(box, what, lane, ms) {
    var row = h.el('div', { 'class': 'row' });
    row.appendChild(h.el('div', { 'class': 'what' }, what));
    row.appendChild(lane);
    row.appendChild(h.el('div', { 'class': 'ms' }, h.num(ms, 1) + ' ms'));
    box.appendChild(row);
  }
  function showTrace(id) {
    h.get('/api/traces/' + id).then(function (t) {
      state.shown = t.id;
      var box = document.getElementById('waterfall');
      h.clear(box);
      box.hidden = false;
      box.appendChild(h.el('div', { 'class': 'title' }, t.method + ' ' + t.route + ' → ' + t.status + ' · ' +
        h.num(t.durationMs, 1) + ' ms · database ' + h.num(t.dbMs, 1) + ' ms in ' + t.dbCalls + ' · calls ' +
        h.num(t.clientMs, 1) + ' ms in ' + t.clientCalls + ' · own code ' + h.num(t.ownMs, 1) + ' ms'));
      waterfallRow(box, 'whole request', bar('own', 0, t.durationMs, t.durationMs), t.durationMs);
      t.entries.forEach(function (e) {
        var what = e.kind === 'jdbc' ? e.statement
          : e.method + ' ' + e.host + ':' + e.port + ' → ' + (e.status || 'no response');
        if (e.error) { what += ' (' + e.error + ')'; }
        var lane = bar(e.kind + (e.error || e.status >= 500 ? ' failed' : ''), e.offsetMs, e.durationMs, t.durationMs);
        lane.setAttribute('data-kind', e.kind);
        waterfallRow(box, what, lane, e.durationMs);
      });
      if (t.entriesDropped > 0) {
        box.appendChild(h.el('div', { 'class': 'muted' }, t.entriesDropped + ' more statements and calls not kept'));
      }
      renderTraces();
    }).catch(function () {});
  }

  // ---- error inbox ----
  function sparkline(counts) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', '0 0 90 18');
    var max = Math.max.apply(null, counts.concat([1]));
    var step = counts.length > 1 ? 90 / (counts.length - 1) : 0;
    var line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', counts.map(function (c, i) {
      return (i * step).toFixed(1) + ',' + (17 - c / max * 16).toFixed(1);
    }).join(' '));
    svg.appendChild(line);
    return svg;
  }
  function loadErrors() {
    return h.get('/api/errors/groups').then(function (inbox) {
      var body = document.querySelector('#error-groups tbody');
      h.clear(body);
      if (!inbox.groups.length) { h.emptyRow(body, 7, inbox.enabled ? 'No errors' : 'Error inbox off'); }
      inbox.groups.forEach(function (g) {
        var tr = h.el('tr', { 'data-group': g.id });
        tr.appendChild(h.el('td', { 'class': 'text' }, g.type + (g.message ? ': ' + g.message : '')));
        tr.appendChild(h.el('td', { 'class': 'text' }, g.source));
        tr.appendChild(h.el('td', { 'class': 'text' }, g.routes.join(', ')));
        tr.appendChild(h.el('td', null, h.num(g.count, 0)));
        var spark = h.el('td', { 'class': 'text' });
        spark.appendChild(sparkline(g.perInterval));
        tr.appendChild(spark);
        tr.appendChild(h.el('td', { 'class': 'text' }, time(g.firstSeen)));
        tr.appendChild(h.el('td', { 'class': 'text' }, time(g.lastSeen)));
        tr.addEventListener('click', function () {
          var frames = document.getElementById('error-frames');
          frames.hidden = false;
          frames.textContent = g.type + '\n' + g.frames.map(function (f) { return '    at ' + f; }).join('\n');
        });
        body.appendChild(tr);
      });
      document.getElementById('error-inbox-note').textContent = 'grouped by exception class and application frames' +
        (inbox.overflow > 0 ? ' · ' + inbox.overflow + ' errors beyond the group cap' : '');
    });
  }

  function refresh() {
    loadTraces().catch(function () {});
    loadErrors().catch(function () {});
  }
  function start() {
    setupChart();
    // A click on a route in the routes table (app.js) shows that route's slowest requests here.
    document.querySelector('#routes tbody').addEventListener('click', function (event) {
      var row = event.target.closest('tr[data-route]');
      if (row) { state.route = routeOfRow(row.getAttribute('data-route')); loadTraces().catch(function () {}); }
    });
    document.getElementById('traces-all').addEventListener('click', function () {
      state.route = null; loadTraces().catch(function () {});
    });
    refresh();
    setInterval(refresh, h.POLL_MS);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
