#!/usr/bin/env bash
# Benchmark: the model scanner's own time (no clamd) on a real 1 GiB torch.save checkpoint, on 10,000 small files
# (the benign corpus, copied), and on torch zip checkpoints of 100 MB and 5 GB that differ only in the size of their
# tensors: a zip is judged from its central directory and pickle entries, so the two take the same time.
# Then the same 1 GiB checkpoint and 10,000 files through a real clamd (INSTREAM, as hubguard sends them, via
# clamdscan --stream) with the project's signatures: the model scanner must add at most 10% to clamd's time.
# Needs Debian's python3-torch and clamav-daemon/clamdscan. The 5 GB file is sparse (no disk used); everything is
# deleted at the end. BENCH_CLAMD_PORT (default 3810) is where the benchmark's own clamd listens.
# Usage: bench/scanner-throughput.sh [WORKDIR]   (default: a temporary directory under /work or /tmp)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BASE="${1:-$( [ -d /work ] && echo /work || echo "${TMPDIR:-/tmp}")}"
WORK="$(mktemp -d "$BASE/hg-scanner-bench.XXXXXX")"
CLAMD_PORT="${BENCH_CLAMD_PORT:-3810}"
trap '[ -f "$WORK/clamd/clamd.pid" ] && kill "$(cat "$WORK/clamd/clamd.pid")" 2>/dev/null; rm -rf "$WORK"' EXIT

echo "Writing the checkpoints and 10,000 small files to $WORK..."
/usr/bin/python3 "$REPO/bench/make_checkpoints.py" "$WORK"
for f in "$WORK"/*.pt; do printf '  %-14s %12d bytes, %9d KiB on disk\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(du -k "$f" | cut -f1)"; done

(cd "$REPO" && mvn -q -pl ejb -am test-compile -DskipTests && mvn -q -pl ejb dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt")
run() { java -Xmx1g -cp "$REPO/ejb/target/test-classes:$REPO/ejb/target/classes:$(cat "$WORK/cp.txt")" org.hubguard.scanning.engine.ScannerBenchmark "$@"; }

echo "Scanning..."
big=$(run file "$WORK/torch-1gib.pt" 20)
small=$(run dir "$WORK/small")
z100=$(run file "$WORK/zip-100mb.pt" 50)
z5g=$(run file "$WORK/zip-5gb.pt" 50)

echo "Starting clamd on 127.0.0.1:$CLAMD_PORT with the project's signatures..."
mkdir -p "$WORK/clamd/db" && cp "$REPO"/clamav/*.hdb "$REPO"/clamav/*.ndb "$WORK/clamd/db/"
cat > "$WORK/clamd/clamd.conf" <<CONF
TCPSocket $CLAMD_PORT
TCPAddr 127.0.0.1
DatabaseDirectory $WORK/clamd/db
PidFile $WORK/clamd/clamd.pid
LogFile $WORK/clamd/clamd.log
StreamMaxLength 2000M
MaxScanSize 2000M
MaxFileSize 2000M
CONF
clamd --config-file="$WORK/clamd/clamd.conf"
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$CLAMD_PORT") 2>/dev/null && break; sleep 1; done
clamd_seconds() {  # the best of three runs of clamdscan --stream (INSTREAM) over the given paths
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    clamdscan --config-file="$WORK/clamd/clamd.conf" --stream --no-summary --quiet "$@" || [ $? -eq 1 ]
    end=$(date +%s.%N)
    best=$(awk -v b="$best" -v t="$(echo "$end - $start" | bc)" 'BEGIN { print (b == "" || t < b) ? t : b }')
  done
  echo "$best"
}
clamd_big=$(clamd_seconds "$WORK/torch-1gib.pt")
clamd_small=$(clamd_seconds "$WORK/small")

echo
printf '%s\n%s\n%s\n%s\nclamd\t%s\t%s\n' "$big" "$small" "$z100" "$z5g" "$clamd_big" "$clamd_small" | awk -F'\t' '
  $1 == "file" { ms[$2] = $4; size[$2] = $3; verdict[$2] = $5 }
  $1 == "dir"  { n = $3; s = $4; v = $5 }
  $1 == "clamd" { cbig = $2; csmall = $3 }
  END {
    printf "1 GiB torch.save checkpoint:   %8.1f ms  (%s, %.0f GB/s of checkpoint)\n", ms["torch-1gib.pt"], verdict["torch-1gib.pt"], size["torch-1gib.pt"] / (ms["torch-1gib.pt"] / 1000) / 1e9
    printf "10,000 small files:            %8.2f s   (%.0f files/s; %s)\n", s, n / s, v
    printf "100 MB torch zip checkpoint:   %8.2f ms  (%s)\n", ms["zip-100mb.pt"], verdict["zip-100mb.pt"]
    printf "5 GB torch zip checkpoint:     %8.2f ms  (%s)\n", ms["zip-5gb.pt"], verdict["zip-5gb.pt"]
    printf "ratio 5 GB / 100 MB:           %8.2f     (file size ratio %.0f)\n", ms["zip-5gb.pt"] / ms["zip-100mb.pt"], size["zip-5gb.pt"] / size["zip-100mb.pt"]
    printf "clamd INSTREAM, 1 GiB:         %8.2f s\n", cbig
    printf "clamd INSTREAM, 10,000 files:  %8.2f s\n", csmall
    printf "model scanner / clamd, 1 GiB:  %8.3f     (goal <= 0.10)\n", ms["torch-1gib.pt"] / 1000 / cbig
    printf "model scanner / clamd, files:  %8.3f     (goal <= 0.10)\n", s / csmall
  }'
