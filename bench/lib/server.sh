#!/usr/bin/env bash
# Shared by the benchmarks: start a hubguard of the last build (./hubguard serve) in a scratch home at a port
# offset of its own, sign in as its administrator and make a write token, and stop it again.
# Needs a build (./hubguard run, or mvn -pl ear -am package -DskipTests) and curl.

BENCH_OFFSET="${BENCH_OFFSET:-500}"
BENCH_PORT=$((8080 + BENCH_OFFSET))
BENCH_URL="http://127.0.0.1:$BENCH_PORT"
BENCH_ADMIN_PASSWORD="bench-Admin-Pass-9163"

# bench_server_start HOME [JAVA_OPTS]: serves in the background; waits until /api/health is up.
bench_server_start() {
  local home="$1" opts="${2:-}"
  rm -rf "$home"; mkdir -p "$home"
  (env $(env | grep -o '^HUBGUARD_[A-Z_]*' | sed 's/^/-u /') HUBGUARD_HOME="$home" HUBGUARD_PORT_OFFSET="$BENCH_OFFSET" \
      HUBGUARD_ADMIN_PASSWORD="$BENCH_ADMIN_PASSWORD" ${opts:+JAVA_OPTS="$opts"} \
      "$REPO/hubguard" serve > "$home/server.out" 2>&1) &
  BENCH_SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -fsS -m 5 "$BENCH_URL/api/health" 2>/dev/null | grep -q '"status":"up"' && return 0
    kill -0 "$BENCH_SERVER_PID" 2>/dev/null || break
    sleep 1
  done
  tail -30 "$home/server.out" >&2; tail -30 "$home/server/log/server.log" 2>/dev/null | grep -E "ERROR|FATAL" >&2
  echo "bench: hubguard did not come up at $BENCH_URL" >&2
  return 1
}

bench_server_stop() {
  local home="$1"
  pkill -TERM -f "jboss.server.base.dir=$home/server" 2>/dev/null || true
  wait "$BENCH_SERVER_PID" 2>/dev/null || true
  [ -f "$home/clamd/clamd.pid" ] && kill "$(cat "$home/clamd/clamd.pid")" 2>/dev/null || true
}

# The server's JVM process id.
bench_server_jvm() {
  local home="$1"
  # (java's command line names jboss-modules.jar first, then the server's base directory)
  pgrep -f "jboss-modules\.jar .*-Djboss\.server\.base\.dir=$home/server( |\$)" | head -n 1
}

# bench_token JAR: signs in as admin through the pages and prints a new write token.
bench_token() {
  local jar="$1" state page
  state=$(curl -fsS -c "$jar" -b "$jar" "$BENCH_URL/login" | grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fsS -c "$jar" -b "$jar" -o /dev/null "$BENCH_URL/login" --data-urlencode "login=login" \
    --data-urlencode "login:login=admin" --data-urlencode "login:password=$BENCH_ADMIN_PASSWORD" \
    --data-urlencode "login:submit=Sign in" --data-urlencode "jakarta.faces.ViewState=$state"
  state=$(curl -fsS -c "$jar" -b "$jar" "$BENCH_URL/settings/tokens" | grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  page=$(curl -fsS -c "$jar" -b "$jar" "$BENCH_URL/settings/tokens" --data-urlencode "create=create" \
    --data-urlencode "create:name=bench-$RANDOM" --data-urlencode "create:role=write" --data-urlencode "create:scopeKind=global" \
    --data-urlencode "create:submit=Create token" --data-urlencode "jakarta.faces.ViewState=$state")
  echo "$page" | grep -o 'id="new-token"[^>]*value="hf_[A-Za-z0-9]*"' | grep -o 'hf_[A-Za-z0-9]*'
}
