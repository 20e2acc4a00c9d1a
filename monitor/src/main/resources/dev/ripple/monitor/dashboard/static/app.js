// Ripple's dashboard: polls /api/dashboard every 2 s and redraws. Plain JS, no build step.
(function () {
  'use strict';
  var POLL_MS = 2000;
  var THROUGHPUT_POINTS = 150;
  var throughput = [[], []];
  var last = null;
  var charts = {};

  function $(id) { return document.getElementById(id); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) {
    return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]; }); }
  function noData() { return '<span class="nodata">no data yet</span>'; }
  function num(n) { return n == null ? noData() : Math.round(n).toLocaleString('en'); }
  function secs(ms) {
    if (ms == null) { return noData(); }
    if (ms < 1000) { return ms + ' ms'; }
    if (ms < 120000) { return (ms / 1000).toFixed(1) + ' s'; }
    return Math.round(ms / 60000) + ' min';
  }
  function badge(s) { return '<span class="badge ' + esc(s) + '">' + esc(s) + '</span>'; }
  function lagLine(g) {
    return g == null ? noData() : badge(g.status) + ' ' + secs(g.time_lag_ms) + ' · ' + num(g.lag) + ' rec';
  }
  function latency(l) {
    return l == null ? noData() : 'p50 ' + secs(Math.round(l.p50_ms)) + ' · p99 ' + secs(Math.round(l.p99_ms));
  }

  function store(rebuilding) {
    if (rebuilding == null) { return noData(); }
    return rebuilding > 0 ? badge('STOP') + ' lost data: rebuilding ' + num(rebuilding) + ' partitions'
      : badge('OK') + ' serving';
  }

  function renderRegions(regions) {
    $('regions').innerHTML = regions.length === 0 ? noData() : regions.map(function (r) {
      return '<div class="card region" data-region="' + esc(r.name) + '">' +
        '<h3><span>' + esc(r.name) + '</span>' + (r.configured ? '' : '<span class="muted">not in config</span>') +
        '</h3><p class="muted">' + esc(r.description || '') + '</p><dl>' +
        '<dt>replication lag</dt><dd>' + lagLine(r.replication) + '</dd>' +
        '<dt>applied e2e</dt><dd>' + latency(r.applied_latency) + '</dd>' +
        '<dt>purge lag</dt><dd>' + lagLine(r.purge) + '</dd>' +
        '<dt>purged e2e</dt><dd>' + latency(r.purged_latency) + '</dd>' +
        '<dt>propagated</dt><dd>' + num(r.propagated_total) + '</dd>' +
        '<dt>applied</dt><dd>' + num(r.applied_total) + '</dd>' +
        '<dt>store</dt><dd>' + store(r.rebuilding) + '</dd></dl></div>';
    }).join('');
  }

  function rows(id, items, render, empty) {
    $(id).querySelector('tbody').innerHTML = items.length === 0
      ? '<tr><td colspan="8">' + (empty || noData()) + '</td></tr>' : items.map(render).join('');
  }

  function renderTables(d) {
    rows('groups', d.groups, function (g) {
      return '<tr><td>' + esc(g.group) + '</td><td>' + esc(g.region || '–') + '</td><td>' + esc(g.state) +
        '</td><td class="num">' + g.members + '</td><td>' + badge(g.status) + '</td><td class="num">' + num(g.lag) +
        '</td><td class="num">' + secs(g.time_lag_ms) + '</td><td class="why">' + esc(g.reason) + '</td></tr>';
    }, '<span class="nodata">no Ripple consumer groups yet (groups named ripple-…)</span>');
    rows('streams', d.streams, function (s) {
      return '<tr><td>' + esc(s.stream) + '</td><td class="num" id="stream-' + esc(s.stream) + '-records">' +
        num(s.end_offset) + '</td></tr>';
    });
    rows('dlq', d.dlq, function (q) {
      return '<tr><td>' + esc(q.consumer) + '</td><td class="num">' + num(q.depth) + '</td></tr>';
    }, '<span class="nodata">no dead-letter queues: nothing has failed</span>');
    rows('components', d.components, function (c) {
      return '<tr><td>' + esc(c.component) + (c.region === 'none' ? '' : ' ' + esc(c.region)) + '</td><td>' +
        badge(c.up ? 'OK' : 'STOP') + '</td></tr>';
    }, '<span class="nodata">no components in this process</span>');
    rows('breakers', d.breakers, function (b) {
      return '<tr><td>' + esc(b.name) + '</td><td>' + badge(b.state) + '</td></tr>';
    });
    var conits = d.conits.conits;
    rows('conits', conits, function (c) {
      var status = !d.conits.tracking ? noData() : c.status.map(function (s) {
        return esc(s.region) + ' ' + badge(s.in_bound ? 'OK' : 'ERR');
      }).join(' ');
      return '<tr><td>' + esc(c.name) + '<br><span class="muted">' + esc(c.keys) + ' · ' +
        esc(c.enforcement) + (c.bounds.staleness_ms ? ' · ≤ ' + secs(c.bounds.staleness_ms) : '') +
        '</span></td><td>' + status + '</td></tr>';
    });
  }

  function chart(id, series, data, yLabel) {
    var el = $(id);
    var key = series.join('|');
    if (series.length === 0) {
      if (charts[id]) { charts[id].plot.destroy(); charts[id] = null; }
      el.innerHTML = noData();
      return;
    }
    if (!charts[id] || charts[id].key !== key) {
      el.innerHTML = '';
      if (charts[id]) { charts[id].plot.destroy(); }
      var palette = ['#2b6cb0', '#c05621', '#2f855a', '#9b2c2c', '#6b46c1', '#b7791f', '#319795'];
      var opts = { width: el.clientWidth || 400, height: 170, legend: { show: series.length > 1 },
        axes: [{}, { label: yLabel, size: 50 }],
        series: [{}].concat(series.map(function (s, i) {
          return { label: s, stroke: palette[i % palette.length], width: 1.5 };
        })) };
      charts[id] = { key: key, plot: new uPlot(opts, data, el) };
    } else {
      charts[id].plot.setData(data);
    }
  }

  function renderCharts(d, now) {
    var published = d.intake.published_total;
    if (published != null) {
      var rate = last && last.published != null ? Math.max(0, (published - last.published) / (now - last.at)) : 0;
      throughput[0].push(now);
      throughput[1].push(rate);
      if (throughput[0].length > THROUGHPUT_POINTS) { throughput[0].shift(); throughput[1].shift(); }
      $('intake-rate').textContent = rate.toFixed(1);
      last = { at: now, published: published };
    }
    chart('chart-throughput', ['events/s'], throughput, 'events/s');
    var groups = d.groups.filter(function (g) { return g.history.length > 0; });
    var xs = groups.length ? groups[0].history.map(function (p) { return p[0]; }) : [];
    var timeLag = [xs], lag = [xs];
    groups.forEach(function (g) {
      var byTime = {};
      g.history.forEach(function (p) { byTime[p[0]] = p; });
      timeLag.push(xs.map(function (x) { return byTime[x] ? byTime[x][2] / 1000 : null; }));
      lag.push(xs.map(function (x) { return byTime[x] ? byTime[x][1] : null; }));
    });
    var names = groups.map(function (g) { return g.group; });
    chart('chart-time-lag', names, timeLag, 's');
    chart('chart-lag', names, lag, 'records');
  }

  function render(d) {
    var now = Date.now() / 1000;
    $('sampled').textContent = d.at.indexOf('1970') === 0 ? 'waiting for the first sample…'
      : 'sampled ' + new Date(d.at).toLocaleTimeString();
    $('rule-set').textContent = d.rule_set_version == null ? 'no data yet' : d.rule_set_version;
    $('lag-error').hidden = !d.lag_error;
    $('lag-error').textContent = d.lag_error || '';
    $('intake-published').innerHTML = num(d.intake.published_total);
    $('intake-refused').innerHTML = num(d.intake.refused_total);
    renderRegions(d.regions);
    renderTables(d);
    renderCharts(d, now);
  }

  function poll() {
    fetch('/api/dashboard', { cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (d) {
      $('connection').className = 'badge live';
      $('connection').textContent = 'live';
      render(d);
    }).catch(function (e) {
      $('connection').className = 'badge down';
      $('connection').textContent = 'disconnected: ' + e.message;
    }).then(function () { setTimeout(poll, POLL_MS); });
  }

  poll();
})();
