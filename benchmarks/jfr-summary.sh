#!/usr/bin/env bash
# Summarises a JFR recording's method samples: where the CPU went (jdk.ExecutionSample: top
# frames, packages by self and by inclusive samples) and where threads sat in native code
# (jdk.NativeMethodSample: socket reads, polls, native hashing). Usage:
#   benchmarks/jfr-summary.sh recording.jfr [top [from to]]
# from/to (HH:MM:SS in the recording's time zone) keep only the samples of that window.
set -euo pipefail
file="${1:?usage: jfr-summary.sh recording.jfr [top]}"
top="${2:-20}"
window=("${@:3:2}")
here="$(cd "$(dirname "$0")" && pwd)"
for event in jdk.ExecutionSample jdk.NativeMethodSample; do
    jfr print --stack-depth 64 --events "$event" "$file" | python3 "$here/jfr_summary.py" "$event" "$top" "${window[@]}"
done
