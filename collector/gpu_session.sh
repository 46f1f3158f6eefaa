#!/usr/bin/env bash
# A prepared measurement session for a lent GPU (H200 or similar; PyTorch 2.x with CUDA), about 8 minutes wall:
#   0. a self-check (~30 s): torch sees the GPU, TF32 switches obey the precision, a graph traces, 6 kernels time;
#   1. a kernel sweep on cuda in fp32, tf32, bf16 and fp16 (~270 s), kernels-v1 rows;
#   2. a short whole-model `collect` (~150 s) with peak memory on a selection of catalogue models.
# Everything lands in $OUT (or --out DIR): CSVs, summaries, nvidia-smi, versions, a log. Rows are flushed one by
# one and each phase runs under `timeout`, so a session cut short keeps what it measured.
#
# Usage (repository root):  bash collector/gpu_session.sh [--out DIR] [--device cuda|cpu] [--dry-run]
#   --dry-run   tiny budgets (seconds), to check the script end to end; with --device cpu it runs anywhere.
# The device tool:          run(command="bash collector/gpu_session.sh --out \"$OUT\"", timeout_s=570)
set -uo pipefail
cd "$(dirname "$0")/.."

out="${OUT:-gpu-session-out}"
device="cuda"
dry_run=0
python="${PYTHON:-python3}"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --device) device="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
log="$out/session.log"
say() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$log" >&2; }

if [ "$dry_run" -eq 1 ]; then
  kernel_budget=4; kernel_cases=12; collect_budget=15; selfcheck_cases=2
  models="mlp_256_8,small_cnn_32"; batches="2"; phases="infer,train_step"
else
  kernel_budget=270; kernel_cases=0; collect_budget=150; selfcheck_cases=6
  # catalogue models across the families (every one is in datasets/model-catalog.json); swin is left out:
  # collect's FLOP column comes from describe's hooks, which cannot count it
  models="mlp_2048_4,small_cnn_128,lstm_512_2,tfenc_256_4,bert_base,gpt2_small,resnet18,resnet50,mobilenet_v3_large,efficientnet_b0,convnext_tiny,vit_b_16,regnet_y_1_6gf,densenet121"
  batches="8,32,128"; phases="infer,train_step"
fi
if [ "$device" = "cuda" ]; then
  dtypes="fp32,tf32,bf16,fp16"; precisions="fp32,tf32,bf16"; threads_arg=()
else
  dtypes="fp32,bf16"; precisions="fp32"; threads_arg=(--threads 1)
fi
stamp="$(date -u +%Y%m%d-%H%M%S)"
status=0

say "gpu session: device $device, dry run $dry_run, out $out"
{ command -v nvidia-smi >/dev/null && nvidia-smi -q || echo "nvidia-smi not found"; } > "$out/nvidia-smi.txt" 2>&1
"$python" - > "$out/versions.txt" 2>&1 <<'EOF'
import importlib, platform
print("python", platform.python_version())
for name in ("torch", "torchvision", "transformers", "timm", "numpy"):
    try:
        module = importlib.import_module(name)
        print(name, getattr(module, "__version__", "?"))
    except Exception as exc:  # noqa: BLE001
        print(name, "missing:", type(exc).__name__)
import torch
print("cuda", torch.version.cuda, "available", torch.cuda.is_available())
if torch.cuda.is_available():
    print("gpu", torch.cuda.get_device_name(0), torch.cuda.get_device_capability(0))
EOF

# 0. Self-check: stop early (and save device time) when the basics do not hold.
say "0. self-check"
if ! timeout 120 "$python" - "$device" >> "$log" 2>&1 <<'EOF'
import sys
import torch
from collector import compat
from collector.graph import graph_totals, trace_model
from collector.models import describe
device = sys.argv[1]
if device == "cuda":
    assert torch.cuda.is_available(), "torch.cuda.is_available() is false"
    a = torch.randn(2048, 2048, device="cuda")
    with compat.precision_context("cuda", "fp32"):
        assert compat.tf32_state() == {"cuda_matmul_allow_tf32": False, "cudnn_allow_tf32": False}
        exact = (a @ a).double()
    with compat.precision_context("cuda", "tf32"):
        assert compat.tf32_state()["cuda_matmul_allow_tf32"] is True
        fast = (a @ a).double()
    with compat.precision_context("cuda", "bf16"):
        assert (a @ a).dtype == torch.bfloat16
    print("tf32 relative difference", float(((fast - exact).norm() / exact.norm())))
graph = trace_model("bert_tiny")
totals = graph_totals(graph)
spec = describe("bert_tiny")
assert abs(totals["matmulFlopsPerSample"] - spec["flopsPerSample"]) <= 0.02 * spec["flopsPerSample"], totals
print("self-check ok:", torch.__version__, "sdpa" if compat.has_sdpa() else "no sdpa", graph["source"],
      len(graph["operators"]), "operators")
EOF
then
  say "self-check failed (see $log); stopping"
  exit 3
fi
if ! timeout 120 "$python" -m collector kernels --device "$device" "${threads_arg[@]}" --dtypes "$dtypes" \
    --out "$out/selfcheck-kernels.csv" --max-cases "$selfcheck_cases" --budget-s 60 --repeat-check 0 \
    --run-id "selfcheck-$stamp" --quiet >> "$log" 2>&1; then
  say "self-check kernels failed (see $log); stopping"
  exit 3
fi
say "self-check passed"

# 1. Kernel sweep.
say "1. kernel sweep: $dtypes, budget ${kernel_budget}s"
timeout $((kernel_budget + 120)) "$python" -m collector kernels --device "$device" "${threads_arg[@]}" \
    --dtypes "$dtypes" --out "$out/kernels-$device-$stamp.csv" --budget-s "$kernel_budget" \
    --max-cases "$kernel_cases" --repeat-check 30 --seed 1 --run-id "kernels-$device-$stamp" \
    --summary-json "$out/kernels-$device-$stamp.json" --quiet >> "$log" 2>&1 || { status=1; say "kernel sweep failed"; }
tail -n 3 "$log" | sed 's/^/    /' >&2

# 2. Whole-model collection with peak memory.
say "2. collect: $models at batches $batches, $precisions, budget ${collect_budget}s"
timeout $((collect_budget + 180)) "$python" -m collector collect --device "$device" "${threads_arg[@]}" \
    --models "$models" --phases "$phases" --batch-sizes "$batches" --precisions "$precisions" \
    --optimizers adamw --budget-s "$collect_budget" --config-budget-s 0.3 --repeat-check 10 \
    --out "$out/collect-$device-$stamp.csv" --host-json "$out/collect-$device-$stamp.host.json" \
    --run-id "collect-$device-$stamp" --quiet >> "$log" 2>&1 || { status=1; say "collect failed"; }
tail -n 2 "$log" | sed 's/^/    /' >&2

say "done (status $status); files:"
ls -l "$out" | tee -a "$log" >&2
exit $status
