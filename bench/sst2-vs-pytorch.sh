#!/usr/bin/env bash
# End-to-end training throughput of configs/sst2-stacked-lstm.yaml against the same network in PyTorch
# (../shared/bench/torch_sst2.py), interleaved rounds, best of each. Usage: bench/sst2-vs-pytorch.sh [ROUNDS] [BATCHES] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"; batches="${2:-200}"; threads="${3:-1}"
data="${RNNKIT_DATA_DIR:-$(cd .. && pwd)/shared/data}"
torch="$(cd .. && pwd)/shared/bench/torch_sst2.py"
runs="$(mktemp -d)"; trap 'rm -rf "$runs"' EXIT
best_rnnkit=0; best_torch=0
for ((r = 1; r <= rounds; r++)); do
  OMP_NUM_THREADS=$threads ./rnnkit train configs/sst2-stacked-lstm.yaml --data-dir "$data" --run-dir "$runs/$r" \
      --set training.epochs=1 --set training.max_batches="$batches" > "$runs/$r.log" 2>&1
  rnnkit=$(python3 -c "import json,sys; print(next(json.loads(l)['examples_per_second'] for l in open(sys.argv[1]) if 'examples_per_second' in l))" "$runs/$r/metrics.jsonl")
  torch_rate=$(OMP_NUM_THREADS=$threads /usr/bin/python3 "$torch" "$threads" "$batches" "$data/sst2/train.tsv" | sed -E 's/.*examples\/s=([0-9.]+).*/\1/')
  echo "round $r: rnnkit $rnnkit examples/s, pytorch $torch_rate examples/s"
  best_rnnkit=$(python3 -c "print(max($best_rnnkit, $rnnkit))"); best_torch=$(python3 -c "print(max($best_torch, $torch_rate))")
done
python3 -c "print(f'best: rnnkit {$best_rnnkit:.0f} examples/s, pytorch {$best_torch:.0f} examples/s, ratio {$best_rnnkit/$best_torch:.2f}x ($threads thread(s), $batches minibatches of 64)')"
