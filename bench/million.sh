#!/usr/bin/env bash
#
# bench/million.sh [--dir DIR] [--files N] [--tarball T] [--watch] [--no-edge] [--generate-only]   (issue 14.2)
#
# A library of 1,000,000 files against the built distribution, one command (run it under the exclusive cpu lock:
# /work/locks/bench bench/million.sh). The files are generated once under DIR/tree (default
# /var/tmp/giggityflix-million; tiny files, ~4 GB of disk blocks and 1,000,000 inodes: see `df -h -i`) and reused:
#   TV/<Show (Year)>/Season NN/<Show.Name>.SxxEyy.<quality>.<source>.<codec>-<GROUP>.mkv   4,000 shows x 10 x 20
#   Movies/<Title (Year)>/<Title.Year>.<quality>.<source>.<codec>-<GROUP>.mkv + <Title (Year)>-trailer.mp4  100,000
# (--files N scales both; sizes 16-4,096 bytes, mtimes in 2024).
#
# Then, one untarred distribution on free ports (bin/peer start --background, the shipped bin/setenv: -Xmx768M),
# hashing on (md5,sha1), probing off (the files are not videos):
#   first scan of the whole tree; unchanged rescan vs `find -printf '%s %T@'` (warm cache, same run; goal <= 2x);
#   peak RSS of the peer's JVM (VmHWM; goal <= 600 MB); heap bytes per cataloged file (class histograms: live heap
#   after the rescan minus live heap before the first scan, over the files); library page sorted by size, desc
#   (200 GET /api/v1/media?sort=size&order=desc&limit=50 at offsets over the whole library with an API token;
#   p50/p99, goal p99 <= 100 ms); offer to the test Edge (test-edge's standalone jar, --bench: warmed up, keeps no
#   offers), from peer:edge-reconnect until every row has its catalog id (goal <= 20 s); live watching's line of
#   peer:status; then a restart, whose scan at start loads every row from the catalog (peak RSS again). The last
#   run's karaf.log and the peer's own output (an Error's stack trace goes there) are kept in DIR/last-run.
# Watching is off unless --watch: the tree has ~144,000 folders, and inotify watches are counted per user
# (fs.inotify.max_user_watches, 192,543 on the build machine, shared by every test run as root there).
#
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR=/var/tmp/giggityflix-million
FILES=1000000
TARBALL="$ROOT/karaf-assembly/target/karaf-assembly-0.1.0-SNAPSHOT.tar.gz"
WATCH=false
EDGE=1
GENERATE_ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$(realpath -m -- "$2")"; shift 2 ;;
    --files) FILES="$2"; shift 2 ;;
    --tarball) TARBALL="$(realpath -- "$2")"; shift 2 ;;
    --watch) WATCH=true; shift ;;
    --no-edge) EDGE=""; shift ;;
    --generate-only) GENERATE_ONLY=1; shift ;;
    -h|--help) awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next } NR > 2 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$GENERATE_ONLY" ] || [ -f "$TARBALL" ] || { echo "no distribution $TARBALL: mvn -o install -DskipTests first" >&2; exit 1; }
EDGE_JAR="${EDGE_JAR:-$(ls "$ROOT"/test-edge/target/test-edge-*-standalone.jar \
  "${M2_REPO:-$HOME/.m2/repository}"/org/giggityflix/peer/test-edge/*/test-edge-*-standalone.jar 2>/dev/null | head -n1)}"
[ -n "$GENERATE_ONLY" ] || [ -z "$EDGE" ] || [ -f "$EDGE_JAR" ] || { echo "no test Edge jar (build test-edge or set EDGE_JAR); or --no-edge" >&2; exit 1; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
status_kb() { awk -v f="$2" '$1 == f":" { print $2 }' "/proc/$1/status"; }
live_heap() { jcmd "$1" GC.class_histogram 2>/dev/null | awk '$1 == "Total" { print $3 }'; }

# ------------------------------------------------------------------------------------------------- the tree

TREE="$DIR/tree"
SPEC="million v2 files=$FILES"
mkdir -p "$DIR"
if [ "$(cat "$DIR/tree.complete" 2>/dev/null)" != "$SPEC" ]; then
  echo "== generating $FILES files under $TREE (once; df: $(df -h --output=avail "$DIR" | tail -1) free," \
    "$(df --output=iavail "$DIR" | tail -1 | tr -d " ") inodes)"
  rm -f "$DIR/tree.complete"; rm -rf "$TREE"
  t=$(now)
  python3 - "$TREE" "$FILES" <<'EOF' || exit 1
import os, random, sys
tree, files = sys.argv[1], int(sys.argv[2])
rnd = random.Random(14)
words = ("The Last Night Dark Star Blue River Iron House Silent City Lost Kings Broken Road Golden Hour Red "
         "Winter Summer Ocean Storm Wild Heart Shadow Empire Secret Garden Little Big Crown Glass Fire Stone Moon "
         "North South Black White Empty Sky Hidden Valley Long Way Home Bright Falls Cold Case Deep Water").split()
quality, source = ("720p", "1080p", "2160p"), ("WEB-DL", "BluRay", "HDTV", "WEBRip")
codec, groups = ("x264", "x265", "H.264", "HEVC"), ("NTb", "FLUX", "SPARKS", "GECKOS", "RARBG", "EDITH", "CAKES")
payload = rnd.randbytes(4096)
base = 1704067200  # 2024-01-01
n = 0
used = set()
def title(k, year):
    r = random.Random(k)
    name = " ".join(r.choice(words) for _ in range(r.randint(1, 4)))
    # Remakes and namesakes get a number, as libraries tell them apart: every folder and file is one of its own.
    numbered, i = name, 1
    while (numbered, year) in used:
        i += 1
        numbered = "%s %d" % (name, i)
    used.add((numbered, year))
    return "%s (%d)" % (numbered, year)
def write(path):
    global n
    size = 16 + (n * 7919) % 4081
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.write(fd, payload[:size])
    os.close(fd)
    os.utime(path, (base + n, base + n))
    n += 1
shows, movies = files * 8 // 10 // 200, files * 2 // 10 // 2
for s in range(shows):
    name = title(s, 1990 + s % 35)
    dotted = name.split(" (")[0].replace(" ", ".")
    for season in range(1, 11):
        folder = os.path.join(tree, "TV", name, "Season %02d" % season)
        os.makedirs(folder, exist_ok=True)
        for e in range(1, 21):
            write(os.path.join(folder, "%s.S%02dE%02d.%s.%s.%s-%s.mkv" % (dotted, season, e, rnd.choice(quality),
                  rnd.choice(source), rnd.choice(codec), rnd.choice(groups))))
for m in range(movies):
    name = title(10**6 + m, 1950 + m % 75)
    folder = os.path.join(tree, "Movies", name)
    os.makedirs(folder, exist_ok=True)
    dotted = name.replace(" (", ".").replace(")", "").replace(" ", ".")
    write(os.path.join(folder, "%s.%s.%s.%s-%s.mkv" % (dotted, rnd.choice(quality), rnd.choice(source),
          rnd.choice(codec), rnd.choice(groups))))
    write(os.path.join(folder, name + "-trailer.mp4"))
print("  %d files" % n)
EOF
  echo "$SPEC" > "$DIR/tree.complete"
  echo "  generated in $(since "$t") s"
fi
[ -z "$GENERATE_ONLY" ] || exit 0
N=$(find "$TREE" -type f | wc -l)
FOLDERS=$(find "$TREE" -type d | wc -l)

# ------------------------------------------------------------------------------------------------- the peer

W="$(mktemp -d "$DIR/run.XXXXXX")"
H="$W/home"; D="$W/data"; PID=""; EDGE_PID=""
cleanup() {
  [ -z "$EDGE_PID" ] || kill "$EDGE_PID" 2>/dev/null
  if [ -n "$PID" ]; then
    "$H/bin/peer" stop > /dev/null 2>&1
    for _ in $(seq 60); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill "$PID" 2>/dev/null
  fi
  # What the peer logged and printed (an Error's stack trace goes to its standard error) outlives the run.
  rm -rf "$DIR/last-run"; mkdir -p "$DIR/last-run"
  cp "$H/data/log/karaf.log" "$W"/*.out "$W"/*.log "$DIR/last-run/" 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT
mkdir -p "$H" "$W/empty"
tar xzf "$TARBALL" -C "$H" --strip-components=1
SSH=$(free_port); RMI1=$(free_port); RMI2=$(free_port); HTTP=$(free_port); HTTPS=$(free_port); EDGE_PORT=$(free_port)
sed -i "s/^ *sshPort *=.*/sshPort = $SSH/" "$H/etc/org.apache.karaf.shell.cfg"
sed -i "s/^ *rmiRegistryPort *=.*/rmiRegistryPort = $RMI1/; s/^ *rmiServerPort *=.*/rmiServerPort = $RMI2/" \
  "$H/etc/org.apache.karaf.management.cfg"
sed -i "s/^ *org.osgi.service.http.port *=.*/org.osgi.service.http.port = $HTTP/" "$H/etc/org.ops4j.pax.web.cfg"
export DATA_DIR="$D" HTTP_PORT=$HTTP HTTPS_PORT=$HTTPS ENABLE_UPNP=false EDGE_GRPC_ADDRESS=127.0.0.1:$EDGE_PORT \
  EXTRACT_METADATA=false HASH_ALGORITHMS=md5,sha1 PEER_ADMIN_PASSWORD=million-pass-1
peer() { "$H/bin/peer" "$@"; }

echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $N files in $FOLDERS folders; $(basename "$TARBALL")"
t=$(now)
(cd "$H" && peer start --background --media-dir "$W/empty") > "$W/start.out" 2>&1
until curl -sf -o /dev/null "http://127.0.0.1:$HTTP/health"; do sleep 0.2; done
PID=$(ps -eo pid=,args= | awk -v h="-Dkaraf.home=$H" 'index($0, h) && $2 ~ /java$/ { print $1; exit }')
echo "  ready in $(since "$t") s (JVM $PID: $(jcmd "$PID" VM.flags | tr ' ' '\n' | grep -E 'MaxHeapSize|UseG1GC|UseSerialGC' | tr '\n' ' '))"
peer shell "config:property-set -p org.giggityflix.peer.scanner watchEnabled $WATCH" > /dev/null
sleep 20
HEAP0=$(live_heap "$PID")
echo "  idle: RSS $(mib "$(status_kb "$PID" VmRSS)") MiB, live heap $((HEAP0 >> 20)) MiB"

scan_seconds() { grep "scan of .* done in" "$H/data/log/karaf.log" | tail -n1 | sed 's/.* done in \([0-9.]*\) s.*/\1/'; }
scan_line() { grep "scan of .* done in" "$H/data/log/karaf.log" | tail -n1 | sed 's/.*\(scan of .*\)/\1/'; }

echo "== first scan (md5+sha1)"
# The scan that the new media dir starts (waiting for its log line: a `peer scan` now could start one of its own).
scans() { grep -c "scan of .* done in" "$H/data/log/karaf.log"; }
n0=$(scans)
peer shell "config:property-set -p org.giggityflix.peer.scanner mediaDirs $TREE" > /dev/null
until [ "$(scans)" -gt "$n0" ]; do sleep 1; done
FIRST=$(scan_seconds)
echo "  $(scan_line)"; grep "cataloged in" "$H/data/log/karaf.log" | tail -n1 | sed 's/^.* | /  /'
grep "scan problems" "$H/data/log/karaf.log" | tail -n1 | sed 's/^.* | /  /' | cut -c1-300
PEAK1=$(mib "$(status_kb "$PID" VmHWM)")
echo "  peak RSS so far $PEAK1 MiB, now $(mib "$(status_kb "$PID" VmRSS)") MiB"

echo "== unchanged rescan vs find"
find "$TREE" -type f -printf '%s %T@\n' > /dev/null
t=$(now); find "$TREE" -type f -printf '%s %T@\n' > /dev/null; FIND=$(since "$t")
peer scan > "$W/scan2.out" 2>&1
RESCAN=$(scan_seconds)
echo "  rescan $(scan_line); find $FIND s; ratio $(awk -v a="$RESCAN" -v b="$FIND" 'BEGIN { printf "%.2f", a / b }')"
peer scan > "$W/scan3.out" 2>&1
RESCAN2=$(scan_seconds)
echo "  again: $RESCAN2 s (ratio $(awk -v a="$RESCAN2" -v b="$FIND" 'BEGIN { printf "%.2f", a / b }'))"
HEAP1=$(live_heap "$PID")
DB=$(find "$D" -name '*.db' | head -n1)
ROWS=$(sqlite3 "file:$DB?mode=ro" "SELECT count(*) FROM media_files")
echo "  $ROWS rows cataloged; live heap $((HEAP1 >> 20)) MiB: $(( (HEAP1 - HEAP0) / (ROWS > 0 ? ROWS : 1) )) bytes per cataloged file over idle"
jcmd "$PID" GC.class_histogram 2>/dev/null | head -n 13 | tail -n 10 | sed 's/^/    /'

echo "== library page sorted by size (desc), 50 rows, 200 requests"
TOKEN=$(peer shell "peer:token-add --read-only million" 2>/dev/null | tr -d '\r' | awk '/^Token / { getline; print; exit }')
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP/api/v1/media?sort=size&order=desc&limit=50" \
  || echo "  (the API refused the token: $(peer shell "peer:token-list" 2>&1 | tail -n2))"
python3 - "$HTTP" "$TOKEN" "$N" <<'EOF'
import json, sys, time, urllib.request, random
port, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rnd = random.Random(14)
def get(offset):
    req = urllib.request.Request("http://127.0.0.1:%s/api/v1/media?sort=size&order=desc&limit=50&offset=%d"
                                 % (port, offset), headers={"Authorization": "Bearer " + token})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        body = json.load(r)
    return time.perf_counter() - t, body
for i in range(10):
    get(rnd.randrange(n))
times = []
first = None
for i in range(200):
    offset = 0 if i % 4 == 0 else rnd.randrange(max(1, n - 50))
    dt, body = get(offset)
    times.append(dt * 1000)
    if offset == 0 and first is None:
        first = body
times.sort()
sizes = [row.get("size") for row in first.get("items", [])] if first else []
print("  total %s; first page sizes %s ... (descending: %s)" % (first.get("total"), sizes[:3],
      all(a >= b for a, b in zip(sizes, sizes[1:]))))
print("  p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (times[len(times) // 2], times[int(len(times) * 0.99) - 1], times[-1]))
EOF

if [ -n "$EDGE" ]; then
  echo "== offer to the test Edge"
  java -Xms64m -Xmx768m -jar "$EDGE_JAR" --bench "$EDGE_PORT" > "$W/edge.log" 2>&1 < /dev/null &
  EDGE_PID=$!
  until grep -q "test Edge listening on" "$W/edge.log"; do kill -0 "$EDGE_PID" 2>/dev/null || { cat "$W/edge.log"; break; }; sleep 0.5; done
  t=$(now)
  peer shell "peer:edge-reconnect" > /dev/null 2>&1
  deadline=$(( $(date +%s) + 600 ))
  while :; do
    got=$(sqlite3 "file:$DB?mode=ro" "SELECT count(*) FROM media_files WHERE catalog_id IS NOT NULL" 2>/dev/null || echo 0)
    [ "${got:-0}" -ge "$ROWS" ] && break
    [ "$(date +%s)" -lt "$deadline" ] || { echo "  only $got of $ROWS ids stored after 10 min"; break; }
    sleep 0.5
  done
  echo "  $got files offered and their ids stored in $(since "$t") s (from peer:edge-reconnect)"
fi

echo "== live watching"
peer status 2>/dev/null | grep -i "watch" | sed 's/^/  /'
PEAK=$(mib "$(status_kb "$PID" VmHWM)")
echo "  peak RSS (VmHWM) $PEAK MiB (after the first scan: $PEAK1 MiB); now $(mib "$(status_kb "$PID" VmRSS)") MiB"

echo "== restart: the scan at start loads every row from the catalog"
peer stop > /dev/null 2>&1
for _ in $(seq 120); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
n0=$(scans)
t=$(now)
(cd "$H" && peer start --background --media-dir "$TREE") >> "$W/start.out" 2>&1
until curl -sf -o /dev/null "http://127.0.0.1:$HTTP/health"; do sleep 0.2; done
PID=$(ps -eo pid=,args= | awk -v h="-Dkaraf.home=$H" 'index($0, h) && $2 ~ /java$/ { print $1; exit }')
echo "  ready in $(since "$t") s"
until [ "$(scans)" -gt "$n0" ]; do sleep 1; done
echo "  $(scan_line)"
echo "  peak RSS (VmHWM) since the restart $(mib "$(status_kb "$PID" VmHWM)") MiB; now $(mib "$(status_kb "$PID" VmRSS)") MiB"
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg); first scan $FIRST s, rescan $RESCAN s / $RESCAN2 s, find $FIND s"
