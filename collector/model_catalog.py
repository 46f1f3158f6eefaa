"""``catalog``: the model catalogue (``datasets/model-catalog.json``) that the Java ``ModelCatalog`` reads.

One entry per model at its default input shape -- every torchvision classification model this torchvision
builds and every code-defined model of the registry (``models.code_defined_models``) -- plus one per other
input shape a measurement CSV used (``gpt2_small`` at 256 tokens). Each entry holds describe's ModelSpec
fields (``flopsPerSample`` in describe's convention: matmul and convolution FLOPs, multiply-add = 2) and the
model's operator graph (``collector.graph``). Models a CSV names also carry ``datasets``: the files, the
parameter counts and FLOPs the CSVs recorded, and whether the descriptors belong to the measured network
(parameters within 1%).

Shapes only matter here, so describe's FLOP counter and the trace run on a meta-device copy of each model
(no arithmetic), falling back to the CPU for a model that cannot run on meta; the model is still built once
on the CPU to count its parameters.
"""

from __future__ import annotations

import gc
import json
import math
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

import torch

from . import __version__
from .catalog import PARAMETER_TOLERANCE, models_in_csvs

FORMAT_VERSION = 1
AGREEMENT_TOLERANCE = 0.02
"""The trace's matmul FLOPs and describe's FLOPs agree within 2%, or the disagreement is reported."""


def catalogue_models() -> List[str]:
    """Every torchvision classification model this torchvision builds, and the code-defined models."""
    from .compat import torchvision_classification_models
    from .models import code_defined_models
    return sorted(set(torchvision_classification_models()) | set(code_defined_models()))


def _whole(value: float) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def describe_entry(name: str, input_shape: Optional[str] = None) -> Tuple[Dict[str, Any], Dict[str, int]]:
    """(entry without ``datasets``, the graph's totals) for one model at one input shape."""
    from .flops import count_flops, count_parameters
    from .graph import graph_totals, meta_copy, trace
    from .models import UNCOUNTABLE, entry_at_shape
    entry = entry_at_shape(name, input_shape)
    torch.manual_seed(0)
    module = entry.build()
    example = entry.make_input(1)
    try:
        counts = count_flops(meta_copy(module), example.to("meta"))
    except Exception:  # noqa: BLE001 - no meta kernel for some operator: count on the CPU
        counts = count_flops(module, example)
    warnings: List[str] = []
    graph = trace(module, example, entry.name, entry.input_shape, warnings)
    for warning in warnings:
        print(f"warning: {name}: {warning}", file=sys.stderr)
    totals = graph_totals(graph)
    flops = counts.flops
    note = None
    if name in UNCOUNTABLE:
        flops = float(totals["matmulFlopsPerSample"])
        note = (f"describe cannot count it ({UNCOUNTABLE[name]}): flopsPerSample is the trace's matmul FLOPs; "
                "leafLayers and activations miss the layers it calls functionally")
    result = {
        "name": entry.name,
        "family": entry.family,
        "parameters": count_parameters(module),
        "flopsPerSample": _whole(float(flops)),
        "inputShape": entry.input_shape,
        "leafLayers": counts.leaf_layers,
        "activationElementsPerSample": _whole(float(counts.activation_elements)),
        "matmulFlopsPerSample": _whole(float(flops)),
    }
    if note:
        result["note"] = note
    result["graph"] = graph
    del module
    gc.collect()
    return result, totals


def _datasets_field(seen: Dict[str, Any], parameters: int) -> Dict[str, Any]:
    csv_parameters = sorted(seen["parameters"])
    worst = max((abs(parameters - p) / p for p in csv_parameters), default=0.0)
    return {"files": sorted(seen["files"]), "parameters": csv_parameters,
            "flopsPerSample": [_whole(f) for f in sorted(seen["flops"])],
            "descriptorsUsable": worst <= PARAMETER_TOLERANCE}


def build(names: List[str], csv_paths: List[str], generated_by: str,
          log: Callable[[str], None] = lambda m: print(m, file=sys.stderr, flush=True)) -> Dict[str, Any]:
    """The catalogue document; reports (through ``log``) each model whose trace and describe disagree by more
    than 2%, and each model that could not be described."""
    from .models import entry_at_shape
    in_csvs = models_in_csvs(csv_paths) if csv_paths else {}
    wanted: Dict[Tuple[str, str], Optional[str]] = {}
    for name in names:
        wanted[(name, "")] = None
    for name, shape in in_csvs:
        try:
            default = entry_at_shape(name).input_shape
        except (KeyError, ValueError):
            log(f"skipped: {name} (named in {sorted(in_csvs[(name, shape)]['files'])}): not in the registry")
            continue
        if not shape or shape == default:
            wanted.setdefault((name, ""), None)
        else:
            wanted[(name, shape)] = shape
    entries: List[Dict[str, Any]] = []
    for (name, shape_key), shape in sorted(wanted.items()):
        started = time.monotonic()
        try:
            entry, totals = describe_entry(name, shape)
        except Exception as exc:  # noqa: BLE001 - one model that cannot be built or traced is reported
            log(f"skipped: {name}{' at ' + shape if shape else ''}: {type(exc).__name__}: {exc}")
            continue
        seen = in_csvs.get((name, entry["inputShape"])) or (in_csvs.get((name, "")) if not shape else None)
        if seen:
            entry["datasets"] = _datasets_field(seen, entry["parameters"])
            entry = {k: entry[k] for k in [k for k in entry if k != "graph"] + ["graph"]}
        traced = totals["matmulFlopsPerSample"]
        described = entry["flopsPerSample"]
        if described and abs(traced - described) / described > AGREEMENT_TOLERANCE:
            log(f"disagreement: {name} at {entry['inputShape']}: trace {traced:.4g} matmul FLOPs, describe "
                f"{described:.4g} ({100 * (traced - described) / described:+.1f}%)")
            entry["note"] = (f"describe's forward hooks count {described} FLOPs; the trace counts {traced} matmul "
                             f"FLOPs ({100 * (traced - described) / described:+.1f}%): matmuls done outside "
                             "nn.Linear/convolution modules (einsum, functional calls) are invisible to hooks")
            entry = {k: entry[k] for k in [k for k in entry if k != "graph"] + ["graph"]}
        log(f"{name} {entry['inputShape']}: {len(entry['graph']['operators'])} operators, "
            f"{time.monotonic() - started:.1f} s")
        entries.append(entry)
    entries.sort(key=lambda e: (e["name"], e["inputShape"] != entry_at_shape(e["name"]).input_shape,
                                e["inputShape"]))
    return {"formatVersion": FORMAT_VERSION, "generatedBy": generated_by, "entries": entries}


def dumps(document: Dict[str, Any]) -> str:
    """Deterministic JSON: one entry's fields on one line, then its graph one operator per line."""
    lines = ['{"formatVersion": %d, "generatedBy": %s, "entries": [' % (
        document["formatVersion"], json.dumps(document["generatedBy"]))]
    rendered = []
    for entry in document["entries"]:
        head = {k: v for k, v in entry.items() if k != "graph"}
        graph = entry["graph"]
        graph_head = {k: v for k, v in graph.items() if k != "operators"}
        operators = ",\n  ".join(json.dumps(op, separators=(",", ":")) for op in graph["operators"])
        rendered.append(json.dumps(head, separators=(", ", ": "))[:-1] + ', "graph": '
                        + json.dumps(graph_head, separators=(", ", ": "))[:-1] + ', "operators": [\n  '
                        + operators + "]}}")
    lines.append(",\n".join(rendered))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def write(out: str, names: Optional[List[str]] = None, csv_paths: Optional[List[str]] = None) -> Dict[str, Any]:
    """Builds the catalogue of ``names`` (default: ``catalogue_models()``) and writes it to ``out``."""
    import torchvision
    generated_by = (f"python3 -m collector catalog (collector {__version__}, torch {torch.__version__}, "
                    f"torchvision {torchvision.__version__})")
    document = build(names if names is not None else catalogue_models(), csv_paths or [], generated_by)
    text = dumps(document)
    json.loads(text)  # the hand-made layout is valid JSON
    with open(out, "w") as handle:
        handle.write(text)
    return document


def entry_count(document: Dict[str, Any]) -> Tuple[int, int]:
    """(entries, operators over all graphs)."""
    return len(document["entries"]), sum(len(e["graph"]["operators"]) for e in document["entries"])


def relative_difference(a: float, b: float) -> float:
    return abs(a - b) / b if b else math.inf
