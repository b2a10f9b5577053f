#!/usr/bin/env bash
# Checks that stopping `mvn -Pdemo` stops its Liberty server, however Maven is stopped.
#
# Usage: src/test/demo/stop-check.sh [int|term|group ...]     (from any directory; default: int term group)
#   int    SIGINT to the Maven JVM alone (what an IDE's stop button or `kill -INT <pid>` does)
#   term   SIGTERM to the Maven JVM alone (`kill <pid>`)
#   group  SIGINT to Maven's whole process group (Ctrl-C in a terminal)
# For each: starts `mvn -o -Pdemo` in its own process group, waits until http://localhost:9080/ answers, sends the
# signal, and passes if within 60 s no Liberty JVM of tessera-demo is left and port 9080 is free.
# Needs ports 9080 and 9443 free, and the local Maven repository populated (`mvn -o package` works). Not part of
# `mvn verify`: it takes the demo's fixed ports. The first run unzips Liberty into target/ (a minute or two).
# Leaves nothing behind, also when it fails: its trap stops the tessera-demo server and kills the Maven it started.
# Output of each Maven run: target/stop-check/<case>.log. Exit code 0 when every case passed.
set -uo pipefail
# Job control: each background job gets its own process group, and SIGINT is not ignored in it (a non-interactive
# shell starts background commands with SIGINT ignored, so the JVM would never see the SIGINT this script sends).
set -m

cd "$(dirname "$0")/../../.." || exit 2
SERVER=tessera-demo
URL=http://localhost:9080/
START_SECONDS=${START_SECONDS:-600} # build + Liberty start on a busy machine
STOP_SECONDS=60
LOGS=target/stop-check
MVN_PID=

liberty_pids() { pgrep -f -- "-jar $PWD/target/liberty/wlp/bin/tools/ws-server.jar $SERVER\$" || true; }
port_free() { ! curl -s -o /dev/null --max-time 5 "$URL"; }

cleanup() {
    if [[ -n $MVN_PID ]] && kill -0 "$MVN_PID" 2>/dev/null; then
        kill -KILL -- "-$MVN_PID" 2>/dev/null
    fi
    if [[ -n $(liberty_pids) && -x target/liberty/wlp/bin/server ]]; then
        target/liberty/wlp/bin/server stop "$SERVER" >/dev/null 2>&1
    fi
    for pid in $(liberty_pids); do kill -KILL "$pid" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n $(liberty_pids) ]] || ! port_free; then
    echo "port 9080 is busy or a $SERVER server is running; stop it first" >&2
    exit 2
fi
mkdir -p "$LOGS"

# Runs one case; $1 names it, $2 is the signal, $3 the target ("pid" or "group").
check() {
    local name=$1 signal=$2 target=$3
    echo "== $name: $signal to Maven's $target"
    mvn -o -Pdemo >"$LOGS/$name.log" 2>&1 &
    MVN_PID=$! # the Maven JVM itself (the mvn script execs java), leader of its own process group (set -m)

    local waited=0
    until [[ $(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$URL") =~ ^[1-5] ]]; do
        if ! kill -0 "$MVN_PID" 2>/dev/null || ((waited >= START_SECONDS)); then
            echo "FAIL $name: the demo did not answer on $URL within $START_SECONDS s (see $LOGS/$name.log)"
            return 1
        fi
        sleep 5
        waited=$((waited + 5))
    done
    echo "   answering after ${waited} s; Liberty JVM: $(liberty_pids | xargs)"

    if [[ $target == group ]]; then kill "-$signal" -- "-$MVN_PID"; else kill "-$signal" "$MVN_PID"; fi

    waited=0
    while [[ -n $(liberty_pids) ]] || ! port_free; do
        if ((waited >= STOP_SECONDS)); then
            echo "FAIL $name: after $STOP_SECONDS s Liberty is still running ($(liberty_pids | xargs)); Maven:" \
                "$(kill -0 "$MVN_PID" 2>/dev/null && echo running || echo ended)"
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "   PASS $name: Liberty gone and 9080 free ${waited} s after the signal"

    waited=0
    while kill -0 "$MVN_PID" 2>/dev/null && ((waited < STOP_SECONDS)); do sleep 1; waited=$((waited + 1)); done
    MVN_PID=
}

cases=("$@")
((${#cases[@]})) || cases=(int term group)
failed=0
for c in "${cases[@]}"; do
    case $c in
        int) check int INT pid || failed=1 ;;
        term) check term TERM pid || failed=1 ;;
        group) check group INT group || failed=1 ;;
        *) echo "unknown case $c (int, term or group)" >&2; exit 2 ;;
    esac
    cleanup # a failed case must not leave the ports busy for the next one
done
exit $failed
