// The keypoints page: sends the article to POST /v1/keypoints, lists the
// key points and shows the cleaned article with each chosen sentence
// marked. Offsets in the response are byte offsets into the UTF-8 text,
// so the text is cut as bytes, never as JavaScript (UTF-16) indexes.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var form = $('form'), input = $('input'), urlInput = $('url'), nInput = $('n');
  var button = $('go'), status = $('status');
  var pointsPane = $('points-pane'), list = $('keypoints');
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
    var chosen = {};
    data.keypoints.forEach(function (k, i) {
      k.sentences.forEach(function (s) { chosen[s] = i + 1; });
    });
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
      span.textContent = s.text;
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
      var where = document.createElement('span');
      where.className = 'where';
      where.textContent = ' (sentence ' + k.sentences.map(function (x) { return x + 1; }).join(', ') + ')';
      li.appendChild(a);
      li.appendChild(where);
      list.appendChild(li);
    });
    placeholder.hidden = true;
    pointsPane.hidden = false;
    articlePane.hidden = false;
    var n = data.keypoints.length;
    say(n + (n === 1 ? ' key point' : ' key points') + ' from ' + data.sentences.length + ' sentences' +
      (req.html ? ' (read as HTML)' : req.url ? ' (fetched)' : '') + '.');
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
