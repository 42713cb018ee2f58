#!/usr/bin/env bash
# Benchmark: Git LFS and HTTP transfers of one large object against a plain `cp` of the same file on the same
# disk, on a hubguard whose JVM may use at most 256 MiB of heap; then ten concurrent 200 MB uploads, each
# checked afterwards. Prints throughputs, ratios and the heap's peak. Usage: bench/lfs-transfer.sh [SIZE_MB]
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
SIZE_MB="${1:-2048}"
mkdir -p "${BENCH_DIR:-$REPO/bench/target}"
WORK="$(mktemp -d "${BENCH_DIR:-$REPO/bench/target}/lfs.XXXXXX")"
. "$REPO/bench/lib/server.sh"
trap 'bench_server_stop "$WORK/home"; kill ${SAMPLER:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT

seconds() { date +%s.%N; }
rate() { awk -v mb="$1" -v s="$2" 'BEGIN { printf "%.0f MB/s", mb / s }'; }

echo "Making a $SIZE_MB MB file..."
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$WORK/model.bin"
OID=$(sha256sum "$WORK/model.bin" | cut -c1-64)
start=$(seconds); cp "$WORK/model.bin" "$WORK/copy.bin"; sync; cp_s=$(echo "$(seconds) - $start" | bc); rm "$WORK/copy.bin"

echo "Starting hubguard with -Xmx256m..."
bench_server_start "$WORK/home" "-Xms64m -Xmx256m -Djava.net.preferIPv4Stack=true"
JVM=$(bench_server_jvm "$WORK/home")
TOKEN=$(bench_token "$WORK/cookies")
[ -n "$TOKEN" ] || { echo "bench: could not make a token" >&2; exit 1; }
# Peak heap in use, sampled every 200 ms (jstat: survivor + eden + old, KiB).
(jstat -gc "$JVM" 200 | awk 'NR > 1 { used = $3 + $4 + $6 + $8; if (used > peak) { peak = used; print peak > "/dev/stderr" } }' 2> "$WORK/heap") &
SAMPLER=$!
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" "$@"; }
api -o /dev/null "$BENCH_URL/api/repos/create" -d '{"name":"bench-lfs"}'

echo "git lfs push..."
export HOME="$WORK" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
git config --global user.name Bench; git config --global user.email bench@example.test; git config --global lfs.locksverify true
git lfs install --skip-repo >/dev/null  # (locksverify set: git lfs would otherwise print the remote URL, token included)
REMOTE="http://bench:$TOKEN@127.0.0.1:$BENCH_PORT/admin/bench-lfs"
git clone -q "$REMOTE" "$WORK/work"; cd "$WORK/work"; git lfs install --local >/dev/null
mv "$WORK/model.bin" weights.bin; git add weights.bin; git commit -qm weights
start=$(seconds); git push -q origin main 2>/dev/null; push_s=$(echo "$(seconds) - $start" | bc)
echo "git lfs clone..."
start=$(seconds); git clone -q "$REMOTE" "$WORK/clone"; clone_s=$(echo "$(seconds) - $start" | bc)
cmp -s weights.bin "$WORK/clone/weights.bin" || { echo "bench: the clone differs" >&2; exit 1; }
rm -rf "$WORK/clone"

echo "HTTP upload (batch + PUT) and download (resolve)..."
api -o /dev/null "$BENCH_URL/api/repos/create" -d '{"name":"bench-http"}'
href=$(api "$BENCH_URL/admin/bench-http.git/info/lfs/objects/batch" \
  -d "{\"operation\":\"upload\",\"objects\":[{\"oid\":\"$OID\",\"size\":$((SIZE_MB * 1024 * 1024))}]}" | grep -o '"upload":{"href":"[^"]*"' | sed 's/.*"href":"//; s/"$//')
start=$(seconds); curl -fsS -o /dev/null -T weights.bin "$href"; up_s=$(echo "$(seconds) - $start" | bc)
start=$(seconds); curl -fsS -H "Authorization: Bearer $TOKEN" -o "$WORK/down.bin" "$BENCH_URL/admin/bench-lfs/resolve/main/weights.bin"; down_s=$(echo "$(seconds) - $start" | bc)
cmp -s weights.bin "$WORK/down.bin" || { echo "bench: the download differs" >&2; exit 1; }
rm -f "$WORK/down.bin"

echo "Ten concurrent 200 MB uploads..."
api -o /dev/null "$BENCH_URL/api/repos/create" -d '{"name":"bench-ten"}'
for i in $(seq 1 10); do head -c $((200 * 1024 * 1024)) /dev/urandom > "$WORK/part-$i.bin"; done
start=$(seconds)
uploads=()
for i in $(seq 1 10); do
  (oid=$(sha256sum "$WORK/part-$i.bin" | cut -c1-64)
   h=$(api "$BENCH_URL/admin/bench-ten.git/info/lfs/objects/batch" -d "{\"operation\":\"upload\",\"objects\":[{\"oid\":\"$oid\",\"size\":$((200 * 1024 * 1024))}]}" \
       | grep -o '"upload":{"href":"[^"]*"' | sed 's/.*"href":"//; s/"$//')
   curl -fsS -o /dev/null -T "$WORK/part-$i.bin" "$h") &
  uploads+=($!)
done
wait_ok=0; for job in "${uploads[@]}"; do wait "$job" || wait_ok=1; done  # not `jobs`: the server is a job too
ten_s=$(echo "$(seconds) - $start" | bc)
present=0
for i in $(seq 1 10); do
  oid=$(sha256sum "$WORK/part-$i.bin" | cut -c1-64)
  answer=$(api "$BENCH_URL/admin/bench-ten.git/info/lfs/objects/batch" -d "{\"operation\":\"download\",\"objects\":[{\"oid\":\"$oid\",\"size\":$((200 * 1024 * 1024))}]}")
  echo "$answer" | grep -q '"download"' && present=$((present + 1))
done
kill $SAMPLER 2>/dev/null || true
peak_kib=$(tail -n 1 "$WORK/heap" 2>/dev/null || echo 0)

echo
printf 'cp of the file:            %s\n' "$(rate "$SIZE_MB" "$cp_s")"
printf 'git lfs push:              %s  (%.2fx cp)\n' "$(rate "$SIZE_MB" "$push_s")" "$(echo "$cp_s / $push_s" | bc -l)"
printf 'git lfs clone:             %s  (%.2fx cp)\n' "$(rate "$SIZE_MB" "$clone_s")" "$(echo "$cp_s / $clone_s" | bc -l)"
printf 'HTTP upload (PUT):         %s  (%.2fx cp)\n' "$(rate "$SIZE_MB" "$up_s")" "$(echo "$cp_s / $up_s" | bc -l)"
printf 'HTTP download (resolve):   %s  (%.2fx cp)\n' "$(rate "$SIZE_MB" "$down_s")" "$(echo "$cp_s / $down_s" | bc -l)"
printf 'ten concurrent 200 MB:     %s in all, %d of 10 stored and served, clients %s\n' "$(rate 2000 "$ten_s")" "$present" "$([ $wait_ok = 0 ] && echo ok || echo FAILED)"
printf 'server heap: -Xmx256m, peak in use %.0f MiB\n' "$(echo "$peak_kib / 1024" | bc -l)"
