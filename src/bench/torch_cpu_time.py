#!/usr/bin/python3
"""Runs shared/bench/torch_dual_encoder_bench.py unchanged and adds CPU-time figures to its JSON line.

On a machine shared with other work, wall time per step is noise; process CPU time (all threads,
CLOCK_PROCESS_CPUTIME_ID) is far steadier. The reference script brackets each timed step with
time.perf_counter(); this driver hands it a clock module whose perf_counter() also records the
process CPU time at the same instant, so each step's wall and CPU time come from the same bracket.

Usage (same arguments as the reference script, plus --script PATH):
  /usr/bin/python3 src/bench/torch_cpu_time.py --script /work/shared/bench/torch_dual_encoder_bench.py \
      train --vocab 8000 --hidden 128 --layers 2 --heads 4 --ffn 512 --seq 64 --batch 32 --threads 2 --loss q2p
Adds median_cpu_ms_per_step / mean_cpu_ms_per_step (train) or median_cpu_ms_per_batch and
seq_per_cpu_s (encode) to the reference's output.
"""
import importlib.util
import io
import json
import statistics
import sys
import time
from contextlib import redirect_stdout


class RecordingClock:
    """Stands in for the time module: perf_counter() also records (wall, cpu) pairs."""

    def __init__(self):
        self.marks = []

    def perf_counter(self):
        cpu = time.process_time()
        wall = time.perf_counter()
        self.marks.append((wall, cpu))
        return wall

    def __getattr__(self, name):
        return getattr(time, name)


def main():
    args = sys.argv[1:]
    if len(args) < 2 or args[0] != "--script":
        sys.exit("usage: torch_cpu_time.py --script PATH train|encode [reference options]")
    script, rest = args[1], args[2:]
    spec = importlib.util.spec_from_file_location("torch_ref", script)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    clock = RecordingClock()
    ref.time = clock
    sys.argv = [script] + rest
    buf = io.StringIO()
    with redirect_stdout(buf):
        ref.main()
    out = json.loads(buf.getvalue().strip().splitlines()[-1])
    warmup = out["config"]["warmup"]
    pairs = list(zip(clock.marks[0::2], clock.marks[1::2]))[warmup:]
    cpu_ms = [(b[1] - a[1]) * 1e3 for a, b in pairs]
    med = statistics.median(cpu_ms)
    if out["mode"] == "train":
        out["median_cpu_ms_per_step"] = round(med, 2)
        out["mean_cpu_ms_per_step"] = round(statistics.mean(cpu_ms), 2)
    else:
        out["median_cpu_ms_per_batch"] = round(med, 2)
        out["seq_per_cpu_s"] = round(out["config"]["batch"] / (med / 1e3), 2)
    out["cpu_timed_intervals"] = len(cpu_ms)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
