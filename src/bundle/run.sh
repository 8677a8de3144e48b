#!/usr/bin/env bash
# Runs polyret from an unpacked bundle with its own Java runtime, TensorFlow natives and (GPU
# bundles) CUDA runtime; no network, no installed Java or CUDA needed.
#   ./run.sh [polyret arguments]           the command line (io.polyret.core.cli.PolyretCli)
#   POLYRET_MAIN=io.polyret.core.device.DeviceReport ./run.sh gpu    another main class
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# polyret preloads these before TensorFlow starts (io.polyret.core.device.CudaRuntime); the system's
# CUDA wins when complete.
[ -d "$HERE/cuda" ] && export POLYRET_CUDA_DIR="${POLYRET_CUDA_DIR:-$HERE/cuda}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
exec "$HERE/runtime/bin/java" ${POLYRET_JAVA_OPTS:-} \
  -Dorg.bytedeco.javacpp.cachedir="${POLYRET_NATIVE_CACHE:-$HERE/.native-cache}" \
  -cp "$HERE/polyret-cli.jar" "${POLYRET_MAIN:-io.polyret.core.cli.PolyretCli}" "$@"
