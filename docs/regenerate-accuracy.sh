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
# issue 12: the shipped recipe, undescribed and described side by side, coverage per split, importance charts
recipe=(--trainers xgboost --features physics --targets log --hyper trees=100,monotone=true --per-fold --quiet)
$rte compare "${all[@]}" --split leave-model-out --view described,undescribed "${recipe[@]}" \
  --format markdown > docs/accuracy-leave-model-out-undescribed.md &
$rte compare "${all[@]}" --split leave-family-out,leave-hardware-out "${recipe[@]}" --format markdown > docs/coverage-family-hardware.md
$rte compare "${all[@]}" --split leave-family-out "${recipe[@]}" --importance --plots target/plots \
  --format markdown > docs/importance-leave-family-out-shipped.md
wait
cp target/plots/importance-leave-family-out-xgboost-physics-log-seconds.png docs/img/importance-leave-family-out.png
cp target/plots/scatter-leave-family-out-xgboost-physics-log-seconds.png docs/img/scatter-leave-family-out.png
