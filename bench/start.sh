#!/usr/bin/env bash
#
# bench/start.sh [--runs N] [--stock TARBALL] [NAME=TARBALL ...]   (issue 14.4; run it under the exclusive cpu lock)
#
# Start to ready of the built distribution, first and later, with stock Apache Karaf 4.4.10's own start beside it in
# the same run. Each run of each distribution: a fresh untar and a fresh DATA_DIR, `bin/peer start --background`
# (first start: admin password, keys, HTTPS certificate, Karaf resolving the boot features), ready = `/health`
# answers 200; `bin/peer stop`; the same again (later start). Stock Karaf: a fresh untar, `bin/start`, ready = its
# SSH console accepts connections (the peer's SSH figure is printed too, for the same definition of ready); stopped
# and started again. Runs go one after the other (never two starts at once), the distributions interleaved.
#
# Default NAME=TARBALL: peer=karaf-assembly/target/karaf-assembly-*.tar.gz (as last built). Stock Karaf: the
# org.apache.karaf:apache-karaf:4.4.10:tar.gz of the local Maven repository (M2_REPO, default ~/.m2/repository;
# fetched with `mvn dependency:get` when missing). Ports: free ones, chosen per start.
#
# Where the time goes, per start (medians): script = from `bin/peer start` (or `bin/start`) until the Karaf JVM
# exists (bin/peer's first-start work, Karaf's scripts and their `java -version`); jvm = from there to the first
# line of karaf.log (JVM start, framework, the startup bundles up to pax-logging); boot = to the features service
# taking the boot features ("Adding features"); resolve = to the resolver's answer ("Changes to perform"; first start
# only); install = to "Done." (bundles installed and started); ready = to /health (the peer's components and web).
#
# Prints each start as it goes, then a Markdown table: median (min-max) per figure, and ratios against stock Karaf
# of the same run. The untarred folders are deleted at the end (--keep leaves them in $W).
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=3 KEEP="" STOCK=""
DISTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --stock) STOCK="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *=*) DISTS+=("$1"); shift ;;
    *) echo "usage: bench/start.sh [--runs N] [--stock TARBALL] [--keep] [NAME=TARBALL ...]" >&2; exit 2 ;;
  esac
done
if [ ${#DISTS[@]} -eq 0 ]; then
  DISTS=("peer=$(ls karaf-assembly/target/karaf-assembly-*.tar.gz 2>/dev/null | head -n1)")
fi
M2="${M2_REPO:-$HOME/.m2/repository}"
if [ -z "$STOCK" ]; then
  STOCK="$M2/org/apache/karaf/apache-karaf/4.4.10/apache-karaf-4.4.10.tar.gz"
  [ -f "$STOCK" ] || mvn -q -B -ntp -Dmaven.repo.local="$M2" dependency:get \
    -Dartifact=org.apache.karaf:apache-karaf:4.4.10:tar.gz -Dtransitive=false >&2
fi
for d in "${DISTS[@]}" "stock=$STOCK"; do
  [ -f "${d#*=}" ] || { echo "bench/start.sh: no tarball ${d#*=}" >&2; exit 2; }
done
W="$(mktemp -d /tmp/bench-start.XXXXXX)"
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "$KEEP" ] || rm -rf "$W"
}
trap cleanup EXIT
unset MEDIA_DIRS DATA_DIR EDGE_GRPC_ADDRESS HTTP_PORT HTTPS_PORT PEER_ID

now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print "-"; else printf "%.0f", (b - a) * 1000 }'; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Epoch seconds of the first karaf.log line matching a pattern (karaf.log's time is the JVM's local time).
logtime() {
  local line
  line="$(grep -m1 -e "$2" "$1" 2>/dev/null | cut -c1-23)"
  [ -n "$line" ] && date -d "${line/T/ }" +%s.%N
}
firstlog() {
  local line
  line="$(grep -m1 -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "$1" 2>/dev/null | cut -c1-23)"
  [ -n "$line" ] && date -d "${line/T/ }" +%s.%N
}
# The Karaf JVM of a folder, and when it was started (from /proc: its start time in clock ticks since boot).
jvm_of() { ps -eo pid=,args= | awk -v h="-Dkaraf.home=$1 " 'index($0 " ", h) && $2 ~ /java$/ {print $1; exit}'; }
started_at() {
  local ticks btime hz
  ticks="$(awk '{ sub(/^.*\) /, ""); print $20 }' /proc/$1/stat)"
  btime="$(awk '/^btime/ {print $2}' /proc/stat)"
  hz="$(getconf CLK_TCK)"
  awk -v t="$ticks" -v b="$btime" -v h="$hz" 'BEGIN { printf "%.3f", b + t / h }'
}

# Untars TARBALL into DIR and gives it free ports (SSH, JMX's RMI pair); prints "ssh http https edge".
prepare() {
  local tarball="$1" dir="$2" ssh rmi1 rmi2 http https edge
  mkdir -p "$dir"
  tar xzf "$tarball" -C "$dir" --strip-components=1
  ssh=$(free_port); rmi1=$(free_port); rmi2=$(free_port); http=$(free_port); https=$(free_port); edge=$(free_port)
  sed -i "s/^ *sshPort *=.*/sshPort = $ssh/" "$dir/etc/org.apache.karaf.shell.cfg"
  sed -i "s/^ *rmiRegistryPort *=.*/rmiRegistryPort = $rmi1/; s/^ *rmiServerPort *=.*/rmiServerPort = $rmi2/" \
    "$dir/etc/org.apache.karaf.management.cfg"
  # The web ports in the settings file, not HTTP_PORT/HTTPS_PORT: an owner's later start has neither set.
  if [ -f "$dir/etc/org.ops4j.pax.web.cfg" ]; then
    sed -i "s/^ *org.osgi.service.http.port *=.*/org.osgi.service.http.port = $http/; \
s/^ *org.osgi.service.http.port.secure *=.*/org.osgi.service.http.port.secure = $https/" "$dir/etc/org.ops4j.pax.web.cfg"
  fi
  echo "$ssh $http $https $edge"
}

# One start of DIR (KIND peer|stock); appends "name kind run total script jvm boot resolve install ssh ready" to
# $W/rows and prints it.
one_start() {
  local name="$1" kind="$2" run="$3" which="$4" dir="$5" ssh="$6" http="$7" https="$8" edge="$9"
  local t0 tj tl tb tr td ts th pid deadline log="$dir/data/log/karaf.log"
  rm -f "$log"
  t0=$(now)
  if [ "$kind" = peer ]; then
    (cd "$dir" && DATA_DIR="$W/data-$name-$run" ENABLE_UPNP=false \
      EDGE_GRPC_ADDRESS=127.0.0.1:$edge PEER_ADMIN_PASSWORD=measure-pass-1 \
      bin/peer start --background --media-dir "$W/empty") > "$dir/start-$which.out" 2>&1
  else
    (cd "$dir" && bin/start) > "$dir/start-$which.out" 2>&1
  fi
  deadline=$(( $(date +%s) + 600 ))
  ts="" th=""
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [ -z "$ts" ] && listening "$ssh" && ts=$(now)
    if [ "$kind" = peer ]; then
      [ -z "$th" ] && curl -sf -o /dev/null "http://127.0.0.1:$http/health" && th=$(now)
      [ -n "$th" ] && [ -n "$ts" ] && break
    else
      [ -n "$ts" ] && { th=$ts; break; }
    fi
    sleep 0.05
  done
  pid=$(jvm_of "$dir")
  [ -n "$pid" ] && PIDS+=("$pid") && tj=$(started_at "$pid")
  sleep 1 # karaf.log is written asynchronously
  tl=$(firstlog "$log"); tb=$(logtime "$log" "Adding features"); tr=$(logtime "$log" "Changes to perform")
  # The features service may say "Done." after /health answers (its last bundles still starting): wait for it.
  for _ in $(seq 60); do
    [ -z "$tb" ] || grep -q "| Done." "$log" && break
    sleep 0.5
  done
  td=$(logtime "$log" "| Done.")
  local row
  row="$name $which $run $(ms "$t0" "$th") $(ms "$t0" "$tj") $(ms "$tj" "$tl") $(ms "$tl" "$tb") $(ms "$tb" "$tr") \
$(ms "${tr:-$tb}" "$td") $(ms "$t0" "$ts") $(ms "${td:-${tb:-$tl}}" "$th")"
  echo "$row" >> "$W/rows"
  printf '%-8s %-6s run %s: ready %6s ms | script %5s  jvm %5s  boot %5s  resolve %5s  install %5s | ssh %6s  to ready %5s\n' \
    $row
  # Stop it: bin/stop asks Karaf to shut down; wait for the JVM to be gone.
  (cd "$dir" && bin/stop) > /dev/null 2>&1
  for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill "$pid" 2>/dev/null
}

mkdir -p "$W/empty"
echo "== bench/start.sh $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs, $(java -version 2>&1 | head -n1)"
for run in $(seq "$RUNS"); do
  for d in "${DISTS[@]}" "stock=$STOCK"; do
    name="${d%%=*}"; tarball="${d#*=}"; kind=peer
    [ "$name" = stock ] && kind=stock
    dir="$W/$name-$run"
    read -r ssh http https edge < <(prepare "$tarball" "$dir")
    one_start "$name" "$kind" "$run" first "$dir" "$ssh" "$http" "$https" "$edge"
    one_start "$name" "$kind" "$run" later "$dir" "$ssh" "$http" "$https" "$edge"
    [ -n "$KEEP" ] || rm -rf "$dir/system" # the rest (etc/, data/log) stays until the end, for a look with --keep
  done
done
echo "== done $(date -u '+%H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"

# median (min-max) of column C for NAME/WHICH
stat() {
  awk -v n="$1" -v w="$2" -v c="$3" '$1 == n && $2 == w && $c != "-" { print $c }' "$W/rows" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.2f s (%.2f-%.2f)", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}
median() {
  awk -v n="$1" -v w="$2" -v c="$3" '$1 == n && $2 == w && $c != "-" { print $c }' "$W/rows" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
echo "| distribution | start | ready: median (min-max) of $RUNS | vs stock Karaf | script | jvm | boot | resolve | install | to ready | SSH open |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for d in "${DISTS[@]}" "stock=$STOCK"; do
  name="${d%%=*}"
  for which in first later; do
    ratio=$(awk -v a="$(median "$name" "$which" 4)" -v b="$(median stock "$which" 4)" \
      'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2fx", a / b }')
    cols=""
    for c in 5 6 7 8 9 11; do
      m=$(median "$name" "$which" $c)
      cols="$cols | ${m:+$(awk -v m="$m" 'BEGIN { printf "%.2f s", m / 1000 }')}"
    done
    echo "| $name | $which | $(stat "$name" "$which" 4) | $ratio$cols | $(stat "$name" "$which" 10) |"
  done
done
