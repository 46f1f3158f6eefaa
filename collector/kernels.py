"""``kernels``: times single operators over a seeded, log-spaced grid of shapes into ``kernels-v1`` rows
(``docs/formats/kernel-measurements.md``).

Shapes: per kind, half of the cases are drawn log-uniformly inside ranges that cover what real models run,
half are real operators of the model catalogue (``datasets/model-catalog.json``) at a batch size drawn
log-uniformly from 1 to 64; a case too large for the device's caps is drawn again. Kinds and variants:

* ``matmul``: ``linear`` (``F.linear``, with or without bias) and ``bmm``;
* ``conv2d``: dense, depthwise and grouped, kernels 1 to 7, strides 1 and 2, dilation;
* ``attention``: ``F.scaled_dot_product_attention`` (fused, ``sdpa``) where PyTorch has it (2.x); on 1.13 the
  explicit form that such a model runs instead, recorded as its separate operators (``matmul bmm`` Q @ K^T,
  ``softmax``, ``matmul bmm`` P @ V);
* ``elementwise``: relu, gelu, silu, tanh, sigmoid, exp, hardswish, dropout, cast (unary), add, mul, sub, div
  (binary, ``inputs`` 2, or 1 with a scalar);
* ``normalization`` layer, rms, batch (inference), group; ``softmax``; ``embedding``; ``pooling`` max, avg,
  adaptive_avg; ``reduction`` sum, mean, max; ``memory`` copy, contiguous, transpose, permute, cat, pad, index.

Timing (``timing.measure_per_call``): warm-up, then samples of back-to-back calls between two device
synchronisations, each sample at least 1 ms long; ``seconds`` is the median per-call time of the samples,
``seconds_min`` the fastest, ``repeats`` the number of samples. A global time budget; rows are flushed one by
one. Every shape is measured at every requested dtype and thread count, so that their effects are paired.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import os
import random
import sys
import time
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F

from . import __version__, compat, hostinfo
from .graph import KIND_KEYS
from .timing import measure_per_call
from .writer import RowWriter

SCHEMA = "kernels-v1"
KERNEL_COLUMNS = ["schema_version", "device", "hardware_id", "threads", "framework", "dtype", "kind", "variant",
                  "dims", "seconds", "seconds_min", "repeats", "status", "run_id", "source"]
EXTRA_COLUMNS = ["load_avg_1m", "calls_per_sample", "timestamp", "error"]
ALL_KINDS = ["matmul", "conv2d", "attention", "elementwise", "normalization", "softmax", "embedding", "pooling",
             "reduction", "memory"]
KIND_WEIGHTS = {"matmul": 5, "conv2d": 4, "attention": 1.5, "elementwise": 2.5, "normalization": 1.5,
                "softmax": 1, "embedding": 0.5, "pooling": 1, "reduction": 1, "memory": 2}
DTYPES = {"fp32": torch.float32, "tf32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}
UNARY = ["relu", "gelu", "silu", "tanh", "sigmoid", "exp", "hardswish", "dropout", "cast"]
BINARY = ["add", "mul", "sub", "div"]


@dataclasses.dataclass(frozen=True)
class Limits:
    """Largest case a device times: FLOPs of one call and elements of its largest tensor."""

    flops: float
    elements: int


LIMITS = {"cpu": Limits(flops=5e8, elements=8 * 2 ** 20), "cuda": Limits(flops=2e12, elements=512 * 2 ** 20)}


@dataclasses.dataclass(frozen=True)
class Case:
    kind: str
    variant: str
    dims: Tuple[Tuple[str, Any], ...]

    @property
    def d(self) -> Dict[str, Any]:
        return dict(self.dims)

    def dims_string(self) -> str:
        """``b=1;m=512;n=768;k=768;bias=false``: keys in the graph JSON's order."""
        values = self.d
        keys = [k for k in KIND_KEYS[self.kind][0] + KIND_KEYS[self.kind][1] if k in values]
        return ";".join(f"{k}={str(values[k]).lower() if isinstance(values[k], bool) else values[k]}"
                        for k in keys)


def case(kind: str, variant: str, **dims: Any) -> Case:
    return Case(kind, variant, tuple(dims.items()))


# ---------------------------------------------------------------- shapes

def _log_int(rng: random.Random, low: int, high: int, align: int = 0) -> int:
    value = int(round(math.exp(rng.uniform(math.log(low), math.log(high)))))
    if align and rng.random() < 0.5:
        value = max(align, int(round(value / align)) * align)
    return max(low, min(high, value))


def case_cost(c: Case) -> Tuple[float, int]:
    """(FLOPs, elements of the largest tensor) of one call, for the caps."""
    d = c.d
    if c.kind == "matmul":
        return 2.0 * d["b"] * d["m"] * d["n"] * d["k"], max(d["b"] * d["m"] * d["k"], d["b"] * d["k"] * d["n"],
                                                             d["b"] * d["m"] * d["n"])
    if c.kind == "conv2d":
        oh = (d["height"] + 2 * d["padH"] - d["dilationH"] * (d["kernelH"] - 1) - 1) // d["strideH"] + 1
        ow = (d["width"] + 2 * d["padW"] - d["dilationW"] * (d["kernelW"] - 1) - 1) // d["strideW"] + 1
        flops = 2.0 * d["n"] * d["outChannels"] * oh * ow * d["inChannels"] // d["groups"] * d["kernelH"] * d["kernelW"]
        return flops, max(d["n"] * d["inChannels"] * d["height"] * d["width"], d["n"] * d["outChannels"] * oh * ow)
    if c.kind == "attention":
        return (4.0 * d["batch"] * d["heads"] * d["queryLength"] * d["keyLength"] * d["headDim"],
                d["batch"] * d["heads"] * d["queryLength"] * max(d["keyLength"], d["headDim"]))
    if c.kind in ("elementwise", "memory"):
        return float(d["elements"]), d["elements"] * (2 if c.variant == "cat" else 1)
    if c.kind in ("normalization", "softmax"):
        return 5.0 * d["rows"] * d["cols"], d["rows"] * d["cols"]
    if c.kind == "embedding":
        return 0.0, max(d["lookups"] * d["dim"], d["vocab"] * d["dim"])
    if c.kind == "pooling":
        return float(d["outputElements"] * d["window"]), d["outputElements"] * d["window"]
    if c.kind == "reduction":
        return float(d["inputElements"]), d["inputElements"]
    return 0.0, 0


def fits(c: Case, limits: Limits) -> bool:
    flops, elements = case_cost(c)
    return flops <= limits.flops and elements <= limits.elements


def random_case(kind: str, rng: random.Random) -> List[Case]:
    """One log-uniform draw of ``kind`` (a list: attention on PyTorch 1.13 is three operators)."""
    if kind == "matmul":
        if rng.random() < 0.6:
            return [case("matmul", "linear", b=1, m=_log_int(rng, 1, 16384, 8), n=_log_int(rng, 8, 32768, 64),
                         k=_log_int(rng, 16, 8192, 64), bias=rng.random() < 0.7)]
        return [case("matmul", "bmm", b=_log_int(rng, 1, 1024, 4), m=_log_int(rng, 1, 4096, 16),
                     n=_log_int(rng, 8, 4096, 16), k=_log_int(rng, 8, 4096, 16), bias=False)]
    if kind == "conv2d":
        style = rng.random()
        kernel = rng.choice([1, 1, 3, 3, 3, 5, 7])
        stride = rng.choice([1, 1, 1, 2]) if kernel > 1 or rng.random() < 0.8 else 2
        dilation = 2 if kernel == 3 and rng.random() < 0.05 else 1
        side = _log_int(rng, 7, 224)
        if style < 0.2:  # depthwise
            channels = _log_int(rng, 16, 1536, 8)
            in_c, out_c, groups = channels, channels, channels
        elif style < 0.3:  # grouped
            groups = rng.choice([2, 4, 8, 32])
            in_c = groups * _log_int(rng, 1, 64)
            out_c = groups * _log_int(rng, 1, 64)
        else:
            in_c, out_c, groups = _log_int(rng, 3, 2048, 16), _log_int(rng, 8, 2048, 16), 1
        return [case("conv2d", "conv", n=_log_int(rng, 1, 64), inChannels=in_c, outChannels=out_c, height=side,
                     width=side, kernelH=kernel, kernelW=kernel, strideH=stride, strideW=stride,
                     padH=dilation * (kernel // 2), padW=dilation * (kernel // 2), dilationH=dilation,
                     dilationW=dilation, groups=groups, bias=rng.random() < 0.4)]
    if kind == "attention":
        heads = rng.choice([1, 2, 4, 8, 12, 16, 32])
        length = _log_int(rng, 16, 4096, 16)
        return attention_cases(batch=_log_int(rng, 1, 32), heads=heads, length=length,
                               head_dim=rng.choice([32, 64, 64, 80, 128]), causal=rng.random() < 0.5)
    if kind == "elementwise":
        elements = _log_int(rng, 1024, 64 * 2 ** 20, 1024)
        if rng.random() < 0.55:
            return [case("elementwise", rng.choice(UNARY), elements=elements, inputs=1)]
        return [case("elementwise", rng.choice(BINARY), elements=elements, inputs=2 if rng.random() < 0.7 else 1)]
    if kind == "normalization":
        variant = rng.choice(["layer", "layer", "rms", "batch", "group"])
        if variant == "batch":
            return [case("normalization", "batch", rows=_log_int(rng, 49, 802816), cols=_log_int(rng, 16, 2048, 16))]
        if variant == "group":
            return [case("normalization", "group", rows=rng.choice([8, 16, 32]) * _log_int(rng, 1, 32),
                         cols=_log_int(rng, 64, 200704, 64))]
        return [case("normalization", variant, rows=_log_int(rng, 1, 65536, 8), cols=_log_int(rng, 64, 8192, 64))]
    if kind == "softmax":
        return [case("softmax", rng.choice(["softmax", "softmax", "log_softmax"]), rows=_log_int(rng, 1, 2 ** 20),
                     cols=_log_int(rng, 8, 32768, 8))]
    if kind == "embedding":
        return [case("embedding", "embedding", lookups=_log_int(rng, 1, 65536), dim=_log_int(rng, 64, 4096, 64),
                     vocab=_log_int(rng, 1000, 250000))]
    if kind == "pooling":
        channels, side = _log_int(rng, 16, 1024, 16), _log_int(rng, 7, 112)
        variant = rng.choice(["max", "max", "avg", "adaptive_avg"])
        if variant == "adaptive_avg":
            return [case("pooling", variant, outputElements=channels, window=side * side)]
        window = rng.choice([2, 3])
        out = (side - window) // 2 + 1
        return [case("pooling", variant, outputElements=channels * out * out, window=window * window)]
    if kind == "reduction":
        rows, cols = _log_int(rng, 1, 65536), _log_int(rng, 2, 65536)
        return [case("reduction", rng.choice(["sum", "mean", "max"]), inputElements=rows * cols, outputElements=rows)]
    if kind == "memory":
        variant = rng.choice(["copy", "contiguous", "transpose", "permute", "cat", "pad", "index"])
        elements = _log_int(rng, 1024, 32 * 2 ** 20, 1024)
        if variant in ("contiguous", "transpose", "permute"):
            elements = elements // 64 * 64  # a real 2-D transpose: both sides at least 8
        return [case("memory", variant, elements=elements)]
    raise ValueError(f"kind must be one of {', '.join(ALL_KINDS)}, was '{kind}'")


def attention_cases(batch: int, heads: int, length: int, head_dim: int, causal: bool,
                    key_length: Optional[int] = None) -> List[Case]:
    """Fused SDPA where PyTorch has it; else the explicit form's three operators (causal masking then is an
    extra elementwise step of that form and is not part of these three)."""
    key_length = key_length or length
    if compat.has_sdpa():
        return [case("attention", "sdpa", batch=batch, heads=heads, kvHeads=heads, queryLength=length,
                     keyLength=key_length, headDim=head_dim, causal=causal and length == key_length, fused=True)]
    products = batch * heads
    return [case("matmul", "bmm", b=products, m=length, n=key_length, k=head_dim, bias=False),
            case("softmax", "softmax", rows=products * length, cols=key_length),
            case("matmul", "bmm", b=products, m=length, n=head_dim, k=key_length, bias=False)]


def catalogue_operators(path: Optional[str]) -> Dict[str, List[Dict[str, Any]]]:
    """Operators of the model catalogue's graphs by kind (empty when the file is absent)."""
    if not path or not os.path.exists(path):
        return {}
    with open(path) as handle:
        document = json.load(handle)
    found: Dict[str, List[Dict[str, Any]]] = {}
    seen = set()
    for entry in document.get("entries", []):
        for op in entry["graph"]["operators"]:
            key = json.dumps({k: v for k, v in op.items() if k not in ("name", "repeat")}, sort_keys=True)
            if key not in seen:
                seen.add(key)
                found.setdefault(op["kind"], []).append(op)
    return found


def catalogue_case(op: Dict[str, Any], batch: int) -> List[Case]:
    """A catalogue operator at ``batch``, as the sweep can run it (empty when it cannot)."""
    kind, variant = op["kind"], op.get("variant", "")
    batch_dim = op.get("batchDim")
    scale = 1 if batch_dim == "none" else batch
    if kind == "matmul":
        dims = {k: op[k] for k in ("b", "m", "n", "k")}
        dim = batch_dim if batch_dim in ("b", "m", "n", "k") else ("m" if variant == "linear" else "b")
        dims[dim] *= scale
        if dims["b"] == 1:
            return [case("matmul", "linear", b=1, m=dims["m"], n=dims["n"], k=dims["k"], bias=bool(op.get("bias")))]
        return [case("matmul", "bmm", b=dims["b"], m=dims["m"], n=dims["n"], k=dims["k"], bias=False)]
    if kind == "conv2d":
        dims = {k: op.get(k, default) for k, default in (
            ("n", 1), ("inChannels", 1), ("outChannels", 1), ("height", 1), ("width", 1), ("kernelH", 1),
            ("kernelW", 1), ("strideH", 1), ("strideW", 1), ("padH", 0), ("padW", 0), ("dilationH", 1),
            ("dilationW", 1), ("groups", 1), ("bias", False))}
        dims["n"] *= scale
        return [case("conv2d", "conv", **dims)]
    if kind == "attention":
        return attention_cases(op["batch"] * scale, op["heads"], op["queryLength"], op["headDim"],
                               bool(op["causal"]), op["keyLength"])
    if kind == "elementwise" and variant in UNARY + BINARY:
        return [case("elementwise", variant, elements=op["elements"] * scale, inputs=op.get("inputs", 1)
                     if variant in BINARY else 1)]
    if kind == "normalization" and variant in ("layer", "rms", "batch", "group"):
        return [case("normalization", variant, rows=op["rows"] * scale, cols=op["cols"])]
    if kind == "softmax":
        return [case("softmax", variant or "softmax", rows=op["rows"] * scale, cols=op["cols"])]
    if kind == "embedding":
        return [case("embedding", "embedding", lookups=op["lookups"] * scale, dim=op["dim"], vocab=op["vocab"])]
    if kind == "pooling" and variant in ("max", "avg", "adaptive_avg"):
        return [case("pooling", variant, outputElements=op["outputElements"] * scale, window=op["window"])]
    if kind == "reduction" and variant in ("sum", "mean", "max"):
        rows = max(1, op["outputElements"] * scale)
        return [case("reduction", variant, inputElements=rows * max(1, op["inputElements"] // op["outputElements"]),
                     outputElements=rows)]
    if kind == "memory" and variant in ("copy", "contiguous", "transpose", "permute", "cat", "pad", "index"):
        return [case("memory", variant, elements=op["elements"] * scale)]
    return []


def plan(kinds: Sequence[str], device: str, seed: int, catalogue: Dict[str, List[Dict[str, Any]]],
         limits: Optional[Limits] = None) -> Iterator[List[Case]]:
    """An endless, seeded stream of cases (each a list of operators run back to back as separate rows),
    kinds interleaved by weight, half from the catalogue where it has operators of the kind."""
    rng = random.Random(seed)
    limits = limits or LIMITS[device]
    weights = [KIND_WEIGHTS[k] for k in kinds]
    seen = set()
    while True:
        kind = rng.choices(list(kinds), weights)[0]
        for _ in range(50):
            real = catalogue.get(kind)
            if real and rng.random() < 0.5:
                cases = catalogue_case(rng.choice(real), _log_int(rng, 1, 64))
            else:
                cases = random_case(kind, rng)
            if cases and all(fits(c, limits) and c.d.get("height", 1) >= 1 for c in cases) and \
                    tuple(cases) not in seen and _valid(cases):
                seen.add(tuple(cases))
                yield cases
                break


def _valid(cases: List[Case]) -> bool:
    for c in cases:
        d = c.d
        if c.kind == "conv2d":
            if d["inChannels"] % d["groups"] or d["outChannels"] % d["groups"]:
                return False
            oh = (d["height"] + 2 * d["padH"] - d["dilationH"] * (d["kernelH"] - 1) - 1) // d["strideH"] + 1
            if oh < 1:
                return False
        if c.kind == "pooling" and d["outputElements"] < 1:
            return False
    return True


# ---------------------------------------------------------------- runners

def make_runner(c: Case, dtype: str, device: str) -> Callable[[], Any]:
    """Allocates the operands of a case in ``dtype`` on ``device`` and returns the call to time."""
    dt = DTYPES[dtype]
    d = c.d

    def randn(*shape: int) -> torch.Tensor:
        return torch.randn(*shape, device=device, dtype=dt)

    if c.kind == "matmul":
        if c.variant == "linear":
            x, w = randn(d["m"], d["k"]), randn(d["n"], d["k"])
            bias = randn(d["n"]) if d.get("bias") else None
            return lambda: F.linear(x, w, bias)
        a, b = randn(d["b"], d["m"], d["k"]), randn(d["b"], d["k"], d["n"])
        return lambda: torch.bmm(a, b)
    if c.kind == "conv2d":
        x = randn(d["n"], d["inChannels"], d["height"], d["width"])
        w = randn(d["outChannels"], d["inChannels"] // d["groups"], d["kernelH"], d["kernelW"])
        bias = randn(d["outChannels"]) if d.get("bias") else None
        stride, padding = (d["strideH"], d["strideW"]), (d["padH"], d["padW"])
        dilation, groups = (d["dilationH"], d["dilationW"]), d["groups"]
        return lambda: F.conv2d(x, w, bias, stride, padding, dilation, groups)
    if c.kind == "attention":
        q = randn(d["batch"], d["heads"], d["queryLength"], d["headDim"])
        k = randn(d["batch"], d["kvHeads"], d["keyLength"], d["headDim"])
        v = randn(d["batch"], d["kvHeads"], d["keyLength"], d["headDim"])
        causal = d["causal"]
        return lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal)
    if c.kind == "elementwise":
        x = randn(d["elements"])
        if c.variant in BINARY:
            y = randn(d["elements"]) if d["inputs"] == 2 else 0.5
            op = {"add": torch.add, "mul": torch.mul, "sub": torch.sub, "div": torch.div}[c.variant]
            return lambda: op(x, y)
        if c.variant == "cast":
            target = torch.float32 if dt != torch.float32 else torch.bfloat16
            return lambda: x.to(target)
        if c.variant == "dropout":
            return lambda: F.dropout(x, 0.1, training=True)
        op = {"relu": F.relu, "gelu": F.gelu, "silu": F.silu, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
              "exp": torch.exp, "hardswish": F.hardswish}[c.variant]
        return lambda: op(x)
    if c.kind == "normalization":
        rows, cols = d["rows"], d["cols"]
        if c.variant == "layer":
            x, w, b = randn(rows, cols), randn(cols), randn(cols)
            return lambda: F.layer_norm(x, (cols,), w, b)
        if c.variant == "rms":
            x, w = randn(rows, cols), randn(cols)
            fused = getattr(F, "rms_norm", None)  # 2.4+
            if fused is not None:
                return lambda: fused(x, (cols,), w)
            return lambda: x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * w
        if c.variant == "batch":
            x = randn(1, cols, rows)
            mean, var = torch.zeros(cols, device=device, dtype=dt), torch.ones(cols, device=device, dtype=dt)
            w, b = randn(cols), randn(cols)
            return lambda: F.batch_norm(x, mean, var, w, b, training=False)
        groups = next(g for g in (32, 16, 8, 4, 2, 1) if rows % g == 0)  # rows = images x groups
        per_channel = next(c for c in range(min(64, cols), 0, -1) if cols % c == 0)  # cols = (C/G) x H x W
        x = randn(rows // groups, groups * per_channel, cols // per_channel)
        w, b = randn(groups * per_channel), randn(groups * per_channel)
        return lambda: F.group_norm(x, groups, w, b)
    if c.kind == "softmax":
        x = randn(d["rows"], d["cols"])
        op = F.log_softmax if c.variant == "log_softmax" else F.softmax
        return lambda: op(x, -1)
    if c.kind == "embedding":
        weight = randn(d["vocab"], d["dim"])
        index = torch.randint(0, d["vocab"], (d["lookups"],), device=device)
        return lambda: F.embedding(index, weight)
    if c.kind == "pooling":
        return _pooling_runner(c, randn)
    if c.kind == "reduction":
        rows = d["outputElements"]
        x = randn(rows, d["inputElements"] // rows)
        if c.variant == "max":
            return lambda: torch.amax(x, -1)
        return (lambda: torch.sum(x, -1)) if c.variant == "sum" else (lambda: torch.mean(x, -1))
    if c.kind == "memory":
        return _memory_runner(c, randn, device)
    raise ValueError(f"no runner for {c.kind} {c.variant}")


def _pooling_runner(c: Case, randn: Callable[..., torch.Tensor]) -> Callable[[], Any]:
    d = c.d
    if c.variant == "adaptive_avg":
        side = int(round(math.sqrt(d["window"])))
        x = randn(1, d["outputElements"], side, d["window"] // side)
        return lambda: F.adaptive_avg_pool2d(x, 1)
    kernel = int(round(math.sqrt(d["window"])))
    out = int(round(math.sqrt(d["outputElements"])))
    channels = 1
    for candidate in range(out, 0, -1):  # the largest square map whose channel count divides exactly
        if d["outputElements"] % (candidate * candidate) == 0:
            out, channels = candidate, d["outputElements"] // (candidate * candidate)
            break
    side = (out - 1) * 2 + kernel
    x = randn(1, channels, side, side)
    if c.variant == "max":
        return lambda: F.max_pool2d(x, kernel, 2)
    return lambda: F.avg_pool2d(x, kernel, 2)


def _memory_runner(c: Case, randn: Callable[..., torch.Tensor], device: str) -> Callable[[], Any]:
    elements = c.d["elements"]
    rows = 1 << max(0, int(math.log2(max(1, elements))) // 2)
    while elements % rows:
        rows //= 2
    cols = elements // rows
    if c.variant == "copy":
        x = randn(elements)
        return lambda: x.clone()
    if c.variant in ("contiguous", "transpose"):
        x = randn(rows, cols)
        # clone, not .contiguous(): a (1, n) transpose is already contiguous and would copy nothing
        return lambda: x.t().clone(memory_format=torch.contiguous_format)
    if c.variant == "permute":
        half_rows, half_cols = (rows // 2, cols // 2) if rows % 2 == 0 and cols % 2 == 0 else (rows, cols)
        x = randn(rows // half_rows, half_rows, cols // half_cols, half_cols)
        return lambda: x.permute(0, 2, 1, 3).clone(memory_format=torch.contiguous_format)
    if c.variant == "cat":
        half = max(1, elements // 2)
        a, b = randn(half), randn(elements - half) if elements > half else randn(1)
        return lambda: torch.cat([a, b])
    if c.variant == "pad":
        x = randn(rows, max(1, cols - 2))
        return lambda: F.pad(x, (1, 1))
    x = randn(rows, cols)
    index = torch.randint(0, rows, (rows,), device=device)
    return lambda: x.index_select(0, index)


# ---------------------------------------------------------------- the run

def device_name(device: str) -> str:
    """The name the driver reports (``nvidia-smi``'s name via torch) or the CPU model name (``lscpu``)."""
    if device == "cuda":
        return torch.cuda.get_device_name(0)
    return hostinfo.cpu_description()["cpu_model"]


def _status_for(exc: BaseException) -> str:
    text = str(exc).lower()
    if isinstance(exc, compat.oom_error_types()) or "out of memory" in text or "can't allocate memory" in text:
        return "oom"
    return "error"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: Any) -> int:
    """The ``kernels`` command; returns the exit code."""
    if args.device == "cuda" and not torch.cuda.is_available():
        _log("--device cuda asked but torch.cuda.is_available() is false")
        return 2
    unsupported = [d for d in args.dtypes if d not in compat.supported_precisions(args.device)]
    if unsupported:
        _log(f"dtype {', '.join(unsupported)} cannot run on {args.device} (supported: "
             f"{', '.join(compat.supported_precisions(args.device))})")
        return 2
    if args.device == "cpu":
        ok, explanation = hostinfo.check_blas(hostinfo.current_maps_after_matmul())
        if not ok and not args.allow_reference_blas:
            _log("refusing to measure: " + explanation)
            return 3
        torch.set_num_interop_threads(1)
    threads = args.threads if args.device == "cpu" else [0]
    catalogue = catalogue_operators(args.catalog)
    stream = plan(args.kinds, args.device, args.seed, catalogue)
    if args.dry_run:
        for index, cases in zip(range(args.dry_run), stream):
            for c in cases:
                print(f"{index}\t{c.kind}\t{c.variant}\t{c.dims_string()}\tflops={case_cost(c)[0]:.3g}")
        return 0
    run_id = args.run_id or f"{hostinfo.host_name()}-{args.device}-kernels-{datetime.datetime.now():%Y%m%d-%H%M%S}"
    common = {"schema_version": SCHEMA, "device": device_name(args.device), "hardware_id": "",
              "framework": compat.framework_string(args.device), "run_id": run_id,
              "source": f"collector {__version__}"}
    torch.manual_seed(args.seed)
    started = time.monotonic()
    reserve = min(0.1 * args.budget_s, 120.0) if args.repeat_check > 0 else 0.0
    deadline = started + args.budget_s - reserve
    broken: Dict[Tuple[str, str, str], str] = {}
    rows: List[Dict[str, Any]] = []
    counts = {"ok": 0, "oom": 0, "error": 0}
    with RowWriter(args.out, KERNEL_COLUMNS + EXTRA_COLUMNS) as writer:
        for cases in stream:
            if time.monotonic() >= deadline or (args.max_cases and len(rows) >= args.max_cases):
                break
            for c in cases:
                for dtype in args.dtypes:
                    for row in _measure_case(c, dtype, threads, args, common, broken):
                        writer.write({k: v for k, v in row.items() if not k.startswith("_")})
                        counts[row["status"]] += 1
                        rows.append(row)
                        if not args.quiet:
                            shown = f"{row['seconds']:.3g}s" if row["seconds"] else row["error"]
                            _log(f"[{len(rows)}] {c.kind} {c.variant} {row['dims']} {dtype} t{row['threads']}: "
                                 f"{row['status']} {shown}")
    # the re-measurement has its own allowance: the last case may have run past the main deadline
    repeat = repeat_check(rows, args, time.monotonic() + max(reserve, 1.0)) if args.repeat_check > 0 else None
    elapsed = time.monotonic() - started
    kinds = sorted({r["kind"] for r in rows if r["status"] == "ok"})
    print(f"measured {len(rows)} kernel rows ({counts['ok']} ok, {counts['oom']} oom, {counts['error']} error) "
          f"over {len(kinds)} kinds in {elapsed:.0f} s into {args.out}", flush=True)
    for (kind, variant, dtype), reason in sorted(broken.items()):
        print(f"unsupported: {kind} {variant} {dtype}: {reason}", flush=True)
    if repeat:
        print(f"repeatability: {repeat['k']} rows measured twice, median relative difference "
              f"{100 * repeat['median_rel_diff']:.1f}%", flush=True)
    if args.summary_json:
        with open(args.summary_json, "w") as handle:
            json.dump({"run_id": run_id, "rows": dict(counts, total=len(rows)), "elapsed_s": round(elapsed, 1),
                       "threads": threads, "dtypes": args.dtypes, "kinds": args.kinds,
                       "load_avg_at_end": list(os.getloadavg()), "unsupported": {
                           f"{k} {v} {d}": r for (k, v, d), r in sorted(broken.items())},
                       "repeatability": repeat, "host": hostinfo.describe_host(args.device, threads)},
                      handle, indent=2, default=str)
            handle.write("\n")
    return 0 if counts["ok"] > 0 else 1


def _measure_case(c: Case, dtype: str, threads: List[int], args: Any, common: Dict[str, Any],
                  broken: Dict[Tuple[str, str, str], str]) -> Iterator[Dict[str, Any]]:
    """Rows of one case at one dtype, one per thread count. An operator that this PyTorch cannot run in a
    dtype gets one ``error`` row and is skipped from then on."""
    key = (c.kind, c.variant, dtype)
    if key in broken:
        return
    compat.set_tf32(dtype == "tf32")
    runner: Optional[Callable[[], Any]] = None
    failure: Optional[BaseException] = None
    try:
        runner = make_runner(c, dtype, args.device)
        runner()
    except Exception as exc:  # noqa: BLE001 - a failed case becomes a row
        failure = exc
    for count in threads:
        row = dict(common, threads=count, dtype=dtype, kind=c.kind, variant=c.variant, dims=c.dims_string(),
                   status="ok", error="", _case=c)
        if count:
            torch.set_num_threads(count)
        if failure is None:
            try:
                timing, calls = measure_per_call(runner, args.device, warmup=args.warmup,  # type: ignore[arg-type]
                                                 min_repeats=args.min_repeats, max_repeats=args.max_repeats,
                                                 budget_s=args.config_budget_s)
                row.update(seconds=timing.median_s, seconds_min=min(timing.times_s), repeats=timing.repeats,
                           calls_per_sample=calls)
            except Exception as exc:  # noqa: BLE001
                failure = exc
        if failure is not None:
            status = _status_for(failure)
            message = str(failure).splitlines()[0][:200] if str(failure) else ""
            row.update(status=status, error=f"{type(failure).__name__}: {message}")
            if status == "error":
                broken[key] = row["error"]
        row.update(load_avg_1m=hostinfo.load_avg_1m(),
                   timestamp=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        yield row
        if failure is not None and _status_for(failure) == "error":
            break
    del runner
    if args.device == "cuda":
        torch.cuda.empty_cache()


def repeat_check(rows: List[Dict[str, Any]], args: Any, deadline: float) -> Dict[str, Any]:
    """Measures K ok rows a second time (operands allocated anew) and reports the median relative difference
    |a - b| / ((a + b) / 2) of the two medians."""
    candidates = [r for r in rows if r["status"] == "ok"]
    random.Random(args.seed + 1).shuffle(candidates)
    pairs = []
    for row in candidates[:args.repeat_check]:
        if time.monotonic() > deadline:
            break
        c: Case = row["_case"]
        compat.set_tf32(row["dtype"] == "tf32")
        if row["threads"]:
            torch.set_num_threads(row["threads"])
        try:
            timing, _ = measure_per_call(make_runner(c, row["dtype"], args.device), args.device,
                                         warmup=args.warmup, min_repeats=args.min_repeats,
                                         max_repeats=args.max_repeats, budget_s=args.config_budget_s)
        except Exception:  # noqa: BLE001
            continue
        first, second = row["seconds"], timing.median_s
        pairs.append({"row": f"{c.kind} {c.variant} {row['dims']} {row['dtype']} t{row['threads']}",
                      "first_s": first, "second_s": second, "rel_diff": abs(first - second) / ((first + second) / 2)})
    diffs = sorted(p["rel_diff"] for p in pairs)
    median = float("nan")
    if diffs:
        middle = len(diffs) // 2
        median = diffs[middle] if len(diffs) % 2 else (diffs[middle - 1] + diffs[middle]) / 2
    return {"k": len(pairs), "median_rel_diff": median, "pairs": pairs,
            "definition": "median over K rows of |a-b|/((a+b)/2), a and b the medians of two measurements of "
                          "the same kernel row, the second after the main run with new operands"}
