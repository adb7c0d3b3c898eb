#!/usr/bin/env bash
# Runs the build's tests while the machine is busy: ./mvnw -B verify with N processes that each keep a core busy
# (`yes > /dev/null`), so that a test which depends on the machine's speed fails here rather than on someone's
# loaded laptop or CI runner. The suite must pass like this (issue 13).
#
#   tools/stress-verify.sh [--busy N] [--log FILE] [--] [MAVEN ARGUMENTS...]
#
#   --busy N     busy processes (default 4, or $STRESS_BUSY; 0 runs Maven on a quiet machine, for comparison)
#   --log FILE   where Maven's output goes (default target/stress-verify/verify-<UTC time>.log in the checkout)
#   -h, --help   this text
#
# Every other argument goes to Maven. Without a phase or goal among them, `verify` is added:
#
#   tools/stress-verify.sh                          # ./mvnw -B verify, 4 busy processes
#   tools/stress-verify.sh --busy 8 -Pslow          # ./mvnw -B verify -Pslow, 8 busy processes
#   tools/stress-verify.sh -q -Dkernels.skip=true -pl harness -am test -Dtest=SweepEndToEndTest \
#       -Dsurefire.failIfNoSpecifiedTests=false     # one test class, its own phase (no verify)
#
# Prints the command, the log's path and the load average at the start; at the end the wall time, Maven's exit
# code and, when Maven failed, the end of the log. The busy processes are ended on any exit (also Ctrl-C).
# Exit status: Maven's; 2 on bad usage.
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  sed -n '2,/^set -euo pipefail$/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

busy="${STRESS_BUSY:-4}"
log=""
maven=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --busy) [[ $# -ge 2 ]] || { echo "stress-verify: --busy needs a number" >&2; exit 2; }; busy="$2"; shift 2 ;;
    --busy=*) busy="${1#--busy=}"; shift ;;
    --log) [[ $# -ge 2 ]] || { echo "stress-verify: --log needs a file" >&2; exit 2; }; log="$2"; shift 2 ;;
    --log=*) log="${1#--log=}"; shift ;;
    --) shift; maven+=("$@"); break ;;
    *) maven+=("$1"); shift ;;
  esac
done
if [[ ! "$busy" =~ ^[0-9]+$ ]] || (( busy > 256 )); then
  echo "stress-verify: --busy must be a number from 0 to 256, got '$busy'" >&2
  exit 2
fi

# `verify` unless the arguments name a lifecycle phase or a plugin goal (prefix:goal) themselves
phase=0
for a in ${maven[@]+"${maven[@]}"}; do
  case "$a" in
    -*) ;;
    clean | validate | initialize | generate-sources | process-sources | generate-resources | process-resources | \
      compile | process-classes | generate-test-sources | process-test-sources | generate-test-resources | \
      process-test-resources | test-compile | process-test-classes | test | prepare-package | package | \
      pre-integration-test | integration-test | post-integration-test | verify | install | deploy | site) phase=1 ;;
    *:*) phase=1 ;;
  esac
done
[[ $phase -eq 1 ]] || maven+=(verify)

if [[ -z "$log" ]]; then
  log="$HOME_DIR/target/stress-verify/verify-$(date -u +%Y%m%d-%H%M%S).log"
fi
mkdir -p "$(dirname "$log")"
: >"$log"
log="$(cd "$(dirname "$log")" && pwd)/$(basename "$log")"

pids=()
mvn_pid=""
stop_busy() {
  local p
  for p in ${pids[@]+"${pids[@]}"}; do
    kill "$p" 2>/dev/null || true
  done
  for p in ${pids[@]+"${pids[@]}"}; do
    wait "$p" 2>/dev/null || true
  done
  pids=()
}
# on a signal: end Maven (and with it its forked test JVMs) and the busy processes
stop_all() {
  if [[ -n "$mvn_pid" ]]; then
    kill "$mvn_pid" 2>/dev/null || true
    wait "$mvn_pid" 2>/dev/null || true
  fi
  stop_busy
}
trap stop_busy EXIT
trap 'stop_all; echo "stress-verify: interrupted; log: $log" >&2; exit 130' INT
trap 'stop_all; echo "stress-verify: terminated; log: $log" >&2; exit 143' TERM

for ((i = 0; i < busy; i++)); do
  yes >/dev/null &
  pids+=($!)
done

cores="$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
echo "stress-verify: busy processes: $busy, on $cores cores; load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "stress-verify: ./mvnw -B ${maven[*]}"
echo "stress-verify: log: $log"
start="$(date +%s%N)"
rc=0
# in the background, so that a signal reaches the traps above at once (mvnw execs Maven's JVM: this is its pid)
(cd "$HOME_DIR" && exec ./mvnw -B "${maven[@]}") >"$log" 2>&1 </dev/null &
mvn_pid=$!
wait "$mvn_pid" || rc=$?
mvn_pid=""
end="$(date +%s%N)"
load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
stop_busy

ms=$(((end - start) / 1000000))
if [[ $rc -ne 0 ]]; then
  if grep -q '^\[ERROR\]' "$log"; then
    echo "stress-verify: Maven's errors (the first 30 lines):" >&2
    grep '^\[ERROR\]' "$log" | grep -v '^\[ERROR\] *$' | head -n 30 >&2
  else
    echo "stress-verify: the end of the log:" >&2
    tail -n 40 "$log" >&2
  fi
fi
printf 'stress-verify: wall %dm%02ds (%d.%03d s), exit %d, busy processes: %d, load average at the end %s\n' \
  $((ms / 60000)) $((ms / 1000 % 60)) $((ms / 1000)) $((ms % 1000)) "$rc" "$busy" "$load"
echo "stress-verify: log: $log"
exit "$rc"
