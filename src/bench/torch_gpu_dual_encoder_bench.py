#!/usr/bin/env python3
"""PyTorch GPU reference for polyret's training benchmark (ExecutionBenchmark on the GPU).

Reuses the model, batches and loss of the shared CPU reference, torch_dual_encoder_bench.py
(loaded from --reference), and times full training steps on CUDA: forward of queries and
passages, in-batch contrastive loss, backward, gradient clipping, AdamW. Precisions:
  fp32  float32 weights and math; matrix products use TF32 tensor cores when --tf32 is on (the
        default, as TensorFlow does on Ampere and later GPUs), strict float32 with --no-tf32
  fp16  torch.autocast(float16) with a GradScaler (dynamic loss scaling), float32 master weights
  bf16  torch.autocast(bfloat16), no scaler
One JSON line per precision, with the FLOPs per step (6*N*T + 12*L*S^2*H*n_seq, N non-embedding
parameters, T tokens incl. padding, n_seq sequences), the achieved TFLOP/s and the model FLOP
utilisation against --peak-tflops.

  python3 torch_gpu_dual_encoder_bench.py --vocab 32000 --batch 100 --precision fp32,fp16
"""
import argparse
import importlib.util
import json
import os
import statistics
import time

import torch
import torch.nn.functional as F

DEFAULT_REFERENCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "bench",
                                 "torch_dual_encoder_bench.py")


def load_reference(path):
    if not os.path.isfile(path):
        raise SystemExit(f"reference model not found: '{path}' (pass --reference PATH/torch_dual_encoder_bench.py)")
    spec = importlib.util.spec_from_file_location("torch_dual_encoder_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def contrastive_loss(qv, pv, temperature, symmetric):
    # The reference builds its labels on the CPU; the same loss with labels on the embeddings' device.
    logits = qv.float() @ pv.float().t() / temperature
    labels = torch.arange(qv.shape[0], device=qv.device)
    loss = F.cross_entropy(logits, labels)
    if symmetric:
        loss = 0.5 * (loss + F.cross_entropy(logits.t(), labels))
    return loss


def train_flops(non_embedding_params, layers, seq, hidden, batch):
    sequences = 2 * batch  # queries and passages
    tokens = sequences * seq
    return 6 * non_embedding_params * tokens + 12 * layers * seq * seq * hidden * sequences


def grad_scaler(device):
    if hasattr(torch, "amp") and hasattr(torch.amp, "GradScaler"):
        return torch.amp.GradScaler(device)
    return torch.cuda.amp.GradScaler()


def run_one(ref, a, precision, device):
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed + 1)
    model = ref.Encoder(a.vocab, a.hidden, a.layers, a.heads, a.ffn, a.seq).to(device)
    n_params = sum(p.numel() for p in model.parameters())
    n_emb = model.tok.weight.numel() + model.pos.numel()
    decay = [p for p in model.parameters() if p.dim() == 2]
    no_decay = [p for p in model.parameters() if p.dim() != 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.wd}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=a.lr)
    batches = [tuple(t.to(device) for t in ref.random_batch(gen, a.batch, a.seq, a.vocab)
                     + ref.random_batch(gen, a.batch, a.seq, a.vocab)) for _ in range(4)]
    autocast_dtype = {"fp16": torch.float16, "bf16": torch.bfloat16}.get(precision)
    scaler = grad_scaler(device) if precision == "fp16" else None
    symmetric = a.loss == "sym"
    model.train()
    times, losses, skipped = [], [], 0
    for step in range(a.warmup + a.steps):
        qi, qm, pi, pm = batches[step % len(batches)]
        if device.type == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        if autocast_dtype is not None:
            with torch.autocast(device_type=device.type, dtype=autocast_dtype):
                loss = contrastive_loss(model(qi, qm), model(pi, pm), a.temperature, symmetric)
        else:
            loss = contrastive_loss(model(qi, qm), model(pi, pm), a.temperature, symmetric)
        if scaler is not None:
            scale_before = scaler.get_scale()
            scaler.scale(loss).backward()
            scaler.unscale_(opt)
            torch.nn.utils.clip_grad_norm_(model.parameters(), a.clip)
            scaler.step(opt)
            scaler.update()
        else:
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), a.clip)
            opt.step()
        lv = loss.item()  # synchronises, as the Java benchmark's fetch of the loss does
        dt = time.perf_counter() - t0
        if scaler is not None and scaler.get_scale() < scale_before:
            skipped += 1
        losses.append(lv)
        if step >= a.warmup:
            times.append(dt)
    med = statistics.median(times)
    non_emb = n_params - n_emb
    flops = train_flops(non_emb, a.layers, a.seq, a.hidden, a.batch)
    out = {"impl": "pytorch", "device": str(device), "precision": precision,
           "tf32": bool(precision == "fp32" and a.tf32),
           "median_ms_per_step": round(med * 1e3, 2), "pairs_per_s": round(a.batch / med, 1),
           "sequences_per_s": round(2 * a.batch / med, 1),
           "min_ms": round(min(times) * 1e3, 2), "max_ms": round(max(times) * 1e3, 2),
           "flops_per_step": flops, "tflops": round(flops / med / 1e12, 1),
           "mfu_vs_peak": round(flops / med / (a.peak_tflops * 1e12), 4), "peak_tflops": a.peak_tflops,
           "loss_first": round(losses[0], 4), "loss_last": round(losses[-1], 4), "skipped_steps": skipped,
           "config": {k: getattr(a, k) for k in ("vocab", "hidden", "layers", "heads", "ffn", "seq", "batch",
                                                   "steps", "warmup", "loss", "clip")},
           "params": n_params, "non_embedding_params": non_emb, "torch": torch.__version__,
           "gpu": torch.cuda.get_device_name(device) if device.type == "cuda" else None}
    if device.type == "cuda":
        out["max_memory_gib"] = round(torch.cuda.max_memory_allocated(device) / 2**30, 2)
        torch.cuda.reset_peak_memory_stats(device)
    del model, opt, batches
    if device.type == "cuda":
        torch.cuda.empty_cache()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", default=os.environ.get("POLYRET_TORCH_REFERENCE", DEFAULT_REFERENCE),
                    help="path of the shared torch_dual_encoder_bench.py (model, batches)")
    ap.add_argument("--device", default="cuda", help="cuda (default), cuda:N or cpu (for a smoke test)")
    ap.add_argument("--precision", default="fp32,fp16", help="comma list of fp32, fp16, bf16")
    ap.add_argument("--tf32", action=argparse.BooleanOptionalAction, default=True,
                    help="TF32 tensor cores for float32 matrix products (TensorFlow's default on the GPU)")
    ap.add_argument("--vocab", type=int, default=32000)
    ap.add_argument("--hidden", type=int, default=768)
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument("--heads", type=int, default=12)
    ap.add_argument("--ffn", type=int, default=3072)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--batch", type=int, default=100, help="pairs per step")
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--wd", type=float, default=0.01)
    ap.add_argument("--clip", type=float, default=1.0, help="global gradient-norm clip (polyret's AdamW clips at 1)")
    ap.add_argument("--temperature", type=float, default=0.05)
    ap.add_argument("--loss", choices=["sym", "q2p"], default="q2p",
                    help="q2p = queries only (what ExecutionBenchmark trains); sym = both directions")
    ap.add_argument("--peak-tflops", type=float, default=989.4,
                    help="peak for the utilisation figure (H200 SXM dense FP16/BF16 tensor: 989.4)")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    precisions = [p.strip() for p in a.precision.split(",") if p.strip()]
    for p in precisions:
        if p not in ("fp32", "fp16", "bf16"):
            raise SystemExit(f"--precision: unknown precision '{p}' (fp32, fp16, bf16)")
    device = torch.device(a.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device cuda: torch sees no CUDA device")
    if "fp16" in precisions and device.type != "cuda":
        raise SystemExit("--precision fp16 needs a CUDA device")
    torch.backends.cuda.matmul.allow_tf32 = a.tf32
    torch.backends.cudnn.allow_tf32 = a.tf32
    ref = load_reference(a.reference)
    for p in precisions:
        print(json.dumps(run_one(ref, a, p, device)), flush=True)


if __name__ == "__main__":
    main()
