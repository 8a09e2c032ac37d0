#!/usr/bin/env bash
# Measures the live pipeline (serve -feeds) on a local news site built from
# the shared AllSides set (../shared/checks/lib/live_site.py, every item
# published at once): feed items to stored story per second, seen-to-story
# latency, the job time by kind, and memory once every article is stored.
# usage: scripts/live_bench.sh KP SPLIT N_EVENTS [POSTGRES_URL [NODES]]
#   SPLIT is train or val, or a FLAT file of its own (scripts/live_synth.py
#   writes one; N_EVENTS is then ignored); with POSTGRES_URL (an empty
#   database), NODES nodes (default 2) share it, otherwise one node keeps
#   an SQLite file. The first node's RSS is sampled every 20 s.
set -euo pipefail
KP=$(readlink -f "$1"); SPLIT=$2; N=$3; PG=${4:-}; NODES=${5:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd); LIB=$ROOT/../shared/checks/lib
TMP=$(mktemp -d /tmp/kp-livebench.XXXXXX)
PIDS=""
trap 'for p in $PIDS; do kill -9 $p 2>/dev/null || true; done; rm -rf "$TMP"' EXIT
if [ -f "$SPLIT" ]; then cp "$SPLIT" "$TMP/flat.jsonl"
else python3 "$LIB/allsides_flat.py" "$ROOT/../shared/data/allsides/$SPLIT.jsonl.gz" "$TMP/flat.jsonl" "$N"; fi
python3 "$LIB/live_site.py" "$TMP/flat.jsonl" "$TMP/site" "$TMP/site.port" & PIDS="$!"
for _ in $(seq 100); do [ -s "$TMP/site.port" ] && break; sleep 0.2; done
touch "$TMP/site/PHASE2"
TOTAL=$(wc -l <"$TMP/flat.jsonl")
DB=${PG:-$TMP/kp.db}
[ -n "$PG" ] || NODES=1
PORTS=""
t0=$(date +%s.%N)
for i in $(seq "$NODES"); do
  P=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$KP" serve -addr "127.0.0.1:$P" -feeds "$TMP/site/feeds.opml" -db "$DB" -poll 1s -host-delay 10ms \
    -allow-private-urls -log-level warn >>"$TMP/node$i.log" 2>&1 & PIDS="$PIDS $!"; NODEPIDS="${NODEPIDS:-} $!"
  PORTS="$PORTS $P"
done
P1=$(echo $PORTS | cut -d' ' -f1)
placed=0; samples=""; n=0
for _ in $(seq 3600); do
  n=$((n + 1)); if [ $((n % 20)) = 0 ]; then
    samples="$samples $placed:$(awk '/VmRSS/{print int($2/1024)}' /proc/$(echo $NODEPIDS | cut -d" " -f1)/status 2>/dev/null)"
  fi
  placed=$(curl -fsS "http://127.0.0.1:$P1/v1/live/stats" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"].get("placed",0))' 2>/dev/null || echo 0)
  [ "$placed" -ge "$TOTAL" ] && break
  sleep 1
done
t1=$(date +%s.%N)
rss=""; for p in $NODEPIDS; do rss="$rss $(awk '/VmRSS/{print int($2/1024)}' /proc/$p/status) MiB"; done
q="SELECT placed_ms - seen_ms FROM articles WHERE state = 'placed' ORDER BY 1"
if [ -n "$PG" ]; then
  ms() { echo "EXTRACT(EPOCH FROM $1) * 1000"; }
else
  ms() { echo "(julianday($1) - 2440587.5) * 86400000"; }
fi
j="SELECT kind, COUNT(*), ROUND(AVG($(ms finalized_at) - $(ms attempted_at))) FROM river_job
   WHERE state = 'completed' GROUP BY kind ORDER BY kind"
if [ -n "$PG" ]; then
  BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
  "$BIN/psql" -At "$PG" -c "$q" >"$TMP/lat.txt"
  jobs=$("$BIN/psql" -At -F' ' "$PG" -c "$j")
  size=$("$BIN/psql" -At "$PG" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
else
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print('\n'.join(str(r[0]) for r in c.execute(sys.argv[2])))" "$DB" "$q" >"$TMP/lat.txt"
  jobs=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print('\n'.join(' '.join(str(x) for x in r) for r in c.execute(sys.argv[2])))" "$DB" "$j")
  size="$(du -sh "$TMP"/kp.db* | awk '{print $1}' | paste -sd+) (db, wal)"
fi
python3 - "$TMP/lat.txt" "$placed" "$TOTAL" "$t0" "$t1" "$NODES" "$rss" "$size" <<'PY'
import sys
lat = sorted(int(float(x)) for x in open(sys.argv[1]) if x.strip())
placed, total, t0, t1, nodes, rss, size = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6], sys.argv[7], sys.argv[8]
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] / 1000 if lat else float('nan')
print(f"nodes {nodes}: {placed} of {total} articles in stories in {t1 - t0:.0f} s = {placed / (t1 - t0):.1f} articles/s; "
      f"seen-to-story median {p(0.5):.1f} s, p99 {p(0.99):.1f} s; RSS {rss.strip()}; database {size}")
PY
echo "job kind, count, mean run time (ms):"; echo "$jobs"
echo "first node's RSS (MiB) by articles placed, every 20 s:$samples"
