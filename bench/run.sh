#!/usr/bin/env bash
#
# bench/run.sh — the peer's benchmarks, one command (see bench/README.md).
#
#   bench/run.sh [platform|edge|all] [--dir DIR] [--build]
#
#   platform  first scan and unchanged rescan of 100,000 files vs find; md5+sha1 of a 2 GiB file vs
#             md5sum;sha1sum; start-to-ready time and idle RSS of the built distribution
#   edge      offer of 100,000 cataloged files to the test Edge (time, extra heap); p50/p99 of 1,000 hash requests
#   all       both (default)
#   one part only: scan | hash | distribution | edge-offer | edge-hash
#   --dir     where the generated files live, made once and reused (default /tmp/giggityflix-bench; needs ~2.5 GB)
#   --build   rebuild and install the project first (mvn -o install -DskipTests); without it, only what is
#             missing is built
#
# Ports used (the bench range 28000-28999): 28051-28052 test Edge, 28101 SSH, 28099/28444 JMX of the distribution,
# 28053 the distribution's Edge address (nothing listens there).
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHAT=all
DIR=/tmp/giggityflix-bench
BUILD=""
while [ $# -gt 0 ]; do
  case "$1" in
    platform|edge|all|scan|hash|distribution|edge-offer|edge-hash) WHAT="$1"; shift ;;
    --dir) [ $# -ge 2 ] || { echo "--dir needs a folder" >&2; exit 2; }; DIR="$(realpath -m -- "$2")"; shift 2 ;;
    --build) BUILD=1; shift ;;
    -h|--help) sed -n '3,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$1' (bench/run.sh [platform|edge|all] [--dir DIR] [--build]; see --help)" >&2; exit 2 ;;
  esac
done

VERSION=0.1.0-SNAPSHOT
M2="${HOME}/.m2/repository/org/giggityflix/peer"
TARBALL="$ROOT/karaf-assembly/target/karaf-assembly-$VERSION.tar.gz"
SSH_PORT=28101 RMI_REGISTRY_PORT=28099 RMI_SERVER_PORT=28444 UNUSED_EDGE_PORT=28053
# The distribution's own heap settings (bin/setenv), so the Java figures are taken with the heap a peer has.
JAVA_HEAP=(-Xms64m -Xmx768m)

mkdir -p "$DIR"
RESULTS="$DIR/results.tsv"
: > "$RESULTS"

# ------------------------------------------------------------------------------------------------- build

missing_artifacts() {
  local a
  for a in peer-api peer-catalog peer-scanner peer-hash-jdk peer-edge proto test-edge; do
    [ -f "$M2/$a/$VERSION/$a-$VERSION.jar" ] || return 0
  done
  case "$WHAT" in platform|all|distribution) [ -f "$TARBALL" ] || return 0 ;; esac
  return 1
}

if [ -n "$BUILD" ] || missing_artifacts; then
  echo "== building the project (mvn -q -o install -DskipTests) ..."
  (cd "$ROOT" && mvn -q -o install -DskipTests)
fi
echo "== building bench/ (mvn -q -o -f bench/pom.xml package) ..."
(cd "$ROOT" && mvn -q -o -f bench/pom.xml package)
CLASSPATH_JAVA="$ROOT/bench/target/classes:$ROOT/bench/target/lib/*"

bench_java() {
  java "${JAVA_HEAP[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.dir="$DIR" -Dbench.results="$RESULTS" \
    -cp "$CLASSPATH_JAVA" org.giggityflix.peer.bench.Bench "$@"
}

row() { # figure measured baseline ratio goal verdict
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
  printf '  %-48s %-14s %-26s %-14s %-10s %s\n' "$@"
}

# ------------------------------------------------------------------------------------------------- distribution

PEER_HOME="" PEER_WORK=""

stop_peer() {
  [ -n "$PEER_HOME" ] || return 0
  local pid
  pid="$(karaf_pid)"
  "$PEER_HOME/bin/peer" stop >/dev/null 2>&1 || true
  if [ -n "$pid" ]; then
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "  peer did not stop within 60 s; killing its JVM ($pid)" >&2
      kill "$pid" 2>/dev/null || true
    fi
  fi
}

cleanup() {
  stop_peer
  [ -z "$PEER_WORK" ] || rm -rf "$PEER_WORK"
}
trap cleanup EXIT

# The Karaf JVM of our distribution (not any other engineer's): the java process with our karaf.home.
karaf_pid() {
  ps -eo pid=,args= | awk -v home="-Dkaraf.home=$PEER_HOME" \
    'index($0, home) && $2 ~ /java$/ { print $1; exit }'
}

now() { date +%s.%N; }

# Starts the peer in the background, waits for `bin/peer status` to show the peer id; prints seconds taken.
start_until_ready() {
  local media="$1" log="$2" start deadline
  start="$(now)"
  # The Edge address is a port of ours where nothing listens: the peer never dials anybody else's test Edge.
  # The subshell's own output goes to the log too, so that nothing holds the $(...) of the caller open.
  (cd "$PEER_WORK" && DATA_DIR="$PEER_WORK/data" PEER_ADMIN_PASSWORD=bench-password-1 \
      EDGE_GRPC_ADDRESS="127.0.0.1:$UNUSED_EDGE_PORT" \
      exec setsid "$PEER_HOME/bin/peer" start --media-dir "$media") >> "$log" 2>&1 < /dev/null &
  deadline=$(( $(date +%s) + 300 ))
  # (grep reads all of it: with pipefail, grep -q would break the pipe and fail the check)
  until "$PEER_HOME/bin/peer" status 2>/dev/null | grep "Peer id" > /dev/null; do
    if [ "$(date +%s)" -gt "$deadline" ]; then
      echo "  the peer was not ready within 300 s; see $log and $PEER_HOME/data/log/karaf.log" >&2
      return 1
    fi
    sleep 0.2
  done
  awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'
}

distribution() {
  echo "== distribution: start-to-ready and idle RSS ($TARBALL)"
  [ -f "$TARBALL" ] || { echo "  no distribution: run mvn -o install -DskipTests at the root" >&2; return 1; }
  PEER_WORK="$(mktemp -d "$DIR/dist.XXXXXX")"
  tar xzf "$TARBALL" -C "$PEER_WORK"
  PEER_HOME="$(find "$PEER_WORK" -mindepth 1 -maxdepth 1 -type d | head -n1)"
  sed -i "s/^\([[:space:]]*sshPort[[:space:]]*=\).*/\1 $SSH_PORT/" "$PEER_HOME/etc/org.apache.karaf.shell.cfg"
  sed -i -e "s/^\([[:space:]]*rmiRegistryPort[[:space:]]*=\).*/\1 $RMI_REGISTRY_PORT/" \
         -e "s/^\([[:space:]]*rmiServerPort[[:space:]]*=\).*/\1 $RMI_SERVER_PORT/" \
         "$PEER_HOME/etc/org.apache.karaf.management.cfg"
  # A small media folder: the 100 files of one generated season (or a few made here).
  local media="$PEER_WORK/media" log="$PEER_WORK/peer.out"
  mkdir -p "$media"
  if [ -d "$DIR/tree/show-00/season-000" ]; then
    cp "$DIR"/tree/show-00/season-000/*.mp4 "$media/"
  else
    for i in $(seq 1 20); do head -c 4096 /dev/urandom > "$media/clip-$i.mp4"; done
  fi

  local first second status_alone pid rss hwm t
  first="$(start_until_ready "$media" "$log")"
  echo "  first start (fresh untar: password, CLI key, feature resolution): ready in $first s"
  stop_peer
  second="$(start_until_ready "$media" "$log")"
  echo "  second start (same folder): ready in $second s"
  t="$(now)"; "$PEER_HOME/bin/peer" status > "$PEER_WORK/status.txt" 2>&1
  status_alone="$(awk -v a="$t" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"
  echo "  one bin/peer status on the ready peer takes $status_alone s (client JVM + SSH): part of both figures"
  echo "  idle for 20 s ..."
  sleep 20
  pid="$(karaf_pid)"
  rss="$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
  hwm="$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
  echo "  Karaf JVM $pid: VmRSS $rss MiB, VmHWM (peak) $hwm MiB (heap -Xms64M -Xmx768M from bin/setenv)"
  row "start to ready, first start (fresh untar)" "$first s" "-" "-" "-" "reported"
  row "start to ready, second start" "$second s" "-" "-" "-" "reported"
  row "idle RSS of the Karaf JVM (20 s after ready)" "$rss MiB" "-" "-" "-" "reported"
  stop_peer
  PEER_HOME=""
  rm -rf "$PEER_WORK"
  PEER_WORK=""
}

# ------------------------------------------------------------------------------------------------- run

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
  "$(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -n1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== page cache is warm for every figure (each side read once before timing); caches are never dropped"

case "$WHAT" in
  platform) bench_java scan hash; distribution ;;
  edge) bench_java edge-offer edge-hash ;;
  all) bench_java scan hash edge-offer edge-hash; distribution ;;
  distribution) distribution ;;
  *) bench_java "$WHAT" ;;
esac

echo
echo "== results ($(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg))"
awk -F'\t' 'BEGIN { printf "| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n",
                      "figure", "measured", "baseline (same run)", "ratio", "goal", "verdict" }
            { printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' "$RESULTS"
