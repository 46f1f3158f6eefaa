"""Schema-v1 CSV writer that appends and flushes one row at a time (a killed run keeps its rows)."""

from __future__ import annotations

import csv
import os
from typing import Any, Dict, List, Sequence

SCHEMA_V1_COLUMNS = [
    "run_id", "host", "device_kind", "device_name", "device_count", "cpu_model", "cpu_cores", "threads",
    "gpu_sms", "gpu_mem_gib", "framework", "framework_version", "model", "family", "params",
    "flops_per_sample", "input_shape", "phase", "precision", "batch_size", "optimizer", "learning_rate",
    "dataset_size", "epochs", "steps", "time_s", "time_p10_s", "time_p90_s", "repeats", "peak_mem_mib",
    "status", "cpu_mhz", "cpu_isa",
]

# Optional schema-v1 descriptor columns (issue 9 item 7): empty or absent in older files.
DESCRIPTOR_COLUMNS = ["leaf_layers", "activation_elements_per_sample", "matmul_flops_per_sample"]

# Columns this collector adds after the schema-v1 ones (extra columns are allowed by schema v1).
EXTRA_COLUMNS = [
    "load_avg_1m", "peak_mem_kind", "rss_before_mib", "peak_mem_above_baseline_mib", "peak_mem_reserved_mib",
    "elementwise_flops_per_sample", "warmup", "timestamp", "collector_version", "error",
]

ALL_COLUMNS = SCHEMA_V1_COLUMNS + DESCRIPTOR_COLUMNS + EXTRA_COLUMNS


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        return repr(value)
    return str(value)


class RowWriter:
    """Appends rows to ``path``; writes the header when the file is new or empty.

    Appending to an existing file requires its header to be exactly ``columns`` (no column is ever dropped
    or silently re-ordered). Each row is flushed and fsync'ed before ``write`` returns.
    """

    def __init__(self, path: str, columns: Sequence[str] = ALL_COLUMNS) -> None:
        self.path = path
        self.columns: List[str] = list(columns)
        exists = os.path.exists(path) and os.path.getsize(path) > 0
        if exists:
            with open(path, newline="") as handle:
                header = next(csv.reader(handle), [])
            if header != self.columns:
                raise ValueError(f"{path} exists with a different header; write to a new file "
                                 f"(its columns: {header})")
        parent = os.path.dirname(os.path.abspath(path))
        os.makedirs(parent, exist_ok=True)
        self._handle = open(path, "a", newline="")
        self._writer = csv.writer(self._handle, lineterminator="\n")
        if not exists:
            self._writer.writerow(self.columns)
            self._flush()
        self.rows_written = 0

    def _flush(self) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def write(self, row: Dict) -> None:
        unknown = set(row) - set(self.columns)
        if unknown:
            raise ValueError(f"row has columns outside the header: {sorted(unknown)}")
        self._writer.writerow([format_value(row.get(c)) for c in self.columns])
        self._flush()
        self.rows_written += 1

    def close(self) -> None:
        self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
