// The live view: today's stories from GET /v1/stories, refreshed every few
// seconds without reloading, a coverage bar by stance, a blindspot filter,
// and a story page (#story/ID) from GET /v1/stories/{id}.
'use strict';
const $ = (id) => document.getElementById(id);
const el = (tag, attrs, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k);
  return e;
};
const REFRESH_MS = 5000;

function bar(c) {
  const total = c.left + c.center + c.right + c.other;
  const b = el('div', {class: 'bar', title: `left ${c.left} · centre ${c.center} · right ${c.right}`});
  for (const k of ['left', 'center', 'right', 'other']) {
    if (c[k] > 0) { const s = el('span', {class: k}); s.style.width = (100 * c[k] / total) + '%'; b.append(s); }
  }
  return b;
}

function startOfToday() { const d = new Date(); d.setHours(0, 0, 0, 0); return d; }

async function fetchStories() {
  const out = [];
  let cursor = '';
  for (let i = 0; i < 5; i++) {
    const q = '/v1/stories?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '') +
      ($('blindspot').checked ? '&blindspot=1' : '');
    const r = await fetch(q);
    if (!r.ok) throw new Error((await r.json()).error.message);
    const d = await r.json();
    out.push(...d.stories);
    if (!d.next) break;
    cursor = d.next;
  }
  return out;
}

async function renderList() {
  let sts = await fetchStories();
  if ($('today').checked) { const t = startOfToday(); sts = sts.filter((s) => new Date(s.updated) >= t); }
  const ol = $('stories');
  ol.replaceChildren(...sts.map((s) => {
    const h = el('h2', {}, el('a', {href: '#story/' + encodeURIComponent(s.id)}, s.title || '(untitled)'));
    if (s.blindspot) h.append(el('span', {class: 'badge ' + s.blindspot}, s.blindspot + ' only'));
    const outlets = [...new Set(s.articles.map((a) => a.outlet))];
    const li = el('li', {'data-story': s.id}, h, bar(s.coverage),
      el('p', {class: 'meta'}, `${s.articles.length} articles · ${outlets.join(', ')} · updated ${new Date(s.updated).toLocaleTimeString()}`));
    if (s.keypoints.length) li.append(el('p', {}, s.keypoints[0].text));
    return li;
  }));
  $('empty').hidden = sts.length > 0;
  $('status').textContent = `${sts.length} stories · ${new Date().toLocaleTimeString()}`;
}

async function renderStory(id) {
  const r = await fetch('/v1/stories/' + encodeURIComponent(id));
  const box = $('story');
  if (!r.ok) { box.replaceChildren(el('p', {}, (await r.json()).error.message)); return; }
  const s = await r.json();
  const kids = [el('h2', {}, s.title || '(untitled)'), bar(s.coverage),
    el('h3', {}, 'Key points'),
    el('ul', {class: 'points'}, ...s.keypoints.map((k) => el('li', {}, k.text + ' ', el('span', {class: 'meta'}, '— ' + k.outlets.join(', ')))))];
  kids.push(el('h3', {}, 'By outlet'));
  const byArticle = Object.fromEntries(s.articles.map((a) => [a.id, a]));
  for (const o of s.outlets || []) {
    const a = byArticle[o.article] || {};
    const d = el('div', {class: 'outlet'}, el('strong', {}, o.outlet || a.outlet || o.article),
      el('span', {class: 'stance'}, ' ' + (o.stance || '')), ' ',
      el('a', {href: a.url || '#', rel: 'noopener'}, o.title || a.title || 'article'));
    if (o.unique && o.unique.length) d.append(el('p', {}, 'Only here: '), el('ul', {}, ...o.unique.map((u) => el('li', {}, u.text))));
    if (o.omitted && o.omitted.length) d.append(el('p', {class: 'meta'}, 'Leaves out: ' + o.omitted.map((i) => s.keypoints[i] ? s.keypoints[i].text : '').join(' · ')));
    kids.push(d);
  }
  box.replaceChildren(...kids);
  $('status').textContent = `story ${s.id} · ${new Date().toLocaleTimeString()}`;
}

async function render() {
  const m = location.hash.match(/^#story\/(.+)$/);
  $('list-view').hidden = !!m;
  $('story-view').hidden = !m;
  try {
    if (m) await renderStory(decodeURIComponent(m[1])); else await renderList();
  } catch (e) {
    $('status').textContent = 'error: ' + e.message;
  }
}

window.addEventListener('hashchange', render);
$('today').addEventListener('change', render);
$('blindspot').addEventListener('change', render);
render();
setInterval(render, REFRESH_MS);
