#!/usr/bin/env bash
# Fuzzes pcapkit for real: every Jazzer target (or those named), one after another, each for a time
# budget, with a 1 s limit per input. See docs/fuzzing.md.
#
#   scripts/fuzz.sh                         every target, 5 minutes each
#   scripts/fuzz.sh -d 30m                  every target, 30 minutes each (before a release)
#   scripts/fuzz.sh -d 2m GrammarFuzzTest#everyGrammar DumperFuzzTest#plist
#   scripts/fuzz.sh -r 2000000              each target until 2 M executions (or the duration)
#   scripts/fuzz.sh -n ...                  skip the build (the classes are current)
#   scripts/fuzz.sh -l                      list the targets
#
# Findings (crash-*, timeout-*) are written by Jazzer into the target's inputs folder under
# runtime/src/test/resources/io/pcapkit/fuzz/, where mvn verify replays them; commit each with a
# test named for it and the fix. The generated corpus grows in runtime/.cifuzz-corpus/ (not in git)
# and is reused by the next run. Logs: runtime/target/fuzz-logs/. Exit status 1 when a target found
# something.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=5m
runs=0
build=1
list=0
while getopts "d:r:lnh" opt; do
  case "$opt" in
    d) duration="$OPTARG" ;;
    r) runs="$OPTARG" ;;
    n) build=0 ;;
    l) list=1 ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

# the targets: every @FuzzTest method of the fuzz package, found in the sources, so a new one needs no edit here
all_targets() {
  for f in runtime/src/test/java/io/pcapkit/fuzz/*FuzzTest.java; do
    cls="$(basename "$f" .java)"
    awk -v cls="$cls" '/@FuzzTest/ {want=1; next} want && match($0, /void [A-Za-z0-9_]+\(/) {print cls "#" substr($0, RSTART+5, RLENGTH-6); want=0}' "$f"
  done
}

if [ "$#" -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(all_targets); fi
if [ "$list" = 1 ]; then printf '%s\n' "${targets[@]}"; exit 0; fi

if [ "$build" = 1 ]; then
  echo "fuzz: building (mvn -pl runtime -am test-compile)" >&2
  mvn -B -q -pl runtime -am test-compile
fi
logs=runtime/target/fuzz-logs
mkdir -p "$logs"
status=0
summary=()
for t in "${targets[@]}"; do
  log="$logs/$t.log"
  echo "fuzz: $t for $duration (log: $log)" >&2
  start=$(date +%s)
  # JAZZER_FUZZ=1: fuzz instead of replaying; JAZZER_MAX_DURATION: the budget; the JUnit timeout
  # property becomes libFuzzer's -timeout (1 s per input) and JUnit's own timeout is switched off,
  # because it would count the whole fuzzing run as one invocation
  if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" JAZZER_MAX_EXECUTIONS="$runs" mvn -B -pl runtime -am surefire:test@fuzz \
      -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
      "-Dpcapkit.fuzz.timeout=1 s" -Dpcapkit.fuzz.timeout.mode=disabled >"$log" 2>&1; then
    result=ok
  else
    result="FINDING or failure (see the log)"
    status=1
  fi
  done_line="$(grep -Eo '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)"
  cov="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+' || true)"
  summary+=("$t: ${done_line:-no run count} (${cov:-?}), $(( $(date +%s) - start )) s wall: $result")
done
printf '\nfuzz summary:\n' >&2
printf '  %s\n' "${summary[@]}" >&2
exit "$status"
