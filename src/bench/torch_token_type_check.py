#!/usr/bin/python3
"""Runs shared/bench/torch_dual_encoder_bench.py with, optionally, a token-type embedding added.

Why: on the benchmark's 4 repeated random batches the reference's loss falls much faster than
polyret's (TINY: about 4.1 -> 0.26 in 22 steps against 3.45 -> 2.97). polyret's encoder is
Hugging Face's BERT / XLM-R, which adds token_type_embeddings[0] to every token; the reference has
no such vector. This driver loads the reference unchanged and, with --token-type, adds one
trainable [1, hidden] vector (trunc-normal 0.02, like the other embeddings) to every token before
the embedding LayerNorm, so the two curves can be compared with and without it.

Usage (same arguments as the reference, plus --script PATH and --token-type):
  /usr/bin/python3 src/bench/torch_token_type_check.py --script /work/shared/bench/torch_dual_encoder_bench.py \
      --token-type train --steps 19 --warmup 3 --loss q2p
"""
import importlib.util
import sys

import torch
import torch.nn as nn


def main():
    args = sys.argv[1:]
    if "--script" not in args:
        sys.exit("usage: torch_token_type_check.py --script PATH [--token-type] MODE [reference options]")
    i = args.index("--script")
    script = args[i + 1]
    del args[i:i + 2]
    token_type = "--token-type" in args
    if token_type:
        args.remove("--token-type")
    spec = importlib.util.spec_from_file_location("reference", script)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    if token_type:
        base_init = ref.Encoder.__init__

        def init(self, vocab, hidden, layers, heads, ffn, seq):
            base_init(self, vocab, hidden, layers, heads, ffn, seq)
            self.token_type = nn.Parameter(torch.empty(1, hidden))
            nn.init.trunc_normal_(self.token_type, std=0.02, a=-0.04, b=0.04)
            # The reference's LayerNorm then sees word + position + token type, as in BERT.
            original_ln = self.ln
            typ = self.token_type

            class WithTokenType(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.inner = original_ln

                def forward(self, x):
                    return self.inner(x + typ)

            self.ln = WithTokenType()

        ref.Encoder.__init__ = init
    sys.argv = [script] + args
    ref.main()


if __name__ == "__main__":
    main()
