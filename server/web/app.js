// The keypoints page, in two modes (tabs).
//
// One article: sends the article to POST /v1/keypoints, lists the key
// points and shows the cleaned article with each chosen sentence marked.
// Offsets in the response are byte offsets into the UTF-8 text, so the
// text is cut as bytes, never as JavaScript (UTF-16) indexes.
//
// One event, many outlets: sends several outlets' articles (or pasted
// JSON) to POST /v1/stories and shows each story's key points with the
// outlets that report them, the outlets side by side with what only each
// reports and which points each leaves out, and a coverage matrix with
// counts by stance.
//
// Everything is built with DOM calls and textContent, never innerHTML:
// article text is untrusted.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var form = $('form'), input = $('input'), urlInput = $('url'), nInput = $('n');
  var button = $('go'), status = $('status');
  var pointsPane = $('points-pane'), list = $('keypoints');
  var publisherPane = $('publisher-pane'), publisherList = $('publisher-points');
  var articlePane = $('article-pane'), article = $('article'), articleTitle = $('article-title');
  var placeholder = $('placeholder');

  // looksLikeHTML mirrors the server's rule: a page starts with a tag.
  function looksLikeHTML(s) {
    return /^\s*<(!doctype|html|head|body|!--|div|p|article|section|main|h[1-6]|span|table|ul|ol|meta)[\s>\/]/i.test(s);
  }

  function say(msg, isError) {
    status.textContent = msg;
    status.className = isError ? 'error' : '';
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var req = { n: parseInt(nInput.value, 10) || 0 };
    var url = urlInput.value.trim(), text = input.value;
    if (url) {
      req.url = url;
    } else if (!text.trim()) {
      say('Paste an article or give a URL first.', true);
      return;
    } else if (looksLikeHTML(text)) {
      req.html = text;
    } else {
      req.text = text;
    }
    button.disabled = true;
    say(req.url ? 'Fetching the page…' : 'Reading the article…');
    fetch('/v1/keypoints', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(req)
    }).then(function (resp) {
      return resp.json().then(function (body) { return { ok: resp.ok, status: resp.status, body: body }; },
        function () { return { ok: false, status: resp.status, body: null }; });
    }).then(function (r) {
      if (!r.ok) {
        var msg = r.body && r.body.error ? r.body.error.message : 'the server answered ' + r.status;
        say('Could not find key points: ' + msg, true);
        return;
      }
      show(r.body, req);
    }).catch(function (err) {
      say('Could not reach the server: ' + err.message, true);
    }).finally(function () {
      button.disabled = false;
    });
  });

  function show(data, req) {
    var bytes = new TextEncoder().encode(data.text);
    var dec = new TextDecoder();
    var cut = function (a, b) { return dec.decode(bytes.subarray(a, b)); };

    // The article: one <p> a line of the cleaned text; sentences as
    // spans, the chosen ones marked, the gaps between them as text.
    var chosen = {}, keptOf = {};
    data.keypoints.forEach(function (k, i) {
      k.sentences.forEach(function (s) { chosen[s] = i + 1; });
      if (k.kept && k.kept.length) keptOf[k.sentences[0]] = k.kept;
    });
    // A compressed key point's sentence shows the words it leaves out
    // greyed: the ranges between its kept byte ranges.
    var withDropped = function (span, s, kept) {
      var p = s.start;
      var drop = function (a, b) {
        var d = document.createElement('span');
        d.className = 'dropped';
        d.textContent = cut(a, b);
        span.appendChild(d);
      };
      kept.forEach(function (r) {
        if (r.start > p) drop(p, r.start);
        span.appendChild(document.createTextNode(cut(r.start, r.end)));
        p = r.end;
      });
      if (p < s.end) drop(p, s.end);
    };
    var frag = document.createDocumentFragment();
    var para = document.createElement('p');
    frag.appendChild(para);
    var gap = function (text) {
      var lines = text.split('\n');
      lines.forEach(function (line, i) {
        if (i > 0 && para.childNodes.length > 0) {
          para = document.createElement('p');
          frag.appendChild(para);
        }
        if (line) para.appendChild(document.createTextNode(line));
      });
    };
    var pos = 0;
    data.sentences.forEach(function (s, i) {
      if (s.start > pos) gap(cut(pos, s.start));
      var span = document.createElement('span');
      span.className = 'sentence';
      span.id = 'sentence-' + i;
      if (keptOf[i]) withDropped(span, s, keptOf[i]); else span.textContent = s.text;
      if (chosen[i]) {
        span.classList.add('chosen');
        span.dataset.point = chosen[i];
      }
      para.appendChild(span);
      pos = s.end;
    });
    if (pos < bytes.length) gap(cut(pos, bytes.length));
    article.replaceChildren(frag);
    article.scrollTop = 0;
    articleTitle.textContent = data.title || 'Article';

    // The key points, each a link to its source sentence.
    list.replaceChildren();
    data.keypoints.forEach(function (k, i) {
      var src = k.sentences[0];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#sentence-' + src;
      a.className = 'keypoint';
      a.dataset.sentence = src;
      a.textContent = k.text;
      if (k.source) a.title = k.source;
      var where = document.createElement('span');
      where.className = 'where';
      where.textContent = ' (sentence ' + k.sentences.map(function (x) { return x + 1; }).join(', ') + ')';
      li.appendChild(a);
      if (k.said_by) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(saidBy(k.said_by));
      }
      li.appendChild(where);
      list.appendChild(li);
    });
    // The publisher's own key points, when the article carried them, shown
    // beside ours: they are not part of the text ours are chosen from.
    var pub = data.publisher_keypoints || [];
    publisherList.replaceChildren();
    pub.forEach(function (p) {
      var li = document.createElement('li');
      li.textContent = p.text;
      publisherList.appendChild(li);
    });
    publisherPane.hidden = pub.length === 0;
    placeholder.hidden = true;
    pointsPane.hidden = false;
    articlePane.hidden = false;
    var n = data.keypoints.length;
    say(n + (n === 1 ? ' key point' : ' key points') + ' from ' + data.sentences.length + ' sentences' +
      (req.html ? ' (read as HTML)' : req.url ? ' (fetched)' : '') + '.' + warningText(data));
  }

  // warningText explains the page's warnings, so a reader knows how far
  // to trust the key points.
  var warningWords = {
    not_article: 'this page does not look like an article (documentation, a listing, a legal page)',
    short: 'the page has little article text',
    paywall: 'the article seems to stop at a paywall',
    language: 'the page is not in English'
  };
  function warningText(data) {
    if (!data.warnings || !data.warnings.length) return '';
    return ' Warning: ' + data.warnings.map(function (w) {
      return (warningWords[w] || w) + (w === 'language' && data.language ? ' (' + data.language + ')' : '');
    }).join('; ') + '.';
  }

  // Clicking a key point scrolls its source sentence into view and marks it.
  list.addEventListener('click', function (ev) {
    var a = ev.target.closest('a.keypoint');
    if (!a) return;
    ev.preventDefault();
    var el = $('sentence-' + a.dataset.sentence);
    if (!el) return;
    var prev = article.querySelectorAll('.sentence.focus');
    for (var i = 0; i < prev.length; i++) prev[i].classList.remove('focus');
    el.classList.add('focus');
    el.scrollIntoView({ block: 'center' });
    history.replaceState(null, '', '#' + el.id);
  });
})();

// Tabs: one article, or one event across outlets. #stories in the
// address opens the second.
(function () {
  'use strict';
  var tabs = [document.getElementById('tab-article'), document.getElementById('tab-stories')];

  function select(tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    });
    if (focus) tab.focus();
    var hash = tab.id === 'tab-stories' ? '#stories' : '';
    if (location.hash !== hash && !(hash === '' && location.hash.indexOf('#sentence-') === 0)) {
      history.replaceState(null, '', hash || location.pathname + location.search);
    }
  }
  tabs.forEach(function (t, i) {
    t.addEventListener('click', function () { select(t, false); });
    t.addEventListener('keydown', function (ev) {
      var d = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      ev.preventDefault();
      select(tabs[(i + d + tabs.length) % tabs.length], true);
    });
  });
  if (location.hash === '#stories') select(tabs[1], false);
})();

// One event, many outlets.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var form = $('stories-form'), list = $('outlet-list'), tmpl = $('outlet-template');
  var outletsInput = $('outlets-input'), jsonInput = $('json-input'), jsonText = $('stories-json');
  var words = $('story-words'), button = $('compare'), status = $('stories-status'), out = $('stories-output');
  var STANCES = ['left', 'center', 'right'];

  // el builds an element: el('li', {className: 'x'}, child, 'text', ...).
  function el(tag, props) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'data') {
          Object.keys(props.data).forEach(function (d) { e.dataset[d] = props.data[d]; });
        } else if (k === 'attrs') {
          Object.keys(props.attrs).forEach(function (a) { e.setAttribute(a, props.attrs[a]); });
        } else {
          e[k] = props[k];
        }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  function say(msg, isError) {
    status.textContent = msg;
    status.className = 'status' + (isError ? ' error' : '');
  }

  function looksLikeHTML(s) {
    return /^\s*<(!doctype|html|head|body|!--|div|p|article|section|main|h[1-6]|span|table|ul|ol|meta)[\s>\/]/i.test(s);
  }

  // Outlet cards: one per outlet, numbered, at least one.
  function renumber() {
    var cards = list.querySelectorAll('.outlet-card');
    for (var i = 0; i < cards.length; i++) {
      cards[i].querySelector('.outlet-num').textContent = String(i + 1);
      cards[i].querySelector('.remove-outlet').hidden = cards.length === 1;
    }
  }
  function addOutlet(focus) {
    var card = tmpl.content.firstElementChild.cloneNode(true);
    list.appendChild(card);
    renumber();
    if (focus) card.querySelector('.outlet-name').focus();
    return card;
  }
  $('add-outlet').addEventListener('click', function () { addOutlet(true); });
  list.addEventListener('click', function (ev) {
    var b = ev.target.closest('.remove-outlet');
    if (!b) return;
    b.closest('.outlet-card').remove();
    renumber();
  });
  addOutlet(false);
  addOutlet(false);

  // Input source: the outlet cards or a JSON paste.
  form.addEventListener('change', function (ev) {
    if (ev.target.name !== 'source') return;
    var json = ev.target.value === 'json';
    outletsInput.hidden = json;
    jsonInput.hidden = !json;
  });

  // fromCards builds one given story of the filled-in cards.
  function fromCards() {
    var cards = list.querySelectorAll('.outlet-card'), arts = [];
    for (var i = 0; i < cards.length; i++) {
      var c = cards[i];
      var text = c.querySelector('.outlet-text').value, title = c.querySelector('.outlet-title').value.trim();
      if (!text.trim() && !title) continue;
      var a = {
        id: String(i + 1),
        outlet: c.querySelector('.outlet-name').value.trim() || 'Outlet ' + (i + 1)
      };
      var stance = c.querySelector('.outlet-stance').value;
      if (stance) a.stance = stance;
      if (title) a.title = title;
      if (looksLikeHTML(text)) a.html = text; else a.text = text;
      arts.push(a);
    }
    if (arts.length === 0) throw new Error('Paste at least one outlet\u2019s article first.');
    return { id: 'pasted', articles: arts };
  }

  // fromJSON reads a pasted body: a JSON object as the API takes it, an
  // array of articles (to group), or JSON lines as the stories command
  // reads them (records with "articles" are stories, others articles).
  function fromJSON() {
    var text = jsonText.value.trim();
    if (!text) throw new Error('Paste the JSON first.');
    var v;
    try {
      v = JSON.parse(text);
    } catch (e) {
      var storiesIn = [], articles = [];
      text.split('\n').forEach(function (line, i) {
        if (!line.trim()) return;
        var r;
        try { r = JSON.parse(line); } catch (e2) { throw new Error('Line ' + (i + 1) + ' is not JSON: ' + e2.message); }
        (r && r.articles ? storiesIn : articles).push(r);
      });
      v = {};
      if (storiesIn.length) v.stories = storiesIn;
      if (articles.length) v.articles = articles;
    }
    if (Array.isArray(v)) v = { articles: v };
    if (!v || typeof v !== 'object') throw new Error('The JSON must be an object, an array of articles or JSON lines.');
    return v;
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var body;
    try {
      body = $('source-json').checked ? fromJSON() : fromCards();
    } catch (e) {
      say(e.message, true);
      return;
    }
    var w = parseInt(words.value, 10);
    if (w > 0 && body.words === undefined) body.words = w;
    button.disabled = true;
    say('Comparing the outlets\u2026');
    fetch('/v1/stories', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (resp) {
      return resp.json().then(function (b) { return { ok: resp.ok, status: resp.status, body: b }; },
        function () { return { ok: false, status: resp.status, body: null }; });
    }).then(function (r) {
      if (!r.ok) {
        var msg = r.body && r.body.error ? r.body.error.message : 'the server answered ' + r.status;
        say('Could not compare the outlets: ' + msg, true);
        return;
      }
      show(r.body.stories);
    }).catch(function (err) {
      say('Could not reach the server: ' + err.message, true);
    }).finally(function () {
      button.disabled = false;
    });
  });

  function label(o) { return o.outlet || o.article; }

  function stanceChip(stance) {
    if (!stance) return null;
    return el('span', { className: 'stance stance-' + stance, title: stance + '-leaning' }, stance);
  }

  function badge(o) {
    return el('li', { className: 'badge' + (o.stance ? ' stance-' + o.stance : ''), title: o.stance ? label(o) + ' (' + o.stance + ')' : label(o) }, label(o));
  }

  function saidBy(who) {
    if (!who) return null;
    return el('span', { className: 'said-by' }, 'according to ', el('strong', null, who));
  }

  function timeSpan(st) {
    if (!st.first) return '';
    var f = new Date(st.first), l = new Date(st.last || st.first);
    var opt = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' };
    var a = f.toLocaleString('en-GB', opt), b = l.toLocaleString('en-GB', opt);
    return a === b ? a + ' UTC' : a + ' \u2013 ' + b + ' UTC';
  }

  function show(stories) {
    out.replaceChildren();
    var nArts = 0;
    stories.forEach(function (st, si) {
      nArts += st.articles.length;
      out.appendChild(storyView(st, si));
    });
    out.hidden = false;
    var n = stories.length;
    say(n === 1 ? 'One story from ' + nArts + (nArts === 1 ? ' article.' : ' articles.')
      : n + ' stories from ' + nArts + ' articles.');
  }

  function storyView(st, si) {
    var byLabel = {};
    st.outlets.forEach(function (o) { byLabel[label(o)] = o; });
    var counts = { left: 0, center: 0, right: 0 };
    st.outlets.forEach(function (o) { if (o.stance) counts[o.stance]++; });
    var meta = [st.outlets.length + (st.outlets.length === 1 ? ' outlet' : ' outlets')];
    STANCES.forEach(function (s) { if (counts[s]) meta.push(counts[s] + ' ' + s); });
    var span = timeSpan(st);
    if (span) meta.push(span);

    var story = el('article', { className: 'story', id: 'story-' + si, data: { story: st.id } },
      el('h2', null, st.title || 'Story ' + st.id),
      el('p', { className: 'story-meta' }, meta.join(' \u00b7 ')));

    // The story's key points, each with the outlets that report it.
    var points = el('ol', { className: 'story-points' });
    st.keypoints.forEach(function (kp, p) {
      var outlets = el('ul', { className: 'badges', attrs: { 'aria-label': 'Reported by' } });
      kp.outlets.forEach(function (name) { outlets.appendChild(badge(byLabel[name] || { outlet: name })); });
      var note = kp.outlets.length === st.outlets.length && st.outlets.length > 1 ? 'every outlet'
        : kp.outlets.length + ' of ' + st.outlets.length + ' outlets';
      if (kp.independent < kp.outlets.length) note += ', ' + kp.independent + ' independent';
      points.appendChild(el('li', { className: 'story-point', data: { point: p }, tabIndex: 0 },
        el('p', { className: 'point-text' }, kp.text),
        el('div', { className: 'point-meta' },
          outlets,
          el('span', { className: 'reach' }, note),
          saidBy(kp.said_by),
          kp.blindspot ? el('span', { className: 'blindspot stance-' + kp.blindspot }, 'only ' + kp.blindspot + '-leaning outlets') : null)));
    });
    story.appendChild(el('section', { className: 'story-section' },
      el('h3', null, 'Key points of the story'),
      st.keypoints.length ? points : el('p', { className: 'muted' }, 'No key points: none of the articles could be read.')));

    // The outlets side by side.
    var cols = el('div', { className: 'outlet-columns' });
    st.outlets.forEach(function (o, oi) {
      var col = el('section', { className: 'outlet-col' + (o.stance ? ' stance-' + o.stance : ''), data: { outlet: oi }, attrs: { 'aria-label': label(o) } },
        el('header', null,
          el('h4', null, label(o), ' ', stanceChip(o.stance)),
          o.title ? el('p', { className: 'outlet-title' }, o.title) : null,
          o.duplicate_of ? el('p', { className: 'duplicate' }, 'copies the wire text of ' + (byLabelOf(st, o.duplicate_of))) : null));
      var omitted = {};
      o.omitted.forEach(function (p) { omitted[p] = true; });
      var reports = el('ol', { className: 'col-points' });
      st.keypoints.forEach(function (kp, p) {
        var miss = !!omitted[p];
        reports.appendChild(el('li', { className: miss ? 'omitted' : 'covered', data: { point: p }, title: kp.text },
          el('span', { className: 'mark', attrs: { 'aria-hidden': 'true' } }, miss ? '\u2717' : '\u2713'),
          el('span', { className: 'num' }, String(p + 1)),
          el('span', { className: 'sr-only' }, miss ? 'leaves out: ' : 'reports: '),
          el('span', { className: 'col-text' }, kp.text)));
      });
      col.appendChild(el('h5', null, 'Story points'));
      col.appendChild(st.keypoints.length ? reports : el('p', { className: 'muted' }, 'none'));
      col.appendChild(el('h5', null, 'Only here'));
      if (o.unique.length) {
        var uniq = el('ul', { className: 'unique' });
        o.unique.forEach(function (u) {
          uniq.appendChild(el('li', null, el('span', null, u.text), u.said_by ? ' ' : null, saidBy(u.said_by)));
        });
        col.appendChild(uniq);
      } else {
        col.appendChild(el('p', { className: 'muted' }, 'nothing the others lack'));
      }
      cols.appendChild(col);
    });
    story.appendChild(el('section', { className: 'story-section' },
      el('h3', null, 'Outlet by outlet'),
      el('p', { className: 'legend' },
        el('span', { className: 'legend-covered' }, '\u2713 reports the point'), ' ',
        el('span', { className: 'legend-omitted' }, '\u2717 leaves it out'), ' ',
        el('span', { className: 'legend-unique' }, 'only this outlet')),
      cols));

    // The coverage matrix: points x outlets, and counts by stance.
    if (st.keypoints.length) story.appendChild(matrix(st));
    return story;
  }

  function byLabelOf(st, id) {
    for (var i = 0; i < st.outlets.length; i++) {
      if (st.outlets[i].article === id) return label(st.outlets[i]);
    }
    return id;
  }

  function matrix(st) {
    var stances = st.stances || [];
    var head = el('tr', null, el('th', { scope: 'col', className: 'point-col' }, 'Key point'));
    st.outlets.forEach(function (o) {
      head.appendChild(el('th', { scope: 'col', className: 'outlet-head' }, label(o), o.stance ? el('br') : null, stanceChip(o.stance)));
    });
    stances.forEach(function (s) {
      head.appendChild(el('th', { scope: 'col', className: 'count stance-' + s, title: s + '-leaning outlets reporting it' }, s));
    });
    if (stances.length > 1) head.appendChild(el('th', { scope: 'col' }, 'Blindspot'));
    var body = el('tbody');
    st.keypoints.forEach(function (kp, p) {
      var row = el('tr', { data: { point: p } }, el('th', { scope: 'row', className: 'point-col', title: kp.text },
        el('span', { className: 'num' }, String(p + 1)), ' ', el('span', { className: 'matrix-text' }, kp.text)));
      st.outlets.forEach(function (o, oi) {
        var yes = st.coverage[p][oi];
        row.appendChild(el('td', { className: 'cell ' + (yes ? 'yes' : 'no'), title: label(o) + (yes ? ' reports it' : ' leaves it out') },
          el('span', { attrs: { 'aria-hidden': 'true' } }, yes ? '\u25cf' : '\u2013'),
          el('span', { className: 'sr-only' }, yes ? 'reports' : 'leaves out')));
      });
      stances.forEach(function (s) {
        var n = kp.by_stance ? kp.by_stance[s] : 0;
        row.appendChild(el('td', { className: 'count' + (n ? '' : ' zero') }, String(n)));
      });
      if (stances.length > 1) {
        row.appendChild(el('td', { className: 'blind' }, kp.blindspot ? el('span', { className: 'blindspot stance-' + kp.blindspot }, 'only ' + kp.blindspot) : ''));
      }
      body.appendChild(row);
    });
    var foot = el('tr', null, el('th', { scope: 'row' }, 'Points reported'));
    st.outlets.forEach(function (o) {
      foot.appendChild(el('td', { className: 'total' }, String(st.keypoints.length - o.omitted.length) + ' of ' + st.keypoints.length));
    });
    stances.forEach(function (s) {
      var n = 0;
      st.outlets.forEach(function (o) { if (o.stance === s) n++; });
      foot.appendChild(el('td', { className: 'count', title: n + ' ' + s + '-leaning outlets' }, n + (n === 1 ? ' outlet' : ' outlets')));
    });
    if (stances.length > 1) foot.appendChild(el('td'));
    return el('section', { className: 'story-section' },
      el('h3', null, 'Coverage'),
      el('div', { className: 'matrix-wrap' },
        el('table', { className: 'matrix' },
          el('caption', { className: 'sr-only' }, 'Which outlet reports which key point, and how many outlets of each stance'),
          el('thead', null, head), body, el('tfoot', null, foot))));
  }

  // Selecting a key point marks it everywhere in its story: the list,
  // the outlet columns and the matrix.
  function focusPoint(target) {
    var li = target.closest('[data-point]');
    var story = target.closest('.story');
    if (!li || !story) return;
    var p = li.dataset.point;
    var on = !li.classList.contains('focus');
    var all = story.querySelectorAll('[data-point]');
    for (var i = 0; i < all.length; i++) {
      all[i].classList.toggle('focus', on && all[i].dataset.point === p);
    }
  }
  out.addEventListener('click', function (ev) {
    if (ev.target.closest('.story-point, .col-points li, .matrix tbody tr')) focusPoint(ev.target);
  });
  out.addEventListener('keydown', function (ev) {
    if ((ev.key === 'Enter' || ev.key === ' ') && ev.target.classList.contains('story-point')) {
      ev.preventDefault();
      focusPoint(ev.target);
    }
  });
})();
