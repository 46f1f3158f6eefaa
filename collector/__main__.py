"""Command line: ``python3 -m collector collect|describe|graph|catalog|kernels ...`` (see docs/collector.md)."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from typing import Any, Callable, Container, List, Optional, Sequence

from .models import DEFAULT_MODELS

PRECISION_CHOICES = {"fp32", "tf32", "bf16", "fp16"}
KERNEL_KINDS = ["matmul", "conv2d", "attention", "elementwise", "normalization", "softmax", "embedding", "pooling",
                "reduction", "memory"]
DEFAULT_CATALOG = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "datasets",
                               "model-catalog.json")


def _csv(kind: Callable[[str], Any], allowed: Optional[Container] = None) -> Callable[[str], List[Any]]:
    def parse(text: str) -> List[Any]:
        values = [kind(v.strip()) for v in text.split(",") if v.strip()]
        if not values:
            raise argparse.ArgumentTypeError("empty list")
        if allowed:
            bad = [v for v in values if v not in allowed]
            if bad:
                raise argparse.ArgumentTypeError(f"{bad} not in {sorted(allowed)}")  # type: ignore[arg-type]
        return values
    return parse


def _positive_ints(text: str) -> List[int]:
    values = _csv(int)(text)
    if any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"values must be >= 1, were {values}")
    return values


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m collector",
                                     description="Measure PyTorch workloads into schema-v1 CSV rows.")
    commands = parser.add_subparsers(dest="command", required=True)

    collect = commands.add_parser("collect", help="measure a grid of configurations")
    collect.add_argument("--out", required=True, help="CSV file; rows are appended and flushed one by one")
    collect.add_argument("--host-json", required=True, help="host description written at start and end")
    collect.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    collect.add_argument("--threads", type=_positive_ints, default=None,
                         help="CPU intra-op thread counts, e.g. 1,2 (default: 1 and all cores)")
    collect.add_argument("--models", type=_csv(str), default=list(DEFAULT_MODELS),
                         help="registry names or package.module:function factories (docs/collector.md)")
    collect.add_argument("--input-shape", default=None,
                         help="per-sample input shape (e.g. 3x224x224) of factories that return a bare module")
    collect.add_argument("--phases", type=_csv(str, {"infer", "train_step", "train_epoch"}),
                         default=["infer", "train_step", "train_epoch"])
    collect.add_argument("--batch-sizes", type=_positive_ints, default=None,
                         help="fixed batch sizes for every model (default: planned per model from its FLOPs)")
    collect.add_argument("--precisions", type=_csv(str, PRECISION_CHOICES), default=["fp32", "bf16"],
                         help="fp32 (TF32 off), tf32 (CUDA, TF32 on), bf16, fp16 (autocast)")
    collect.add_argument("--optimizers", type=_csv(str, {"sgd", "adam", "adamw"}),
                         default=["sgd", "adam", "adamw"])
    collect.add_argument("--budget-s", type=float, default=1800.0, help="global time budget in seconds")
    collect.add_argument("--config-budget-s", type=float, default=0.5,
                         help="timed seconds per configuration (after min repeats)")
    collect.add_argument("--max-iter-s", type=float, default=0.8,
                         help="planning cap on the estimated seconds of one iteration")
    collect.add_argument("--warmup", type=int, default=2)
    collect.add_argument("--min-repeats", type=int, default=3)
    collect.add_argument("--max-repeats", type=int, default=30)
    collect.add_argument("--epoch-steps", type=int, default=4,
                         help="train_epoch dataset = batch*(steps-1) + ceil(batch/2): steps, last one partial")
    collect.add_argument("--dataset-size", type=int, default=None, help="fixed train_epoch dataset size")
    collect.add_argument("--repeat-check", type=int, default=20,
                         help="K configurations measured a second time at the end (0: none)")
    collect.add_argument("--seed", type=int, default=0)
    collect.add_argument("--run-id", default=None)
    collect.add_argument("--allow-reference-blas", action="store_true")
    collect.add_argument("--quiet", action="store_true")

    describe = commands.add_parser("describe", help="print a model's ModelSpec JSON, or write the catalogue "
                                                     "of every model named in CSVs")
    target = describe.add_mutually_exclusive_group(required=True)
    target.add_argument("--model", help="one registered model, or package.module:function")
    target.add_argument("--all-in", nargs="+", metavar="CSV",
                        help="describe every model named in these measurement CSVs (needs --out)")
    describe.add_argument("--input-shape", default=None,
                          help="token models: another sequence length, e.g. 256; factories returning a bare "
                               "module: the per-sample input shape, e.g. 3x224x224 (with --model)")
    describe.add_argument("--out", default=None, help="catalogue JSON file written by --all-in")

    graph = commands.add_parser("graph", help="trace a model's operator graph (docs/formats/operator-graph.md)")
    graph.add_argument("--model", required=True, help="registry name or package.module:function")
    graph.add_argument("--input-shape", default=None,
                       help="token models: another sequence length; bare-module factories: the input shape")
    graph.add_argument("--out", default=None, help="JSON file (default: standard output)")
    graph.add_argument("--device", choices=["auto", "meta", "cpu"], default="auto",
                       help="where the two traced passes run: meta (no compute) when the model allows (auto)")

    catalog = commands.add_parser("catalog", help="write the model catalogue (ModelSpec fields and operator graph "
                                                   "of every torchvision and code-defined model)")
    catalog.add_argument("--out", required=True, help="JSON file, e.g. datasets/model-catalog.json")
    catalog.add_argument("--datasets", nargs="*", default=[], metavar="CSV",
                         help="measurement CSVs: their models gain a 'datasets' field (and their input shapes)")
    catalog.add_argument("--models", type=_csv(str), default=None,
                         help="only these models (default: every torchvision classification model and the "
                              "code-defined ones)")

    kernels = commands.add_parser("kernels", help="time single operators over a grid of shapes into kernels-v1 rows "
                                                   "(docs/formats/kernel-measurements.md)")
    kernels.add_argument("--out", required=True, help="CSV file; rows are appended and flushed one by one")
    kernels.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    kernels.add_argument("--threads", type=_positive_ints, default=None,
                         help="CPU intra-op thread counts (default: 1 and all cores); every shape runs at each")
    kernels.add_argument("--dtypes", type=_csv(str, PRECISION_CHOICES), default=None,
                         help="fp32 (TF32 off), tf32, bf16, fp16 (default: fp32,bf16 on cpu; all four on cuda)")
    kernels.add_argument("--kinds", type=_csv(str, set(KERNEL_KINDS)), default=list(KERNEL_KINDS))
    kernels.add_argument("--budget-s", type=float, default=600.0, help="global time budget in seconds")
    kernels.add_argument("--config-budget-s", type=float, default=0.05,
                         help="timed seconds per row (after --min-repeats samples)")
    kernels.add_argument("--warmup", type=int, default=2)
    kernels.add_argument("--min-repeats", type=int, default=5)
    kernels.add_argument("--max-repeats", type=int, default=25)
    kernels.add_argument("--max-cases", type=int, default=0, help="stop after this many rows (0: the budget decides)")
    kernels.add_argument("--repeat-check", type=int, default=20, help="K rows measured a second time at the end")
    kernels.add_argument("--catalog", default=DEFAULT_CATALOG,
                         help="model catalogue whose operators seed half of the shapes ('' for none)")
    kernels.add_argument("--seed", type=int, default=0)
    kernels.add_argument("--run-id", default=None)
    kernels.add_argument("--summary-json", default=None, help="run summary (counts, repeatability, host)")
    kernels.add_argument("--dry-run", type=int, default=0, metavar="N",
                         help="print the first N planned cases and exit (no timing)")
    kernels.add_argument("--allow-reference-blas", action="store_true")
    kernels.add_argument("--quiet", action="store_true")
    return parser


def _catalog(args: argparse.Namespace) -> int:
    import time

    from .model_catalog import entry_count, write
    started = time.monotonic()
    document = write(args.out, args.models, args.datasets)
    entries, operators = entry_count(document)
    size = os.path.getsize(args.out)
    print(f"catalogued {entries} models ({operators} operators) into {args.out}: {size / 1e6:.2f} MB in "
          f"{time.monotonic() - started:.0f} s")
    return 0 if entries else 1


def _graph(args: argparse.Namespace) -> int:
    from .graph import dumps, graph_totals, trace_model
    warnings: List[str] = []
    try:
        document = trace_model(args.model, args.input_shape, warnings, args.device)
    except (KeyError, ValueError) as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    text = dumps(document)
    totals = graph_totals(document)
    summary = (f"{args.model}: {len(document['operators'])} operators, flopsPerSample {totals['flopsPerSample']}, "
               f"matmulFlopsPerSample {totals['matmulFlopsPerSample']}")
    if args.out:
        with open(args.out, "w") as handle:
            handle.write(text)
        print(f"{summary} -> {args.out}")
    else:
        sys.stdout.write(text)
        print(summary, file=sys.stderr)
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "graph":
        return _graph(args)
    if args.command == "catalog":
        return _catalog(args)
    if args.command == "kernels":
        from .kernels import run
        if args.threads is None:
            args.threads = sorted({1, os.cpu_count() or 1})
        if args.dtypes is None:
            args.dtypes = ["fp32", "bf16"] if args.device == "cpu" else ["fp32", "tf32", "bf16", "fp16"]
        return run(args)
    if args.command == "describe":
        from .models import describe as describe_model
        if args.all_in:
            if not args.out:
                print("--all-in needs --out FILE", file=sys.stderr)
                return 2
            from .catalog import write_catalog
            generated_by = "python3 -m collector describe --all-in " + " ".join(
                os.path.basename(p) for p in args.all_in)
            document = write_catalog(args.all_in, args.out, generated_by)
            usable = sum(1 for m in document["models"] if m["descriptorsUsable"])
            for model in document["models"]:
                if not model["descriptorsUsable"]:
                    print(f"parameter mismatch: {model['name']}: {model['mismatch']}", file=sys.stderr)
            for model in document["skipped"]:
                print(f"skipped: {model['name']}: {model['reason']}", file=sys.stderr)
            print(f"described {len(document['models'])} models ({usable} with usable descriptors, "
                  f"{len(document['skipped'])} skipped) into {args.out}")
            return 0
        try:
            print(json.dumps(describe_model(args.model, args.input_shape), indent=2))
        except (KeyError, ValueError) as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
        return 0
    import torch
    from .collect import collect
    if args.threads is None:
        args.threads = sorted({1, os.cpu_count() or 1})
    if args.run_id is None:
        from .hostinfo import host_name
        args.run_id = f"{host_name()}-{args.device}-{datetime.datetime.now():%Y%m%d-%H%M%S}"
    for name in args.models:
        from .models import get_model
        try:
            get_model(name, args.input_shape)
        except (KeyError, ValueError) as exc:
            print(exc.args[0], file=sys.stderr)
            return 2
    del torch
    return collect(args)


if __name__ == "__main__":
    sys.exit(main())
