#!/usr/bin/env bash
# Builds the CUDA kernels ahead of time (Maven runs this in generate-resources; -Dkernels.skip=true skips it).
#
#   kernels/build-kernels.sh [OUT_DIR]        OUT_DIR defaults to kernels/target/classes/cuda
#
# For every src/main/cuda/NAME.cu: NAME.ptx (compute_80: the driver JIT-compiles it for any newer GPU),
# NAME.sm_80.cubin and NAME.sm_90.cubin; next to them copies of the .cu/.cuh sources (for NVRTC at run time) and
# manifest.txt (nvcc version, flags, files). An output newer than its source, every header and this script is
# kept. Compiles run in parallel; any nvcc error fails the build with nvcc's message. ptxas -v reports (registers,
# shared memory, spills) are summarised one line per kernel; the full logs go to kernels/target/cuda-build/.
#
# Flags, deliberately: -O3 -lineinfo (line tables for Nsight, no run-time cost), C++17, and NOT --use_fast_math:
# it would flush denormals, approximate every division and square root and swap expf/erff for their fast
# versions across all kernels. The kernels call the fast forms explicitly where the accuracy is known to be
# enough (exp2f = ex2.approx in softmax and attention, rsqrtf in the norms). -Xptxas -warn-spills and
# -warn-lmem-usage turn register spills and local memory into warnings, which this build must not print.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src/main/cuda"
out="${1:-$here/target/classes/cuda}"
logs="$here/target/cuda-build"
ptx_arch=80
cubin_archs=(80 90)
flags="-std=c++17 -O3 -lineinfo -Xptxas -v,-warn-spills,-warn-lmem-usage"

mkdir -p "$out"
rm -f "$out"/.*.tmp

# Sources first: the NVRTC fallback needs them whether or not nvcc is here.
shopt -s nullglob
sources=("$src"/*.cu)
headers=("$src"/*.cuh)
shopt -u nullglob
if [[ ${#sources[@]} -eq 0 ]]; then
    echo "build-kernels: no .cu files in $src" >&2
    exit 1
fi
for f in "${sources[@]}" "${headers[@]}"; do
    dst="$out/$(basename "$f")"
    [[ "$dst" -nt "$f" ]] || cp "$f" "$dst"
done

nvcc=""
if [[ -n "${CUDA_HOME:-}" && -x "$CUDA_HOME/bin/nvcc" ]]; then
    nvcc="$CUDA_HOME/bin/nvcc"
elif command -v nvcc >/dev/null 2>&1; then
    nvcc="$(command -v nvcc)"
fi

write_manifest() {  # write_manifest NVCC_LINE FLAGS
    local tmp="$out/.manifest.txt.tmp"
    {
        echo "# scalebench CUDA kernels, written by kernels/build-kernels.sh"
        echo "nvcc: $1"
        echo "flags: $2"
        if [[ -n "$nvcc" ]]; then
            echo "ptx: compute_$ptx_arch"
            echo "cubin: ${cubin_archs[*]/#/sm_}"
        fi
        echo "files:"
        local f
        for f in "$out"/*; do
            case "$f" in *.cu | *.cuh | *.ptx | *.cubin) basename "$f" ;; esac
        done
    } >"$tmp"
    mv -f "$tmp" "$out/manifest.txt"
}

if [[ -z "$nvcc" ]]; then
    write_manifest "none" "-"
    echo "nvcc not found: kernels will be compiled at run time by NVRTC; install the CUDA toolkit to build them ahead of time"
    exit 0
fi

nvcc_line="$("$nvcc" --version | grep -m1 'release' || true)"
[[ -n "$nvcc_line" ]] || nvcc_line="$("$nvcc" --version | tail -n 1)"

# Jobs "NAME TARGET" whose output is missing or older than the source, a header or this script; biggest
# sources first, so that the long compiles start early.
jobs=()
while read -r _ f; do
    name="$(basename "$f" .cu)"
    for target in ptx "${cubin_archs[@]/#/sm_}"; do
        if [[ $target == ptx ]]; then o="$out/$name.ptx"; else o="$out/$name.$target.cubin"; fi
        stale=0
        for dep in "$f" "${headers[@]}" "$here/build-kernels.sh"; do
            [[ "$o" -nt "$dep" ]] || { stale=1; break; }
        done
        [[ $stale -eq 1 ]] && jobs+=("$name $target")
    done
done < <(for f in "${sources[@]}"; do echo "$(wc -c <"$f") $f"; done | sort -rn)

if [[ ${#jobs[@]} -eq 0 ]]; then
    [[ -f "$out/manifest.txt" ]] || write_manifest "$nvcc_line" "$flags"
    echo "build-kernels: all kernels up to date in $out"
    exit 0
fi

mkdir -p "$logs"
compile_one() {  # compile_one NAME TARGET: nvcc into a temporary file, renamed only on success
    local name=$1 target=$2 o args
    if [[ $target == ptx ]]; then
        o="$SB_OUT/$name.ptx"; args=(-ptx "-arch=compute_$SB_PTX_ARCH")
    else
        o="$SB_OUT/$name.$target.cubin"; args=(-cubin "-arch=$target")
    fi
    local tmp="$SB_OUT/.$(basename "$o").tmp" log="$SB_LOGS/$name.$target.log"
    # shellcheck disable=SC2086
    if "$SB_NVCC" $SB_FLAGS "${args[@]}" -o "$tmp" "$SB_SRC/$name.cu" >"$log" 2>&1; then
        mv -f "$tmp" "$o"
    else
        rm -f "$tmp"
        echo "build-kernels: nvcc failed for $name.cu ($target):" >&2
        cat "$log" >&2
        return 1
    fi
}
export -f compile_one
export SB_NVCC="$nvcc" SB_FLAGS="$flags" SB_SRC="$src" SB_OUT="$out" SB_LOGS="$logs" SB_PTX_ARCH="$ptx_arch"

procs="$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
echo "build-kernels: ${#jobs[@]} outputs with $nvcc ($nvcc_line), $procs in parallel"
status=0
printf '%s\n' "${jobs[@]}" | xargs -P "$procs" -L 1 bash -c 'compile_one "$@"' _ || status=$?

# One line per kernel from ptxas -v, and every warning verbatim.
for job in "${jobs[@]}"; do
    read -r name target <<<"$job"
    log="$logs/$name.$target.log"
    [[ -f "$log" ]] || continue
    grep -i 'warning' "$log" | sed "s|^|build-kernels: $name.cu ($target): |" >&2 || true
    [[ $target == ptx ]] && continue
    awk -v arch="$target" '
        /Compiling entry function/ { match($0, /'"'"'[^'"'"']+'"'"'/); fn = substr($0, RSTART + 1, RLENGTH - 2) }
        /bytes spill stores/ { spill = $5 " B spill stores, " $9 " B spill loads" }
        /Used [0-9]+ registers/ {
            regs = $0; sub(/.*Used /, "", regs); sub(/ registers.*/, "", regs)
            smem = "0"; if (match($0, /[0-9]+ bytes smem/)) { smem = substr($0, RSTART, RLENGTH); sub(/ bytes smem/, "", smem) }
            printf "  %-6s %-28s %3d registers, %s, %s B static smem\n", arch, fn, regs, spill, smem
        }' "$log"
done
if [[ $status -ne 0 ]]; then
    echo "build-kernels: FAILED (see the nvcc messages above; full logs in $logs)" >&2
    exit 1
fi
write_manifest "$nvcc_line" "$flags"
echo "build-kernels: built ${#jobs[@]} outputs into $out"
