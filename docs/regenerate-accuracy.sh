#!/usr/bin/env bash
# Regenerates the accuracy tables in docs/ (quoted in README.md) from the shipped datasets, two compare
# runs at a time (each fit is single-threaded). About 20 minutes on 2 cores. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
rte=bin/runtime-estimator
$rte --version >/dev/null 2>&1 || true      # builds the CLI first if needed
all=(--data datasets/h100-sxm-pytorch.csv --data datasets/xeon16-pytorch-cpu.csv --data datasets/epyc2-pytorch-cpu.csv)
$rte compare --data datasets/h100-sxm-pytorch.csv --split leave-model-out --trainers xgboost \
  --format markdown --quiet > docs/accuracy-leave-model-out-h100.md &
$rte compare "${all[@]}" --split leave-family-out --trainers xgboost,knn,cart,linear \
  --format markdown --quiet > docs/accuracy-leave-family-out.md &
wait
$rte compare "${all[@]}" --split leave-hardware-out --format markdown --quiet > docs/accuracy-leave-hardware-out.md &
$rte compare "${all[@]}" --split kfold --trainers xgboost --format markdown --quiet > docs/accuracy-kfold.md
$rte compare "${all[@]}" --split leave-family-out --trainers xgboost --features physics --importance \
  --format markdown --quiet > docs/importance-leave-family-out.md
wait
