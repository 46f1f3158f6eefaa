"""A tiny real collection through the command line: rows parse as schema v1."""

import csv
import json
import os
import subprocess
import sys

import pytest

from collector.timing import measure, percentile
from collector.writer import SCHEMA_V1_COLUMNS

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INT_COLUMNS = ["device_count", "cpu_cores", "threads", "params", "flops_per_sample", "batch_size", "steps",
               "repeats"]
FLOAT_COLUMNS = ["time_s", "time_p10_s", "time_p90_s", "load_avg_1m", "cpu_mhz", "peak_mem_mib"]


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    out = tmp_path_factory.mktemp("collect")
    csv_path, host_path = out / "tiny.csv", out / "tiny.host.json"
    done = subprocess.run(
        [sys.executable, "-m", "collector", "collect", "--out", str(csv_path), "--host-json", str(host_path),
         "--models", "mlp_256_8,small_cnn_32", "--phases", "infer,train_step", "--threads", "1",
         "--batch-sizes", "2", "--precisions", "fp32", "--optimizers", "sgd,adam", "--budget-s", "30",
         "--config-budget-s", "0.05", "--repeat-check", "2", "--run-id", "test-run", "--quiet"],
        cwd=REPO, capture_output=True, text=True, timeout=110)
    assert done.returncode == 0, done.stderr
    with open(csv_path, newline="") as handle:
        rows = list(csv.DictReader(handle))
        handle.seek(0)
        header = next(csv.reader(handle))
    return header, rows, json.loads(host_path.read_text()), done.stdout


def test_every_schema_v1_column_is_present(collected):
    header, _, _, _ = collected
    assert header[:len(SCHEMA_V1_COLUMNS)] == SCHEMA_V1_COLUMNS


def test_one_ok_row_per_model_and_phase(collected):
    _, rows, _, _ = collected
    assert sorted((r["model"], r["phase"]) for r in rows) == [
        ("mlp_256_8", "infer"), ("mlp_256_8", "train_step"),
        ("small_cnn_32", "infer"), ("small_cnn_32", "train_step")]
    assert all(r["status"] == "ok" for r in rows)


def test_rows_have_schema_v1_types_and_values(collected):
    _, rows, _, _ = collected
    for row in rows:
        for column in INT_COLUMNS:
            assert int(row[column]) >= 1, (column, row[column])
        for column in FLOAT_COLUMNS:
            float(row[column])
        assert float(row["time_s"]) > 0
        assert float(row["time_p10_s"]) <= float(row["time_s"]) <= float(row["time_p90_s"])
        assert int(row["repeats"]) >= 3
        assert row["steps"] == "1" and row["threads"] == "1" and row["batch_size"] == "2"
        assert row["device_kind"] == "cpu" and row["framework"] == "pytorch" and row["run_id"] == "test-run"
        assert row["precision"] == "fp32"
        assert row["gpu_sms"] == "" and row["gpu_mem_gib"] == ""
        if row["phase"] == "infer":
            assert row["optimizer"] == "" and row["learning_rate"] == ""
        else:
            assert row["optimizer"] in ("sgd", "adam") and float(row["learning_rate"]) > 0
    small = [r for r in rows if r["model"] == "small_cnn_32"][0]
    assert small["params"] == "94538" and small["flops_per_sample"] == "82577920"
    assert small["input_shape"] == "3x64x64" and small["family"] == "cnn"


def test_host_json_and_repeatability_are_reported(collected):
    _, _, host, stdout = collected
    for key in ("cpu_model", "cpu_cores", "cpu_isa", "memory_total_mib", "versions", "blas", "threads"):
        assert key in host
    assert host["blas"]["blas_ok"] is True
    assert host["rows"]["ok"] == 4
    assert "repeatability:" in stdout


def test_descriptor_columns_and_peak_memory_above_the_baseline(collected):
    header, rows, host, _ = collected
    from collector.writer import DESCRIPTOR_COLUMNS
    assert header[len(SCHEMA_V1_COLUMNS):len(SCHEMA_V1_COLUMNS) + 3] == DESCRIPTOR_COLUMNS
    baseline = host["baseline_rss_mib"]
    assert baseline > 0
    for row in rows:
        assert row["matmul_flops_per_sample"] == row["flops_per_sample"]
        assert int(row["leaf_layers"]) >= 1 and float(row["activation_elements_per_sample"]) > 0
        assert row["peak_mem_kind"] == "cpu_vmhwm" and row["peak_mem_reserved_mib"] == ""
        above = float(row["peak_mem_above_baseline_mib"])
        assert above == pytest.approx(max(0.0, float(row["peak_mem_mib"]) - baseline), abs=0.11)
        assert 0 <= above <= float(row["peak_mem_mib"])


def test_gpu_peak_is_its_own_baseline_and_cpu_peak_subtracts_the_process_baseline():
    from collector.collect import above_baseline
    assert above_baseline(512.26, "cuda", None) == 512.3
    assert above_baseline(900.0, "cpu", 600.04) == 300.0
    assert above_baseline(500.0, "cpu", 600.0) == 0.0
    assert above_baseline(None, "cpu", 600.0) is None and above_baseline(700.0, "cpu", None) is None


def test_percentile_interpolates_like_numpy():
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 10) == pytest.approx(1.4)
    assert percentile([7.0], 90) == 7.0


def test_measure_warms_up_then_times_at_least_min_repeats():
    calls = []
    timing = measure(lambda: calls.append(1), "cpu", warmup=2, min_repeats=4, max_repeats=4, budget_s=0.0,
                     warmup_budget_s=60.0)
    assert timing.warmup == 2 and timing.repeats == 4 and len(calls) == 6
