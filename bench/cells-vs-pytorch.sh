#!/usr/bin/env bash
# Side-by-side speed of rnnkit's cells and PyTorch's (../shared/bench/torch_cells.py): one training step of a
# single recurrent layer + per-step linear head, batch 64, 50 steps, 64 inputs; rounds interleaved, best of each.
# Needs PyTorch for CPU: apt-get install -y python3-torch libopenblas0-pthread. Usage: bench/cells-vs-pytorch.sh [ROUNDS] [THREADS...]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"; shift || true
threads=("${@:-1}")
torch="$(cd .. && pwd)/shared/bench/torch_cells.py"
out="$(mktemp -d)"
for ((r = 1; r <= rounds; r++)); do
  for t in "${threads[@]}"; do
    OMP_NUM_THREADS=$t ./rnnkit benchmark --sizes 128,256,512 --threads "$t" --json 2>/dev/null \
      | sed "s/^/$t rnnkit /" >> "$out/all.txt"
    OMP_NUM_THREADS=$t /usr/bin/python3 "$torch" "$t" 128 256 512 | sed "s/^/$t /" >> "$out/all.txt"
  done
done
python3 - "$out/all.txt" <<'PY'
import json, sys, collections
best = collections.defaultdict(lambda: float("inf"))
for line in open(sys.argv[1]):
    t, who, rest = line.split(" ", 2)
    if who == "rnnkit":
        o = json.loads(rest); key = (int(t), o["cell"], o["size"], "rnnkit"); ms = o["ms_per_step"]
    else:
        f = rest.split(); key = (int(t), f[0], int(f[1]), "torch"); ms = float(f[2])
    best[key] = min(best[key], ms)
print("threads cell   H   rnnkit_ms  torch_ms  rnnkit/torch speed")
for (t, cell, h, who) in sorted(k for k in best if k[3] == "rnnkit"):
    r, p = best[(t, cell, h, "rnnkit")], best[(t, cell, h, "torch")]
    print(f"{t:7d} {cell:5s} {h:4d} {r:10.1f} {p:9.1f} {p / r:8.2f}x")
PY
