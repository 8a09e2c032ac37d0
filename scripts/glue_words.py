#!/usr/bin/env python3
"""Rebuilds normalize/data/{common,names,camel}.txt.gz, the word statistics
the glued-word repair decides with, from the shared BBC News, XSum and
AllSides articles. Run from the repository root: python3 scripts/glue_words.py"""
import collections, gzip, json, re

SHARED = '../shared/data/'
low, cap, lcnt, camel = (collections.Counter() for _ in range(4))

def feed(t):
    for m in re.finditer(r'(?<![A-Za-z])([A-Za-z]+)', t):
        w = m.group(1); lw = w.lower(); low[lw] += 1
        pre = t[max(0, m.start() - 3):m.start()]
        # capitalised mid-sentence (not after . ! ? or a quote or a line start)
        if w[0].isupper() and w[1:].islower() and m.start() > 0 and not re.search(r'[.!?"“\n]\s*$', pre):
            cap[lw] += 1
        if w.islower():
            lcnt[lw] += 1
    for w in re.findall(r'\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b', t):
        camel[w.lower()] += 1

for f in ['bbc/bbc_news_summary.jsonl.gz', 'xsum/xsum_articles.jsonl.gz']:
    for l in gzip.open(SHARED + f, 'rt'):
        feed(json.loads(l).get('article', ''))
for f in ['allsides/train.jsonl.gz', 'allsides/val.jsonl.gz']:
    for l in gzip.open(SHARED + f, 'rt'):
        for a in json.loads(l)['articles']:
            feed(a.get('text', '') if isinstance(a, dict) else a)

common = {w for w, c in low.items() if c >= 3}
names = {w for w, c in low.items() if c >= 3 and cap[w] >= 0.8 * (cap[w] + lcnt[w])}
hdr = ('# %s\n# Derived by counting the words of the shared BBC News, XSum and AllSides articles\n'
       '# (../shared/data: bbc, xsum, allsides), lower-cased; no text is kept. One word a line.\n')

def dump(name, words, what):
    with gzip.GzipFile('normalize/data/' + name, 'wb', mtime=0) as f:
        f.write((hdr % what + '\n'.join(sorted(words)) + '\n').encode())

dump('common.txt.gz', [w for w in common if len(w) >= 3 and w.isascii()], 'Common words: seen at least 3 times.')
dump('names.txt.gz', [w for w in names if len(w) >= 3 and w.isascii()],
     'Name words: seen at least 3 times, capitalised in at least 80% of its uses mid-sentence.')
dump('camel.txt.gz', [w for w, c in camel.items() if c >= 2],
     'Names written with an inner capital (YouTube, McConnell): seen at least twice in that form.')
