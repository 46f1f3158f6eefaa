#!/usr/bin/env bash
# Builds what the scheduler example needs (no install) and runs it from the repository root.
#   examples/run-scheduler.sh                      # examples/offers.json, pretrained estimator
#   examples/run-scheduler.sh my-offers.json       # your offers
#   examples/run-scheduler.sh my-offers.json m.rte # and your estimator artifact
# Extra Maven flags (e.g. -o for offline) go in MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
offers="${1:-examples/offers.json}"
model="${2:-}"
case "$offers" in /*) ;; *) offers="$PWD/$offers" ;; esac
case "$model" in /*|"") ;; *) model="$PWD/$model" ;; esac
exec mvn -B -q ${MAVEN_ARGS:-} -pl examples -am verify -DskipTests -Prun-scheduler \
  -Dscheduler.offers.path="$offers" -Dscheduler.model.path="$model"
