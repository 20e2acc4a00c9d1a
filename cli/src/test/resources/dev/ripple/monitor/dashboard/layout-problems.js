// What a reader of the dashboard would see as broken layout, one line each; none when the layout is sound.
// A box is the header, a region card or a panel. Boxes must not overlap, nor scroll (what they hold must fit),
// and nothing inside a box may be drawn outside it, after clipping by its own scrolling parts (a legend that
// scrolls within its chart is inside); the page must not scroll sideways.
var problems = [];
function name(e) {
  if (e.id) { return '#' + e.id; }
  var cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '';
  return e.tagName.toLowerCase() + cls + (e.dataset && e.dataset.region ? '[' + e.dataset.region + ']' : '');
}
function box(e) { var r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; }
function clip(a, b) { return { l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) }; }
function empty(a) { return a.r - a.l <= 0.5 || a.b - a.t <= 0.5; }
function px(a) { return '[' + [a.l, a.t, a.r, a.b].map(Math.round).join(',') + ']'; }
var boxes = Array.from(document.querySelectorAll('header, .card, .panel'));
boxes.forEach(function (x, i) {
  boxes.slice(i + 1).forEach(function (y) {
    if (!empty(clip(box(x), box(y)))) { problems.push(name(x) + ' ' + px(box(x)) + ' overlaps ' + name(y) + ' ' + px(box(y))); }
  });
  if (x.scrollWidth > x.clientWidth + 1 || x.scrollHeight > x.clientHeight + 1) {
    problems.push(name(x) + ' scrolls: content ' + x.scrollWidth + 'x' + x.scrollHeight + ' in ' + x.clientWidth + 'x' + x.clientHeight);
  }
  var outer = box(x);
  var spilled = [];
  x.querySelectorAll('*').forEach(function (e) {
    if (spilled.some(function (s) { return s.contains(e); })) { return; }  // its outermost spilling ancestor is named
    var seen = box(e);
    for (var a = e.parentElement; a && a !== x && !empty(seen); a = a.parentElement) {
      var s = getComputedStyle(a);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') { seen = clip(seen, box(a)); }
    }
    if (!empty(seen) && (seen.l < outer.l - 0.5 || seen.t < outer.t - 0.5 || seen.r > outer.r + 0.5 || seen.b > outer.b + 0.5)) {
      problems.push(name(e) + ' ' + px(seen) + ' spills out of ' + name(x) + ' ' + px(outer));
      spilled.push(e);
    }
  });
});
if (document.documentElement.scrollWidth > window.innerWidth) {
  problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px in ' + window.innerWidth);
}
return problems.length <= 12 ? problems : problems.slice(0, 12).concat(['… and ' + (problems.length - 12) + ' more']);
