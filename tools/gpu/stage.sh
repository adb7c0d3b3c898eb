#!/usr/bin/env bash
# Stages what a GPU machine without Java needs to run scalebench, into one folder under 64 MiB (the limit on what a
# remote command can carry; docs/gpu.md, "A GPU machine without Java"):
#   <dir>/runtime/   a jlink-ed Java runtime (the modules scalebench uses)
#   <dir>/lib/       the runtime jars, without pytorch-native-cpu (a GPU machine brings its own libtorch) and the
#                    PostgreSQL driver (the staged history is SQLite), with
#                    sqlite-jdbc cut to its linux-x86_64 native and jcuda-natives cut to the libraries we load
#                    (the driver API and NVRTC; not the 24 MB PTX compiler)
#   <dir>/scalebench the launcher: <dir>/scalebench sweep --profile gpu-kernels ...
# Usage: tools/gpu/stage.sh [--arch sm_90] [dir]   (default .gpu-stage; add it to .git/info/exclude: a build output)
#   --arch sm_90  keep only that architecture's cubins (and the PTX) in the kernels jar: about 1.8 MB less
# Needs a JDK with jlink (17+) and a built tree (./mvnw -q -DskipTests package).
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ARCH=""
if [[ "${1:-}" == "--arch" ]]; then
  ARCH="${2:?--arch needs a value such as sm_90}"
  shift 2
fi
OUT="${1:-$HOME_DIR/.gpu-stage}"
LIB_SRC="$HOME_DIR/harness/target/lib"
JLINK="${JAVA_HOME:+$JAVA_HOME/bin/}jlink"
MODULES=java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.management,java.net.http,jdk.httpserver  # the last two: sweep --push-gateway and --serve-metrics

HARNESS_JAR="$(ls "$HOME_DIR"/harness/target/scalebench-harness-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)"
if [[ -z "$HARNESS_JAR" || ! -d "$LIB_SRC" ]]; then
  echo "stage: build first: ./mvnw -q -DskipTests package" >&2
  exit 2
fi
command -v "$JLINK" >/dev/null || { echo "stage: no jlink (set JAVA_HOME to a JDK 17+)" >&2; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT/lib"
"$JLINK" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$OUT/runtime"

cp "$HARNESS_JAR" "$OUT/lib/"
for jar in "$LIB_SRC"/*.jar; do
  case "$(basename "$jar")" in
    pytorch-native-cpu-*) ;;                                   # a GPU machine uses its own libtorch
    postgresql-*|checker-qual-*) ;;                            # the GPU check keeps its history in SQLite
    *) cp "$jar" "$OUT/lib/" ;;
  esac
done

# Slim two jars that carry natives for every platform or tool: keep what a linux-x86_64 GPU run loads.
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
slim() { # jar, paths to delete (zip patterns)
  local jar="$1"; shift
  python3 - "$jar" "$@" <<'PY'
import fnmatch, os, shutil, sys, zipfile
jar, patterns = sys.argv[1], sys.argv[2:]
tmp = jar + ".tmp"
with zipfile.ZipFile(jar) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        if not any(fnmatch.fnmatch(item.filename, p) for p in patterns):
            dst.writestr(item, src.read(item.filename))
os.replace(tmp, jar)
PY
}
for jar in "$OUT"/lib/sqlite-jdbc-*.jar; do
  slim "$jar" 'org/sqlite/native/Windows/*' 'org/sqlite/native/Mac/*' 'org/sqlite/native/FreeBSD/*' \
    'org/sqlite/native/Linux-Android/*' 'org/sqlite/native/Linux-Musl/*' 'org/sqlite/native/Linux/arm*' \
    'org/sqlite/native/Linux/aarch64/*' 'org/sqlite/native/Linux/x86/*' 'org/sqlite/native/Linux/ppc64/*' \
    'org/sqlite/native/Linux/riscv64/*'
done
for jar in "$OUT"/lib/jna-*.jar; do          # JNA's dispatch library for every platform; keep linux-x86-64
  slim "$jar" $(unzip -Z1 "$jar" | grep -E '^com/sun/jna/[^/]+/(lib)?jnidispatch' | grep -v '/linux-x86-64/')
done
for jar in "$OUT"/lib/jline-native-*.jar; do  # the progress bar's terminal library, likewise
  slim "$jar" $(unzip -Z1 "$jar" | grep -E '^org/jline/nativ/.+\.(so|dll|jnilib|dylib)$' | grep -v '/Linux/x86_64/')
done
for jar in "$OUT"/lib/jcuda-natives-*.jar; do
  slim "$jar" 'lib/libJNvPTXCompiler-*' 'lib/libJCudaRuntime-*'   # scalebench uses the driver API and NVRTC only
done
if [[ -n "$ARCH" ]]; then
  for jar in "$OUT"/lib/scalebench-kernels-*.jar; do
    slim "$jar" $(for a in sm_80 sm_90; do [[ "$a" == "$ARCH" ]] || echo "cuda/*.$a.cubin"; done)
  done
fi

cat > "$OUT/scalebench" <<'SH'
#!/usr/bin/env bash
# scalebench from a staged folder (tools/gpu/stage.sh): its own Java runtime, no build, no network.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$DIR/runtime/bin/java" ${SCALEBENCH_JAVA_OPTS:--Xms1g -Xmx8g} -XX:+UseG1GC -Dai.djl.offline=true \
  -Dscalebench.home="${SCALEBENCH_HOME:-$PWD}" -cp "$DIR/lib/*" dev.scalebench.cli.Main "$@"
SH
chmod +x "$OUT/scalebench"

size=$(du -sm "$OUT" | cut -f1)
echo "staged: $OUT (${size} MiB: runtime $(du -sm "$OUT/runtime" | cut -f1), jars $(du -sm "$OUT/lib" | cut -f1))"
if (( size >= 64 )); then
  echo "stage: ${size} MiB is over the 64 MiB a remote command can carry" >&2
  exit 1
fi
