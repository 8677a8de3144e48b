#!/usr/bin/env bash
# Packs polyret for an offline Linux x86-64 machine: a jlink'ed Java runtime, the polyret CLI jar,
# TensorFlow's natives (GPU build by default) and the CUDA 12 / cuDNN 9 runtime TensorFlow 2.18
# needs, as numbered parts of at most --part-size MiB with SHA-256 checksums, plus
# reassemble-and-run.sh that verifies, joins, unpacks and runs them.
#
#   src/bundle/make-bundle.sh [--part-size MiB] [--out DIR] [--cuda VERSION] [--cpu] [--no-cuda]
#                             [--compress gzip|zstd|xz] [--skip-build]
#
# Needs network once (Maven downloads ~530 MB of TF GPU natives and the ~2 GB CUDA redist jar into
# ~/.m2); nothing is downloaded at run time. Run from the repository root.
set -euo pipefail

PART_MIB=60
OUT=target/bundle
CUDA_VERSION=12.6-9.5-1.5.11
PROFILE=gpu
WITH_CUDA=1
COMPRESS=gzip
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --part-size) PART_MIB="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --cuda) CUDA_VERSION="$2"; shift 2 ;;
    --cpu) PROFILE=cpu; WITH_CUDA=0; shift ;;
    --no-cuda) WITH_CUDA=0; shift ;;
    --compress) COMPRESS="$2"; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "make-bundle: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
done
case "$PART_MIB" in ''|*[!0-9]*) echo "make-bundle: --part-size must be a positive number of MiB, got '$PART_MIB'" >&2; exit 64 ;; esac
[ "$PART_MIB" -ge 1 ] || { echo "make-bundle: --part-size must be >= 1, got $PART_MIB" >&2; exit 64; }
case "$COMPRESS" in
  gzip) TAR_FLAG=-z; EXT=tar.gz ;;
  zstd) TAR_FLAG="--zstd"; EXT=tar.zst ;;
  xz) TAR_FLAG=-J; EXT=tar.xz ;;
  *) echo "make-bundle: --compress must be gzip, zstd or xz, got '$COMPRESS'" >&2; exit 64 ;;
esac
[ -f pom.xml ] && [ -d core ] || { echo "make-bundle: run from the polyret repository root" >&2; exit 64; }
for tool in jlink jdeps sha256sum split tar unzip; do
  command -v "$tool" >/dev/null || { echo "make-bundle: '$tool' is required" >&2; exit 69; }
done

MVN_PROFILE=()
[ "$PROFILE" = gpu ] && MVN_PROFILE=(-Pgpu)
if [ "$BUILD" = 1 ]; then
  echo "== building the CLI jar (${PROFILE} natives)"
  mvn -B -q "${MVN_PROFILE[@]}" -DskipTests package -pl core -am
fi
CLI=core/target/polyret-cli.jar
[ -f "$CLI" ] || { echo "make-bundle: $CLI not found (build failed or --skip-build without a build)" >&2; exit 66; }
CLASSIFIER=linux-x86_64; [ "$PROFILE" = gpu ] && CLASSIFIER=linux-x86_64-gpu
TF_VERSION=$(unzip -p "$CLI" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's#.*lib/tensorflow-core-native-\([0-9.]*\)\.jar.*#\1#p' | head -1)
NATIVE_JAR=core/target/lib/tensorflow-core-native-${TF_VERSION}-${CLASSIFIER}.jar
[ -f "$NATIVE_JAR" ] || { echo "make-bundle: $NATIVE_JAR missing; build with the matching profile" >&2; exit 66; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/polyret-bundle.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/polyret"
mkdir -p "$STAGE/lib"
cp "$CLI" "$STAGE/"
cp "core/target/lib/tensorflow-core-native-${TF_VERSION}.jar" "$NATIVE_JAR" "$STAGE/lib/"
# The jar's manifest names both native jars; the CPU bundle must not list a GPU jar and vice versa.

echo "== jlink: a Java runtime with the modules the jars use"
# The shaded jar holds every Java class but TF's native-loader jar, which needs only java.base and
# jdk.unsupported. JavaCPP also picks its logger (java.logging) and sun.misc.Unsafe reflectively.
MODULES=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$STAGE/polyret-cli.jar")
[ -n "$MODULES" ] || { echo "make-bundle: jdeps found no modules" >&2; exit 70; }
MODULES="$MODULES,jdk.unsupported,java.logging,java.management,jdk.crypto.ec"
jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$STAGE/runtime"

if [ "$WITH_CUDA" = 1 ]; then
  echo "== CUDA runtime: org.bytedeco:cuda:${CUDA_VERSION}:linux-x86_64-redist"
  mvn -B -q dependency:copy -Dartifact="org.bytedeco:cuda:${CUDA_VERSION}:jar:linux-x86_64-redist" \
    -DoutputDirectory="$WORK/redist" -Dmdep.useBaseVersion=true
  REDIST=$(ls "$WORK"/redist/cuda-*-linux-x86_64-redist.jar)
  mkdir -p "$STAGE/cuda"
  # Only what TensorFlow 2.18 opens (io.polyret.core.device.CudaRuntime.LOAD_ORDER), not NPP, nvJPEG, ...
  for lib in libnvJitLink.so.12 libcudart.so.12 libcublasLt.so.12 libcublas.so.12 libcufft.so.11 \
      libcusparse.so.12 libcusolver.so.11 libnvrtc.so.12 'libnvrtc-builtins.so.*' libcudnn_graph.so.9 \
      libcudnn_engines_precompiled.so.9 libcudnn_engines_runtime_compiled.so.9 libcudnn_heuristic.so.9 \
      libcudnn_ops.so.9 libcudnn_cnn.so.9 libcudnn_adv.so.9 libcudnn.so.9; do
    unzip -q -j -o "$REDIST" "org/bytedeco/cuda/linux-x86_64/$lib" -d "$STAGE/cuda"
  done
fi

cp src/bundle/run.sh "$STAGE/run.sh"
chmod +x "$STAGE/run.sh"
{
  echo "polyret bundle"
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "natives: tensorflow-core-native ${TF_VERSION} ${CLASSIFIER}"
  echo "cuda: $([ "$WITH_CUDA" = 1 ] && echo "org.bytedeco:cuda:${CUDA_VERSION}:linux-x86_64-redist" || echo none)"
  echo "java modules: ${MODULES}"
} > "$STAGE/BUNDLE-INFO.txt"

echo "== packing into parts of ${PART_MIB} MiB"
rm -rf "$OUT"
mkdir -p "$OUT"
NAME="polyret-bundle.${EXT}"
tar -C "$WORK" $TAR_FLAG -cf - polyret | split -b "${PART_MIB}M" -d -a 3 - "$OUT/${NAME}.part-"
cp src/bundle/reassemble-and-run.sh "$OUT/"
chmod +x "$OUT/reassemble-and-run.sh"
# The archive's own checksum, and each part's (a bad part is named, not just "corrupt").
ARCHIVE_SHA=$(cat "$OUT/${NAME}".part-* | sha256sum | cut -d' ' -f1)
(cd "$OUT" && sha256sum "${NAME}".part-* > SHA256SUMS && echo "$ARCHIVE_SHA  ${NAME}" > ARCHIVE.sha256)
ls -l "$OUT"
echo "bundle: $(ls "$OUT"/*.part-* | wc -l) part(s) in $OUT; copy the folder, then run ./reassemble-and-run.sh [polyret args]"
