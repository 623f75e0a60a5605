/* view.js -- the HTML view of `quarry run --format html`: embedded in the
 * page at build time; no external resource.
 *
 * Each document is a <script type="application/json" class="qdoc"> block,
 * parsed only when its page is shown, so a page of 10,000 documents opens
 * as fast as the browser reads the file and renders PAGE documents at a
 * time. Entity offsets in the blocks are UTF-16 code units (the writer
 * converts the record's byte offsets), which is how JavaScript indexes. */
(function () {
  'use strict';
  var PAGE = 20;
  var PALETTE = ['#a6cee3', '#fdbf6f', '#b2df8a', '#fb9a99', '#cab2d6',
                 '#ffff99', '#8dd3c7', '#fccde5', '#d9d9d9', '#bc80bd'];
  var blocks = Array.prototype.slice.call(document.querySelectorAll('script.qdoc'));
  var summary = JSON.parse(document.getElementById('qsummary').textContent);
  var types = JSON.parse(document.getElementById('qtypes').textContent);
  var docsEl = document.getElementById('docs');
  var tip = document.getElementById('tip');
  var state = { page: 0, hidden: {}, only: '', query: '', shown: [] };
  var rendered = []; /* the parsed documents of the current page, by position on it */

  /* a type's colour by its place in the legend (the pipeline's order), as
   * visual.conf of the brat output colours it */
  function colour(type) {
    var k = types.indexOf(type);
    return PALETTE[(k < 0 ? types.length : k) % PALETTE.length];
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fmt(n) {
    return Number(n).toLocaleString('en', { maximumFractionDigits: Math.abs(n) < 100 ? 2 : 0 });
  }

  function isSpanKey(k) { return /_(start|end)$/.test(k); }

  /* ---- summary ---------------------------------------------------------- */
  function box(title, rows, wide) {
    var b = el('div', { 'class': 'box' + (wide ? ' wide' : '') });
    b.appendChild(el('h2', {}, title));
    if (!rows.length) { b.appendChild(el('div', { 'class': 'empty' }, 'none')); return b; }
    var t = el('table');
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (cell, i) {
        var td = el('td', i && typeof cell === 'number' ? { 'class': 'n' } : {});
        if (cell instanceof Node) td.appendChild(cell); else td.textContent = typeof cell === 'number' ? fmt(cell) : cell;
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    b.appendChild(t);
    return b;
  }

  function topOf(type, attr) {
    var a = (summary.attributes[type] || {})[attr] || [];
    return a.slice(0, 10).map(function (p) { return [p[0], p[1]]; });
  }

  function drawSummary() {
    var s = document.getElementById('summary');
    s.appendChild(box('Run', [['documents', summary.documents], ['with errors', summary.documents_with_errors],
                              ['entities', summary.entities]]));
    s.appendChild(box('Entities by type', Object.keys(summary.types).sort().map(function (t) {
      var sw = el('span', { 'class': 'swatch', style: 'background:' + colour(t) });
      var l = el('span'); l.appendChild(sw); l.appendChild(document.createTextNode(' ' + t));
      return [l, summary.types[t]];
    })));
    s.appendChild(box('Top speakers', topOf('quote', 'speaker')));
    s.appendChild(box('Top places', topOf('location', 'name')));
    var money = [];
    Object.keys(summary.amounts).forEach(function (t) {
      var per = summary.amounts[t];
      Object.keys(per).sort(function (a, b) { return per[b].count - per[a].count; }).forEach(function (c) {
        money.push([c + (t === 'money' ? '' : ' (' + t + ')'), per[c].count + '×', fmt(per[c].sum)]);
      });
    });
    s.appendChild(box('Money per currency', money));
    if (summary.documents_with_errors)
      s.appendChild(box('Errors', Object.keys(summary.errors).map(function (c) { return [c, summary.errors[c]]; })));
    if (summary.transfers) {
      var rows = [['donor', 'system', 'mentions', 'statuses', 'amounts', 'recipients']];
      summary.transfers.slice(0, 50).forEach(function (r) {
        var join = function (o, f) { return Object.keys(o).map(function (k) { return k + ' ' + f(o[k]); }).join(', '); };
        rows.push([r.donor, r.system, r.count, join(r.statuses, String), join(r.amounts, fmt), join(r.recipients, String)]);
      });
      s.appendChild(box('Transfers: donor × system', rows, true));
    }
  }

  /* ---- controls ---------------------------------------------------------- */
  function drawControls() {
    var legend = document.getElementById('legend');
    types.forEach(function (t) {
      var cb = el('input', { type: 'checkbox', checked: '', 'data-type': t });
      var l = el('label', { title: 'highlight ' + t + ' entities' });
      l.appendChild(cb);
      l.appendChild(el('span', { 'class': 'swatch', style: 'background:' + colour(t) }));
      l.appendChild(document.createTextNode(t + ' ' + (summary.types[t] || 0)));
      legend.appendChild(l);
      cb.addEventListener('change', function () {
        state.hidden[t] = !cb.checked;
        docsEl.querySelectorAll('mark.ent[data-type="' + t + '"]').forEach(function (m) {
          m.classList.toggle('off', !cb.checked);
        });
      });
    });
    var only = document.getElementById('only');
    types.forEach(function (t) { only.appendChild(el('option', { value: t }, 'with ' + t)); });
    only.addEventListener('change', function () { state.only = only.value; refilter(); });
    var q = document.getElementById('query');
    var timer = 0;
    q.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.query = q.value.toLowerCase(); refilter(); }, 200);
    });
    document.getElementById('prev').addEventListener('click', function () { go(state.page - 1); });
    document.getElementById('next').addEventListener('click', function () { go(state.page + 1); });
  }

  function refilter() {
    state.shown = [];
    for (var i = 0; i < blocks.length; i++) {
      var b = blocks[i];
      if (state.only && (' ' + b.getAttribute('data-types') + ' ').indexOf(' ' + state.only + ' ') < 0) continue;
      if (state.query && b.textContent.toLowerCase().indexOf(state.query) < 0) continue;
      state.shown.push(i);
    }
    go(0);
  }

  function go(page) {
    var pages = Math.max(1, Math.ceil(state.shown.length / PAGE));
    state.page = Math.min(Math.max(0, page), pages - 1);
    document.getElementById('prev').disabled = state.page === 0;
    document.getElementById('next').disabled = state.page >= pages - 1;
    document.getElementById('where').textContent = 'page ' + (state.page + 1) + ' of ' + pages + ' · ' +
      state.shown.length + ' of ' + blocks.length + ' documents';
    drawPage();
  }

  /* ---- one document ------------------------------------------------------ */
  function tipText(doc, ent) {
    var lines = [ent.t + ' (' + ent.p + ')'];
    Object.keys(ent.a).forEach(function (k) { if (!isSpanKey(k)) lines.push(k + ': ' + ent.a[k]); });
    (ent.l || []).forEach(function (l) {
      if (!(l[0] in ent.a)) lines.push(l[0] + ': ' + doc.text.slice(l[1], l[2]));
    });
    return lines.join('\n');
  }

  /* Speech (a quote, reported speech: what names a speaker) and long spans
   * are underlined, not filled, so the entities inside them stay readable. */
  function quoteLike(ent) {
    return ent.e - ent.s > 80 || (ent.l || []).some(function (l) { return l[0] === 'speaker'; }) || 'speaker' in ent.a;
  }

  /* Entities and the spans they point at (a quote's speaker) as nested
   * elements. Where two cross, the inner one is cut in two fragments that
   * share data-i, so every character sits inside everything covering it. */
  function drawText(doc, di, into) {
    var items = [];
    doc.ents.forEach(function (e, i) {
      items.push({ s: e.s, e: e.e, ent: e, i: i });
      (e.l || []).forEach(function (l) { items.push({ s: l[1], e: l[2], role: l[0], of: i }); });
    });
    items = items.filter(function (it) { return it.e > it.s; });
    items.forEach(function (it, k) { it.k = k; });
    var outer = function (a, b) { return a.s - b.s || b.e - a.e || a.k - b.k; };
    items.sort(outer);
    var cuts = [0, doc.text.length];
    items.forEach(function (it) { cuts.push(it.s, it.e); });
    cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
    /* a sweep over the cuts: `active` holds what covers the current segment */
    var stack = [{ node: into }], active = [], next = 0;
    for (var c = 0; c + 1 < cuts.length; c++) {
      var p = cuts[c], q = cuts[c + 1];
      if (p >= q || p >= doc.text.length) continue;
      active = active.filter(function (it) { return it.e > p; });
      while (next < items.length && items[next].s <= p) active.push(items[next++]);
      var cover = active.slice().sort(outer);
      var keep = 0;
      while (keep < cover.length && keep + 1 < stack.length && stack[keep + 1].item === cover[keep]) keep++;
      stack.length = keep + 1;
      for (var j = keep; j < cover.length; j++) {
        var it = cover[j], node;
        if (it.ent) {
          node = el('mark', { 'class': 'ent' + (quoteLike(it.ent) ? ' quote-like' : ''), 'data-type': it.ent.t,
                              'data-i': String(it.i), 'data-doc': String(di), tabindex: '0',
                              title: tipText(doc, it.ent), style: '--c:' + colour(it.ent.t) });
          if (state.hidden[it.ent.t]) node.classList.add('off');
        } else {
          node = el('span', { 'class': 'role', 'data-role': it.role, 'data-of': String(it.of), 'data-doc': String(di),
                              title: it.role + ' of the ' + doc.ents[it.of].t });
        }
        stack[stack.length - 1].node.appendChild(node);
        stack.push({ node: node, item: it });
      }
      stack[stack.length - 1].node.appendChild(document.createTextNode(doc.text.slice(p, q)));
    }
  }

  function drawDoc(doc, di, ordinal) {
    var a = el('article', { 'class': 'doc', id: 'doc-' + ordinal, 'data-ordinal': String(ordinal) });
    var counts = {};
    doc.ents.forEach(function (e) { counts[e.t] = (counts[e.t] || 0) + 1; });
    var h = el('h3', {}, doc.id);
    h.appendChild(el('span', { 'class': 'counts' }, Object.keys(counts).sort().map(function (t) {
      return counts[t] + ' ' + t;
    }).join(' · ')));
    a.appendChild(h);
    var text = el('div', { 'class': 'text' });
    if (doc.text === null) text.appendChild(el('span', { 'class': 'empty' }, 'the document could not be read'));
    else drawText(doc, di, text);
    a.appendChild(text);
    if (doc.errors.length) {
      var ul = el('ul', { 'class': 'errors' });
      doc.errors.forEach(function (e) { ul.appendChild(el('li', {}, (e.plugin || 'input') + ': ' + e.code + ': ' + e.message)); });
      a.appendChild(ul);
    }
    return a;
  }

  function drawPage() {
    hideTip();
    docsEl.textContent = '';
    rendered = [];
    var from = state.page * PAGE;
    var slice = state.shown.slice(from, from + PAGE);
    if (!slice.length) docsEl.appendChild(el('p', { 'class': 'empty' }, 'no document matches'));
    slice.forEach(function (ordinal, di) {
      var doc = JSON.parse(blocks[ordinal].textContent);
      rendered.push(doc);
      docsEl.appendChild(drawDoc(doc, di, ordinal));
    });
  }

  /* ---- tooltips and links ------------------------------------------------ */
  /* The tooltip of every entity under the pointer, innermost first: a
   * transfer and the weapon it is about share their span. */
  function showTip(mark) {
    var doc = rendered[+mark.getAttribute('data-doc')];
    tip.textContent = '';
    for (var m = mark; m && m.matches && m.matches('mark.ent'); m = m.parentElement.closest('mark.ent')) {
      if (m.classList.contains('off')) continue;
      var ent = doc.ents[+m.getAttribute('data-i')];
      var head = el('div');
      head.appendChild(el('b', {}, ent.t));
      head.appendChild(document.createTextNode(' from ' + ent.p));
      tip.appendChild(head);
      var t = el('table');
      Object.keys(ent.a).forEach(function (k) {
        if (isSpanKey(k)) return;
        var tr = el('tr');
        tr.appendChild(el('td', {}, k));
        tr.appendChild(el('td', {}, String(ent.a[k])));
        t.appendChild(tr);
      });
      (ent.l || []).forEach(function (l) {
        if (l[0] in ent.a) return;
        var tr = el('tr');
        tr.appendChild(el('td', {}, l[0]));
        tr.appendChild(el('td', {}, doc.text.slice(l[1], l[2])));
        t.appendChild(tr);
      });
      tip.appendChild(t);
      linked(m, true);
    }
    tip.hidden = false;
    var r = mark.getBoundingClientRect();
    tip.style.left = Math.max(4, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4)) + 'px';
    tip.style.top = (window.scrollY + r.bottom + 6) + 'px';
  }

  function hideTip() {
    tip.hidden = true;
    docsEl.querySelectorAll('.hot').forEach(function (n) { n.classList.remove('hot'); });
  }

  /* light up an entity (every fragment) and the spans it points at */
  function linked(mark, on) {
    var article = mark.closest('article'), i = mark.getAttribute('data-i');
    article.querySelectorAll('mark.ent[data-i="' + i + '"], span.role[data-of="' + i + '"]').forEach(function (n) {
      n.classList.toggle('hot', on);
    });
  }

  docsEl.addEventListener('mouseover', function (ev) {
    var m = ev.target.closest('mark.ent');
    if (m && !m.classList.contains('off')) { hideTip(); showTip(m); }
  });
  docsEl.addEventListener('mouseout', function (ev) {
    var m = ev.target.closest('mark.ent');
    if (m && !m.contains(ev.relatedTarget)) hideTip();
  });
  docsEl.addEventListener('focusin', function (ev) {
    var m = ev.target.closest('mark.ent');
    if (m) { hideTip(); showTip(m); }
  });
  docsEl.addEventListener('focusout', hideTip);
  docsEl.addEventListener('click', function (ev) {
    var m = ev.target.closest('mark.ent');
    if (!m) return;
    var role = m.closest('article').querySelector('span.role[data-of="' + m.getAttribute('data-i') + '"]');
    if (role) role.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });

  /* #e=ORDINAL.INDEX opens that document's page and that entity's tooltip:
   * a link to one finding, and what the rendering test uses */
  function fromHash() {
    var m = /^#e=(\d+)\.(\d+)$/.exec(location.hash);
    if (!m) return;
    var at = state.shown.indexOf(+m[1]);
    if (at < 0) return;
    go(Math.floor(at / PAGE));
    var article = document.getElementById('doc-' + m[1]);
    var mark = article && article.querySelector('mark.ent[data-i="' + m[2] + '"]');
    if (!mark) return;
    var r = mark.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight - 120) mark.scrollIntoView({ block: 'center' });
    showTip(mark);
  }

  drawSummary();
  drawControls();
  refilter();
  fromHash();
  window.addEventListener('hashchange', fromHash);
  /* when the first page was on screen, in ms from the navigation: what
   * tests/bench/html_view.sh reports */
  document.body.setAttribute('data-shown-ms', String(Math.round(performance.now())));
})();
