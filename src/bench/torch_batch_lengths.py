#!/usr/bin/python3
"""Prints the sequence lengths of the batches shared/bench/torch_dual_encoder_bench.py times.

The reference draws a pool of 4 batches from torch.Generator().manual_seed(seed + 1) (lengths
uniform in [seq/2, seq], then the ids) and cycles them. This replays the same draws, so polyret's
benchmarks can time batches with exactly the reference's lengths (`TrainBenchmark --lengths FILE`,
`EncoderBenchmark -Dbench.lengths=FILE`) instead of lengths of the same distribution, whose real
token count differs by several percent at batch 32. One line per batch, lengths separated by
spaces: encode mode prints the 4 batches; train mode prints 8 lines, queries then passages of each
of the 4 pool entries.

Usage: /usr/bin/python3 src/bench/torch_batch_lengths.py train|encode --seq 64 --vocab 8000 --batch 32 [--seed 0]
"""
import argparse

import torch


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["train", "encode"])
    ap.add_argument("--seq", type=int, required=True)
    ap.add_argument("--vocab", type=int, required=True)
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    gen = torch.Generator().manual_seed(a.seed + 1)
    per_entry = 2 if a.mode == "train" else 1
    for _ in range(4):  # the reference's pool
        for _ in range(per_entry):
            lengths = torch.randint(a.seq // 2, a.seq + 1, (a.batch,), generator=gen)
            torch.randint(5, a.vocab, (a.batch, a.seq), generator=gen)  # the ids: same generator state after
            print(" ".join(str(int(x)) for x in lengths))


if __name__ == "__main__":
    main()
