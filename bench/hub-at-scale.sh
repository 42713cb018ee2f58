#!/usr/bin/env bash
# Benchmark (issue 16): hubguard at the size of a real hub, side by side with the standard tools serving the same
# data on the same machine, in one run; prints every figure, its anchor and the ratio with the goal.
#   - git clone / shallow clone / fetch of a repository with COMMITS commits and FILES files: hubguard vs
#     `git http-backend` behind Debian's nginx + fcgiwrap
#   - 1,000 small-file downloads (resolve), one and eight keep-alive clients, and one large LFS download: vs nginx
#     serving the same files from disk
#   - push of PUSH_FILES files -> every file's scan final (repo info ?securityStatus=true), vs raw clamd INSTREAM
#     (clamdscan --stream, 4 connections: hubguard's clamd has MaxThreads 4) over the same files
#   - repository page and tree API with 100 vs TREE_FILES files; pages/s under 4 connections
#   - /api/models?author= listing of REPOS repositories of an organization, token vs anonymous
#   - heap growth of one 9 MiB NDJSON commit (jstat/jcmd on the server JVM); ten concurrent ones on the 512 MiB heap
# Each figure is the best of RUNS interleaved hubguard/anchor runs (latencies: each run is the mean of 5 requests).
# The machine is shared: figures are ratios measured in one run, not absolute speeds.
# Usage: nice -n 5 bench/hub-at-scale.sh [--commits N] [--files N] [--repos N] [--tree-files N] [--push-files N]
#                                        [--big-mb N] [--runs N] [--keep] [--profile] [--only SECTIONS]
#   e.g. --commits 5000 for issue 16's clone. --profile records hubguard's runs with JFR (jcmd JFR.start
#   settings=profile; a diagnostic run, its figures are slightly slowed), keeps the recordings in
#   bench/target/profile-*/ and prints where the server's threads were (bench/lib/scale.py stacks).
#   --only git,downloads,scans,pages,listing,heap: only those sections (and the data they need), for working on one.
# Data: the history is built with git fast-import on top of hubguard's first commit and pushed to both servers; the
#   trees put their files under data/ (the top level is the same at 100 and 10,000 files: .gitattributes
#   and data/), so the page and the top of the tree show the same entries and should cost the same. The scans are
#   awaited as a client does: GET ?securityStatus=true every 0.5 s (those requests are part of the server's load).
# Needs a build (mvn -pl ear -am package -DskipTests), git, curl, python3,
#   nginx and fcgiwrap (apt-get install nginx fcgiwrap; run as our own processes, never the system service),
#   clamav-daemon (clamd, clamdscan), a JDK (jstat, jcmd). Ports: hubguard 8080+BENCH_OFFSET (default offset 900:
#   8980, its clamd 4210), nginx BENCH_NGINX_PORT (18900), the anchor clamd BENCH_CLAMD_PORT (3910).
set -Eeuo pipefail
trap '[ "$BASH_SUBSHELL" != 0 ] || echo "bench: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
REPO="$(cd "$(dirname "$0")/.." && pwd)"
create_repos_s=0
COMMITS=2000 FILES=2000 REPOS=1000 TREE_FILES=10000 PUSH_FILES=2000 BIG_MB=1024 RUNS=3 KEEP=0 PROFILE=0 ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --commits) COMMITS="$2"; shift 2 ;;
    --files) FILES="$2"; shift 2 ;;
    --repos) REPOS="$2"; shift 2 ;;
    --tree-files) TREE_FILES="$2"; shift 2 ;;
    --push-files) PUSH_FILES="$2"; shift 2 ;;
    --big-mb) BIG_MB="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --profile) PROFILE=1; shift ;;
    --only) ONLY="$2"; shift 2 ;;
    *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
want() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }   # want SECTION: whether this run measures it
DOWNLOADS=1000
[ "$FILES" -ge "$DOWNLOADS" ] || DOWNLOADS="$FILES"
HEAP_FILE_BYTES=$((9 * 1024 * 1024))

export BENCH_OFFSET="${BENCH_OFFSET:-900}"
. "$REPO/bench/lib/server.sh"
NGINX_PORT="${BENCH_NGINX_PORT:-18900}"
CLAMD_PORT="${BENCH_CLAMD_PORT:-3910}"
ANCHOR="http://127.0.0.1:$NGINX_PORT"
PY=/usr/bin/python3
helper() { "$PY" "$REPO/bench/lib/scale.py" "$@"; }
for tool in git curl nginx fcgiwrap clamd clamdscan jstat jcmd "$PY"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed (see the header of $0)" >&2; exit 1; }
done
mkdir -p "$REPO/bench/target"
WORK="$(mktemp -d "$REPO/bench/target/scale.XXXXXX")"
HOME_DIR="$WORK/home"
SAMPLER="" PROF_NAME="" PROF_N=0
T0=$(date +%s)
if [ "$PROFILE" = 1 ]; then PROF="$REPO/bench/target/profile-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$PROF"; fi

stop_all() {
  set +e
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
  local jvm
  jvm=$(bench_server_jvm "$HOME_DIR")
  if [ -n "$jvm" ]; then kill -TERM "$jvm" 2>/dev/null; for _ in $(seq 1 60); do kill -0 "$jvm" 2>/dev/null || break; sleep 1; done; fi
  [ -n "${BENCH_SERVER_PID:-}" ] && wait "$BENCH_SERVER_PID" 2>/dev/null
  [ -f "$HOME_DIR/clamd/clamd.pid" ] && kill "$(cat "$HOME_DIR/clamd/clamd.pid")" 2>/dev/null
  [ -f "$WORK/clamd/clamd.pid" ] && kill "$(cat "$WORK/clamd/clamd.pid")" 2>/dev/null
  [ -f "$WORK/nginx/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null
  # fcgiwrap was started in a session of its own: its process group holds it and its preforked children
  [ -n "${FCGI_PID:-}" ] && kill -TERM -- "-$FCGI_PID" 2>/dev/null
  sleep 1
  if [ "$KEEP" = 1 ]; then echo "bench: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap stop_all EXIT

log() { printf '[%4ds] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
min() { printf '%s\n' "$@" | awk 'NR == 1 || $1 < m { m = $1 } END { print m }'; }
max() { printf '%s\n' "$@" | awk 'NR == 1 || $1 > m { m = $1 } END { print m }'; }
# prof NAME / unprof: with --profile, a JFR recording (settings=profile) of the server in between, $PROF/NAME-N.jfr
prof() {
  [ "$PROFILE" = 1 ] || return 0
  PROF_N=$((PROF_N + 1)); PROF_NAME="$1-$PROF_N"
  jcmd "$JVM" JFR.start name="$PROF_NAME" settings=profile filename="$PROF/$PROF_NAME.jfr" >/dev/null
}
unprof() { [ -z "$PROF_NAME" ] || { jcmd "$JVM" JFR.stop name="$PROF_NAME" >/dev/null; PROF_NAME=""; }; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", (b == 0 ? 0 : a / b) }'; }   # the verdicts use all 4 places

# ---------------------------------------------------------------------------------------------- the anchors
log "Starting the anchors: clamd on 127.0.0.1:$CLAMD_PORT, nginx (static files, git http-backend via fcgiwrap) on $ANCHOR..."
mkdir -p "$WORK/clamd/db" "$WORK/nginx/tmp" "$WORK/www/files" "$WORK/git"
cp "$REPO"/clamav/*.hdb "$REPO"/clamav/*.ndb "$WORK/clamd/db/"
# the same settings as hubguard's own clamd (./hubguard clamd_start): 4 threads, 100 MiB stream limit
cat > "$WORK/clamd/clamd.conf" <<CONF
TCPSocket $CLAMD_PORT
TCPAddr 127.0.0.1
DatabaseDirectory $WORK/clamd/db
PidFile $WORK/clamd/clamd.pid
LogFile $WORK/clamd/clamd.log
Foreground no
MaxThreads 4
StreamMaxLength 104857600
CONF
clamd --config-file="$WORK/clamd/clamd.conf" >/dev/null

setsid fcgiwrap -c 4 -s "unix:$WORK/nginx/fcgiwrap.sock" > "$WORK/nginx/fcgiwrap.log" 2>&1 &
FCGI_PID=$!
cat > "$WORK/nginx/nginx.conf" <<CONF
user root;
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  default_type application/octet-stream;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /files/ { root $WORK/www; }
    location ~ ^/git(/.*)\$ {
      client_max_body_size 0;
      fastcgi_buffering off;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
      fastcgi_param GIT_PROJECT_ROOT $WORK/git;
      fastcgi_param GIT_HTTP_EXPORT_ALL "";
      fastcgi_param GIT_PROTOCOL \$http_git_protocol;
      fastcgi_param PATH_INFO \$1;
      fastcgi_pass unix:$WORK/nginx/fcgiwrap.sock;
    }
  }
}
CONF
nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf"

# ---------------------------------------------------------------------------------------------- hubguard
log "Starting hubguard at $BENCH_URL (default heap: -Xmx512m)..."
bench_server_start "$HOME_DIR"
JVM=$(bench_server_jvm "$HOME_DIR")
XMX=$(tr '\0' '\n' < "/proc/$JVM/cmdline" | grep '^-Xmx' | tail -n 1 || true)
TOKEN=$(bench_token "$WORK/cookies")
[ -n "$TOKEN" ] || { echo "bench: could not make a token" >&2; exit 1; }
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$CLAMD_PORT") 2>/dev/null && break; sleep 1; done
curl -fsS -o /dev/null "$ANCHOR/files/" -w '' 2>/dev/null || true

api() { curl -fsS -H "Authorization: Bearer $TOKEN" "$@"; }
create_repo() { api -H "Content-Type: application/json" -o /dev/null "$BENCH_URL/api/repos/create" -d "{\"name\":\"$1\"}"; }
export HOME="$WORK" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
git config --global user.name Bench; git config --global user.email bench@example.test
git config --global init.defaultBranch main
PUSH_REMOTE="http://bench:$TOKEN@127.0.0.1:$BENCH_PORT"
# new_hub_repo NAME DIR: creates the repository through the API and clones it (hubguard's signed first commit)
new_hub_repo() { create_repo "$1"; git clone -q "$PUSH_REMOTE/admin/$1" "$2"; }
security() { curl -fsS "$BENCH_URL/api/models/admin/$1?securityStatus=true"; }
scans_done() { security "$1" | grep -q '"scansDone":true'; }
pending() { curl -fsS -b "$WORK/cookies" "$BENCH_URL/api/health" | grep -o '"[0-9]* scans pending' | tr -dc 0-9; }

# ---------------------------------------------------------------------------------------------- the data
log "Building a history of $COMMITS commits over $FILES files (git fast-import) and pushing it to both..."
new_hub_repo scale-history "$WORK/history"
(cd "$WORK/history" && helper history "$COMMITS" "$FILES" 1 | git fast-import --quiet && git reset -q --hard main)
start=$(now); git -C "$WORK/history" push -q origin main 2>/dev/null; push_history_s=$(since "$start")
git init -q --bare "$WORK/git/scale-history.git"
git -C "$WORK/history" push -q "$WORK/git/scale-history.git" main
git -C "$WORK/git/scale-history.git" config http.receivepack false
git -C "$WORK/history" archive --format=tar main | tar -x -C "$WORK/www/files"
HISTORY_HEAD=$(git -C "$WORK/history" rev-parse main)

if want pages; then
log "Repositories of 100 and $TREE_FILES files (data/, one commit each)..."
for n in 100 "$TREE_FILES"; do
  new_hub_repo "scale-tree-$n" "$WORK/tree-$n"
  (cd "$WORK/tree-$n" && helper tree "$n" "$n" data | git fast-import --quiet && git reset -q --hard main)
  git -C "$WORK/tree-$n" push -q origin main 2>/dev/null
  rm -rf "$WORK/tree-$n"
done

fi
if want listing; then
log "An organization with $REPOS repositories (POST /api/repos/create, 4 clients)..."
curl -fsS -o /dev/null -b "$WORK/cookies" -H "Origin: $BENCH_URL" -H "Sec-Fetch-Site: same-origin" \
  -H "Content-Type: application/json" "$BENCH_URL/api/organizations/new" -d '{"name":"scaleorg"}'
create_repos_s=$(helper create-repos "$BENCH_URL" "$TOKEN" scaleorg "$REPOS" 4)

fi
if want downloads; then
log "A $BIG_MB MB file in Git LFS (batch API + PUT, then an lfsFile commit)..."
head -c "$((BIG_MB * 1024 * 1024))" /dev/urandom > "$WORK/www/files/big.dat"
BIG_OID=$(sha256sum "$WORK/www/files/big.dat" | cut -c1-64)
BIG_SIZE=$((BIG_MB * 1024 * 1024))
create_repo scale-big
href=$(api -H "Content-Type: application/json" "$BENCH_URL/admin/scale-big.git/info/lfs/objects/batch" \
  -d "{\"operation\":\"upload\",\"objects\":[{\"oid\":\"$BIG_OID\",\"size\":$BIG_SIZE}]}" | grep -o '"upload":{"href":"[^"]*"' | sed 's/.*"href":"//; s/"$//')
curl -fsS -o /dev/null -T "$WORK/www/files/big.dat" "$href"
printf '%s\n%s\n' '{"key":"header","value":{"summary":"big file"}}' \
  "{\"key\":\"lfsFile\",\"value\":{\"path\":\"big.dat\",\"algo\":\"sha256\",\"oid\":\"$BIG_OID\",\"size\":$BIG_SIZE}}" |
  api -o /dev/null -H "Content-Type: application/x-ndjson" --data-binary @- "$BENCH_URL/api/models/admin/scale-big/commit/main"

fi
log "Waiting until every file's scan is final..."
start=$(now)
for _ in $(seq 1 900); do
  if [ "$(pending)" = 0 ] && scans_done scale-history && { ! want pages || scans_done "scale-tree-$TREE_FILES"; }; then break; fi
  sleep 2
done
backlog_s=$(since "$start")
! want pages || scans_done "scale-tree-$TREE_FILES" || log "bench: the scans of scale-tree-$TREE_FILES did not finish; measuring anyway"
log "data ready: history pushed in ${push_history_s}s, $REPOS repositories created in ${create_repos_s}s, backlog drained ${backlog_s}s after"

# ---------------------------------------------------------------------------------------------- git
if want git; then
HUB_GIT="$BENCH_URL/admin/scale-history"
ANCHOR_GIT="$ANCHOR/git/scale-history.git"
clone_s() {  # clone_s URL DIR [git clone options]: seconds
  local url="$1" dir="$2" start; shift 2
  rm -rf "$dir"; start=$(now)
  git clone -q --no-checkout "$@" "$url" "$dir"
  since "$start"
}
log "git clone, $RUNS runs each (interleaved, after one of each to warm up)..."
clone_s "$HUB_GIT" "$WORK/clone-hub" >/dev/null; clone_s "$ANCHOR_GIT" "$WORK/clone-anchor" >/dev/null
hub_clone=() anchor_clone=()
for _ in $(seq 1 "$RUNS"); do
  prof clone; hub_clone+=("$(clone_s "$HUB_GIT" "$WORK/clone-hub")"); unprof
  anchor_clone+=("$(clone_s "$ANCHOR_GIT" "$WORK/clone-anchor")")
done
for d in clone-hub clone-anchor; do
  [ "$(git -C "$WORK/$d" rev-parse main)" = "$HISTORY_HEAD" ] || { echo "bench: $d is not at $HISTORY_HEAD" >&2; exit 1; }
  [ "$(git -C "$WORK/$d" rev-list --count main)" = "$((COMMITS + 1))" ] || { echo "bench: $d lacks commits" >&2; exit 1; }
done
log "shallow clone (--depth 1)..."
hub_shallow=() anchor_shallow=()
for _ in $(seq 1 "$RUNS"); do
  hub_shallow+=("$(clone_s "$HUB_GIT" "$WORK/shallow-hub" --depth 1)")
  anchor_shallow+=("$(clone_s "$ANCHOR_GIT" "$WORK/shallow-anchor" --depth 1)")
done
rm -rf "$WORK/shallow-hub" "$WORK/shallow-anchor"
fi
# ---------------------------------------------------------------------------------------------- downloads
if want downloads; then
log "$DOWNLOADS small-file downloads, one and eight clients (curl, keep-alive)..."
# The first DOWNLOADS files of the history's tip (what nginx serves)
(cd "$WORK/www/files" && find src -type f | sort | awk -v n="$DOWNLOADS" 'NR <= n') > "$WORK/paths"
mkdir -p "$WORK/lists"
make_lists() {  # make_lists NAME URL-PREFIX: one curl config of every URL, and eight of an eighth each
  local name="$1" prefix="$2"
  sed "s|.*|url = \"$prefix&\"\noutput = \"/dev/null\"|" "$WORK/paths" > "$WORK/lists/$name.all"
  rm -f "$WORK/lists/$name".part*
  for k in 0 1 2 3 4 5 6 7; do
    awk -v k=$k 'NR % 8 == k' "$WORK/paths" | sed "s|.*|url = \"$prefix&\"\noutput = \"/dev/null\"|" > "$WORK/lists/$name.part$k"
  done
}
make_lists hub "$BENCH_URL/admin/scale-history/resolve/main/"
make_lists anchor "$ANCHOR/files/"
fetch_all() {  # fetch_all NAME CLIENTS: seconds for every URL; fails unless every answer is 200
  local name="$1" clients="$2" start codes="$WORK/lists/codes"
  rm -f "$codes".*
  start=$(now)
  if [ "$clients" = 1 ]; then
    curl -s -K "$WORK/lists/$name.all" -w '%{http_code}\n' > "$codes.all"
  else
    local pids=()
    for k in 0 1 2 3 4 5 6 7; do curl -s -K "$WORK/lists/$name.part$k" -w '%{http_code}\n' > "$codes.$k" & pids+=($!); done
    wait "${pids[@]}"
  fi
  since "$start"
  local ok; ok=$(cat "$codes".* | grep -c '^200$' || true)
  [ "$ok" = "$DOWNLOADS" ] || { echo "bench: $name: only $ok of $DOWNLOADS downloads answered 200" >&2; exit 1; }
}
hub_dl1=() anchor_dl1=() hub_dl8=() anchor_dl8=()
fetch_all hub 1 >/dev/null; fetch_all anchor 1 >/dev/null   # warm up
for _ in $(seq 1 "$RUNS"); do
  prof downloads-1; hub_dl1+=("$(fetch_all hub 1)"); unprof; anchor_dl1+=("$(fetch_all anchor 1)")
  prof downloads-8; hub_dl8+=("$(fetch_all hub 8)"); unprof; anchor_dl8+=("$(fetch_all anchor 8)")
done
log "$BIG_MB MB download..."
big_rate() {  # bytes/s
  local out; out=$(curl -fsS -o /dev/null -w '%{size_download} %{speed_download}' "$1")
  [ "${out%% *}" = "$BIG_SIZE" ] || { echo "bench: $1 sent ${out%% *} bytes" >&2; exit 1; }
  echo "${out#* }"
}
hub_big=() anchor_big=()
for _ in $(seq 1 "$RUNS"); do
  prof big; hub_big+=("$(big_rate "$BENCH_URL/admin/scale-big/resolve/main/big.dat")"); unprof
  anchor_big+=("$(big_rate "$ANCHOR/files/big.dat")")
done
rm -f "$WORK/www/files/big.dat"

fi
if want git; then
log "fetch of 100 new commits..."
(cd "$WORK/history" && helper history 100 "$FILES" 2 "$COMMITS" | git fast-import --quiet)
git -C "$WORK/history" push -q origin main 2>/dev/null
git -C "$WORK/history" push -q "$WORK/git/scale-history.git" main
hub_fetch=() anchor_fetch=()
fetch_s() {
  local base="$1" start
  rm -rf "$WORK/fetch"; cp -a "$base" "$WORK/fetch"; start=$(now)
  git -C "$WORK/fetch" fetch -q origin
  since "$start"
  [ "$(git -C "$WORK/fetch" rev-parse origin/main)" = "$(git -C "$WORK/history" rev-parse main)" ] || { echo "bench: the fetch missed commits" >&2; exit 1; }
}
for _ in $(seq 1 "$RUNS"); do
  prof fetch; hub_fetch+=("$(fetch_s "$WORK/clone-hub")"); unprof
  anchor_fetch+=("$(fetch_s "$WORK/clone-anchor")")
done
rm -rf "$WORK/fetch" "$WORK/clone-hub" "$WORK/clone-anchor"

fi
# ---------------------------------------------------------------------------------------------- push -> scans
if want scans; then
log "push of $PUSH_FILES files -> every scan final, vs clamd INSTREAM with 4 connections ($RUNS runs, new files each)..."
hub_scan=() clamd_scan=()
for r in $(seq 1 "$RUNS"); do
  new_hub_repo "scale-scan-$r" "$WORK/scan-$r"
  (cd "$WORK/scan-$r" && helper tree "$PUSH_FILES" "$((1000 + r))" data | git fast-import --quiet && git reset -q --hard main)
  # the anchor: the same files, fresh to its clamd too, 4 clamdscan --stream processes over a quarter each
  (cd "$WORK/scan-$r" && git ls-files -z data | xargs -0 realpath) > "$WORK/scan-$r.list"
  split -n r/4 "$WORK/scan-$r.list" "$WORK/scan-$r.part"
  start=$(now)
  pids=()
  for part in "$WORK/scan-$r".part*; do
    clamdscan --config-file="$WORK/clamd/clamd.conf" --stream --no-summary --quiet --file-list="$part" & pids+=($!)
  done
  status=0; for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
  clamd_scan+=("$(since "$start")")
  [ "$status" = 0 ] || { echo "bench: clamdscan exited with $status" >&2; exit 1; }
  prof scans; start=$(now)
  git -C "$WORK/scan-$r" push -q origin main 2>/dev/null
  for _ in $(seq 1 3600); do scans_done "scale-scan-$r" && break; sleep 0.5; done
  hub_scan+=("$(since "$start")"); unprof
  security "scale-scan-$r" | grep -q '"scansDone":true,"filesWithIssues":\[\]' || { echo "bench: scale-scan-$r: $(security "scale-scan-$r" | grep -o '"securityRepoStatus".*' | cut -c1-300)" >&2; exit 1; }
  rm -rf "$WORK/scan-$r" "$WORK/scan-$r".*
done

fi
# ---------------------------------------------------------------------------------------------- pages
if want pages; then
log "repository page and tree API at 100 vs $TREE_FILES files..."
latency() {  # latency URL [curl options]: mean seconds of 5 requests over one connection (after one more to warm up)
  local url="$1"; shift
  local each=(-o /dev/null "$url")
  curl -s "$@" -w '%{http_code} %{time_total}\n' "${each[@]}" "${each[@]}" "${each[@]}" "${each[@]}" "${each[@]}" "${each[@]}" |
    awk 'NR > 1 { if ($1 != 200) bad = $1; sum += $2; n++ } END { if (bad) { print "status " bad > "/dev/stderr"; exit 1 } printf "%.4f\n", sum / n }'
}
page_url() { echo "$BENCH_URL/admin/scale-tree-$1"; }
tree_url() { echo "$BENCH_URL/api/models/admin/scale-tree-$1/tree/main"; }
rtree_url() { echo "$BENCH_URL/api/models/admin/scale-tree-$1/tree/main?recursive=true&limit=100"; }
dir_url() { echo "$BENCH_URL/admin/scale-tree-$1/tree/main/data"; }
declare -A lat
for r in $(seq 1 "$RUNS"); do
  for n in 100 "$TREE_FILES"; do
    lat[page-$n]+="$(latency "$(page_url "$n")") "
    lat[tree-$n]+="$(latency "$(tree_url "$n")") "
    lat[rtree-$n]+="$(latency "$(rtree_url "$n")") "
    lat[info-$n]+="$(latency "$BENCH_URL/api/models/admin/scale-tree-$n") "
  done
done
best_lat() { min ${lat[$1]}; }
if [ "$PROFILE" = 1 ]; then
  prof info; latency "$BENCH_URL/api/models/admin/scale-tree-$TREE_FILES" >/dev/null; unprof
  prof tree-top; latency "$(tree_url "$TREE_FILES")" >/dev/null; unprof
fi
log "pages/s under 4 connections at $TREE_FILES files (8 s each)..."
page_rate=() tree_rate=()
for _ in $(seq 1 "$RUNS"); do
  prof page-rate; page_rate+=("$(helper rate "$(page_url "$TREE_FILES")" 4 8)"); unprof
  prof tree-rate; tree_rate+=("$(helper rate "$(tree_url "$TREE_FILES")" 4 8)"); unprof
done

fi
# ---------------------------------------------------------------------------------------------- listing
if want listing; then
log "/api/models?author=scaleorg ($REPOS repositories), token vs anonymous..."
LIST_URL="$BENCH_URL/api/models?author=scaleorg&limit=$(( REPOS < 1000 ? REPOS : 1000 ))"
count_anon=$(curl -fsS "$LIST_URL" | grep -o '"modelId"' | wc -l)
count_token=$(api "$LIST_URL" | grep -o '"modelId"' | wc -l)
[ "$count_anon" = "$count_token" ] && [ "$count_anon" -ge "$(( REPOS < 1000 ? REPOS : 1000 ))" ] ||
  { echo "bench: the listing has $count_anon (anonymous) / $count_token (token) repositories" >&2; exit 1; }
list_anon=() list_token=()
for _ in $(seq 1 "$RUNS"); do
  list_anon+=("$(latency "$LIST_URL")")
  prof listing-token; list_token+=("$(latency "$LIST_URL" -H "Authorization: Bearer $TOKEN")"); unprof
done

fi
# ---------------------------------------------------------------------------------------------- heap
if want heap; then
log "heap growth of one 9 MiB NDJSON commit; ten concurrent ones..."
helper ndjson "$HEAP_FILE_BYTES" weights.dat 7 > "$WORK/commit.ndjson"
heap_used() { jstat -gc "$JVM" | awk 'NR == 2 { printf "%d\n", $3 + $4 + $6 + $8 }'; }   # KiB
full_gc() { jcmd "$JVM" GC.run >/dev/null; }
live_of() { jcmd "$JVM" GC.class_histogram > "$1"; awk '$1 == "Total" { printf "%d\n", $3 / 1024 }' "$1"; }   # KiB live, after a full GC
settled_heap() { local a b c; full_gc; a=$(heap_used); full_gc; b=$(heap_used); full_gc; c=$(heap_used); min "$a" "$b" "$c"; }  # KiB
peak_of() { awk '$1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > peak) peak = used } END { printf "%d\n", peak }' "$1"; }  # KiB
commit_to() {  # commit_to REPO [curl options]: POSTs the 9 MiB commit; fails unless 200 with a commitOid
  local repo="$1"; shift
  api "$@" -H "Content-Type: application/x-ndjson" --data-binary "@$WORK/commit.ndjson" \
    "$BENCH_URL/api/models/admin/$repo/commit/main" | grep -q '"commitOid"'
}
heap_peak=() heap_live=() heap_samples=() heap_grew=()
for r in $(seq 1 "$RUNS"); do
  create_repo "scale-heap-$r"; create_repo "scale-heap-live-$r"
  # (1) peak heap in use during the commit (jstat every 50 ms) minus the heap in use just before, after a full GC
  base=$(settled_heap)
  jstat -gc "$JVM" 50 > "$WORK/heap-peak" & SAMPLER=$!
  sleep 0.3
  commit_to "scale-heap-$r"
  sleep 0.3; kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
  heap_peak+=("$(( $(peak_of "$WORK/heap-peak") - base ))")
  # (2) live heap during the commit: class histograms (each after a full GC) one after the other while it runs (its
  #     upload slowed to ~4 MB/s); the largest against the one before, and which classes grew
  full_gc; live_of "$WORK/histo-base-$r" >/dev/null; base=$(live_of "$WORK/histo-base-$r")
  commit_to "scale-heap-live-$r" --limit-rate 4M & cpid=$!
  live=0 samples=0
  while kill -0 "$cpid" 2>/dev/null; do
    u=$(live_of "$WORK/histo-now"); samples=$((samples + 1))
    [ "$u" -gt "$live" ] && { live=$u; cp "$WORK/histo-now" "$WORK/histo-max-$r"; }
  done
  wait "$cpid"
  heap_live+=("$(( live - base ))"); heap_samples+=("$samples")
  [ -f "$WORK/histo-max-$r" ] && heap_grew+=("run $r: $(helper histodiff "$WORK/histo-base-$r" "$WORK/histo-max-$r" 3);")
done
log "ten concurrent 9 MiB commits..."
for k in $(seq 1 10); do create_repo "scale-ten-$k"; done
base=$(settled_heap)
jstat -gc "$JVM" 100 > "$WORK/heap-ten" & SAMPLER=$!
start=$(now)
pids=()
for k in $(seq 1 10); do (commit_to "scale-ten-$k" && echo ok > "$WORK/ten-$k") & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid" || true; done
ten_s=$(since "$start")
kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
ten_ok=0
for k in $(seq 1 10); do
  [ -f "$WORK/ten-$k" ] && api "$BENCH_URL/api/models/admin/scale-ten-$k/tree/main" | grep -q "\"size\":$HEAP_FILE_BYTES" && ten_ok=$((ten_ok + 1))
done
ten_peak=$(peak_of "$WORK/heap-ten")
oom=$(grep -c 'OutOfMemoryError' "$HOME_DIR/server/log/server.log" || true)

fi
# ---------------------------------------------------------------------------------------------- report
verdict() { awk -v v="$1" -v goal="$2" -v op="$3" 'BEGIN { ok = (op == "<=") ? (v <= goal) : (v >= goal); print ok ? "met" : "NOT MET" }'; }
row() {  # row MEASURE HUBGUARD ANCHOR RATIO OP GOAL
  printf '%-50s %-22s %-28s %7.3fx  %s %-5s %s\n' "$1" "$2" "$3" "$4" "$5" "${6}x" "$(verdict "$4" "$6" "$5")"
}
ms() { awk -v s="$1" 'BEGIN { printf "%.0f ms", s * 1000 }'; }
sec() { awk -v s="$1" 'BEGIN { printf "%.2f s", s }'; }
rps() { awk -v s="$1" -v n="$DOWNLOADS" 'BEGIN { printf "%.0f req/s", n / s }'; }
mbs() { awk -v b="$1" 'BEGIN { printf "%.0f MB/s", b / 1e6 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%+.1f MiB", k / 1024 }'; }

file_kib=$((HEAP_FILE_BYTES / 1024))

echo
echo "hubguard at scale (issue 16) -- $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Figures are ratios measured in one run on a shared machine: best of $RUNS interleaved hubguard/anchor runs"
echo "(latencies: mean of 5 requests per run). Data: a history of $COMMITS commits / $FILES files; trees of 100 and"
echo "$TREE_FILES files under data/; $REPOS repositories in one organization; server heap ${XMX:-default}."
[ -z "$ONLY" ] || echo "Only: $ONLY."
echo
printf '%-50s %-22s %-28s %8s  %s\n' "measure" "hubguard" "anchor" "ratio" "goal"
if want git; then
  c_h=$(min "${hub_clone[@]}") c_a=$(min "${anchor_clone[@]}")
  s_h=$(min "${hub_shallow[@]}") s_a=$(min "${anchor_shallow[@]}")
  f_h=$(min "${hub_fetch[@]}") f_a=$(min "${anchor_fetch[@]}")
  row "git clone ($COMMITS commits, $FILES files)" "$(sec "$c_h")" "http-backend $(sec "$c_a")" "$(div "$c_h" "$c_a")" "<=" 1.0
  row "git clone --depth 1" "$(sec "$s_h")" "http-backend $(sec "$s_a")" "$(div "$s_h" "$s_a")" "<=" 1.0
  row "git fetch of 100 new commits" "$(sec "$f_h")" "http-backend $(sec "$f_a")" "$(div "$f_h" "$f_a")" "<=" 1.0
fi
if want downloads; then
  d1_h=$(min "${hub_dl1[@]}") d1_a=$(min "${anchor_dl1[@]}")
  d8_h=$(min "${hub_dl8[@]}") d8_a=$(min "${anchor_dl8[@]}")
  b_h=$(max "${hub_big[@]}") b_a=$(max "${anchor_big[@]}")
  row "$DOWNLOADS small-file downloads, 1 client (time)" "$(sec "$d1_h") $(rps "$d1_h")" "nginx $(sec "$d1_a") $(rps "$d1_a")" "$(div "$d1_h" "$d1_a")" "<=" 4
  row "$DOWNLOADS small-file downloads, 8 clients (time)" "$(sec "$d8_h") $(rps "$d8_h")" "nginx $(sec "$d8_a") $(rps "$d8_a")" "$(div "$d8_h" "$d8_a")" "<=" 4
  row "$BIG_MB MB LFS download (throughput)" "$(mbs "$b_h")" "nginx $(mbs "$b_a")" "$(div "$b_h" "$b_a")" ">=" 0.8
fi
if want scans; then
  sc_h=$(min "${hub_scan[@]}") sc_a=$(min "${clamd_scan[@]}")
  row "push $PUSH_FILES files -> every scan final" "$(sec "$sc_h")" "clamd INSTREAM x4 $(sec "$sc_a")" "$(div "$sc_h" "$sc_a")" "<=" 1.3
fi
if want pages; then
  p_r=$(max "${page_rate[@]}") t_r=$(max "${tree_rate[@]}")
  row "repository page, $TREE_FILES vs 100 files" "$(ms "$(best_lat "page-$TREE_FILES")")" "at 100: $(ms "$(best_lat page-100)")" "$(div "$(best_lat "page-$TREE_FILES")" "$(best_lat page-100)")" "<=" 1.5
  row "tree API (top), $TREE_FILES vs 100 files" "$(ms "$(best_lat "tree-$TREE_FILES")")" "at 100: $(ms "$(best_lat tree-100)")" "$(div "$(best_lat "tree-$TREE_FILES")" "$(best_lat tree-100)")" "<=" 1.5
  row "tree API recursive, 1st page of 100, $TREE_FILES vs 100" "$(ms "$(best_lat "rtree-$TREE_FILES")")" "at 100: $(ms "$(best_lat rtree-100)")" "$(div "$(best_lat "rtree-$TREE_FILES")" "$(best_lat rtree-100)")" "<=" 1.5
  printf '%-50s %-22s %-28s %8s  %s\n' "repository page, 4 connections, $TREE_FILES files" "$(printf '%.1f pages/s' "$p_r")" "-" "-" ">= 50 pages/s $(verdict "$p_r" 50 '>=')"
  printf '%-50s %-22s %-28s %8s  %s\n' "tree API, 4 connections, $TREE_FILES files" "$(printf '%.1f pages/s' "$t_r")" "-" "-" "(>= 50 pages/s) $(verdict "$t_r" 50 '>=')"
fi
if want listing; then
  l_t=$(min "${list_token[@]}") l_a=$(min "${list_anon[@]}")
  row "?author= listing of $REPOS repos, token vs anon" "$(ms "$l_t")" "anonymous $(ms "$l_a")" "$(div "$l_t" "$l_a")" "<=" 1.2
fi
if want heap; then
  hp=$(printf '%s\n' "${heap_peak[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }') hl=$(max "${heap_live[@]}")
  row "9 MiB NDJSON commit: heap held (live) / file" "$(mib "$hl")" "file $(mib "$file_kib")" "$(div "$hl" "$file_kib")" "<=" 2
  printf '%-50s %-22s %-28s %7.3fx  %s\n' "  (peak heap in use, garbage included)" "$(mib "$hp")" "file $(mib "$file_kib")" "$(div "$hp" "$file_kib")" "(median of $RUNS; not the goal's measure)"
  printf '%-50s %-22s %-28s %8s  %s\n' "ten concurrent 9 MiB commits" "$ten_ok of 10 ok, $(sec "$ten_s")" "peak heap $(mib "$ten_peak")" "-" "all ok, no OutOfMemoryError ($oom): $([ "$ten_ok" = 10 ] && [ "$oom" = 0 ] && echo met || echo NOT MET)"
fi
echo
echo "Also measured: setup: history push $(sec "$push_history_s"), $REPOS repos created in $(sec "$create_repos_s") (4 clients),"
echo "  scan backlog of the setup drained $(sec "$backlog_s") after the last push."
if want pages; then
  echo "  repo info (siblings) $(ms "$(best_lat "info-$TREE_FILES")") at $TREE_FILES files vs $(ms "$(best_lat info-100)") at 100."
fi
if want heap; then
  echo "  heap: 'held (live)' = largest live heap (jcmd GC.class_histogram, each after a full GC) during the commit minus the"
  echo "        live heap before it (worst of $RUNS runs: a sample can miss the peak). It is the whole server's: caches filled"
  echo "        meanwhile count. What grew most at that moment: ${heap_grew[*]:-(no sample)}"
  echo "        'peak' = highest heap in use (jstat every 50 ms) minus before: counts garbage not yet collected and whatever"
  echo "        else the server allocates meanwhile (the scan reconciler's ticks), so it varies from run to run."
  echo "        Histograms during each run's commit (upload slowed to 4 MB/s): ${heap_samples[*]}; held per run: ${heap_live[*]} KiB;"
  echo "        peak per run: ${heap_peak[*]} KiB."
fi
echo "  runs (hubguard / anchor):"
want git && echo "    clone ${hub_clone[*]} / ${anchor_clone[*]}; shallow ${hub_shallow[*]} / ${anchor_shallow[*]}; fetch ${hub_fetch[*]} / ${anchor_fetch[*]}"
want downloads && echo "    downloads x1 ${hub_dl1[*]} / ${anchor_dl1[*]}; x8 ${hub_dl8[*]} / ${anchor_dl8[*]};" \
  "1 GB download $(for v in "${hub_big[@]}"; do mbs "$v"; echo -n ' '; done)/ $(for v in "${anchor_big[@]}"; do mbs "$v"; echo -n ' '; done)"
want scans && echo "    scans ${hub_scan[*]} / ${clamd_scan[*]}"
want listing && echo "    listing token ${list_token[*]} / anonymous ${list_anon[*]}"
if want pages; then
  echo "    page/tree/recursive tree/info at 100: ${lat[page-100]}/ ${lat[tree-100]}/ ${lat[rtree-100]}/ ${lat[info-100]}"
  echo "    at $TREE_FILES: ${lat[page-$TREE_FILES]}/ ${lat[tree-$TREE_FILES]}/ ${lat[rtree-$TREE_FILES]}/ ${lat[info-$TREE_FILES]}; pages/s ${page_rate[*]}, tree ${tree_rate[*]}"
fi
if [ "$PROFILE" = 1 ]; then
  echo
  echo "PROFILE (JFR, settings=profile, during hubguard's runs): $PROF"
  for name in $(ls "$PROF" | grep '\.jfr$' | sed 's/-[0-9]*\.jfr$//' | sort -u); do helper stacks "$PROF/$name"-*.jfr; done | tee "$PROF/summary.txt"
fi
