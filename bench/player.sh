#!/usr/bin/env bash
#
# bench/player.sh — issue 12's player benchmark, one command.
#
#   bench/player.sh [--dir DIR] [--rounds N]
#
#   start-to-picture   the built distribution, started here on ports of its own, catalogs a 1080p H.264/AAC MP4;
#                      headless Chromium, signed in, navigates to /play?id= and the time until the <video> presents
#                      its first frame (requestVideoFrameCallback) is taken, the page having chosen direct play by
#                      itself (goal <= 0.5 s on loopback); also play() to that frame. Baseline in the same run,
#                      alternated with it: a bare local page with only <video autoplay> of the same signed link.
#                      Median of N rounds (default 7) after one warm-up round.
#   --dir              where the clip (made once with ffmpeg) and the unpacked distribution live
#                      (default /tmp/giggityflix-bench-player)
#
# Needs the distribution (mvn -o install -DskipTests at the root), ffmpeg, chromium and chromium-driver.
# Ports (the bench range): HTTP 28180, SSH 28111, JMX 28199/28544, chromedriver 28197; the Edge address 28053 has
# no listener. MVN overrides the Maven command (default "mvn -q -o").
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR=/tmp/giggityflix-bench-player
ROUNDS=7
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) [ $# -ge 2 ] || { echo "--dir needs a folder" >&2; exit 2; }; DIR="$(realpath -m -- "$2")"; shift 2 ;;
    --rounds) [ $# -ge 2 ] || { echo "--rounds needs a number" >&2; exit 2; }; ROUNDS="$2"; shift 2 ;;
    -h|--help) sed -n '3,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$1' (bench/player.sh [--dir DIR] [--rounds N]; see --help)" >&2; exit 2 ;;
  esac
done
for c in ffmpeg chromium chromedriver; do
  command -v "$c" >/dev/null || { echo "bench/player.sh needs $c" >&2; exit 1; }
done
MVN="${MVN:-mvn -q -o}"
VERSION=0.1.0-SNAPSHOT
TARBALL="$ROOT/karaf-assembly/target/karaf-assembly-$VERSION.tar.gz"
[ -f "$TARBALL" ] || { echo "no distribution: run mvn -o install -DskipTests at the root" >&2; exit 1; }
HTTP_PORT=28180 SSH_PORT=28111 RMI_REGISTRY_PORT=28199 RMI_SERVER_PORT=28544 UNUSED_EDGE_PORT=28053
PASSWORD=bench-password-1

mkdir -p "$DIR/media"
CLIP="$DIR/media/bench-1080p-h264.mp4"
if [ ! -f "$CLIP" ]; then
  echo "== making $CLIP (60 s 1920x1080 H.264 High + AAC, as a camera or a release would) ..."
  ffmpeg -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=60 \
    -f lavfi -i sine=frequency=440:duration=60 -c:v libx264 -profile:v high -pix_fmt yuv420p -g 60 \
    -c:a aac -movflags +faststart -shortest "$DIR/making.mp4"
  mv "$DIR/making.mp4" "$CLIP"
fi

echo "== building bench/ ($MVN -f bench/pom.xml package) ..."
(cd "$ROOT" && $MVN -f bench/pom.xml package)

PEER_WORK="$(mktemp -d "$DIR/dist.XXXXXX")"
PEER_HOME=""
cleanup() {
  if [ -n "$PEER_HOME" ]; then
    "$PEER_HOME/bin/peer" stop >/dev/null 2>&1 || true
    local pid
    pid="$(ps -eo pid=,args= | awk -v home="-Dkaraf.home=$PEER_HOME" 'index($0, home) && $2 ~ /java$/ { print $1; exit }')"
    if [ -n "$pid" ]; then
      for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$PEER_WORK"
}
trap cleanup EXIT
tar xzf "$TARBALL" -C "$PEER_WORK"
PEER_HOME="$(find "$PEER_WORK" -mindepth 1 -maxdepth 1 -type d | head -n1)"
sed -i "s/^\([[:space:]]*sshPort[[:space:]]*=\).*/\1 $SSH_PORT/" "$PEER_HOME/etc/org.apache.karaf.shell.cfg"
sed -i -e "s/^\([[:space:]]*rmiRegistryPort[[:space:]]*=\).*/\1 $RMI_REGISTRY_PORT/" \
       -e "s/^\([[:space:]]*rmiServerPort[[:space:]]*=\).*/\1 $RMI_SERVER_PORT/" \
       "$PEER_HOME/etc/org.apache.karaf.management.cfg"

echo "== starting the peer (HTTP $HTTP_PORT) on $DIR/media ..."
(cd "$PEER_WORK" && DATA_DIR="$PEER_WORK/data" PEER_ADMIN_PASSWORD="$PASSWORD" HTTP_PORT="$HTTP_PORT" \
    EDGE_GRPC_ADDRESS="127.0.0.1:$UNUSED_EDGE_PORT" \
    exec setsid "$PEER_HOME/bin/peer" start --media-dir "$DIR/media") >> "$PEER_WORK/peer.out" 2>&1 < /dev/null &
deadline=$(( $(date +%s) + 300 ))
until curl -fs "http://127.0.0.1:$HTTP_PORT/health" > /dev/null 2>&1; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "the peer did not answer /health within 300 s; see $PEER_WORK/peer.out" >&2; exit 1; }
  sleep 0.5
done

RESULTS="$DIR/results.tsv"
: > "$RESULTS"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" org.giggityflix.peer.bench.PlayerBench \
  "http://127.0.0.1:$HTTP_PORT" admin "$PASSWORD" "$(basename "$CLIP")" "$ROUNDS" "$RESULTS" "$PEER_WORK"

echo
echo "== results ($(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load $LOAD_START at the start," \
  "$(cut -d' ' -f1-3 /proc/loadavg) at the end)"
awk -F'\t' 'BEGIN { printf "| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n",
                      "figure", "measured", "baseline (same run)", "ratio", "goal", "verdict" }
            { printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' "$RESULTS"
