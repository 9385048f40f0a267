#!/usr/bin/env bash
#
# bench/stream.sh — issue 7's streaming benchmark, one command.
#
#   bench/stream.sh [--dir DIR] [--streams N] [--codec VP8|H264] [--hdr [--start-compare]]
#   bench/stream.sh --first-session [--dir DIR]
#   bench/stream.sh --links [--degradation balanced|maintain-framerate|maintain-resolution] [--compare]
#                   [--scenarios steady,loss,lossy,drop,outage] [--dir DIR]
#
#   first frame   session request (the page's fetch of the offer) to the first decoded frame in headless Chromium,
#                 with FFmpeg and libwebrtc already loaded, as in a running peer (goal <= 0.6 s); 7 runs
#   cpu           peer_cores: the peer's JVM (decode with FFmpeg + encode by libwebrtc) per 720p30 stream (goal <= 0.5
#                 core); viewer_cores: Chromium's processes (a real viewer runs on another machine); machine_busy:
#                 the whole machine from /proc/stat, "others" = what neither of them used (other people's work)
#   concurrent    1..N simultaneous 720p30 streams, 10 s window each after 3 s of settling (goal >= 3); "real time" =
#                 every stream encoded by the peer (its outbound-rtp framesEncoded) AND decoded by Chromium
#                 (inbound-rtp framesDecoded) at >= 27 fps over the window (90 % of 30; the browser's stats are
#                 sampled every 0.25 s, so +-0.8 fps is noise). Chromium decodes on the same 2 cores, so it and
#                 anything else running compete with the peer; the line says how busy the machine was.
#   memory        JVM RSS growth per session while streaming (goal <= 150 MB)
#   --dir         where the generated 60 s 1280x720 H.264 clip lives, made once (default /tmp/giggityflix-bench-stream)
#   --streams     the largest number of concurrent streams tried (default 4)
#   --codec       ask for this codec (as the Edge's preferred_codec); default: the peer's default order (VP8 first)
#   --hdr         first: a 30 s 1080p30 HDR10 clip (HEVC Main 10, PQ, BT.2020; made once with the ffmpeg command)
#                 tone-mapped to SDR in-process: first frame (5 runs, goal <= 0.6 s) and the peer's cores for one
#                 stream (goal <= 0.6 core); each HDR run's first-frame timeline (sender and viewer statistics
#                 every 50 ms: encoded, sent, first packet in, first frame complete, decoded, shown) goes to run.log
#   --start-compare with --hdr: before/after for the reader: every first-frame run and the HDR CPU window twice,
#                 interleaved, "before" = libwebrtc's own 300 kbit/s start (-Dgiggityflix.webrtc.startBitrate=false),
#                 "after" = as the peer is (pictures above 720p start higher); first frames also for a 1080p and the
#                 720p SDR H.264 clip (use --streams 0 to skip the concurrent streams)
#   --first-session  instead: the first session after a start against the 5 after it, each way in a fresh JVM
#                 (issue 14.5): "cold" = the first session loads libwebrtc + FFmpeg (a peer without an Edge link, and
#                 every peer before the warm-up), "warm" = both prepared in the background first, as the transport
#                 does when the Edge link comes up (goal: first <= 600 ms, as fast as the later ones)
#   --links       instead, issue 17's link scenarios (root: network namespaces): a 720p30 stream to Chromium in a
#                 namespace whose veth is shaped with tbf, the path impaired by a user-space relay (delay, jitter,
#                 loss): 8 Mbit/s 20 ms; 3 Mbit/s 40 ms 1 % loss; 1.2 Mbit/s 120 ms 3 % loss + jitter; 8 -> 1.5 ->
#                 8 Mbit/s; a 5 s outage (times are round trips). Per scenario: freezes (count, median, worst),
#                 average decoded height and fps, seconds to adapt after the drop and to recover after it (or to
#                 move again after the outage), the peer's cores (LinkBenchmarkTest). About 4 minutes.
#   --degradation the owner's degradationPreference for --links (default balanced)
#   --compare     --links: each scenario twice in one JVM, "before" (steps chosen on the estimate alone and applied at
#                 the next half-second tick: -Dgiggityflix.webrtc.quickStep=false) then as it is (twice as long); the
#                 peer's log (run.log) has each reading of the link and what the sender put on the wire
#   --scenarios   --links: only these of steady (8 Mbit/s), loss (3 Mbit/s 1 %), lossy (1.2 Mbit/s 3 %), drop, outage
#
# Needs Debian chromium + chromium-driver (+ libpulse0 for libwebrtc). Runs the session code of peer-stream-webrtc
# in a plain JVM (bench/'s StreamBenchmarkTest, never part of the normal build) with -Dbenchmark=true.
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR=/tmp/giggityflix-bench-stream
STREAMS=4
CODEC=
HDR=false
START_COMPARE=false
FIRST=
LINKS=false
DEGRADATION=balanced
COMPARE=false
SCENARIOS=steady,loss,lossy,drop,outage
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) [ $# -ge 2 ] || { echo "--dir needs a folder" >&2; exit 2; }; DIR="$(realpath -m -- "$2")"; shift 2 ;;
    --streams) [ $# -ge 2 ] || { echo "--streams needs a number" >&2; exit 2; }; STREAMS="$2"; shift 2 ;;
    --codec) [ $# -ge 2 ] || { echo "--codec needs VP8 or H264" >&2; exit 2; }; CODEC="$2"; shift 2 ;;
    --hdr) HDR=true; shift ;;
    --start-compare) START_COMPARE=true; shift ;;
    --first-session) FIRST=yes; shift ;;
    --links) LINKS=true; shift ;;
    --degradation) [ $# -ge 2 ] || { echo "--degradation needs a preference" >&2; exit 2; }; DEGRADATION="$2"; shift 2 ;;
    --compare) COMPARE=true; shift ;;
    --scenarios) [ $# -ge 2 ] || { echo "--scenarios needs a comma list" >&2; exit 2; }; SCENARIOS="$2"; shift 2 ;;
    -h|--help) sed -n '3,49p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$1' (bench/stream.sh [--dir DIR] [--streams N] [--codec C] [--hdr [--start-compare]]; see --help)" >&2; exit 2 ;;
  esac
done
command -v chromium >/dev/null && command -v chromedriver >/dev/null \
  || { echo "bench/stream.sh needs chromium and chromedriver (apt-get install chromium chromium-driver libpulse0)" >&2; exit 1; }

mkdir -p "$DIR"
OUT="$DIR/results.tsv"
rm -f "$OUT"
# bench/'s StreamBenchmarkTest and LinkBenchmarkTest drive peer-stream-webrtc's sessions as this checkout builds them;
# they read files through the codec bundles' frame sources (FFmpeg, .y4m).
. "$ROOT/bench/bench-tests.sh"
bench_install
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$FIRST" ]; then
  for mode in cold warm; do
    bench_tests -Dtest=StreamBenchmarkTest#firstSessionAfterStart \
      -Dbenchmark=true -Dbench.dir="$DIR" -Dbench.out="$OUT" \
      -Dbench.firstSession="$mode" > "$DIR/run-$mode.log" 2>&1 \
      || { echo "benchmark failed; see $DIR/run-$mode.log" >&2; tail -30 "$DIR/run-$mode.log" >&2; exit 1; }
  done
  echo "First WebRTC session after a start ($(nproc) cores, $(date -u +%FT%TZ), load average $LOAD_START at the"\
    "start, $(cut -d' ' -f1-3 /proc/loadavg) at the end); 720p30 H.264 source, VP8 to headless Chromium:"
  cat "$OUT"
  exit 0
fi
if [ "$LINKS" = true ]; then
  [ "$(id -u)" = 0 ] || { echo "bench/stream.sh --links needs root (network namespaces, tc)" >&2; exit 1; }
  bench_tests -Dtest=LinkBenchmarkTest -Dbenchmark=true -Dbench.dir="$DIR" -Dbench.out="$OUT" -Dbench.degradation="$DEGRADATION" \
    -Dbench.compare="$COMPARE" -Dbench.scenarios="$SCENARIOS" \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
    -Dorg.slf4j.simpleLogger.log.org.giggityflix.peer.stream.webrtc.internal.LinkAdapter=debug \
    > "$DIR/run.log" 2>&1 || { echo "benchmark failed; see $DIR/run.log" >&2; tail -30 "$DIR/run.log" >&2; exit 1; }
  echo "Link benchmark ($(nproc) cores, $(date -u +%FT%TZ), load average $LOAD_START at the start,"\
    "$(cut -d' ' -f1-3 /proc/loadavg) at the end); 720p30 H.264 source, VP8 to headless Chromium in a namespace:"
  cat "$OUT"
  exit 0
fi
bench_tests -Dtest=StreamBenchmarkTest -Dbenchmark=true \
  -Dbench.dir="$DIR" -Dbench.out="$OUT" -Dbench.maxStreams="$STREAMS" -Dbench.codec="$CODEC" -Dbench.hdr="$HDR" \
  -Dbench.startCompare="$START_COMPARE" \
  > "$DIR/run.log" 2>&1 || { echo "benchmark failed; see $DIR/run.log" >&2; tail -30 "$DIR/run.log" >&2; exit 1; }
echo "Streaming benchmark ($(nproc) cores, $(date -u +%FT%TZ), load average $LOAD_START at the start,"\
  "$(cut -d' ' -f1-3 /proc/loadavg) at the end);"\
  "720p30 H.264 source, ${CODEC:-VP8 (default)} to headless Chromium:"
cat "$OUT"
