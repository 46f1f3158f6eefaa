"""Kernel sweep: the shape plan, the runners, and a tiny real run into kernels-v1 rows."""

import argparse
import csv
import os
import subprocess
import sys

import pytest
import torch

from collector import compat
from collector.graph import KIND_KEYS, VARIANTS, _validate_operator
from collector.kernels import (EXTRA_COLUMNS, KERNEL_COLUMNS, LIMITS, Case, _measure_case, case, case_cost,
                               catalogue_case, fits, make_runner, plan, random_case)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KINDS = ["matmul", "conv2d", "attention", "elementwise", "normalization", "softmax", "embedding", "pooling",
         "reduction", "memory"]


def as_operator(kind, variant, dims_text):
    op = {"kind": kind, "variant": variant}
    for pair in dims_text.split(";"):
        key, value = pair.split("=")
        op[key] = value == "true" if value in ("true", "false") else int(value)
    return op


def test_dims_are_written_in_the_graph_keys_order_with_booleans_in_lower_case():
    c = case("matmul", "linear", b=1, m=512, n=768, k=768, bias=False)
    assert c.dims_string() == "b=1;m=512;n=768;k=768;bias=false"
    c = case("attention", "sdpa", fused=True, causal=False, headDim=64, keyLength=9, queryLength=9, kvHeads=2,
             heads=4, batch=1)
    assert c.dims_string() == ("batch=1;heads=4;queryLength=9;keyLength=9;headDim=64;causal=false;fused=true;"
                               "kvHeads=2")


def test_the_plan_is_seeded_covers_every_kind_and_stays_within_the_cpu_caps():
    first = [c for cases in zip(range(300), plan(KINDS, "cpu", 7, {})) for c in cases[1]]
    again = [c for cases in zip(range(300), plan(KINDS, "cpu", 7, {})) for c in cases[1]]
    assert first == again
    assert first != [c for cases in zip(range(300), plan(KINDS, "cpu", 8, {})) for c in cases[1]]
    kinds = {c.kind for c in first}
    assert kinds >= set(KINDS) - ({"attention"} if not compat.has_sdpa() else set())
    variants = {(c.kind, c.variant) for c in first}
    assert ("matmul", "linear") in variants and ("matmul", "bmm") in variants
    groups = {c.d["groups"] > 1 and c.d["groups"] == c.d["inChannels"] for c in first if c.kind == "conv2d"}
    assert groups == {True, False}  # depthwise and dense convolutions
    for c in first:
        assert fits(c, LIMITS["cpu"])
        _validate_operator(0, as_operator(c.kind, c.variant, c.dims_string()))  # in the graph vocabulary


def test_attention_on_pytorch_1_13_is_its_three_separate_operators():
    cases = random_case("attention", __import__("random").Random(1))
    if compat.has_sdpa():
        assert [(c.kind, c.variant, c.d["fused"]) for c in cases] == [("attention", "sdpa", True)]
    else:
        assert [(c.kind, c.variant) for c in cases] == [("matmul", "bmm"), ("softmax", "softmax"), ("matmul", "bmm")]
        first, softmax, second = (c.d for c in cases)
        assert softmax["rows"] == first["b"] * first["m"] and softmax["cols"] == first["n"]
        assert second["k"] == first["n"] and second["n"] == first["k"]


def test_catalogue_operators_are_scaled_by_the_batch_in_their_batch_dimension():
    conv = {"kind": "conv2d", "variant": "conv", "n": 1, "inChannels": 8, "outChannels": 8, "height": 4,
            "width": 4, "kernelH": 3, "kernelW": 3, "padH": 1, "padW": 1, "groups": 8, "bias": False}
    assert catalogue_case(conv, 16)[0].d["n"] == 16 and catalogue_case(conv, 16)[0].d["groups"] == 8
    linear = {"kind": "matmul", "variant": "linear", "b": 1, "m": 128, "n": 768, "k": 768, "bias": True}
    assert catalogue_case(linear, 4) == [case("matmul", "linear", b=1, m=512, n=768, k=768, bias=True)]
    weights_only = dict(linear, batchDim="none")
    assert catalogue_case(weights_only, 4)[0].d["m"] == 128
    assert catalogue_case({"kind": "other", "flops": 1, "bytes": 1}, 2) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_runs_in_fp32_and_bf16_on_the_cpu(kind):
    import random
    rng = random.Random(3)
    small = type(LIMITS["cpu"])(flops=2e6, elements=65536)
    done = 0
    while done < 3:
        cases = random_case(kind, rng)
        if not all(fits(c, small) for c in cases):
            continue
        for c in cases:
            for dtype in ("fp32", "bf16"):
                try:
                    make_runner(c, dtype, "cpu")()
                except RuntimeError as exc:  # an operator PyTorch cannot run in bf16 on this CPU
                    assert dtype == "bf16", exc
        done += 1


def test_an_operator_that_cannot_run_gives_one_error_row_and_is_skipped_after():
    args = argparse.Namespace(device="cpu", warmup=1, min_repeats=2, max_repeats=2, config_budget_s=0.0)
    broken = {}
    impossible = Case("recurrent", "lstm", (("sequenceLength", 2), ("inputSize", 2), ("hiddenSize", 2)))
    rows = list(_measure_case(impossible, "fp32", [1, 2], args, {}, broken))
    assert [r["status"] for r in rows] == ["error"] and "no runner" in rows[0]["error"]
    assert list(_measure_case(impossible, "fp32", [1, 2], args, {}, broken)) == []
    ok = list(_measure_case(case("softmax", "softmax", rows=4, cols=8), "fp32", [1, 2], args, {}, broken))
    assert [(r["status"], r["threads"], r["repeats"]) for r in ok] == [("ok", 1, 2), ("ok", 2, 2)]
    assert all(r["seconds_min"] <= r["seconds"] for r in ok)


def test_kernels_command_writes_kernels_v1_rows(tmp_path):
    out = tmp_path / "kernels.csv"
    done = subprocess.run(
        [sys.executable, "-m", "collector", "kernels", "--out", str(out), "--threads", "1", "--dtypes", "fp32",
         "--kinds", "matmul,softmax,elementwise", "--budget-s", "3", "--config-budget-s", "0.005",
         "--repeat-check", "3", "--run-id", "tiny", "--seed", "5", "--quiet", "--catalog", ""],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with open(out, newline="") as handle:
        header = next(csv.reader(handle))
        handle.seek(0)
        rows = list(csv.DictReader(handle))
    assert header == KERNEL_COLUMNS + EXTRA_COLUMNS
    assert len(rows) >= 3
    from collector.hostinfo import cpu_description
    for row in rows:
        assert row["schema_version"] == "kernels-v1" and row["status"] == "ok" and row["run_id"] == "tiny"
        assert row["device"] == cpu_description()["cpu_model"] and row["threads"] == "1"
        assert row["framework"] == f"pytorch {torch.__version__}" and row["source"].startswith("collector ")
        assert row["dtype"] == "fp32" and row["kind"] in ("matmul", "softmax", "elementwise")
        assert 0 < float(row["seconds_min"]) <= float(row["seconds"]) and int(row["repeats"]) >= 5
        _validate_operator(0, as_operator(row["kind"], row["variant"], row["dims"]))
    assert "repeatability: 3 rows measured twice" in done.stdout


def test_kernels_refuses_tf32_on_the_cpu(tmp_path):
    from collector.__main__ import main
    assert main(["kernels", "--out", str(tmp_path / "k.csv"), "--dtypes", "tf32", "--catalog", ""]) == 2


def test_case_cost_counts_a_matmul_and_a_convolution():
    assert case_cost(case("matmul", "bmm", b=2, m=3, n=4, k=5, bias=False))[0] == 2 * 2 * 3 * 4 * 5
    conv = case("conv2d", "conv", n=1, inChannels=4, outChannels=8, height=8, width=8, kernelH=3, kernelW=3,
                strideH=2, strideW=2, padH=1, padW=1, dilationH=1, dilationW=1, groups=2, bias=False)
    assert case_cost(conv)[0] == 2 * 8 * 4 * 4 * 2 * 9
