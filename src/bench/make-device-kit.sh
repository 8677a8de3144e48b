#!/usr/bin/env bash
# Repacks an unpacked polyret GPU bundle (src/bundle/make-bundle.sh, then reassemble-and-run.sh or
# tar -x) into a small kit for a lent GPU machine that takes few MiB per upload: zstd parts of at
# most --part-size MiB.
#
#   src/bench/make-device-kit.sh --bundle DIR/polyret [--out DIR] [--part-size MiB] [--level N]
#
# What makes it small (1.97 GB unpacked, 687 MB in 12 parts of 55 MiB at level 12, against 1.3 GB):
#  - TensorFlow's GPU natives jar is rewritten with STORED entries, so zstd sees the raw .so files
#    (the jar's deflate is worse than zstd, and deflated data does not compress again);
#  - cuFFT, cuSPARSE and cuSOLVER are replaced by empty libraries with the same sonames:
#    TensorFlow 2.18 only requires that they open (its dso loader) and resolves their symbols
#    lazily; polyret's dual encoder calls none of them. Their real files go to a second set of
#    parts (b*) for graphs that need FFT, sparse or solver ops: unpack it over the first.
# On the target: cat a* | zstd -d --long=27 | tar -x; KIT=polyret then runs src/bench/gpu_train_suite.sh.
set -euo pipefail
BUNDLE=""
OUT=target/device-kit
PART_MIB=55
LEVEL=12
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --part-size) PART_MIB="$2"; shift 2 ;;
    --level) LEVEL="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "make-device-kit: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
done
[ -n "$BUNDLE" ] && [ -x "$BUNDLE/run.sh" ] && [ -d "$BUNDLE/cuda" ] \
  || { echo "make-device-kit: --bundle must name an unpacked GPU bundle (run.sh, cuda/), got '$BUNDLE'" >&2; exit 64; }
for tool in zstd zip unzip gcc tar split; do
  command -v "$tool" >/dev/null || { echo "make-device-kit: '$tool' is required" >&2; exit 69; }
done
BUNDLE=$(cd "$BUNDLE" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/polyret-kit.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/main/polyret"
REAL="$WORK/real/polyret/cuda"
mkdir -p "$STAGE/lib" "$STAGE/cuda" "$REAL"
cp -r "$BUNDLE/runtime" "$BUNDLE/polyret-cli.jar" "$BUNDLE/run.sh" "$STAGE/"
[ -f "$BUNDLE/BUNDLE-INFO.txt" ] && cp "$BUNDLE/BUNDLE-INFO.txt" "$STAGE/"
STUBBED="libcufft.so.11 libcusparse.so.12 libcusolver.so.11"
for f in "$BUNDLE"/cuda/*; do
  name=$(basename "$f")
  case " $STUBBED " in *" $name "*) cp "$f" "$REAL/" ;; *) cp "$f" "$STAGE/cuda/" ;; esac
done
echo '/* stand-in: TensorFlow only needs the library to open; no symbol is used */' > "$WORK/stub.c"
for name in $STUBBED; do
  gcc -shared -fPIC -Wl,-soname,"$name" -o "$STAGE/cuda/$name" "$WORK/stub.c"
done
for jar in "$BUNDLE"/lib/*.jar; do
  case "$jar" in
    *-gpu.jar)
      mkdir "$WORK/jar"
      (cd "$WORK/jar" && unzip -q "$jar" && zip -q -0 -r -X "$STAGE/lib/$(basename "$jar")" .)
      rm -rf "$WORK/jar" ;;
    *) cp "$jar" "$STAGE/lib/" ;;
  esac
done
rm -rf "$OUT"
mkdir -p "$OUT"
tar -C "$WORK/main" -cf - polyret | zstd -q "-$LEVEL" --long=27 -T0 | split -b "${PART_MIB}M" -d -a 2 - "$OUT/a"
if [ -n "$(ls "$REAL")" ]; then
  tar -C "$WORK/real" -cf - polyret | zstd -q "-$LEVEL" --long=27 -T0 | split -b "${PART_MIB}M" -d -a 2 - "$OUT/b"
fi
(cd "$OUT" && sha256sum a* b* 2>/dev/null > SHA256SUMS)
echo "kit: $(ls "$OUT"/a* | wc -l) part(s) a* (+ $(ls "$OUT"/b* 2>/dev/null | wc -l) b* with the real cuFFT/cuSPARSE/cuSOLVER) in $OUT"
