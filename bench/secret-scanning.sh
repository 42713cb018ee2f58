#!/usr/bin/env bash
# Benchmark: what push protection costs. Pushes a repository of text files (50 MB by default: source-like
# lines with near misses such as "hf_" and "AKIA" in them, but no secret) to a hubguard of the last build,
# ROUNDS times with secret scanning on (HUBGUARD_SECRET_SCANNING, here -Dhubguard.secret-scanning=true) and ROUNDS times with it off, each push
# into a new repository (waiting for the background malware scans between pushes), and prints the median push
# times and their ratio (goal: <= 1.20).
# Each series starts with one push that is not counted (the JIT warms up on it).
# Usage: bench/secret-scanning.sh [SIZE_MB] [ROUNDS (5)]. Needs a build (./hubguard run, or
# mvn -pl ear -am package -DskipTests), curl, git and python3.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
SIZE_MB="${1:-50}"
ROUNDS="${2:-5}"
BENCH_OFFSET="${BENCH_OFFSET:-600}"
. "$REPO/bench/lib/server.sh"
WORK="$(mktemp -d /tmp/hg-bench-secrets.XXXXXX)"
export HOME="$WORK" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0

# Stops the server this script started, by its process ids.
stop_server() {
  local home="$1" jvm
  jvm=$(pgrep -f "java .*-Djboss.server.base.dir=$home/server" | head -n 1 || true)
  [ -n "$jvm" ] && kill -TERM "$jvm" 2>/dev/null || true
  wait "${BENCH_SERVER_PID:-}" 2>/dev/null || true
  [ -f "$home/clamd/clamd.pid" ] && kill "$(cat "$home/clamd/clamd.pid")" 2>/dev/null || true
}
trap 'stop_server "$WORK/home" 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "Writing $SIZE_MB MB of text files..."
python3 - "$WORK/files" "$SIZE_MB" <<'PY'
import os, random, sys
out, size_mb = sys.argv[1], int(sys.argv[2])
random.seed(18)
words = ["def", "return", "self", "model", "token", "hf_hub_download", "AKIA", "config", "weights", "import",
         "torch", "layer", "sk_live", "xoxb", "ghp", "key", "BEGIN", "for", "in", "range", "if", "else", "None"]
target, written, n = size_mb * 1024 * 1024, 0, 0
while written < target:
    d = os.path.join(out, "src%02d" % (n % 50))
    os.makedirs(d, exist_ok=True)
    lines = []
    for _ in range(2000):
        lines.append("    " + " ".join(random.choice(words) + str(random.randint(0, 999)) for _ in range(8)))
    text = "\n".join(lines) + "\n"
    with open(os.path.join(d, "module%04d.py" % n), "w") as f:
        f.write(text)
    written += len(text)
    n += 1
print("%d files, %.1f MB" % (n, written / 1048576))
PY
git init -q -b main "$WORK/files"
git -C "$WORK/files" -c user.name=Bench -c user.email=bench@example.test add -A
git -C "$WORK/files" -c user.name=Bench -c user.email=bench@example.test commit -q -m "50 MB of text"

# run_pushes SCANNING: starts hubguard with secret scanning on or off, pushes ROUNDS times; prints the seconds.
run_pushes() {
  set -e
  local scanning="$1" token
  # bench_server_start clears HUBGUARD_* variables: the setting goes in as its system property
  bench_server_start "$WORK/home" "-Xms64m -Xmx1g -Djava.net.preferIPv4Stack=true -Dhubguard.secret-scanning=$scanning" >&2
  token=$(bench_token "$WORK/cookies")
  for round in $(seq 0 "$ROUNDS"); do
    local name="bench-$scanning-$round-$RANDOM"
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"name\":\"$name\"}" "$BENCH_URL/api/repos/create"
    local start end
    start=$(date +%s.%N)
    # a new branch: main is protected from the unrelated history, and every pushed object is new either way
    git -C "$WORK/files" push -q "http://bench:$token@127.0.0.1:$BENCH_PORT/admin/$name" main:refs/heads/bench >&2
    end=$(date +%s.%N)
    if [ "$round" = 0 ]; then
      echo "  warm-up push (not counted): $(echo "$end - $start" | bc) s" >&2
    else
      echo "  round $round: $(echo "$end - $start" | bc) s" >&2
      echo "$end - $start" | bc
    fi
    # The malware scans the push started run in the background: let them finish, so the next push is timed on a
    # quiet server in both series
    for _ in $(seq 1 600); do
      curl -fsS -H "Authorization: Bearer $token" "$BENCH_URL/api/models/admin/$name/revision/bench?securityStatus=true" \
        | grep -q '"scansDone":true' && break
      sleep 1
    done
  done
  stop_server "$WORK/home"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "Pushing with secret scanning off ($ROUNDS rounds)..."
off=$(run_pushes false | median)
echo "Pushing with secret scanning on ($ROUNDS rounds)..."
on=$(run_pushes true | median)

echo
awk -v on="$on" -v off="$off" -v mb="$SIZE_MB" 'BEGIN {
  printf "push of %d MB of text, scanning off: %6.2f s (median)\n", mb, off
  printf "push of %d MB of text, scanning on:  %6.2f s (median)\n", mb, on
  printf "ratio: %.2f (goal <= 1.20)\n", on / off
}'
