#!/usr/bin/env bash
#
# bench/memory.sh TARBALL TREE 'name=JVM options' ...   (issue 14.1; run it under the exclusive cpu lock)
#
# Idle RSS and RSS after a 100,000-file first scan (hashing, no probing), one untarred distribution per JVM option
# set, each given -Xms64M -Xmx768M and then its own options (the last -Xmx wins). TREE: bench/run.sh's tree/ (or any
# folder of small .mp4 files). Ports 27xxx. Prints one line per option set: JVM flags, idle RSS 30 s after ready,
# the scan's time, peak RSS (VmHWM), RSS at its end, 30 s and 90 s later, with G1's heap totals.
# The distribution's own bin/setenv comes first, so a "JDK default" set must undo it, e.g.
#   bench/memory.sh karaf-assembly/target/*.tar.gz /tmp/giggityflix-bench/tree \
#     'JDK-G1=-XX:G1PeriodicGCInterval=0 -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70' 'as-shipped='
set -uo pipefail
TARBALL="$1"; TREE="$2"; shift 2
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
rss() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' /proc/$1/status; }
hwm() { awk '/^VmHWM/ {printf "%.0f", $2/1024}' /proc/$1/status; }
heap() { jcmd $1 GC.heap_info 2>/dev/null | awk '/total/ && /used/ {print; exit}' | sed 's/^ *//'; }
for cfg in "$@"; do
  name="${cfg%%=*}"; opts="${cfg#*=}"
  rm -rf "$W"; mkdir -p "$W/home" "$W/empty"
  tar xzf "$TARBALL" -C "$W/home" --strip-components=1
  H="$W/home"
  sed -i 's/^ *sshPort *=.*/sshPort = 27101/' $H/etc/org.apache.karaf.shell.cfg
  sed -i 's/^ *rmiRegistryPort *=.*/rmiRegistryPort = 27099/; s/^ *rmiServerPort *=.*/rmiServerPort = 27444/' $H/etc/org.apache.karaf.management.cfg
  # this run's heap and collector, after whatever bin/setenv says
  cat >> $H/bin/setenv <<SETENV
EXTRA_JAVA_OPTS="\${EXTRA_JAVA_OPTS:-} -Xms64M -Xmx768M $opts"
export EXTRA_JAVA_OPTS
SETENV
  export DATA_DIR="$W/data" HTTP_PORT=27080 ENABLE_UPNP=false UPNP_ENABLED=false EDGE_GRPC_ADDRESS=127.0.0.1:27053 \
    EXTRACT_METADATA=false PEER_ADMIN_PASSWORD=measure-pass-1
  (cd $H && bin/peer start --background --media-dir "$W/empty") > $W/start.out 2>&1
  until $H/bin/peer status 2>/dev/null | grep -q "Peer id"; do sleep 1; done
  pid=$(ps -eo pid=,args= | awk -v h="-Dkaraf.home=$H" 'index($0,h) && $2 ~ /java$/ {print $1; exit}')
  mx=$(jcmd $pid VM.flags | tr ' ' '\n' | grep -E 'MaxHeapSize|Use.*GC' | tr '\n' ' ')
  sleep 30
  idle=$(rss $pid); idleheap=$(heap $pid)
  $H/bin/peer shell "config:property-set -p org.giggityflix.peer.scanner mediaDirs $TREE" >/dev/null
  sleep 2
  t0=$(date +%s)
  $H/bin/peer scan > $W/scan.out 2>&1
  t1=$(date +%s)
  peak=$(hwm $pid); done0=$(rss $pid); doneheap=$(heap $pid)
  sleep 30; a30=$(rss $pid)
  sleep 60; a90=$(rss $pid); a90heap=$(heap $pid)
  echo "$name | $mx | idle RSS ${idle} MiB ($idleheap) | scan $((t1-t0)) s, peak ${peak} MiB | at end ${done0} MiB ($doneheap) | +30 s ${a30} MiB | +90 s ${a90} MiB ($a90heap)"
  tail -2 $W/scan.out
  $H/bin/peer stop >/dev/null 2>&1
  for i in $(seq 60); do kill -0 $pid 2>/dev/null || break; sleep 1; done
  kill $pid 2>/dev/null
done
