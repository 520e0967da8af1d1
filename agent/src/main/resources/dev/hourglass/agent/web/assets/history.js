// Hourglass dashboard: the time-range picker. "live" is app.js's last hour from memory; any other
// range is read from the history on disk (/api/history?from=… for the charts, /api/export?step=all
// for one row per series over the whole window) and replaces the charts and the route table until
// "live" is chosen again. Clicking a route, SQL shape or host draws its percentiles over the window.
// Texts from the application are put in with textContent only, as in app.js.
(function () {
  'use strict';
  var hg = window.hourglass;
  var SERVER = 'http.server.request.duration';
  var DB = 'db.client.operation.duration';
  var CLIENT = 'http.client.request.duration';
  var HOUR = 3600000;
  var RANGES = { '1h': HOUR, '6h': 6 * HOUR, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };
  var LABELS = { '1h': 'last 1 h', '6h': 'last 6 h', '24h': 'last 24 h', '7d': 'last 7 d', '30d': 'last 30 d' };
  var range = null; // {name, from, to, label, ids: {table id: series id}}

  function byId(id) { return document.getElementById(id); }

  /** The route table's id for a server series, as app.js names routes: "GET /owners/*". */
  function routeName(row) {
    return (row.attributes['http.request.method'] || '') + ' ' + (row.attributes['http.route'] || '');
  }
  function seriesName(row) {
    if (row.metric === DB) { return row.attributes['db.query.text'] || row.attributes['db.operation.name'] || row.metric; }
    if (row.metric === CLIENT) { return row.attributes['server.address'] || row.metric; }
    return row.metric;
  }

  /** Chart arrays from per-step totals; steps without requests are gaps (latency) or zero (rates). */
  function chartData(h, totalsOf) {
    var d = { times: [], p50: [], p95: [], p99: [], rate: [], errors: [] };
    var step = h.stepSeconds * 1000;
    var byTime = {};
    h.points.forEach(function (p) { byTime[p.time] = totalsOf(p); });
    var first = Math.ceil(h.from / step) * step;
    for (var t = first; t < h.to; t += step) {
      var s = byTime[t];
      d.times.push(t / 1000);
      d.p50.push(s && s.count ? s.p50Ms : null);
      d.p95.push(s && s.count ? s.p95Ms : null);
      d.p99.push(s && s.count ? s.p99Ms : null);
      d.rate.push(s ? s.count / h.stepSeconds : 0);
      d.errors.push(s ? s.errors / h.stepSeconds : 0);
    }
    return d;
  }

  function windowQuery(r) { return 'from=' + r.from + '&to=' + r.to; }

  function routeRows(rows, seconds) {
    return rows.filter(function (x) { return x.metric === SERVER; }).map(function (x) {
      var id = routeName(x);
      range.ids[id] = seriesId(x);
      return { id: id, rate: x.count / seconds, count: x.count, errorPercent: x.count ? x.errors * 100 / x.count : 0,
        p50: x.p50Ms, p95: x.p95Ms, p99: x.p99Ms, p999: x.p999Ms, max: x.maxMs, total: x.count, active: x.count > 0 };
    });
  }

  /** The history's series id: metric{key=value,…} in the attributes' order. */
  function seriesId(row) {
    return row.metric + '{' + Object.keys(row.attributes).map(function (k) { return k + '=' + row.attributes[k]; }).join(',') + '}';
  }

  function renderWindowSeries(rows) {
    var body = document.querySelector('#window-series tbody');
    hg.clear(body);
    var shown = rows.filter(function (x) { return x.metric === DB || x.metric === CLIENT; })
      .sort(function (a, b) { return b.count - a.count; });
    if (!shown.length) {
      var empty = hg.el('tr');
      empty.appendChild(hg.el('td', { colspan: 9, 'class': 'empty' }, 'No SQL or downstream calls in this window'));
      body.appendChild(empty);
    }
    shown.forEach(function (x) {
      var id = seriesId(x);
      var tr = hg.el('tr', { 'data-series': id });
      tr.appendChild(hg.el('td', { 'class': 'kind' }, x.metric === DB ? 'SQL' : 'host'));
      tr.appendChild(hg.el('td', { 'class': 'text' }, seriesName(x)));
      [[x.count, 0], [x.errors, 0], [x.p50Ms, 3], [x.p95Ms, 3], [x.p99Ms, 3], [x.p999Ms, 3], [x.maxMs, 3]]
        .forEach(function (c) { tr.appendChild(hg.el('td', null, hg.num(c[0], c[1]))); });
      tr.addEventListener('click', function () { showSeries(id, seriesName(x), x); });
      body.appendChild(tr);
    });
  }

  /** Draws one series' percentiles over the window; its whole-window figures go beside the title. */
  function showSeries(id, name, summary) {
    var r = range;
    hg.get('/api/history?' + windowQuery(r) + '&series=' + encodeURIComponent(id)).then(function (h) {
      if (range !== r) { return; }
      hg.state.selectedData = chartData(h, function (p) { return p; });
      var text = name + ' · ' + r.label;
      if (summary) {
        text += ': p50 ' + hg.num(summary.p50Ms, 3) + ' · p95 ' + hg.num(summary.p95Ms, 3) + ' · p99 ' +
          hg.num(summary.p99Ms, 3) + ' · max ' + hg.num(summary.maxMs, 3) + ' ms (' + hg.num(summary.count, 0) + ')';
      }
      byId('latency-scope').textContent = text;
      byId('show-all').hidden = false;
      hg.drawCharts();
      hg.renderRoutes();
    });
  }

  function load(r) {
    range = r;
    hg.state.selected = null;
    hg.state.selectedData = null;
    document.body.setAttribute('data-range', r.name);
    document.body.removeAttribute('data-range-loaded');
    Promise.all([
      hg.get('/api/history?' + windowQuery(r)),
      hg.get('/api/export?format=json&step=all&' + windowQuery(r))
    ]).then(function (answers) {
      if (range !== r) { return; }
      var h = answers[0], rows = answers[1].rows;
      var seconds = (r.to - r.from) / 1000;
      r.rows = rows;
      hg.state.range = { data: chartData(h, function (p) { return p.totals[SERVER]; }) };
      hg.state.routes = routeRows(rows, seconds);
      byId('latency-scope').textContent = 'all routes · ' + r.label;
      byId('show-all').hidden = true;
      byId('routes-scope').textContent = r.label + ' · click a row for its chart, a header to sort';
      byId('range-note').textContent = 'from disk, ' + h.resolution + ' steps';
      byId('window-panel').hidden = false;
      byId('window-scope').textContent = r.label;
      renderWindowSeries(rows);
      hg.drawCharts();
      hg.renderRoutes();
      document.body.setAttribute('data-range-resolution', h.resolution);
      document.body.setAttribute('data-range-loaded', String(h.points.length));
    }).catch(function (err) {
      byId('range-note').textContent = 'history unavailable: ' + String(err.message || err);
    });
  }

  function live() {
    range = null;
    hg.state.range = null;
    hg.state.selected = null;
    hg.state.selectedData = null;
    document.body.setAttribute('data-range', 'live');
    byId('latency-scope').textContent = 'all routes';
    byId('show-all').hidden = true;
    byId('routes-scope').textContent = 'last interval · click a row for its chart, a header to sort';
    byId('range-note').textContent = '';
    byId('window-panel').hidden = true;
    hg.state.routes = []; // until the next refresh brings the live ones
    hg.renderRoutes();
    hg.drawCharts();
  }

  function choose(name) {
    document.querySelectorAll('#range button[data-range]').forEach(function (b) {
      b.classList.toggle('active', b.getAttribute('data-range') === name);
    });
    byId('range-custom').hidden = name !== 'custom';
    if (name === 'live') { live(); return; }
    if (name === 'custom') { return; }
    var now = Date.now();
    load({ name: name, from: now - RANGES[name], to: now, label: LABELS[name], ids: {} });
  }

  function chooseCustom() {
    var from = Date.parse(byId('range-from').value), to = Date.parse(byId('range-to').value);
    if (isNaN(from) || isNaN(to) || to <= from) {
      byId('range-note').textContent = 'choose a start before the end';
      return;
    }
    load({ name: 'custom', from: from, to: to, label: byId('range-from').value.replace('T', ' ') + ' – ' +
      byId('range-to').value.replace('T', ' '), ids: {} });
  }

  /** A route row clicked while a range is shown (app.js hands it over). */
  hg.selectInRange = function (id) {
    if (!range || !range.ids[id]) { return; }
    hg.state.selected = id;
    var summary = null;
    range.rows.forEach(function (x) { if (x.metric === SERVER && routeName(x) === id) { summary = x; } });
    showSeries(range.ids[id], id, summary);
  };

  function start() {
    document.querySelectorAll('#range button[data-range]').forEach(function (b) {
      b.addEventListener('click', function () { choose(b.getAttribute('data-range')); });
    });
    byId('range-apply').addEventListener('click', chooseCustom);
    byId('show-all').addEventListener('click', function () {
      if (range) { byId('latency-scope').textContent = 'all routes · ' + range.label; }
    });
    document.body.setAttribute('data-range', 'live');
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
