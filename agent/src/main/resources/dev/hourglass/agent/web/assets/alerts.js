// Hourglass alert operations: incidents (acknowledge), response times (MTTR) and rule editing with
// a threshold slider and a preview over the last hour of history. Writes carry the session's CSRF
// token; without write authority everything is shown read-only with how to enable editing. Every
// value from the agent is put into the page with textContent, never parsed as HTML.
(function () {
  'use strict';
  var POLL_MS = 5000;
  var session = { canWrite: false, csrf: null };
  var catalog = { rules: [], notifiers: [] };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function $(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function get(path) {
    return fetch(path, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error(path + ': HTTP ' + r.status); }
      return r.json();
    });
  }
  function write(method, path, body) {
    return fetch(path, { method: method, credentials: 'same-origin', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'X-Hourglass-CSRF': session.csrf || '' },
      body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        return r.json().then(function (json) {
          if (!r.ok && r.status !== 409) { throw new Error(json.error || ('HTTP ' + r.status)); }
          return json;
        });
      });
  }
  function minutes(ms) {
    if (ms === null || ms === undefined) { return '–'; }
    return ms < 60000 ? (ms / 1000).toFixed(0) + ' s' : (ms / 60000).toFixed(1) + ' min';
  }
  function say(text, bad) {
    var note = $('rule-message');
    note.textContent = text;
    note.className = bad ? 'bad' : 'muted';
  }

  // ---- incidents and response times ----
  function renderIncidents(a) {
    var body = $('incidents').querySelector('tbody');
    clear(body);
    var shown = a.alerts.filter(function (x) { return x.state !== 'pending'; });
    if (!shown.length) { body.appendChild(el('tr')).appendChild(el('td', { colspan: '6', 'class': 'empty' }, 'No incidents')); }
    shown.forEach(function (x) {
      var row = el('tr', { 'data-alert': x.id, 'data-state': x.state });
      var labels = Object.keys(x.labels).map(function (k) { return k + '=' + x.labels[k]; }).join(', ');
      row.appendChild(el('td', { 'class': 'text' }, x.rule));
      row.appendChild(el('td', { 'class': 'text' }, labels || '–'));
      row.appendChild(el('td', { 'class': 'text state' }, x.state + (x.acknowledgedBy ? ' by ' + x.acknowledgedBy : '') + (x.escalated ? ' · escalated' : '')));
      row.appendChild(el('td', null, x.valueText));
      row.appendChild(el('td', { 'class': 'text' }, new Date(x.since).toLocaleTimeString()));
      var cell = row.appendChild(el('td', { 'class': 'text' }));
      if (x.state === 'firing' && session.canWrite) {
        var button = cell.appendChild(el('button', { type: 'button', 'class': 'ack' }, 'Acknowledge'));
        button.addEventListener('click', function () {
          var by = $('ack-by').value.trim();
          write('POST', '/api/alerts/' + x.id + '/ack', by ? { by: by } : {})
            .then(refresh).catch(function (err) { say(String(err.message || err), true); });
        });
      }
      body.appendChild(row);
    });
    var times = $('mttr').querySelector('tbody');
    clear(times);
    if (!a.responseTimes.length) { times.appendChild(el('tr')).appendChild(el('td', { colspan: '6', 'class': 'empty' }, 'No incidents yet')); }
    a.responseTimes.forEach(function (t) {
      var row = el('tr', { 'data-rule': t.rule });
      [[t.rule, 'text'], [t.incidents], [t.acknowledged], [minutes(t.meanTimeToAckMs)], [t.resolved], [minutes(t.meanTimeToResolveMs)]]
        .forEach(function (c) { row.appendChild(el('td', c[1] ? { 'class': c[1] } : null, c[0])); });
      times.appendChild(row);
    });
  }

  // ---- rules ----
  function renderRules() {
    var body = $('rules').querySelector('tbody');
    clear(body);
    catalog.rules.forEach(function (r) {
      var row = el('tr', { 'data-rule': r.name });
      row.appendChild(el('td', { 'class': 'text' }, r.name));
      row.appendChild(el('td', { 'class': 'text' }, r.condition || r.problem || '–'));
      row.appendChild(el('td', { 'class': 'text' }, r.source + (r.editable ? '' : ' (read-only)')));
      row.appendChild(el('td', { 'class': 'text' }, r.enabled ? (r.problem ? 'invalid' : 'on') : 'off'));
      var actions = row.appendChild(el('td', { 'class': 'text' }));
      if (r.editable && session.canWrite) {
        actions.appendChild(el('button', { type: 'button', 'class': 'edit' }, 'Edit')).addEventListener('click', function () { openForm(r); });
        actions.appendChild(el('button', { type: 'button', 'class': 'toggle' }, r.enabled ? 'Disable' : 'Enable')).addEventListener('click', function () {
          var fields = Object.assign({}, r.fields, { enabled: r.enabled ? 'false' : 'true' });
          save(r.name, fields);
        });
        actions.appendChild(el('button', { type: 'button', 'class': 'delete' }, 'Delete')).addEventListener('click', function () {
          write('DELETE', '/api/rules/' + encodeURIComponent(r.name)).then(function () { say('Deleted ' + r.name); loadRules(); })
            .catch(function (err) { say(String(err.message || err), true); });
        });
      }
      body.appendChild(row);
    });
    var boxes = $('rule-notify');
    clear(boxes);
    catalog.notifiers.forEach(function (n) {
      var label = boxes.appendChild(el('label'));
      label.appendChild(el('input', { type: 'checkbox', value: n, name: 'notify' }));
      label.appendChild(document.createTextNode(' ' + n + ' '));
    });
  }

  // The slider works in the unit people read: ms for durations, % for ratios, plain otherwise.
  var unit = 'count';
  function display(value) { return unit === 'seconds' ? value * 1000 : unit === 'ratio' ? value * 100 : value; }
  function suffix() { return unit === 'seconds' ? 'ms' : unit === 'ratio' ? '%' : ''; }
  /** 1, 2 or 5 times a power of ten, so slider positions are round numbers. */
  function niceStep(raw) {
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var ratio = raw / power;
    return ratio < 2 ? power : ratio < 5 ? 2 * power : 5 * power;
  }
  function fromSlider() {
    var v = Number($('rule-slider').value);
    $('rule-threshold').value = String(Math.round(v * 100) / 100) + suffix();
  }
  function toSlider() {
    var v = parseFloat($('rule-threshold').value);
    if (!isNaN(v)) {
      var slider = $('rule-slider');
      if (v > Number(slider.max)) { slider.max = String(v); }
      slider.value = String(v);
    }
  }

  function formFields() {
    var f = {
      metric: $('rule-metric').value.trim(), signal: $('rule-signal').value.trim(),
      by: $('rule-by').value.trim(), where: $('rule-where').value.trim(),
      'for': $('rule-for').value.trim(), recover: $('rule-recover').value.trim(),
      samples: $('rule-samples').value.trim(),
      severity: $('rule-severity').value, escalate: $('rule-escalate').value.trim(),
      escalate_to: $('rule-escalate-to').value.trim(), description: $('rule-description').value.trim()
    };
    f[$('rule-comparison').value] = $('rule-threshold').value.trim();
    var notify = Array.prototype.filter.call(document.querySelectorAll('#rule-notify input'), function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    if (notify.length) { f.notify = notify.join(','); }
    Object.keys(f).forEach(function (k) { if (f[k] === '') { delete f[k]; } });
    return f;
  }

  function openForm(rule) {
    var f = rule ? rule.fields : { metric: 'http.server.request.duration', signal: 'p95', by: 'http.route', above: '300ms', 'for': '2', recover: '2' };
    $('rule-form').hidden = false;
    $('rule-name').value = rule ? rule.name : '';
    $('rule-name').readOnly = !!rule;
    $('rule-metric').value = f.metric || '';
    $('rule-signal').value = f.signal || '';
    $('rule-by').value = f.by || '';
    $('rule-where').value = f.where || '';
    $('rule-comparison').value = f.below !== undefined ? 'below' : 'above';
    $('rule-threshold').value = f.below !== undefined ? f.below : (f.above || '');
    $('rule-for').value = f['for'] || '';
    $('rule-recover').value = f.recover || '';
    $('rule-samples').value = f.samples || '';
    $('rule-severity').value = f.severity || 'warning';
    $('rule-escalate').value = f.escalate || '';
    $('rule-escalate-to').value = f.escalate_to || '';
    $('rule-description').value = f.description || '';
    var chosen = (f.notify || '').split(',');
    document.querySelectorAll('#rule-notify input').forEach(function (b) { b.checked = chosen.indexOf(b.value) >= 0; });
    $('preview-text').textContent = '';
    preview(true);
  }

  /** Asks what the rule would have done; with {@code bounds}, fits the slider to the signal's range. */
  function preview(bounds) {
    var fields = formFields();
    fields.name = $('rule-name').value.trim() || 'preview';
    return write('POST', '/api/rules/preview', fields).then(function (p) {
      if (p.error) { $('preview-text').textContent = p.error; return; }
      $('preview-text').textContent = p.text + (p.minText ? ' (range ' + p.minText + ' – ' + p.maxText + ')' : '');
      $('preview-text').setAttribute('data-firings', String(p.firings));
      unit = p.unit;
      if (bounds) {
        var slider = $('rule-slider');
        var hi = p.max === null ? 1 : display(p.max) * 1.5;
        var typed = parseFloat($('rule-threshold').value);
        var top = Math.max(hi, isNaN(typed) ? 0 : typed, 1);
        var step = niceStep(top / 200);
        slider.min = '0';
        slider.step = String(step);
        slider.max = String(Math.ceil(top / step) * step);
        toSlider();
      }
    }).catch(function (err) { $('preview-text').textContent = String(err.message || err); });
  }

  function save(name, fields) {
    return write('PUT', '/api/rules/' + encodeURIComponent(name), fields).then(function () {
      say('Saved ' + name + '; it runs from the next interval');
      $('rule-form').hidden = true;
      loadRules();
    }).catch(function (err) { say(String(err.message || err), true); });
  }

  function loadRules() {
    return get('/api/rules').then(function (r) {
      catalog = r;
      renderRules();
    });
  }
  function refresh() {
    return get('/api/alerts').then(renderIncidents).catch(function () {});
  }

  function start() {
    get('/api/session').then(function (s) {
      session = s;
      document.body.setAttribute('data-can-write', String(s.canWrite));
      $('edit-note').textContent = s.canWrite ? 'You may edit rules and acknowledge alerts.' : 'Read-only: ' + s.howToEdit;
      $('rule-new').hidden = !s.canWrite;
      $('ack-box').hidden = !s.canWrite;
    }).catch(function () {}).then(function () {
      loadRules().catch(function () {});
      refresh();
      setInterval(refresh, POLL_MS);
    });
    $('rule-new').addEventListener('click', function () { openForm(null); });
    $('rule-cancel').addEventListener('click', function () { $('rule-form').hidden = true; });
    $('rule-preview').addEventListener('click', function () { preview(false); });
    $('rule-slider').addEventListener('input', fromSlider);
    $('rule-threshold').addEventListener('input', toSlider);
    ['rule-metric', 'rule-signal'].forEach(function (id) { $(id).addEventListener('change', function () { preview(true); }); });
    $('rule-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var name = $('rule-name').value.trim();
      if (!name) { say('Give the rule a name', true); return; }
      save(name, formFields());
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
