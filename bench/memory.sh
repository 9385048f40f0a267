#!/usr/bin/env bash
#
# bench/memory.sh TARBALL TREE 'name=settings' ...   (issue 14.1; run it under the exclusive cpu lock)
#
# Idle RSS 60 s after ready, and RSS during and after a first scan of TREE (hashing; no probing), one untarred
# distribution per settings set, all sets at the same time (same machine, same load: a baseline in the same run).
# A set's settings are JVM options and NAME=value environment variables (MALLOC_ARENA_MAX=16), appended to the
# distribution's own bin/setenv, so they come after it (the last -Xmx wins). TREE: bench/run.sh's tree/ (or any
# folder of small .mp4 files). Ports 27000 + 100 x the set's index (ssh +1, RMI +2/+3, HTTP +80, HTTPS +43, the
# Edge address +53, where nothing listens).
#
# Prints one line per set: JVM flags, start to /health, idle RSS and threads 60 s after ready, the scan's time, peak
# RSS (VmHWM), RSS at its end, 60 s and 300 s later (the issue's "5 minutes after"), with G1's heap totals; and the
# JVM's own accounting (-XX:NativeMemoryTracking=summary when a set asks for it) in its work folder.
# Example, the distribution as shipped against the JDK's defaults for native memory:
#   bench/memory.sh karaf-assembly/target/*.tar.gz /tmp/giggityflix-bench/tree \
#     'as-shipped=' 'glibc-default=MALLOC_ARENA_MAX=16 -XX:TrimNativeHeapInterval=0'
set -uo pipefail
TARBALL="$(realpath "$1")"; TREE="$(realpath "$2")"; shift 2
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
rss() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' /proc/$1/status; }
hwm() { awk '/^VmHWM/ {printf "%.0f", $2/1024}' /proc/$1/status; }
threads() { awk '/^Threads/ {print $2}' /proc/$1/status; }
heap() { jcmd $1 GC.heap_info 2>/dev/null | awk '/total/ && /used/ {print "committed", $4, "used", $6; exit}'; }

one() { # index name settings
  local i="$1" name="$2" settings="$3" base=$((27000 + 100 * $1)) H D opts="" envs="" s
  H="$W/$i/home"; D="$W/$i/data"
  mkdir -p "$H" "$W/$i/empty"
  tar xzf "$TARBALL" -C "$H" --strip-components=1
  sed -i "s/^ *sshPort *=.*/sshPort = $((base + 1))/" $H/etc/org.apache.karaf.shell.cfg
  sed -i "s/^ *rmiRegistryPort *=.*/rmiRegistryPort = $((base + 2))/; s/^ *rmiServerPort *=.*/rmiServerPort = $((base + 3))/" \
    $H/etc/org.apache.karaf.management.cfg
  sed -i "s/^ *org.osgi.service.http.port *=.*/org.osgi.service.http.port = $((base + 80))/" $H/etc/org.ops4j.pax.web.cfg
  for s in $settings; do
    case "$s" in [A-Z_]*=*) envs="$envs export $s;" ;; *) opts="$opts $s" ;; esac
  done
  printf '%s\nEXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} %s"\nexport EXTRA_JAVA_OPTS\n' "$envs" "$opts" >> $H/bin/setenv
  export DATA_DIR="$D" HTTP_PORT=$((base + 80)) HTTPS_PORT=$((base + 43)) ENABLE_UPNP=false \
    EDGE_GRPC_ADDRESS=127.0.0.1:$((base + 53)) EXTRACT_METADATA=false PEER_ADMIN_PASSWORD=measure-pass-1
  local t0 t1 pid mx idle idlethr idleheap s0 s1 peak end endheap a60 a300 a300heap
  t0=$(date +%s.%N)
  (cd $H && bin/peer start --background --media-dir "$W/$i/empty") > $W/$i/start.out 2>&1
  until curl -sf -o /dev/null http://127.0.0.1:$((base + 80))/health; do sleep 0.1; done
  t1=$(date +%s.%N)
  pid=$(ps -eo pid=,args= | awk -v h="-Dkaraf.home=$H" 'index($0,h) && $2 ~ /java$/ {print $1; exit}')
  trap "kill $pid 2>/dev/null" EXIT
  mx=$(jcmd $pid VM.flags | tr ' ' '\n' | grep -E 'MaxHeapSize|Use.*GC' | tr '\n' ' ')
  sleep 60
  idle=$(rss $pid); idlethr=$(threads $pid); idleheap=$(heap $pid)
  jcmd $pid VM.native_memory summary > $W/$i/nmt-idle.txt 2>&1
  $H/bin/peer shell "config:property-set -p org.giggityflix.peer.scanner mediaDirs $TREE" > $W/$i/scan.out 2>&1
  sleep 2
  s0=$(date +%s)
  $H/bin/peer scan >> $W/$i/scan.out 2>&1
  s1=$(date +%s)
  peak=$(hwm $pid); end=$(rss $pid); endheap=$(heap $pid)
  sleep 60; a60=$(rss $pid)
  sleep 240; a300=$(rss $pid); a300heap=$(heap $pid)
  jcmd $pid VM.native_memory summary > $W/$i/nmt-after.txt 2>&1
  printf '%s | %s| ready in %.1f s | idle RSS %s MiB, %s threads (heap %s) | scan %s s, peak %s MiB | end %s MiB (heap %s) | +60 s %s MiB | +300 s %s MiB (heap %s)\n' \
    "$name" "$mx" "$(awk -v a=$t0 -v b=$t1 'BEGIN {print b - a}')" "$idle" "$idlethr" "$idleheap" $((s1 - s0)) "$peak" \
    "$end" "$endheap" "$a60" "$a300" "$a300heap" > $W/$i/result
  grep -q "Peer id\|Scan finished" $W/$i/scan.out || tail -3 $W/$i/scan.out >> $W/$i/result
  $H/bin/peer stop > /dev/null 2>&1
  for _ in $(seq 60); do kill -0 $pid 2>/dev/null || break; sleep 1; done
  kill $pid 2>/dev/null
}

i=0
for cfg in "$@"; do
  one $i "${cfg%%=*}" "${cfg#*=}" &
  i=$((i + 1))
done
wait
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), tree $TREE ($(find "$TREE" -type f | wc -l) files)"
for j in $(seq 0 $((i - 1))); do cat $W/$j/result; done
