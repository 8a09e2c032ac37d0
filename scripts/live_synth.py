# A synthetic FLAT for the live memory benchmark: every article of the shared CNN/DailyMail dev,
# BBC, XSum and AllSides (train) sets, each its own story, spread over 120 outlets of the three
# leans and over 56 days, in the order given by a hash of the id (deterministic).
# usage: live_synth.py OUT.jsonl [N]   (N: at most this many articles; default all: 16,550 with
# the shared sets of 2026-12)
import gzip, hashlib, json, os, sys
out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10**9
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'data')
arts = []
def add(id_, title, text):
    text = text.strip()
    if text:
        arts.append((id_, title or text.split('. ')[0][:120], text))
for f in ('cnndm/dev.jsonl.gz', 'bbc/bbc_news_summary.jsonl.gz', 'xsum/xsum_articles.jsonl.gz'):
    for l in gzip.open(os.path.join(data, f), 'rt', encoding='utf-8'):
        r = json.loads(l)
        add(r['id'], r.get('title', ''), r['article'])
for l in gzip.open(os.path.join(data, 'allsides/train.jsonl.gz'), 'rt', encoding='utf-8'):
    r = json.loads(l)
    titles = r.get('article_titles') or []
    for i, text in enumerate(r['articles']):
        add('%s-%d' % (r['id'], i), titles[i] if i < len(titles) else '', text)
arts.sort(key=lambda a: hashlib.sha1(a[0].encode()).hexdigest())
leans = ('left', 'center', 'right')
with open(out, 'w') as o:
    for k, (id_, title, text) in enumerate(arts[:n]):
        h = int(hashlib.sha1(id_.encode()).hexdigest(), 16)
        outlet = h % 120
        day = '2021-%02d-%02dT%02d:00:00+00:00' % (4 + h // 120 % 2, 1 + h // 240 % 28, 6 + h // 6720 % 14)
        o.write(json.dumps({'id': id_, 'story': id_, 'outlet': 'Outlet %03d' % outlet, 'stance': leans[outlet % 3],
                            'title': title, 'text': text, 'published': day}) + '\n')
