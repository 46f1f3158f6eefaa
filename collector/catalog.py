"""``describe --all-in``: the ModelSpec descriptors of every model named in measurement CSVs.

Writes the model catalogue the Java side ships (``ModelCatalog``): for each distinct (model, input shape)
found in the CSVs, the collector's ModelSpec JSON plus the parameters and FLOPs the CSVs carry, so the two
can be compared. A model whose collector parameter count differs from the CSV's by more than
``PARAMETER_TOLERANCE`` is listed with ``descriptorsUsable: false`` (its descriptors belong to another
network than the one measured); models the registry cannot build or count are listed under ``skipped``.
"""

from __future__ import annotations

import csv
import json
import os
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

FORMAT_VERSION = 1
PARAMETER_TOLERANCE = 0.01


def models_in_csvs(paths: Iterable[str]) -> Dict[Tuple[str, str], Dict]:
    """(model, input_shape) -> {"parameters": set, "flops": set, "files": set} over the given CSVs."""
    found: Dict[Tuple[str, str], Dict] = {}
    for path in paths:
        with open(path, newline="") as handle:
            for row in csv.DictReader(handle):
                name = (row.get("model") or "").strip()
                if not name:
                    continue
                key = (name, (row.get("input_shape") or "").strip())
                entry = found.setdefault(key, {"parameters": set(), "flops": set(), "files": set()})
                if row.get("params"):
                    entry["parameters"].add(int(float(row["params"])))
                if row.get("flops_per_sample"):
                    entry["flops"].add(float(row["flops_per_sample"]))
                entry["files"].add(os.path.basename(path))
    return found


def build_catalog(paths: List[str], describe: Optional[Callable[[str, Optional[str]], Dict[str, Any]]] = None,
                  generated_by: str = "python3 -m collector describe") -> Dict[str, Any]:
    """The catalogue document; ``describe(name, input_shape)`` defaults to ``collector.models.describe``."""
    if describe is None:
        from .models import describe
    models, skipped = [], []
    for (name, shape), seen in sorted(models_in_csvs(paths).items()):
        try:
            spec = describe(name, shape or None)
        except (KeyError, ValueError) as exc:
            skipped.append({"name": name, "inputShape": shape, "reason": str(exc.args[0]),
                            "csvFiles": sorted(seen["files"])})
            continue
        csv_parameters = sorted(seen["parameters"])
        worst = max((abs(spec["parameters"] - p) / p for p in csv_parameters), default=0.0)
        entry = dict(spec)
        entry["csvParameters"] = csv_parameters
        entry["csvFlopsPerSample"] = sorted(seen["flops"])
        entry["csvFiles"] = sorted(seen["files"])
        entry["descriptorsUsable"] = worst <= PARAMETER_TOLERANCE
        if not entry["descriptorsUsable"]:
            entry["mismatch"] = (f"collector counts {spec['parameters']} parameters, the CSVs {csv_parameters} "
                                 f"({100 * worst:.1f}% apart > {100 * PARAMETER_TOLERANCE:.0f}%)")
        models.append(entry)
    return {"formatVersion": FORMAT_VERSION, "generatedBy": generated_by, "models": models,
            "skipped": skipped}


def write_catalog(paths: List[str], out: str, generated_by: str) -> Dict:
    document = build_catalog(paths, generated_by=generated_by)
    with open(out, "w") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")
    return document
