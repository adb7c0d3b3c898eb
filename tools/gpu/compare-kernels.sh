#!/usr/bin/env bash
# Times scalebench's kernels (KernelBench, Java) and PyTorch's equivalent ops (torch_ops.py) on GPU 0, one after the
# other in this one command, and joins their JSON lines into a Markdown table against issue 5's targets (join.py).
#
#   tools/gpu/compare-kernels.sh [--out DIR] [--ops LIST] [--reps N] [--warmup N] [--warmup-ms MS] [--rep-ms MS]
#                                [--launches N] [--no-spacer]
#
# Writes into DIR ($OUT when set, else results/kernel-bench/<UTC time>): scalebench.jsonl and torch.jsonl (the JSON
# lines), scalebench.out/.err and torch.out/.err (all each printed), nvidia-smi.txt (clocks, power, throttling before
# and after), table.md; prints the table. Options other than --out go to both sides (see KernelBench --help).
# Java: $JAVA, else $JAVA_HOME/bin/java, else java (a carried jlink runtime works: JAVA=/path/bin/java). Class path:
# the kernels jar plus harness/target/lib/* (the launcher's runtime class path), else the JCuda jars in ~/.m2;
# built with ./mvnw when the jar is missing; $SCALEBENCH_CP replaces all that. Python: $PYTHON, else python3. Each
# side runs at most $BENCH_TIMEOUT seconds (default 300); on an H100 each takes about a minute.
# Exit: 0 when both sides ran every case, 4 when either failed (the table shows what there is), 2 on bad usage.
set -uo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT_DIR="${OUT:-}"
ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) [[ $# -ge 2 ]] || { echo "compare-kernels: --out needs a folder" >&2; exit 2; }; OUT_DIR="$2"; shift 2 ;;
    --out=*) OUT_DIR="${1#--out=}"; shift ;;
    --ops|--reps|--warmup|--warmup-ms|--rep-ms|--launches)
      [[ $# -ge 2 ]] || { echo "compare-kernels: $1 needs a value" >&2; exit 2; }
      ARGS+=("$1" "$2"); shift 2 ;;
    --ops=*|--reps=*|--warmup=*|--warmup-ms=*|--rep-ms=*|--launches=*|--no-spacer) ARGS+=("$1"); shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "compare-kernels: unknown option '$1' (--help lists them)" >&2; exit 2 ;;
  esac
done
[[ -n "$OUT_DIR" ]] || OUT_DIR="$HOME_DIR/results/kernel-bench/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT_DIR" || exit 2
JAVA="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
PYTHON="${PYTHON:-python3}"
LIMIT="${BENCH_TIMEOUT:-300}"
LIMITED=()
command -v timeout >/dev/null && LIMITED=(timeout --kill-after=10 "$LIMIT")

kernels_jar() {
  ls "$HOME_DIR"/kernels/target/scalebench-kernels-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1
}
if [[ -n "${SCALEBENCH_CP:-}" ]]; then
  CP="$SCALEBENCH_CP"
else
  if [[ -z "$(kernels_jar)" ]]; then
    echo "compare-kernels: no kernels jar; building with ./mvnw -q -DskipTests package ..." >&2
    (cd "$HOME_DIR" && ./mvnw -q -DskipTests package) >&2 \
      || { echo "compare-kernels: the build failed; fix it or carry kernels/target and harness/target/lib" >&2; exit 4; }
  fi
  CP="$(kernels_jar)"
  if [[ -d "$HOME_DIR/harness/target/lib" ]]; then
    CP="$CP:$HOME_DIR/harness/target/lib/*"
  else
    M2="${HOME}/.m2/repository/org/jcuda"
    for j in "$M2"/jcuda/12.6.0/jcuda-12.6.0.jar "$M2"/jcuda-natives/12.6.0/jcuda-natives-12.6.0-linux-x86_64.jar; do
      [[ -f "$j" ]] && CP="$CP:$j"
    done
  fi
fi

# Kernels the driver cannot load ahead of time (cubin or PTX newer than the driver) are compiled by NVRTC at run time;
# PyTorch's CUDA wheels bring libnvrtc, so offer it (after any the system has).
NVRTC_LIB="$("$PYTHON" -c 'import nvidia.cuda_nvrtc as n, os; print(os.path.join(list(n.__path__)[0], "lib"))' 2>/dev/null)"
if [[ -n "$NVRTC_LIB" && -d "$NVRTC_LIB" ]]; then
  export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$NVRTC_LIB"
  echo "compare-kernels: PyTorch's NVRTC ($NVRTC_LIB) is on LD_LIBRARY_PATH, for kernels the driver cannot load" >&2
fi

smi() {
  command -v nvidia-smi >/dev/null || { echo "($1) nvidia-smi not found" >> "$OUT_DIR/nvidia-smi.txt"; return; }
  { echo "($1)"; nvidia-smi --query-gpu=name,driver_version,pstate,clocks.sm,clocks.max.sm,clocks.mem,temperature.gpu,power.draw,power.limit,clocks_throttle_reasons.active --format=csv 2>&1; } >> "$OUT_DIR/nvidia-smi.txt"
}
: > "$OUT_DIR/nvidia-smi.txt"
smi before

echo "== scalebench: KernelBench ($JAVA) ==" >&2
"${LIMITED[@]}" "$JAVA" -Xmx2g -cp "$CP" dev.scalebench.kernels.bench.KernelBench ${ARGS[@]+"${ARGS[@]}"} \
  2> "$OUT_DIR/scalebench.err" | tee "$OUT_DIR/scalebench.out" >&2
SB_RC=${PIPESTATUS[0]}
[[ $SB_RC -eq 0 ]] || { echo "compare-kernels: KernelBench exited with $SB_RC:" >&2; tail -20 "$OUT_DIR/scalebench.err" >&2; }
smi "after scalebench"

echo "== PyTorch: torch_ops.py ($PYTHON) ==" >&2
"${LIMITED[@]}" "$PYTHON" "$HOME_DIR/tools/gpu/torch_ops.py" ${ARGS[@]+"${ARGS[@]}"} \
  2> "$OUT_DIR/torch.err" | tee "$OUT_DIR/torch.out" >&2
T_RC=${PIPESTATUS[0]}
[[ $T_RC -eq 0 ]] || { echo "compare-kernels: torch_ops.py exited with $T_RC:" >&2; tail -20 "$OUT_DIR/torch.err" >&2; }
smi "after torch"

grep '^{' "$OUT_DIR/scalebench.out" > "$OUT_DIR/scalebench.jsonl"
grep '^{' "$OUT_DIR/torch.out" > "$OUT_DIR/torch.jsonl"
"$PYTHON" "$HOME_DIR/tools/gpu/join.py" --scalebench "$OUT_DIR/scalebench.jsonl" --torch "$OUT_DIR/torch.jsonl" \
  --profiles "$HOME_DIR/profiles/hardware" --out "$OUT_DIR/table.md" || exit 4
echo "compare-kernels: wrote $OUT_DIR (KernelBench exit $SB_RC, torch_ops.py exit $T_RC)" >&2
[[ $SB_RC -eq 0 && $T_RC -eq 0 ]] || exit 4
