"""Measurement collector for runtime-estimator: times PyTorch workloads and writes schema-v1 CSV rows.

Run from the repository root: ``python3 -m collector collect ...`` / ``python3 -m collector describe ...``.
"""

__version__ = "0.2.0"

SCHEMA_VERSION = 1
