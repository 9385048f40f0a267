#!/usr/bin/env bash
#
# bench/media.sh — issue 6's media benchmark, ratios from one run (see the README's benchmark section).
#
#   bench/media.sh [--dir DIR] [--only probe|streams|screenshots]
#
#   probe        200 generated files (H.264 and MPEG-4, mp4/mkv/avi, with and without AAC) probed in-process by
#                peer-media-ffmpeg versus one `ffprobe` per file (goal: >= 3x faster in-process)
#   screenshots  10 sharpest-frame screenshots of a 10-minute 1080p H.264 file in-process versus 10
#                `ffmpeg -ss T -i f -frames:v 1` runs (goal: <= 1.0x the CLI's time), and peak RSS during capture;
#                warm to warm (the in-process side has made one capture of other positions first, the CLI one
#                run), five alternated rounds, the median ratio and each round's wall-clock and CPU ratios
#   streams      issue 12: the stream inventory of one file with 10 streams (1 video, 6 audio, 3 subtitles) in-process
#                versus `ffprobe -show_streams` each time, 40 probes a side in 3 alternated rounds (goal: >= 3x faster)
#   --only       run one of the three (default: all)
#   --dir        where the generated media live, made once and reused (default /tmp/giggityflix-bench-media;
#                ~1.5 GB; the 10-minute file takes a few minutes to encode the first time)
#
# Needs the ffmpeg CLI (Debian: apt-get install ffmpeg) to generate the media and to compare with.
# Runs bench/'s MediaBenchmarkTest (peer-media-ffmpeg's internals, never part of the normal build) with
# -Dbenchmark=true.
#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR=/tmp/giggityflix-bench-media
ONLY=all
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || { echo "--only needs probe, streams or screenshots" >&2; exit 2; }; ONLY="$2"; shift 2 ;;
    --dir) [ $# -ge 2 ] || { echo "--dir needs a folder" >&2; exit 2; }; DIR="$(realpath -m -- "$2")"; shift 2 ;;
    -h|--help) sed -n '3,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$1' (bench/media.sh [--dir DIR]; see --help)" >&2; exit 2 ;;
  esac
done
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null \
  || { echo "bench/media.sh needs ffmpeg and ffprobe (apt-get install ffmpeg)" >&2; exit 1; }

mkdir -p "$DIR/probe"
gen() { ffmpeg -nostdin -v error -y "$@"; }

# 200 probe files: 8 distinct small clips, each copied 25 times under its own name (ffprobe and the in-process probe
# read the same bytes, from the page cache in both cases).
if [ "$(find "$DIR/probe" -type f | wc -l)" -lt 200 ]; then
  echo "generating 200 probe files in $DIR/probe ..."
  tmp="$DIR/variants"; mkdir -p "$tmp"
  src=(-f lavfi -i testsrc2=size=640x360:rate=25 -t 3)
  aud=(-f lavfi -i sine=frequency=440:sample_rate=44100 -t 3)
  gen "${src[@]}" -c:v libx264 -pix_fmt yuv420p "$tmp/v0.mp4"
  gen "${src[@]}" "${aud[@]}" -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "$tmp/v1.mp4"
  gen "${src[@]}" -c:v libx264 -pix_fmt yuv420p "$tmp/v2.mkv"
  gen "${src[@]}" "${aud[@]}" -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "$tmp/v3.mkv"
  gen "${src[@]}" -c:v mpeg4 -q:v 3 "$tmp/v4.mp4"
  gen "${src[@]}" "${aud[@]}" -c:v mpeg4 -q:v 3 -c:a aac -shortest "$tmp/v5.mkv"
  gen "${src[@]}" -c:v mpeg4 -q:v 3 "$tmp/v6.avi"
  gen "${src[@]}" -c:v libx264 -pix_fmt yuv420p "$tmp/v7.mov"
  i=0
  for n in $(seq 1 25); do
    for v in "$tmp"/v*; do
      cp "$v" "$DIR/probe/$(printf 'clip-%03d' "$i").${v##*.}"
      i=$((i + 1))
    done
  done
fi

case "$ONLY" in
  all) TESTS=MediaBenchmarkTest ;;
  probe) TESTS=MediaBenchmarkTest#probeInProcessVersusFfprobe ;;
  streams) TESTS=MediaBenchmarkTest#probeTenStreamFileVersusFfprobe ;;
  screenshots) TESTS=MediaBenchmarkTest#sharpestFrameScreenshotsVersusFfmpegCli ;;
  *) echo "--only takes probe, streams or screenshots, not '$ONLY'" >&2; exit 2 ;;
esac

# The 10-stream file: a 20 s 1080p H.264 film with six audio languages (AAC, AC-3, Opus) and three SRT subtitles.
TEN="$DIR/ten-streams.mkv"
if [ ! -f "$TEN" ]; then
  echo "generating $TEN ..."
  printf '1\n00:00:01,000 --> 00:00:03,000\nHello\n\n2\n00:00:10,000 --> 00:00:12,000\nAgain\n\n' > "$DIR/sub.srt"
  args=(-f lavfi -i testsrc2=size=1920x1080:rate=25:duration=20
        -f lavfi -i sine=frequency=440:sample_rate=48000:duration=20 -i "$DIR/sub.srt" -map 0:v)
  langs=(eng fre ger spa ita jpn)
  codecs=(aac ac3 libopus aac ac3 aac)
  for i in 0 1 2 3 4 5; do
    args+=(-map 1:a "-c:a:$i" "${codecs[$i]}" "-metadata:s:a:$i" "language=${langs[$i]}"
           "-metadata:s:a:$i" "title=Audio ${langs[$i]}")
  done
  for i in 0 1 2; do
    args+=(-map 2:s "-metadata:s:s:$i" "language=${langs[$i]}")
  done
  gen "${args[@]}" -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:s srt -disposition:s:2 forced "$TEN.part.mkv"
  mv "$TEN.part.mkv" "$TEN"
fi

LONG="$DIR/long-1080p.mp4"
if [ "$ONLY" != all ] && [ "$ONLY" != screenshots ]; then
  :
elif [ ! -f "$LONG" ]; then
  echo "generating $LONG (10 minutes of 1080p25 H.264, keyframe every 10 s; a few minutes) ..."
  gen -f lavfi -i testsrc2=size=1920x1080:rate=25 -t 600 -c:v libx264 -preset veryfast -crf 28 -g 250 \
    -pix_fmt yuv420p "$LONG.part.mp4"
  mv "$LONG.part.mp4" "$LONG"
fi

# The in-process side: bench/'s MediaBenchmarkTest on peer-media-ffmpeg as this checkout builds it.
. "$ROOT/bench/bench-tests.sh"
bench_install
bench_tests -Dtest="$TESTS" -Dbenchmark=true -Dbench.media="$DIR" 2>&1 | grep -E '^\[media bench\]|ERROR|FAIL' || true
