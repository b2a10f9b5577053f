#!/usr/bin/env bash
# Where the CPU time of a JFR recording goes (E2E_JFR=1 bash src/bench/e2e.sh records one per measured run).
# Usage: bash src/bench/e2e/jfr-top.sh target/e2e/results/repeated-tessera.jfr [rows]
# Prints the methods most often on top of the stack (self) and anywhere on it (total), in percent of the
# execution samples. Frames are methods without line numbers; a recursive method counts once per sample.
set -euo pipefail
file=$1 rows=${2:-25}
counts=$(jfr print --events jdk.ExecutionSample --stack-depth 200 "$file" | awk '
  /stackTrace = \[/ { inStack = 1; first = 1; delete seen; samples++; next }
  inStack && /^[[:space:]]*\]/ { inStack = 0; next }
  inStack {
    frame = $0; sub(/^[[:space:]]+/, "", frame); sub(/[[:space:]]+line:.*/, "", frame)
    if (frame == "...") next
    if (first) { self[frame]++; first = 0 }
    if (!(frame in seen)) { seen[frame] = 1; total[frame]++ }
  }
  END {
    for (f in self) printf "self %.1f %s\n", 100 * self[f] / samples, f
    for (f in total) printf "total %.1f %s\n", 100 * total[f] / samples, f
    printf "samples %d\n", samples
  }')
echo "$(grep '^samples ' <<<"$counts" | cut -d' ' -f2) execution samples in $file"
for kind in self total; do
  echo; echo "$kind %"
  grep "^$kind " <<<"$counts" | cut -d' ' -f2- | sort -rn | head -"$rows"
done
