#!/usr/bin/env bash
# End-to-end benchmark (not CI): one Open Liberty server with two copies of the same protected endpoint,
# /tessera/api/hello (Tessera's mechanism) and /mpjwt/api/hello (Liberty's mpJwt-2.1), both trusting the same
# issuer, driven with wrk on loopback. Prints requests/s, latency percentiles and the server's CPU time per request
# of each, and their ratios, for
#   repeated token: every request carries the same token;
#   new token:      every request carries another token: wrk cycles through E2E_TOKENS pre-signed tokens per
#                   application, far more than either verified-token cache keeps (README "Performance").
#
# Run from the repository root:  bash src/bench/e2e.sh        (about 5 minutes; README "Performance")
# Settings (environment):
#   E2E_PORT=39080         HTTP port on 127.0.0.1
#   E2E_WARMUP=20          seconds of warm-up per application with the repeated token (then 10 s with new tokens)
#   E2E_DURATION=30        seconds per application and scenario measured (the repeated token in E2E_ROUNDS rounds)
#   E2E_ROUNDS=3           rounds of the repeated-token measurement, alternating which application goes first
#   E2E_CONNECTIONS=16     wrk connections (wrk always runs 2 threads)
#   E2E_TOKENS=100000      distinct tokens per application for the measured new-token run
#   E2E_AUTH_CACHE=true    Liberty's <authentication cacheEnabled> (true is Liberty's default), the same for both
#   E2E_JFR=0              1: a JFR recording of the server during every measured run, in target/e2e/results
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${E2E_PORT:-39080}
WARMUP=${E2E_WARMUP:-20}
NEW_TOKEN_WARMUP=10
DURATION=${E2E_DURATION:-30}
ROUNDS=${E2E_ROUNDS:-3}
THREADS=2
CONNECTIONS=${E2E_CONNECTIONS:-16}
TOKENS_PER_APP=${E2E_TOKENS:-100000}
WARMUP_TOKENS=10000
AUTH_CACHE=${E2E_AUTH_CACHE:-true}
JFR=${E2E_JFR:-0}

SERVER=tessera-e2e
WLP=target/liberty/wlp
OUT=target/e2e
RESULTS=$OUT/results
TOKENS=$OUT/tokens.txt
BASE=http://127.0.0.1:$PORT
# Line 0 of the token file is the repeated token; then the warm-up tokens; then one slice per application.
FIRST_SLICE=$((1 + WARMUP_TOKENS))

log() { printf '%s e2e: %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

ensure_wrk() {
  command -v wrk >/dev/null && return
  log "installing wrk (Debian package)"
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y wrk >/dev/null || die "apt-get install -y wrk failed"
  elif command -v sudo >/dev/null; then
    sudo apt-get install -y wrk >/dev/null || die "sudo apt-get install -y wrk failed"
  else
    die "wrk is not installed, and installing it needs root or sudo: apt-get install wrk"
  fi
}

server_pid() { cat "$WLP/usr/servers/.pid/$SERVER.pid" 2>/dev/null || true; }

# CPU time (user + system, in clock ticks) the Liberty JVM has used so far: all its threads, GC and JIT included.
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$(server_pid)/stat"; }

stop_server() {
  [ -x "$WLP/bin/server" ] || return 0
  timeout 60 "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true
  local pid; pid=$(server_pid)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    log "the server did not stop in 60 s; killing process $pid"
    kill -9 "$pid" 2>/dev/null || true
  fi
}

# status <app> [token-file]: the HTTP status of GET /<app>/api/hello, with the token of the file if given.
status() {
  local auth=()
  [ $# -gt 1 ] && auth=(-H "@$2")
  curl -s -o /dev/null -w "%{http_code}" --max-time 10 "${auth[@]}" "$BASE/$1/api/hello" || true
}

wait_until_ready() {
  local deadline=$((SECONDS + 120)) app
  for app in tessera mpjwt; do
    until [ "$(status "$app" "$OUT/header-good")" = 200 ]; do
      [ $SECONDS -lt $deadline ] || die "/$app did not answer 200 within 120 s; see $WLP/usr/servers/$SERVER/logs/messages.log"
      sleep 1
    done
  done
}

check_answers() {
  local app got
  for app in tessera mpjwt; do
    got="$(status "$app" "$OUT/header-good") $(status "$app") $(status "$app" "$OUT/header-bad")"
    [ "$got" = "200 401 401" ] || die "/$app answered $got for a good token, no token, a bad token (expected 200 401 401)"
    log "/$app answers 200 to a good token, 401 without one, 401 to a token signed by another key"
  done
  [ "$(curl -s -H "@$OUT/header-good" "$BASE/tessera/api/hello")" = "$(curl -s -H "@$OUT/header-good" "$BASE/mpjwt/api/hello")" ] \
    || die "the two endpoints answer different bodies"
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# run <label> <app> <seconds> <first token> <token count>: one wrk run; fails on any non-2xx answer or socket error.
# Sets RESULT to wrk's RESULT line plus server_cpu_us, the server's CPU time per request (unlike requests/s, it
# hardly depends on what else the machine runs), and wrk_cpu_us, wrk's own CPU time per request (wrk shares the
# cores with the server: what it spends, the server cannot).
run() {
  local label=$1 app=$2 seconds=$3 first=$4 count=$5 pid cpu_before
  log "$label /$app: ${seconds} s, tokens $first..$((first + count - 1))"
  if [ "$JFR" = 1 ] && [[ $label != warm-up* ]]; then
    pid=$(server_pid)
    jcmd "$pid" JFR.start name=e2e settings=profile duration="${seconds}s" filename="$(pwd)/$RESULTS/$label-$app.jfr" >/dev/null
  fi
  cpu_before=$(server_cpu_ticks)
  # bash's time writes wrk's user and system CPU seconds to the .time file
  { TIMEFORMAT='%3U %3S' && time wrk -t$THREADS -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s src/bench/e2e/wrk.lua \
    "$BASE/$app/api/hello" -- "$TOKENS" "$first" "$count" $THREADS >"$RESULTS/$label-$app.txt" 2>&1; } \
    2>"$RESULTS/$label-$app.time" || die "wrk failed; see $RESULTS/$label-$app.txt"
  RESULT=$(grep '^RESULT ' "$RESULTS/$label-$app.txt") || die "wrk printed no result; see $RESULTS/$label-$app.txt"
  RESULT="$RESULT server_cpu_us=$(awk -v t=$(($(server_cpu_ticks) - cpu_before)) -v hz="$(getconf CLK_TCK)" \
    -v n="$(field "$RESULT" requests)" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }')"
  RESULT="$RESULT wrk_cpu_us=$(awk -v n="$(field "$RESULT" requests)" '{ printf "%.1f", ($1 + $2) * 1e6 / n }' \
    "$RESULTS/$label-$app.time")"
  [ "$(field "$RESULT" non2xx)" = 0 ] || die "$label /$app: $(field "$RESULT" non2xx) answers were not 2xx"
  [ "$(field "$RESULT" socket_errors)" = 0 ] || die "$label /$app: $(field "$RESULT" socket_errors) socket errors"
}

rate() { awk -v r="$(field "$1" requests)" -v s="$(field "$1" seconds)" 'BEGIN { printf "%.0f", r / s }'; }

row() { # row <scenario> <app> <result>
  awk -v sc="$1" -v app="$2" -v r="$(field "$3" requests)" -v s="$(field "$3" seconds)" -v p50="$(field "$3" p50_us)" \
      -v p90="$(field "$3" p90_us)" -v p99="$(field "$3" p99_us)" -v distinct="$(field "$3" distinct)" \
      -v cpu="$(field "$3" server_cpu_us)" -v wrk="$(field "$3" wrk_cpu_us)" \
      'BEGIN { printf "%-15s %-8s %11.0f %8.2f %8.2f %8.2f %8d %8.1f %6.0f %9d %8d\n", sc, app, r / s, p50 / 1000,
               p90 / 1000, p99 / 1000, cpu, wrk, s, r, distinct }'
}

# combine <result>...: one result for several runs of the same application and scenario. Requests, seconds and
# CPU times add up; the latency percentiles are the medians of the runs', the distinct tokens the largest.
combine() {
  printf '%s\n' "$@" | awk '
    function val(key,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) return kv[2] } }
    function median(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return a[int((n + 1) / 2)]
    }
    { n++; r += val("requests"); s += val("seconds"); cpu += val("server_cpu_us") * val("requests")
      wrk += val("wrk_cpu_us") * val("requests")
      if (val("distinct") > d) d = val("distinct"); p50[n] = val("p50_us"); p90[n] = val("p90_us"); p99[n] = val("p99_us") }
    END { printf "RESULT requests=%d seconds=%s p50_us=%s p90_us=%s p99_us=%s non2xx=0 socket_errors=0 distinct=%d server_cpu_us=%.0f wrk_cpu_us=%.1f\n",
            r, s, median(p50, n), median(p90, n), median(p99, n), d, cpu / r, wrk / r }'
}

ratio() { awk -v a="$(rate "$1")" -v b="$(rate "$2")" 'BEGIN { printf "%.2f", a / b }'; }
cpu_ratio() { awk -v a="$(field "$1" server_cpu_us)" -v b="$(field "$2" server_cpu_us)" 'BEGIN { printf "%.2f", b / a }'; }

# report <load at start> <load before measuring>: the table, from the RESULT lines of the measured runs.
report() {
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1), Open Liberty $(liberty_version)"
  echo "load (1, 5, 15 min) at start: $1; before measuring (with our token signing): $2;" \
    "after (with our server and wrk): $(uptime | sed 's/.*load average: //')"
  echo "wrk: $THREADS threads, $CONNECTIONS connections, 127.0.0.1:$PORT; authentication cache enabled: $AUTH_CACHE"
  printf '%-15s %-8s %11s %8s %8s %8s %8s %8s %6s %9s %8s\n' scenario app requests/s "p50 ms" "p90 ms" "p99 ms" \
    "cpu us" "wrk us" s requests tokens
  local round
  for ((round = 1; round <= ROUNDS; round++)); do
    row "repeated, $round/$ROUNDS" tessera "${tessera_rounds[round - 1]}"
    row "repeated, $round/$ROUNDS" mpjwt "${mpjwt_rounds[round - 1]}"
  done
  row "repeated token" tessera "$tessera_repeated"
  row "repeated token" mpjwt "$mpjwt_repeated"
  row "new token" tessera "$tessera_new"
  row "new token" mpjwt "$mpjwt_new"
  echo
  echo "repeated token, requests/s tessera/mpJwt by round: $(for ((round = 0; round < ROUNDS; round++)); do
    printf '%sx ' "$(ratio "${tessera_rounds[round]}" "${mpjwt_rounds[round]}")"; done)"
  echo "requests/s tessera/mpJwt: repeated token $(ratio "$tessera_repeated" "$mpjwt_repeated")x (all rounds)," \
    "new token $(ratio "$tessera_new" "$mpjwt_new")x (target: >= 1.3x and >= 1.0x)"
  echo "server CPU per request mpJwt/tessera: repeated token $(cpu_ratio "$tessera_repeated" "$mpjwt_repeated")x," \
    "new token $(cpu_ratio "$tessera_new" "$mpjwt_new")x (cpu us: Liberty's CPU time per request, all threads;" \
    "wrk us: wrk's)"
  echo "wrk's output: $RESULTS"
}

liberty_version() { sed -n 's/^com.ibm.websphere.productVersion=//p' "$WLP/lib/versions/openliberty.properties"; }

cleanup() {
  if [ -n "${STARTED:-}" ]; then
    log "stopping Liberty"
    stop_server
  fi
  # The tokens (about 320 MB) are signed anew by every run, with a key that no longer exists.
  rm -f "$OUT/header-good" "$OUT/header-bad" "$TOKENS"
}

main() {
  local load_at_start; load_at_start=$(uptime | sed 's/.*load average: //')
  ensure_wrk
  command -v curl >/dev/null || die "curl is missing"
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  stop_server # a server left over by an interrupted run
  if curl -s -o /dev/null --max-time 2 "$BASE/"; then
    die "something already listens on 127.0.0.1:$PORT; set E2E_PORT"
  fi

  log "building the jar, target/e2e/{tessera,mpjwt}.war and the Liberty server $SERVER (mvn -Pe2e package)"
  mvn -q -B -Pe2e -Dliberty.var.http.port="$PORT" package

  local total=$((FIRST_SLICE + 2 * TOKENS_PER_APP))
  log "signing $total tokens with a new RSA key (about $((total / 2500 + 1)) s on 2 idle cores)"
  java -cp target/e2e-classes dev.tessera.e2e.E2eIssuer "$OUT" "$total"
  # curl reads the Authorization header from a file, so no token shows up in a process listing.
  { printf 'Authorization: Bearer '; head -1 "$TOKENS"; } >"$OUT/header-good"
  { printf 'Authorization: Bearer '; cat "$OUT/bad-token.txt"; } >"$OUT/header-bad"
  rm -rf "$RESULTS" && mkdir -p "$RESULTS"

  echo "e2e.auth.cache=$AUTH_CACHE" >"$WLP/usr/servers/$SERVER/bootstrap.properties"
  log "starting Liberty (authentication cache enabled: $AUTH_CACHE)"
  STARTED=1
  timeout 120 "$WLP/bin/server" start "$SERVER" >/dev/null || die "Liberty did not start; see $WLP/usr/servers/$SERVER/logs"
  wait_until_ready
  check_answers

  local load; load=$(uptime | sed 's/.*load average: //')
  log "load before measuring: $load (1, 5, 15 min)"
  local tessera_repeated mpjwt_repeated tessera_new mpjwt_new tessera_rounds=() mpjwt_rounds=() round app
  # Both paths of both applications are warmed up before anything is measured, new tokens first: the garbage they
  # leave is collected during the repeated-token warm-up, not during the first measured run. The repeated token is
  # measured in rounds that alternate which application goes first, and the new-token runs go mpJwt first, so that
  # drift in what else the machine runs does not always favour the same side.
  run warm-up-new mpjwt $NEW_TOKEN_WARMUP 1 $WARMUP_TOKENS
  run warm-up-new tessera $NEW_TOKEN_WARMUP 1 $WARMUP_TOKENS
  run warm-up-repeated mpjwt "$WARMUP" 0 1
  run warm-up-repeated tessera "$WARMUP" 0 1
  for ((round = 1; round <= ROUNDS; round++)); do
    for app in $( ((round % 2)) && echo tessera mpjwt || echo mpjwt tessera); do
      run "repeated-$round" "$app" $(((DURATION + ROUNDS - 1) / ROUNDS)) 0 1
      if [ "$app" = tessera ]; then tessera_rounds+=("$RESULT"); else mpjwt_rounds+=("$RESULT"); fi
    done
  done
  tessera_repeated=$(combine "${tessera_rounds[@]}")
  mpjwt_repeated=$(combine "${mpjwt_rounds[@]}")
  run new mpjwt "$DURATION" $FIRST_SLICE "$TOKENS_PER_APP" && mpjwt_new=$RESULT
  run new tessera "$DURATION" $((FIRST_SLICE + TOKENS_PER_APP)) "$TOKENS_PER_APP" && tessera_new=$RESULT
  report "$load_at_start" "$load" | tee "$RESULTS/summary.txt"
}

main "$@"
