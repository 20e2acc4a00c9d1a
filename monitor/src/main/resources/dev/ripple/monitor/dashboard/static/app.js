// Ripple's dashboard: polls /api/dashboard?window=… every 2 s and redraws. Rates, latency percentiles and the
// charts' history come from the server, so a reload keeps them. Plain JS, no build step.
(function () {
  'use strict';
  var POLL_MS = 2000;
  var CHART_HEIGHT = 170;
  var PALETTE = ['#2b6cb0', '#c05621', '#2f855a', '#9b2c2c', '#6b46c1', '#b7791f', '#319795', '#d53f8c'];
  var STORED = 'ripple.dashboard.window';
  var charts = {};
  var xRange = null;  // [start, end] of the window shown, epoch seconds: every chart spans all of it
  var windowName = new URLSearchParams(location.search).get('window') || localStorage.getItem(STORED);
  var timer = null;
  var polls = 0;

  function $(id) { return document.getElementById(id); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) {
    return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]; }); }
  function noData() { return '<span class="nodata">no data yet</span>'; }
  function num(n) { return n == null ? noData() : Math.round(n).toLocaleString('en'); }
  function secs(ms) {
    if (ms == null) { return noData(); }
    if (ms < 10) { return ms.toFixed(1) + ' ms'; }
    if (ms < 1000) { return Math.round(ms) + ' ms'; }
    if (ms < 120000) { return (ms / 1000).toFixed(1) + ' s'; }
    return Math.round(ms / 60000) + ' min';
  }
  function duration(s) {
    return s >= 3600 && s % 3600 === 0 ? s / 3600 + 'h' : s >= 60 ? Math.floor(s / 60) + 'm' + (s % 60 ? ' ' + s % 60 + 's' : '')
      : s + 's';
  }
  function perSecond(r) { return (r < 10 ? r.toFixed(1) : Math.round(r).toLocaleString('en')) + '/s'; }
  function badge(s) { return '<span class="badge ' + esc(s) + '">' + esc(s) + '</span>'; }
  function lagLine(g) {
    return g == null ? noData() : badge(g.status) + ' ' + secs(g.time_lag_ms) + ' · ' + num(g.lag) + ' rec';
  }
  function nowrap(s) { return '<span class="nw">' + s + '</span>'; }
  function latency(l, win) {
    if (l == null) { return noData(); }
    if (l.count === 0) { return '<span class="idle">none in ' + esc(win) + '</span>'; }
    return nowrap('p50 ' + secs(l.p50_ms)) + ' · ' + nowrap('p99 ' + secs(l.p99_ms));
  }
  function counted(rate, total) {
    if (total == null) { return noData(); }
    return (rate == null ? '' : nowrap(perSecond(rate)) + ' · ') + nowrap(num(total));
  }
  function store(rebuilding) {
    if (rebuilding == null) { return noData(); }
    return rebuilding > 0 ? badge('STOP') + ' lost data: rebuilding ' + num(rebuilding) + ' partitions'
      : badge('OK') + ' serving';
  }

  function renderWindow(w) {
    var select = $('window');
    if (select.dataset.choices !== w.choices.join(',')) {
      select.innerHTML = w.choices.map(function (c) { return '<option>' + esc(c) + '</option>'; }).join('');
      select.dataset.choices = w.choices.join(',');
    }
    select.value = w.name;
    $('window-covered').textContent = w.covered_seconds < w.seconds
      ? '(history so far: ' + duration(w.covered_seconds) + ')' : '';
  }

  function renderRegions(regions, win) {
    $('regions').innerHTML = regions.length === 0 ? noData() : regions.map(function (r) {
      return '<div class="card region" data-region="' + esc(r.name) + '">' +
        '<h3><span>' + esc(r.name) + '</span>' + (r.configured ? '' : '<span class="muted">not in config</span>') +
        '</h3><p class="muted">' + esc(r.description || '') + '</p><dl>' +
        '<dt>replication lag</dt><dd>' + lagLine(r.replication) + '</dd>' +
        '<dt>applied e2e</dt><dd>' + latency(r.applied_latency, win) + '</dd>' +
        '<dt>purge lag</dt><dd>' + lagLine(r.purge) + '</dd>' +
        '<dt>purged e2e</dt><dd>' + latency(r.purged_latency, win) + '</dd>' +
        '<dt>propagated</dt><dd>' + counted(r.propagated_rate, r.propagated_total) + '</dd>' +
        '<dt>applied</dt><dd>' + counted(r.applied_rate, r.applied_total) + '</dd>' +
        '<dt>purged</dt><dd>' + counted(r.purged_rate, r.purged_total) + '</dd>' +
        '<dt>store</dt><dd>' + store(r.rebuilding) + '</dd></dl></div>';
    }).join('');
  }

  /** Nines (ceiling 6: none missed), the ratio and counts on hover; '—' where nothing was judged. */
  function nines(c) {
    if (c == null || c.nines == null) {
      return '<td class="num nines none" title="nothing judged in the prober\'s window">—</td>';
    }
    var title = (c.ratio * 100).toFixed(4) + '% consistent in the prober\'s window' + (c.judged_total == null ? ''
      : '; since start ' + Math.round(c.consistent_total) + ' of ' + Math.round(c.judged_total));
    var shown = Math.round(c.nines * 10) / 10;  // 3.99999… is 4 nines, and is coloured as the 4.0 it reads
    var cls = shown >= 4 ? 'OK' : shown >= 2 ? 'WARN' : 'ERR';
    return '<td class="num nines ' + cls + '" title="' + esc(title) + '">' + (shown >= 6 ? '≥ 6' : shown.toFixed(1)) +
      '</td>';
  }

  function renderFreshness(f) {
    var table = $('freshness');
    if (!f || !f.probing) {
      table.querySelector('thead').innerHTML = '';
      table.querySelector('tbody').innerHTML = '<tr><td>— <span class="nodata">no prober in this process ' +
        '(ripple probe, or ripple up)</span></td></tr>';
      return;
    }
    table.querySelector('thead').innerHTML = '<tr><th>region</th><th>target</th>' + f.delays.map(function (d) {
      return '<th class="num">within ' + esc(d) + ' s</th>';
    }).join('') + '</tr>';
    table.querySelector('tbody').innerHTML = f.targets.map(function (t) {
      var byDelay = {};
      t.within.forEach(function (c) { byDelay[c.within] = c; });
      return '<tr data-region="' + esc(t.region) + '" data-target="' + esc(t.target) + '"><td>' + esc(t.region) +
        '</td><td>' + esc(t.target) + '</td>' + f.delays.map(function (d) { return nines(byDelay[d]); }).join('') +
        '</tr>';
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

  // Charts take their container's width, now and whenever it changes; the legend scrolls within the panel.
  var resized = new ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      var c = charts[e.target.id];
      if (c && e.target.clientWidth > 0) { c.plot.setSize({ width: e.target.clientWidth, height: CHART_HEIGHT }); }
    });
  });

  function chart(id, series, data, yLabel) {
    var el = $(id);
    var key = series.join('|');
    el.dataset.points = data[0].length;
    if (series.length === 0 || data[0].length === 0) {
      if (charts[id]) { charts[id].plot.destroy(); charts[id] = null; }
      el.innerHTML = noData();
      return;
    }
    if (!charts[id] || charts[id].key !== key) {
      el.innerHTML = '';
      if (charts[id]) { charts[id].plot.destroy(); }
      var opts = { width: el.clientWidth || 400, height: CHART_HEIGHT, legend: { show: series.length > 1 },
        scales: { x: { time: true, range: function (u, min, max) { return xRange || [min, max]; } } },
        axes: [{}, { label: yLabel, size: 56 }],
        series: [{}].concat(series.map(function (s, i) {
          return { label: s, stroke: PALETTE[i % PALETTE.length], width: 1.5 };
        })) };
      charts[id] = { key: key, plot: new uPlot(opts, data, el) };
      resized.observe(el);
    } else {
      charts[id].plot.setData(data);
    }
  }

  function renderCharts(d) {
    var c = d.charts;
    chart('chart-throughput', ['published', 'refused'], [c.t, c.published, c.refused], 'events/s');
    var regions = Object.keys(c.p99_ms);
    chart('chart-latency', regions, [c.t].concat(regions.map(function (r) { return c.p99_ms[r]; })), 'ms');
    var groups = d.groups.filter(function (g) { return g.history.length > 0; });
    var times = {};
    groups.forEach(function (g) { g.history.forEach(function (p) { times[p[0]] = true; }); });
    var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
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

  /** Dependents still to walk, fan-outs, drain time; then the derived lanes' lag, records. */
  function fanout(f, lanes) {
    var lag = lanes.reduce(function (sum, l) { return sum + l.lag; }, 0);
    var walk = !f || f.dependents == null ? 'no propagator here'
      : f.dependents + ' to walk in ' + f.fanouts + ' (' + Math.round(f.drain_seconds) + ' s)';
    return walk + ' · derived lanes ' + (lanes.length ? lag + ' behind' : 'none');
  }

  function render(d) {
    $('sampled').textContent = d.at.indexOf('1970') === 0 ? 'waiting for the first sample…'
      : 'sampled ' + new Date(d.at).toLocaleTimeString();
    $('rule-set').textContent = d.rule_set_version == null ? 'no data yet' : d.rule_set_version;
    $('fanout').textContent = fanout(d.fanout, d.derived_lanes || []);
    $('lag-error').hidden = !d.lag_error;
    $('lag-error').textContent = d.lag_error || '';
    $('intake-published').innerHTML = num(d.intake.published_total);
    $('intake-refused').innerHTML = num(d.intake.refused_total);
    $('intake-rate').textContent = d.intake.published_rate == null ? '–' : d.intake.published_rate.toFixed(1);
    var end = Date.parse(d.window.until) / 1000;
    xRange = [end - d.window.seconds, end];
    renderWindow(d.window);
    renderRegions(d.regions, d.window.name);
    renderFreshness(d.freshness);
    renderTables(d);
    renderCharts(d);
  }

  // One poll at a time: a newer one (the window changed) makes an older one's answer and its next poll moot.
  function poll() {
    clearTimeout(timer);
    var mine = ++polls;
    var url = '/api/dashboard' + (windowName ? '?window=' + encodeURIComponent(windowName) : '');
    var again = POLL_MS;
    fetch(url, { cache: 'no-store' }).then(function (r) {
      if (r.status === 400 && windowName) {
        // a window this server does not keep (an old link, another server's choice): use its default
        windowName = null;
        localStorage.removeItem(STORED);
        history.replaceState(null, '', location.pathname);
        again = 0;
        return null;
      }
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (d) {
      if (d == null || mine !== polls) { return; }
      $('connection').className = 'badge live';
      $('connection').textContent = 'live';
      render(d);
    }).catch(function (e) {
      $('connection').className = 'badge down';
      $('connection').textContent = 'disconnected: ' + e.message;
    }).then(function () {
      if (mine === polls) { timer = setTimeout(poll, again); }
    });
  }

  $('window').addEventListener('change', function (e) {
    windowName = e.target.value;
    localStorage.setItem(STORED, windowName);
    history.replaceState(null, '', location.pathname + '?window=' + encodeURIComponent(windowName));
    poll();
  });

  poll();
})();
