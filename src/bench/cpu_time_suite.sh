#!/bin/bash
# Runs polyret's TrainBenchmark / EncoderBenchmark and the PyTorch reference (through
# src/bench/torch_cpu_time.py) at TINY, SMALL and BASE, 2 threads each, one after the other,
# printing one line per run with wall and CPU time (TrainBenchmark also times one MATMUL² float32
# product, default 4096, for its FLOP-rate fractions) (PyTorch with OMP_WAIT_POLICY=PASSIVE unless
# TORCH_OMP_WAIT_POLICY says otherwise). Usage (from the repository root, after
#   mvn -q -o -pl core -am compile dependency:build-classpath -Dmdep.outputFile=target/core-cp.txt
#   mvn -q -o -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/models-cp.txt -Dmdep.includeScope=test):
#   src/bench/cpu_time_suite.sh SHARED_DIR [train|encode|all] [polyret|torch|both]
set -euo pipefail
shared=${1:?shared dir (holds bench/torch_dual_encoder_bench.py)}
what=${2:-all}
who=${3:-both}
export TF_CPP_MIN_LOG_LEVEL=2
core_cp=${CORE_CP:-core/target/classes:models/target/classes:$(cat core/target/core-cp.txt)}
models_cp=${MODELS_CP:-models/target/test-classes:models/target/classes:$(cat models/target/models-cp.txt)}
# OpenMP threads that spin while waiting burn CPU time in proportion to how long the OTHER thread
# is kept off a shared core, which makes torch's CPU time meaningless under load: wait passively.
torch="env OMP_WAIT_POLICY=${TORCH_OMP_WAIT_POLICY:-PASSIVE} /usr/bin/python3 src/bench/torch_cpu_time.py --script $shared/bench/torch_dual_encoder_bench.py"
declare -A shape=([TINY]="8000 128 2 4 512 64" [SMALL]="32000 256 4 4 1024 128" [BASE]="32000 768 12 12 3072 128")
declare -A pairs=([TINY]=32 [SMALL]=32 [BASE]=8)
declare -A steps=([TINY]=20 [SMALL]=10 [BASE]=4)
# polyret times batches with exactly the reference's sequence lengths (replayed from its generator).
lengths_dir=$(mktemp -d)
trap 'rm -rf "$lengths_dir"' EXIT
for c in TINY SMALL BASE; do
  read -r v h l n f s <<<"${shape[$c]}"
  /usr/bin/python3 src/bench/torch_batch_lengths.py train --seq $s --vocab $v --batch ${pairs[$c]} >"$lengths_dir/$c-train"
  /usr/bin/python3 src/bench/torch_batch_lengths.py encode --seq $s --vocab $v --batch 32 >"$lengths_dir/$c-encode"
  if [[ $what != encode ]]; then
    if [[ $who != torch ]]; then
      java -Xmx3g -cp "$core_cp" io.polyret.core.bench.TrainBenchmark --config $c --steps ${steps[$c]} --warmup 2 \
        --threads 2 --matmul ${MATMUL:-4096} --lengths "$lengths_dir/$c-train" 2>/dev/null | sed "s/^/polyret-train $c /"
    fi
    if [[ $who != polyret ]]; then
      $torch train --vocab $v --hidden $h --layers $l --heads $n --ffn $f --seq $s --batch ${pairs[$c]} \
        --threads 2 --loss q2p --steps ${steps[$c]} --warmup 2 | sed "s/^/torch-train $c /"
    fi
  fi
  if [[ $what != train ]]; then
    if [[ $who != torch ]]; then
      java -Xmx3g -Dbench.lengths="$lengths_dir/$c-encode" -cp "$models_cp" io.polyret.models.bench.EncoderBenchmark encode $v $h $l $n $f $s 32 $((steps[$c] * 2)) \
        2>/dev/null | sed "s/^/polyret-encode $c /"
    fi
    if [[ $who != polyret ]]; then
      $torch encode --vocab $v --hidden $h --layers $l --heads $n --ffn $f --seq $s --batch 32 --threads 2 \
        --steps $((steps[$c] * 2)) --warmup 3 | sed "s/^/torch-encode $c /"
    fi
  fi
done
