#!/usr/bin/env bash
# Runs selfcheck.cu on the CPU: g++ compiles the kernels' own source against a host emulation of the CUDA
# features they use (emu/: CUDA threads as OS threads, warp collectives, ldmatrix and mma.sync fragment layouts),
# so their index arithmetic, masking, reductions and split combine are checked without a GPU. Not a substitute
# for selfcheck.cu on a GPU: it cannot see races on cp.async, the memory model or performance.
#   kernels/src/test/cuda/emulate.sh            (needs g++ 11 or newer; takes a few minutes on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${TMPDIR:-/tmp}/scalebench-selfcheck-emu"
g++ -std=c++20 -O1 -g -no-pie -fno-pie -pthread -DSB_EMU -include "$here/emu/sb_emu.h" -I "$here/emu" -I "$here" \
    -Wall -Wno-unknown-pragmas -Wno-unused-variable -Wno-unused-but-set-variable -x c++ "$here/selfcheck.cu" -o "$bin"
exec "$bin" "$@"
