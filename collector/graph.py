"""Operator graph trace: the aten operators of one forward pass, in the vocabulary of
``docs/formats/operator-graph.md`` (format version 1), per sample.

How: a ``TorchDispatchMode`` (``torch.utils._python_dispatch``, in PyTorch 1.13 and 2.x) sees every aten
operator that reaches a kernel, after the composite operators (``linear``, ``matmul``, ``conv2d``,
``layer_norm``...) have been decomposed; forward hooks on every submodule give each operator its module path.
The model runs twice, at batch 2 and batch 4 (on the ``meta`` device when the model allows, so nothing is
computed; otherwise on the CPU): the dimension that doubles at batch 4 is the operator's ``batchDim`` (``none``
when nothing grows) and is halved to give the per-sample operator. (Batch 1 is avoided: PyTorch takes
size-1 shortcuts there, such as a contiguous transpose feeding a fused ``addmm``, that batched runs do not.)

Mapping (aten -> graph kind):

* ``mm, addmm, bmm, baddbmm, mv, dot`` (and ``linear`` where a backend keeps it) -> ``matmul``; variant
  ``linear`` when the right operand is (a view of) a parameter, else the aten name (``mm`` -> ``matmul``).
* ``convolution`` (and backend variants) -> ``conv2d`` for 2-D (1-D as height 1); 3-D and transposed
  convolutions -> ``other`` with their FLOPs.
* ``_scaled_dot_product_*_attention`` (PyTorch 2.x) -> ``attention``, ``fused: true``, variant ``sdpa``. A
  ``bmm``, ``softmax``, ``bmm`` chain over the same score matrix (hand-written attention, PyTorch 1.13's
  ``nn.MultiheadAttention``) -> ``attention``, ``fused: false``; the scaling, masking and dropout between them
  stay separate ``elementwise`` operators, and ``causal`` is false (the unfused kernels compute and mask the
  whole score matrix; only a kernel that skips the masked half is causal).
* ``native_layer_norm``, ``native_batch_norm`` (and legit/cudnn forms), ``native_group_norm``,
  ``_fused_rms_norm`` -> ``normalization``; ``_softmax``, ``_log_softmax`` -> ``softmax``; ``embedding``;
  ``max_pool*``, ``avg_pool*``, ``adaptive_*_pool*`` -> ``pooling``; ``sum, mean, amax, amin, max, min, norm``
  (with a dimension) -> ``reduction``; copies (``clone`` of a non-contiguous tensor = ``contiguous``,
  ``copy_``, ``cat``, ``stack``, ``constant_pad_nd``, ``index``, ``gather``...) -> ``memory``; pointwise
  operators -> ``elementwise`` (``inputs``: the operands as large as the output, 1 or 2).
* ``nn.LSTM``, ``nn.GRU``, ``nn.RNN`` -> one ``recurrent`` operator per module call, whatever aten operators
  run inside (PyTorch 1.13 on CPU decomposes them into per-step ``addmm``; CUDA runs ``_cudnn_rnn``).
* Views (``view``, ``t``, ``transpose``, ``permute``, ``expand``...) and tensor creation without a kernel
  are left out; anything else -> ``other`` with ``flops`` (where known, else 0) and ``bytes`` read + written.

Identical operators whose module paths agree once numeric components are replaced by ``*``
(``encoder.layer.*.attention.self.query``) are merged into one entry with ``repeat``.
"""

from __future__ import annotations

import copy
import difflib
import itertools
import math
import re
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import torch
from torch import nn

from . import compat

FORMAT_VERSION = 1

# ---------------------------------------------------------------- the vocabulary (docs/formats/operator-graph.md)

KIND_KEYS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    # kind: (required dimension keys, optional keys)
    "matmul": (("b", "m", "n", "k"), ("bias",)),
    "conv2d": (("n", "inChannels", "outChannels", "height", "width", "kernelH", "kernelW"),
               ("strideH", "strideW", "padH", "padW", "dilationH", "dilationW", "groups", "bias")),
    "attention": (("batch", "heads", "queryLength", "keyLength", "headDim", "causal", "fused"), ("kvHeads",)),

    "elementwise": (("elements",), ("inputs", "flopsPerElement")),
    "normalization": (("rows", "cols"), ()),
    "softmax": (("rows", "cols"), ()),
    "embedding": (("lookups", "dim", "vocab"), ()),
    "pooling": (("outputElements", "window"), ()),
    "reduction": (("inputElements", "outputElements"), ()),
    "recurrent": (("sequenceLength", "inputSize", "hiddenSize"), ("layers", "bidirectional", "cell")),
    "memory": (("elements",), ()),
    "other": (("flops", "bytes"), ("precisionBytes",)),
}
COMMON_KEYS = ("kind", "variant", "name", "repeat", "batchDim")
BOOLEAN_KEYS = {"bias", "causal", "fused", "bidirectional"}
ZERO_ALLOWED = {"padH", "padW", "flops", "bytes", "flopsPerElement"}

VARIANTS: Dict[str, Optional[Tuple[str, ...]]] = {
    "matmul": ("linear", "matmul", "bmm", "addmm", "baddbmm"),
    "conv2d": ("conv",),
    "attention": ("sdpa",),
    "elementwise": None,  # open: any lower-case word (see ELEMENTWISE_FLOPS for the defaults)
    "normalization": ("layer", "rms", "batch", "group"),
    "softmax": ("softmax", "log_softmax"),
    "embedding": ("embedding",),
    "pooling": ("max", "avg", "adaptive_avg", "adaptive_max"),
    "reduction": ("sum", "mean", "max", "min", "norm"),
    "recurrent": ("lstm", "gru", "rnn"),
    "memory": ("copy", "transpose", "permute", "cat", "contiguous", "pad", "index"),
    "other": None,
}
VARIANT_PATTERN = re.compile(r"[a-z][a-z0-9_]*")

DEFAULT_BATCH_DIM = {
    "conv2d": "n", "attention": "batch", "elementwise": "elements", "normalization": "rows", "softmax": "rows",
    "embedding": "lookups", "pooling": "outputElements", "reduction": "inputElements", "memory": "elements",
    "other": "flops",
}
ELEMENTWISE_FLOPS = {"gelu": 8, "silu": 8, "tanh": 4, "sigmoid": 4, "exp": 4, "swiglu": 9, "dropout": 2,
                     "cast": 0, "copy": 0}
RECURRENT_GATES = {"lstm": 4, "gru": 3, "rnn": 1}
RECURRENT_GATE_FLOPS = {"lstm": 3 * 4 + 2 * 4 + 3, "gru": 2 * 4 + 4 + 3, "rnn": 4}


class GraphValidationError(ValueError):
    """A graph document breaks a rule of operator-graph.md; the message names the operator, key and rule."""


def default_batch_dim(op: Dict[str, Any]) -> Optional[str]:
    if op["kind"] == "matmul":
        return "m" if op.get("variant") == "linear" else "b"
    return DEFAULT_BATCH_DIM.get(op["kind"])


# ---------------------------------------------------------------- arithmetic (the doc's tables)

def conv_output_size(size: int, kernel: int, stride: int, pad: int, dilation: int) -> int:
    return (size + 2 * pad - dilation * (kernel - 1) - 1) // stride + 1


def operator_flops(op: Dict[str, Any]) -> Tuple[int, int]:
    """(FLOPs, matmul FLOPs) of one operator at batch 1, one repeat, as the doc's arithmetic says."""
    kind = op["kind"]
    if kind == "matmul":
        flops = 2 * op["b"] * op["m"] * op["n"] * op["k"]
        return flops, flops
    if kind == "conv2d":
        out_h = conv_output_size(op["height"], op["kernelH"], op.get("strideH", 1), op.get("padH", 0),
                                 op.get("dilationH", 1))
        out_w = conv_output_size(op["width"], op["kernelW"], op.get("strideW", 1), op.get("padW", 0),
                                 op.get("dilationW", 1))
        flops = (2 * op["n"] * op["outChannels"] * out_h * out_w * (op["inChannels"] // op.get("groups", 1))
                 * op["kernelH"] * op["kernelW"])
        return flops, flops
    if kind == "attention":
        flops = 4 * op["batch"] * op["heads"] * op["queryLength"] * op["keyLength"] * op["headDim"]
        if op["causal"] and op["queryLength"] == op["keyLength"]:
            flops //= 2
        return flops, flops
    if kind == "elementwise":
        per = op.get("flopsPerElement", ELEMENTWISE_FLOPS.get(op.get("variant", ""), 1))
        return op["elements"] * per, 0
    if kind == "normalization":
        return op["rows"] * op["cols"] * (4 if op.get("variant") == "rms" else 5), 0
    if kind == "softmax":
        return 5 * op["rows"] * op["cols"], 0
    if kind == "pooling":
        return op["outputElements"] * op["window"], 0
    if kind == "reduction":
        return op["inputElements"], 0
    if kind == "recurrent":
        cell = op.get("cell", op.get("variant", "lstm"))
        gates, hidden, steps = RECURRENT_GATES[cell], op["hiddenSize"], op["sequenceLength"]
        directions = 2 if op.get("bidirectional") else 1
        matmul = total = 0
        for layer in range(op.get("layers", 1)):
            inputs = op["inputSize"] if layer == 0 else hidden * directions
            per_direction = 2 * steps * gates * hidden * inputs + 2 * steps * gates * hidden * hidden
            matmul += directions * per_direction
            total += directions * (per_direction + steps * RECURRENT_GATE_FLOPS[cell] * hidden)
        return total, matmul
    if kind == "other":
        return op["flops"], 0
    return 0, 0  # embedding, memory


def graph_totals(document: Dict[str, Any]) -> Dict[str, int]:
    """``flopsPerSample`` (every operator) and ``matmulFlopsPerSample`` (matmul, conv2d, attention and the
    recurrent matmuls) of a graph, at batch 1."""
    flops = matmul = 0
    for op in document["operators"]:
        f, m = operator_flops(op)
        flops += f * op.get("repeat", 1)
        matmul += m * op.get("repeat", 1)
    return {"flopsPerSample": flops, "matmulFlopsPerSample": matmul}


# ---------------------------------------------------------------- validation

def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate(document: Dict[str, Any]) -> None:
    """Checks a graph document against operator-graph.md; raises ``GraphValidationError``."""
    if not isinstance(document, dict):
        raise GraphValidationError("a graph document is a JSON object")
    unknown = set(document) - {"formatVersion", "model", "source", "inputShape", "operators"}
    if unknown:
        raise GraphValidationError(f"unknown document keys {sorted(unknown)}")
    if document.get("formatVersion") != FORMAT_VERSION:
        raise GraphValidationError(f"formatVersion must be {FORMAT_VERSION}, was {document.get('formatVersion')!r}")
    for key in ("model", "source", "inputShape"):
        if key in document and not isinstance(document[key], str):
            raise GraphValidationError(f"{key} must be a string, was {document[key]!r}")
    operators = document.get("operators")
    if not isinstance(operators, list) or not operators:
        raise GraphValidationError("operators must be a non-empty list")
    for index, op in enumerate(operators):
        _validate_operator(index, op)


def _validate_operator(index: int, op: Dict[str, Any]) -> None:
    where = f"operators[{index}]"
    kind = op.get("kind")
    if kind not in KIND_KEYS:
        raise GraphValidationError(f"{where}.kind must be one of {sorted(KIND_KEYS)}, was {kind!r}")
    where += f" ({kind}{' ' + op['name'] if isinstance(op.get('name'), str) else ''})"
    required, optional = KIND_KEYS[kind]
    unknown = set(op) - set(required) - set(optional) - set(COMMON_KEYS)
    if unknown:
        raise GraphValidationError(f"{where}: unknown keys {sorted(unknown)}")
    missing = [k for k in required if k not in op]
    if missing:
        raise GraphValidationError(f"{where}: missing {missing}")
    variant = op.get("variant")
    if variant is not None:
        allowed = VARIANTS[kind]
        if not isinstance(variant, str) or not VARIANT_PATTERN.fullmatch(variant) or (
                allowed is not None and variant not in allowed):
            raise GraphValidationError(f"{where}.variant {variant!r} is not "
                                       + (f"one of {list(allowed)}" if allowed else "a lower-case word"))
    if "name" in op and not isinstance(op["name"], str):
        raise GraphValidationError(f"{where}.name must be a string")
    if "repeat" in op and (not _whole(op["repeat"]) or op["repeat"] < 1):
        raise GraphValidationError(f"{where}.repeat must be a whole number >= 1, was {op['repeat']!r}")
    for key in itertools.chain(required, optional):
        if key not in op or key == "cell":
            continue
        value = op[key]
        if key in BOOLEAN_KEYS:
            if not isinstance(value, bool):
                raise GraphValidationError(f"{where}.{key} must be true or false, was {value!r}")
        elif not _whole(value) or value < (0 if key in ZERO_ALLOWED else 1):
            raise GraphValidationError(f"{where}.{key} must be a whole number >= "
                                       f"{0 if key in ZERO_ALLOWED else 1}, was {value!r}")
    if "cell" in op and op["cell"] not in RECURRENT_GATES:
        raise GraphValidationError(f"{where}.cell must be lstm, gru or rnn, was {op['cell']!r}")
    batch_dim = op.get("batchDim")
    if batch_dim is not None:
        allowed_dims = {"b", "m", "n", "k", "none"} if kind == "matmul" else {default_batch_dim(op), "none"}
        if kind == "recurrent":
            allowed_dims = {"none"}
        if batch_dim not in allowed_dims:
            raise GraphValidationError(f"{where}.batchDim must be one of {sorted(d for d in allowed_dims if d)}, "
                                       f"was {batch_dim!r}")
    if kind == "conv2d":
        groups = op.get("groups", 1)
        if op["inChannels"] % groups or op["outChannels"] % groups:
            raise GraphValidationError(f"{where}.groups {groups} must divide inChannels {op['inChannels']} "
                                       f"and outChannels {op['outChannels']}")
        for axis in ("H", "W"):
            size = "height" if axis == "H" else "width"
            if conv_output_size(op[size], op["kernel" + axis], op.get("stride" + axis, 1), op.get("pad" + axis, 0),
                                op.get("dilation" + axis, 1)) < 1:
                raise GraphValidationError(f"{where}: the kernel does not fit the padded {size}")
    if kind == "attention" and op["heads"] % op.get("kvHeads", op["heads"]):
        raise GraphValidationError(f"{where}.kvHeads {op['kvHeads']} must divide heads {op['heads']}")
    if kind == "elementwise" and op.get("inputs", 1) not in (1, 2):
        raise GraphValidationError(f"{where}.inputs must be 1 or 2, was {op['inputs']!r}")
    if kind == "reduction" and op["outputElements"] > op["inputElements"]:
        raise GraphValidationError(f"{where}.outputElements {op['outputElements']} must not exceed "
                                   f"inputElements {op['inputElements']}")


# ---------------------------------------------------------------- aten -> vocabulary

VIEW_OPS = {
    "view", "_unsafe_view", "_reshape_alias", "reshape", "t", "transpose", "permute", "expand", "expand_as",
    "unsqueeze", "squeeze", "select", "slice", "split", "split_with_sizes", "unsafe_split", "chunk", "unbind",
    "detach", "alias", "as_strided", "narrow", "view_as", "flatten", "unflatten", "movedim", "swapaxes",
    "diagonal", "_conj", "numpy_T", "mT", "lift_fresh", "lift_fresh_copy", "_local_scalar_dense", "empty",
    "empty_like", "empty_strided", "new_empty", "new_empty_strided", "size", "sym_size", "sym_stride",
    "sym_numel", "sym_storage_offset", "is_same_size", "_has_compatible_shallow_copy_type", "set_",
    "resize_", "_resize_output_", "clamp_min_", "_nested_tensor_from_mask_left_aligned", "result_type",
    "is_nonzero", "equal", "item", "dim", "stride", "storage_offset", "_unsafe_split",
}
PARAMETER_VIEW_OPS = VIEW_OPS | {"_to_copy", "clone", "contiguous", "to"}
FILL_OPS = {"zeros", "ones", "full", "fill", "zero", "arange", "zeros_like", "ones_like", "full_like",
            "new_zeros", "new_ones", "new_full", "scalar_tensor", "linspace", "tril_indices", "triu_indices",
            "eye", "tensor"}
RANDOM_OPS = {"randn", "rand", "randint", "normal", "uniform", "random", "randn_like", "rand_like",
              "randint_like", "bernoulli", "exponential", "multinomial", "randperm"}
ELEMENTWISE_VARIANTS = {
    "relu": "relu", "threshold": "relu", "gelu": "gelu", "silu": "silu", "sigmoid": "sigmoid", "tanh": "tanh",
    "exp": "exp", "expm1": "exp", "exp2": "exp", "neg": "neg", "hardswish": "hardswish",
    "hardsigmoid": "hardsigmoid", "hardtanh": "hardtanh", "leaky_relu": "leaky_relu", "elu": "elu",
    "celu": "elu", "selu": "elu", "softplus": "softplus", "mish": "mish", "erf": "erf", "sqrt": "sqrt",
    "rsqrt": "rsqrt", "log": "log", "log1p": "log", "log2": "log", "log10": "log", "abs": "abs",
    "reciprocal": "reciprocal", "sin": "sin", "cos": "cos", "sign": "sign", "floor": "round", "ceil": "round",
    "round": "round", "trunc": "round", "clamp": "clamp", "clamp_min": "clamp", "clamp_max": "clamp",
    "clip": "clamp", "pow": "pow", "square": "pow", "where": "where", "masked_fill": "mask",
    "native_dropout": "dropout", "dropout": "dropout", "feature_dropout": "dropout", "add": "add",
    "sub": "sub", "rsub": "sub", "mul": "mul", "div": "div", "true_divide": "div", "floor_divide": "div",
    "maximum": "maximum", "minimum": "minimum", "fmax": "maximum", "fmin": "minimum", "eq": "compare",
    "ne": "compare", "lt": "compare", "le": "compare", "gt": "compare", "ge": "compare", "isnan": "compare",
    "isinf": "compare", "logical_and": "logical", "logical_or": "logical", "logical_not": "logical",
    "logical_xor": "logical", "bitwise_and": "logical", "bitwise_or": "logical", "bitwise_not": "logical",
    "bitwise_xor": "logical", "lerp": "lerp", "addcmul": "addcmul", "addcdiv": "addcdiv",
    "remainder": "remainder", "fmod": "remainder", "glu": "glu", "_prelu_kernel": "prelu", "prelu": "prelu",
    "hardshrink": "shrink", "softshrink": "shrink", "log_sigmoid_forward": "sigmoid", "sgn": "sign",
    "nan_to_num": "clamp", "erfinv": "erf", "atan": "tanh", "tan": "tanh",
}
REDUCTION_VARIANTS = {"sum": "sum", "nansum": "sum", "prod": "sum", "mean": "mean", "nanmean": "mean",
                      "amax": "max", "max": "max", "argmax": "max", "any": "max", "all": "min", "amin": "min",
                      "min": "min", "argmin": "min", "norm": "norm", "linalg_vector_norm": "norm",
                      "frobenius_norm": "norm"}
OTHER_FLOPS_PER_INPUT = {"var": 3, "std": 4, "var_mean": 3, "std_mean": 4, "logsumexp": 4, "cumsum": 1,
                         "cumprod": 1, "topk": 1, "sort": 1, "argsort": 1}
MEMORY_VARIANTS = {"copy_": "copy", "copy": "copy", "cat": "cat", "_cat": "cat", "stack": "cat",
                   "constant_pad_nd": "pad", "reflection_pad1d": "pad", "reflection_pad2d": "pad",
                   "replication_pad1d": "pad", "replication_pad2d": "pad", "index": "index",
                   "_unsafe_index": "index", "index_select": "index", "gather": "index", "take": "index",
                   "masked_select": "index", "index_put": "index", "index_add": "index", "scatter": "index",
                   "scatter_add": "index", "roll": "copy", "flip": "copy", "repeat": "copy", "tile": "copy",
                   "repeat_interleave": "copy", "pixel_shuffle": "permute", "pixel_unshuffle": "permute",
                   "channel_shuffle": "permute", "tril": "copy", "triu": "copy", "slice_scatter": "index",
                   "select_scatter": "index", "diagonal_scatter": "index"}
POOL_VARIANTS = [("adaptive_avg_pool", "adaptive_avg"), ("adaptive_max_pool", "adaptive_max"),
                 ("max_pool", "max"), ("avg_pool", "avg")]
CONVOLUTION_OPS = {"convolution", "_convolution", "conv2d", "conv1d", "cudnn_convolution", "mkldnn_convolution",
                   "convolution_overrideable", "_slow_conv2d_forward", "thnn_conv2d", "miopen_convolution",
                   "_nnpack_spatial_convolution", "slow_conv_dilated2d", "cudnn_convolution_relu",
                   "cudnn_convolution_add_relu", "slow_conv_transpose2d", "conv_transpose2d"}
BATCH_NORM_OPS = {"native_batch_norm", "_native_batch_norm_legit", "_native_batch_norm_legit_no_training",
                  "cudnn_batch_norm", "miopen_batch_norm", "_batch_norm_impl_index", "batch_norm",
                  "_native_batch_norm_legit_functional"}


def _tensors(value: Any) -> List[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in _tensors(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _tensors(item)]
    return []


def _numel(tensor: Optional[torch.Tensor]) -> int:
    return int(tensor.numel()) if tensor is not None else 0


def _bytes(tensors: Iterable[torch.Tensor]) -> int:
    return int(sum(t.numel() * t.element_size() for t in tensors))


def _ints(value: Any, count: int, default: int) -> List[int]:
    if value is None or (isinstance(value, (list, tuple)) and not value):
        return [default] * count
    if isinstance(value, int):
        return [value] * count
    values = [int(v) for v in value]
    return values * count if len(values) == 1 else values[-count:]


class _Call:
    """One aten call as the mapper sees it: bound arguments, tensors, output, parameter-ness."""

    def __init__(self, func: Any, args: tuple, kwargs: dict, out: Any, is_parameter: Any,
                 claim: Any = lambda tensor: True):
        self.name = compat.op_packet_name(func)
        self.inplace = self.name.endswith("_") and not self.name.endswith("__") and self.name != "copy_"
        self.base = self.name[:-1] if self.inplace else self.name
        names = compat.op_schema_arguments(func)
        self.bound: Dict[str, Any] = dict(zip(names, args))
        self.bound.update(kwargs)
        self.args = args
        self.inputs = _tensors(args) + _tensors(kwargs)
        outs = _tensors(out)
        self.out = outs[0] if outs else (self.inputs[0] if self.inplace and self.inputs else None)
        self.is_parameter = is_parameter
        # claim(weight) is True the first time a parameter (or a view of it) is used by an operator that owns
        # weights: a tied LM head reuses the embedding's weight and must not count it twice
        self.claim = claim

    def arg(self, *names: str, position: Optional[int] = None) -> Any:
        for name in names:
            if name in self.bound:
                return self.bound[name]
        if position is not None and position < len(self.args):
            return self.args[position]
        return None


def _other(call: _Call, flops: int = 0) -> Dict[str, Any]:
    tensors = call.inputs + ([call.out] if call.out is not None else [])
    floats = [t for t in tensors if t.is_floating_point()]
    precision = floats[0].element_size() if floats else 4
    return {"kind": "other", "variant": call.base.lstrip("_").lower() or "op", "flops": int(flops),
            "bytes": _bytes(tensors), "precisionBytes": int(precision)}


def map_call(call: _Call) -> List[Dict[str, Any]]:
    """The graph operators (zero, one or two) of one aten call, with the call's own (batched) dimensions."""
    name, base = call.name, call.base
    if base in VIEW_OPS or name in VIEW_OPS:
        return []
    out = call.out
    if out is not None and out.numel() == 0:
        return []
    if base in ("mm", "addmm", "bmm", "baddbmm", "mv", "addmv", "dot", "vdot", "_addmm_activation", "linear",
                "_int_mm", "_scaled_mm"):
        return _map_matmul(call)
    if base in CONVOLUTION_OPS:
        return [_map_convolution(call)]
    if "scaled_dot_product" in base and "math" not in base:
        return [_map_sdpa(call)]
    if base == "native_layer_norm" or base == "layer_norm":
        shape = call.arg("normalized_shape", position=1)
        cols = int(math.prod(shape))
        return [{"kind": "normalization", "variant": "layer", "rows": max(1, _numel(call.inputs[0]) // cols),
                 "cols": cols}]
    if base in ("_fused_rms_norm", "rms_norm"):
        shape = call.arg("normalized_shape", position=1)
        cols = int(math.prod(shape))
        return [{"kind": "normalization", "variant": "rms", "rows": max(1, _numel(call.inputs[0]) // cols),
                 "cols": cols}]
    if base in BATCH_NORM_OPS:
        source = call.inputs[0]
        cols = int(source.shape[1]) if source.dim() > 1 else int(source.shape[0])
        return [{"kind": "normalization", "variant": "batch", "rows": max(1, source.numel() // cols), "cols": cols}]
    if base == "native_group_norm":
        source, groups = call.inputs[0], int(call.arg("group", position=6))
        batch = int(call.arg("N", position=3))
        return [{"kind": "normalization", "variant": "group", "rows": batch * groups,
                 "cols": source.numel() // (batch * groups)}]
    if base in ("_softmax", "_log_softmax", "softmax", "log_softmax", "_safe_softmax"):
        source = call.inputs[0]
        dim = int(call.arg("dim", position=1)) % max(1, source.dim())
        cols = int(source.shape[dim]) if source.dim() else 1
        return [{"kind": "softmax", "variant": "log_softmax" if "log" in base else "softmax",
                 "rows": max(1, source.numel() // max(1, cols)), "cols": cols}]
    if base == "embedding":
        weight, indices = call.inputs[0], call.inputs[1]
        call.claim(weight)
        return [{"kind": "embedding", "variant": "embedding", "lookups": indices.numel(),
                 "dim": int(weight.shape[1]), "vocab": int(weight.shape[0])}]
    for prefix, variant in POOL_VARIANTS:
        if prefix in base:
            return [_map_pooling(call, variant)]
    if base in REDUCTION_VARIANTS and (call.out is not None):
        source = call.inputs[0]
        return [{"kind": "reduction", "variant": REDUCTION_VARIANTS[base], "inputElements": source.numel(),
                 "outputElements": max(1, out.numel())}]
    if base in OTHER_FLOPS_PER_INPUT:
        return [_other(call, OTHER_FLOPS_PER_INPUT[base] * _numel(call.inputs[0]))]
    if base == "_to_copy" or base == "to":
        source = call.inputs[0]
        if out is not None and out.dtype != source.dtype:
            return [{"kind": "elementwise", "variant": "cast", "elements": out.numel(), "inputs": 1}]
        return [{"kind": "memory", "variant": "copy", "elements": source.numel()}]
    if base in ("clone", "contiguous"):
        source = call.inputs[0]
        return [{"kind": "memory", "variant": "copy" if source.is_contiguous() else "contiguous",
                 "elements": source.numel()}]
    if name in MEMORY_VARIANTS or base in MEMORY_VARIANTS:
        variant = MEMORY_VARIANTS.get(name, MEMORY_VARIANTS.get(base))
        elements = out.numel() if out is not None else _numel(call.inputs[0])
        return [{"kind": "memory", "variant": variant, "elements": elements}]
    if base in ELEMENTWISE_VARIANTS:
        return [_map_elementwise(call, ELEMENTWISE_VARIANTS[base])]
    if base in FILL_OPS or base in RANDOM_OPS:
        op = _other(call)
        op["variant"] = "fill" if base in FILL_OPS else "random"
        op["bytes"] = _bytes([out]) if out is not None else 0
        return [op]
    return [_other(call)]


def _map_matmul(call: _Call) -> List[Dict[str, Any]]:
    base = call.base
    bias = False
    if base in ("mm", "_int_mm", "_scaled_mm"):
        left, right = call.inputs[0], call.inputs[1]
        b, (m, k), n = 1, left.shape, right.shape[1]
    elif base in ("addmm", "_addmm_activation"):
        left, right = call.arg("mat1", position=1), call.arg("mat2", position=2)
        b, (m, k), n, bias = 1, left.shape, right.shape[1], True
    elif base == "bmm":
        left, right = call.inputs[0], call.inputs[1]
        (b, m, k), n = left.shape, right.shape[2]
    elif base == "baddbmm":
        left, right = call.arg("batch1", position=1), call.arg("batch2", position=2)
        (b, m, k), n, bias = left.shape, right.shape[2], True
    elif base in ("mv", "addmv"):
        left = call.arg("mat", position=1) if base == "addmv" else call.inputs[0]
        right = call.inputs[-1]
        b, (m, k), n, bias = 1, left.shape, 1, base == "addmv"
    elif base in ("dot", "vdot"):
        left, right = call.inputs[0], call.inputs[1]
        b, m, k, n = 1, 1, left.shape[0], 1
    else:  # linear: input (*, K), weight (N, K)
        left, right = call.inputs[0], call.inputs[1]
        b, m, k, n = 1, left.numel() // left.shape[-1], left.shape[-1], right.shape[0]
        bias = call.arg("bias", position=2) is not None
    weight = right if base != "linear" else right
    linear = (base in ("linear", "mm", "addmm", "_addmm_activation", "mv", "addmv") and call.is_parameter(weight)
              and call.claim(weight))
    if base in ("mv", "addmv"):
        linear = False
    variant = "linear" if linear else {"mm": "matmul", "_int_mm": "matmul", "_scaled_mm": "matmul",
                                       "_addmm_activation": "addmm", "mv": "matmul", "addmv": "addmm",
                                       "dot": "matmul", "vdot": "matmul", "linear": "matmul"}.get(base, base)
    ops = [{"kind": "matmul", "variant": variant, "b": int(b), "m": int(m), "n": int(n), "k": int(k),
            "bias": bool(bias)}]
    if base == "_addmm_activation":
        gelu = bool(call.arg("use_gelu", position=5))
        ops.append({"kind": "elementwise", "variant": "gelu" if gelu else "relu", "elements": int(m * n),
                    "inputs": 1})
    return ops


def _map_convolution(call: _Call) -> Dict[str, Any]:
    source = call.arg("input", "self", position=0)
    weight = call.arg("weight", position=1)
    bias = call.arg("bias", position=2)
    transposed = bool(call.arg("transposed") or "transpose" in call.base)
    groups = int(call.arg("groups") or 1)
    spatial = source.dim() - 2
    if transposed or spatial not in (1, 2):
        kernel = int(math.prod(weight.shape[2:]))
        if transposed:
            flops = 2 * source.numel() * (weight.shape[1]) * kernel  # weight (inC, outC/groups, k...)
        else:
            flops = 2 * call.out.numel() * (source.shape[1] // groups) * kernel
        op = _other(call, flops)
        op["variant"] = "conv_transpose" if transposed else f"conv{spatial}d"
        return op
    stride = _ints(call.arg("stride"), spatial, 1)
    padding = call.arg("padding")
    padding = _ints(padding if not isinstance(padding, str) else None, spatial, 0)
    dilation = _ints(call.arg("dilation"), spatial, 1)
    if spatial == 1:
        stride, padding, dilation = [1] + stride, [0] + padding, [1] + dilation
        height, width, kernel_h, kernel_w = 1, source.shape[2], 1, weight.shape[2]
    else:
        height, width = source.shape[2], source.shape[3]
        kernel_h, kernel_w = weight.shape[2], weight.shape[3]
    return {"kind": "conv2d", "variant": "conv", "n": int(source.shape[0]), "inChannels": int(source.shape[1]),
            "outChannels": int(weight.shape[0]), "height": int(height), "width": int(width),
            "kernelH": int(kernel_h), "kernelW": int(kernel_w), "strideH": stride[0], "strideW": stride[1],
            "padH": padding[0], "padW": padding[1], "dilationH": dilation[0], "dilationW": dilation[1],
            "groups": groups, "bias": bias is not None}


def _map_sdpa(call: _Call) -> Dict[str, Any]:
    query = call.arg("query", position=0)
    key = call.arg("key", position=1)
    causal = bool(call.arg("is_causal") or False)
    if query.dim() == 3:
        batch, heads, length, head_dim = query.shape[0], 1, query.shape[1], query.shape[2]
        kv_heads, key_length = 1, key.shape[1]
    else:
        batch, heads, length, head_dim = (int(math.prod(query.shape[:-3])), query.shape[-3], query.shape[-2],
                                          query.shape[-1])
        kv_heads, key_length = key.shape[-3], key.shape[-2]
    return {"kind": "attention", "variant": "sdpa", "batch": int(batch), "heads": int(heads),
            "kvHeads": int(kv_heads), "queryLength": int(length), "keyLength": int(key_length),
            "headDim": int(head_dim), "causal": causal, "fused": True}


def _map_pooling(call: _Call, variant: str) -> Dict[str, Any]:
    source, out = call.inputs[0], call.out
    spatial = max(1, source.dim() - 2) if source.dim() > 2 else 1
    if variant.startswith("adaptive"):
        window = 1
        for size_in, size_out in zip(source.shape[-spatial:], out.shape[-spatial:]):
            window *= math.ceil(size_in / max(1, size_out))
    else:
        window = int(math.prod(_ints(call.arg("kernel_size", position=1), spatial, 1)))
    return {"kind": "pooling", "variant": variant, "outputElements": out.numel(), "window": int(max(1, window))}


def _map_elementwise(call: _Call, variant: str) -> Dict[str, Any]:
    out = call.out
    full = [t for t in call.inputs if t.numel() == out.numel()]
    return {"kind": "elementwise", "variant": variant, "elements": out.numel(),
            "inputs": max(1, min(2, len(full)))}


# ---------------------------------------------------------------- tracing

class _Recorder:
    """Dispatch mode + module hooks: one record per aten call (or per recurrent module call)."""

    def __init__(self, module: nn.Module):
        self.records: List[Tuple[str, str, List[Dict[str, Any]]]] = []
        self.stack: List[str] = []
        self.suppress = 0
        self.parameter_ids = {id(p) for p in module.parameters()}
        self.root_of: Dict[int, int] = {id(p): id(p) for p in module.parameters()}  # view id -> parameter id
        self.claimed: set = set()
        self.keep: List[Any] = []  # derived views stay alive so that their ids stay unique
        self.handles: List[Any] = []
        for path, sub in module.named_modules():
            self.handles.append(sub.register_forward_pre_hook(self._pre(path, sub)))
            self.handles.append(sub.register_forward_hook(self._post(path, sub)))

    def close(self) -> None:
        for handle in self.handles:
            handle.remove()
        self.keep.clear()

    def is_parameter(self, tensor: Any) -> bool:
        return isinstance(tensor, torch.Tensor) and id(tensor) in self.parameter_ids

    def claim(self, tensor: Any) -> bool:
        """True the first time the parameter behind ``tensor`` is claimed by a weight-owning operator."""
        root = self.root_of.get(id(tensor), id(tensor))
        if root in self.claimed:
            return False
        self.claimed.add(root)
        return True

    def _pre(self, path: str, sub: nn.Module) -> Any:
        def hook(_module: nn.Module, inputs: tuple) -> None:
            self.stack.append(path)
            if isinstance(sub, nn.RNNBase):
                if self.suppress == 0:
                    self.records.append(("recurrent", path, [_recurrent(sub, inputs)]))
                self.suppress += 1
        return hook

    def _post(self, path: str, sub: nn.Module) -> Any:
        def hook(_module: nn.Module, _inputs: tuple, _output: Any) -> None:
            if isinstance(sub, nn.RNNBase):
                self.suppress -= 1
            if self.stack:
                self.stack.pop()
        return hook

    def on_call(self, func: Any, args: tuple, kwargs: dict, out: Any) -> None:
        name = compat.op_packet_name(func)
        inputs = _tensors(args) + _tensors(kwargs)
        if name in PARAMETER_VIEW_OPS and any(id(t) in self.parameter_ids for t in inputs):
            root = next(self.root_of.get(id(t), id(t)) for t in inputs if id(t) in self.parameter_ids)
            for tensor in _tensors(out):
                self.parameter_ids.add(id(tensor))
                self.root_of[id(tensor)] = root
                self.keep.append(tensor)
        if self.suppress:
            return
        call = _Call(func, args, kwargs, out, self.is_parameter, self.claim)
        self.records.append((name, self.stack[-1] if self.stack else "", map_call(call)))


def _recurrent(module: nn.RNNBase, inputs: tuple) -> Dict[str, Any]:
    data = inputs[0]
    if isinstance(data, nn.utils.rnn.PackedSequence):
        raise ValueError("packed sequences are not traced: give the recurrent model a padded batch")
    if data.dim() == 2:
        steps = data.shape[0]
    else:
        steps = data.shape[1] if module.batch_first else data.shape[0]
    cell = {"LSTM": "lstm", "GRU": "gru"}.get(module.mode, "rnn")
    if getattr(module, "proj_size", 0):
        raise ValueError("LSTM with proj_size is not in the recurrent vocabulary")
    return {"kind": "recurrent", "variant": cell, "sequenceLength": int(steps), "inputSize": module.input_size,
            "hiddenSize": module.hidden_size, "layers": module.num_layers, "bidirectional": module.bidirectional,
            "cell": cell}


def _make_mode(recorder: _Recorder) -> Any:
    base = compat.dispatch_mode_class()

    class Mode(base):  # type: ignore[misc, valid-type]
        def __torch_dispatch__(self, func: Any, types: Any, args: tuple = (), kwargs: Optional[dict] = None) -> Any:
            kwargs = kwargs or {}
            out = func(*args, **kwargs)
            recorder.on_call(func, args, kwargs, out)
            return out
    return Mode()


def _batch_of(example: torch.Tensor, batch: int) -> torch.Tensor:
    sample = example[:1]
    return sample.repeat((batch,) + (1,) * (sample.dim() - 1))


def meta_copy(module: nn.Module) -> nn.Module:
    """A copy of ``module`` whose parameters and buffers live on the meta device (no memory, no compute);
    shared tensors stay shared."""
    memo: Dict[int, Any] = {}
    for tensor in itertools.chain(module.parameters(), module.buffers()):
        if id(tensor) in memo:
            continue
        copy_ = torch.empty_like(tensor, device="meta")
        if isinstance(tensor, nn.Parameter):
            copy_ = nn.Parameter(copy_, requires_grad=tensor.requires_grad)
        memo[id(tensor)] = copy_
    return copy.deepcopy(module, memo)


def _run(module: nn.Module, example: torch.Tensor) -> List[Tuple[str, str, List[Dict[str, Any]]]]:
    recorder = _Recorder(module)
    was_training = module.training
    module.eval()
    try:
        # grad enabled, as describe: under no_grad eval-mode transformer layers take fused fast paths
        with torch.enable_grad(), _make_mode(recorder):
            module(example)
    finally:
        recorder.close()
        module.train(was_training)
    return recorder.records


def record(module: nn.Module, example_input: torch.Tensor, batches: Sequence[int] = (2, 4),
           device: str = "auto") -> Tuple[List[List[Tuple[str, str, List[Dict[str, Any]]]]], str]:
    """The raw records of one forward pass at each batch size, and where they ran (``meta`` or ``cpu``).
    ``device`` ``auto`` tries the meta device first and falls back to the module's own device."""
    if device in ("auto", "meta"):
        try:
            copy_ = meta_copy(module)
            return [_run(copy_, _batch_of(example_input, b).to("meta")) for b in batches], "meta"
        except Exception:  # noqa: BLE001 - an operator without a meta kernel, data-dependent code...
            if device == "meta":
                raise
    return [_run(module, _batch_of(example_input, b)) for b in batches], "cpu"


def _per_sample(op2: Dict[str, Any], op4: Optional[Dict[str, Any]], warnings: List[str],
                where: str) -> Dict[str, Any]:
    """The operator per sample, from its shapes at batch 2 and batch 4: each dimension that doubled is
    halved, and the one that doubled is the ``batchDim`` (written when not the kind's default; ``none`` when
    nothing grew)."""
    op = dict(op2)
    kind = op["kind"]
    if kind == "recurrent":
        return op
    default = default_batch_dim(op)
    if op4 is None or op4.get("kind") != kind:
        warnings.append(f"{where}: {kind} not matched at batch 4; dimensions taken at batch 2, halved in "
                        f"{default}")
        if _whole(op.get(default)) and op[default] % 2 == 0:
            op[default] //= 2
        return op
    keys = [k for k in KIND_KEYS[kind][0] + KIND_KEYS[kind][1]
            if k not in BOOLEAN_KEYS and k != "precisionBytes" and _whole(op.get(k)) and _whole(op4.get(k))]
    grown = [k for k in keys if op4[k] != op[k]]
    doubled = [k for k in grown if op4[k] == 2 * op[k] and op[k] % 2 == 0]
    if grown != doubled:
        warnings.append(f"{where}: {kind} grows in {grown} from batch 2 to 4 but doubles only in {doubled}")
    for key in doubled:
        op[key] //= 2
    if not grown:
        op["batchDim"] = "none"
    elif kind == "matmul":
        matmul_doubled = [k for k in ("b", "m", "n", "k") if k in doubled]
        if len(matmul_doubled) != 1:
            warnings.append(f"{where}: matmul grows with the batch in {grown}")
        choice = (matmul_doubled or grown)[0]
        if choice != default:
            op["batchDim"] = choice
    elif kind != "other" and default not in doubled:
        warnings.append(f"{where}: {kind} grows in {grown}, not in its batch dimension {default}")
    return op


TRACE_BATCHES = (2, 4)
"""The batch sizes traced: per-sample dimensions are the batch-2 ones halved where they double at batch 4
(batch 1 would take size-1 fast paths that batched runs do not: contiguous transposes, fused ``addmm``)."""


def _fuse_attention(ops: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Replaces each bmm -> softmax -> bmm chain over one score matrix with an unfused ``attention``."""
    result: List[Dict[str, Any]] = []
    used = set()
    for i, first in enumerate(ops):
        if i in used:
            continue
        chain = _attention_chain(ops, i) if _is_batched_product(first) else None
        if chain is None:
            result.append(first)
            continue
        softmax_index, second_index = chain
        heads = first["b"]
        attention = {"kind": "attention", "batch": 1, "heads": heads, "kvHeads": heads,
                     "queryLength": first["m"], "keyLength": first["n"], "headDim": first["k"],
                     "causal": False, "fused": False}
        if first.get("name"):
            attention["name"] = first["name"]
        result.append(attention)
        used.update({softmax_index, second_index})
    return result


def _is_batched_product(op: Dict[str, Any]) -> bool:
    return (op["kind"] == "matmul" and op.get("variant") in ("bmm", "matmul", "baddbmm")
            and op.get("batchDim", "b") == "b" and not op.get("bias"))


def _attention_chain(ops: List[Dict[str, Any]], start: int) -> Optional[Tuple[int, int]]:
    first = ops[start]
    scores = first["b"] * first["m"] * first["n"]
    softmax_index = None
    for j in range(start + 1, min(len(ops), start + 12)):
        op = ops[j]
        if softmax_index is None:
            if op["kind"] == "softmax" and op["rows"] == first["b"] * first["m"] and op["cols"] == first["n"] \
                    and op.get("batchDim") is None:
                softmax_index = j
                continue
        else:
            if _is_batched_product(op) and op["b"] == first["b"] and op["m"] == first["m"] \
                    and op["k"] == first["n"] and op["n"] == first["k"]:
                return softmax_index, j
        # between the products: elementwise work on the score matrix (scale, mask, bias, dropout), copies
        # (a transposed key or value made contiguous) and work that does not grow with the batch (building a
        # causal mask)
        if op["kind"] == "memory" or (op.get("batchDim") == "none" and op["kind"] not in ("matmul", "softmax")):
            continue
        if op["kind"] != "elementwise" or op["elements"] != scores or op.get("batchDim") is not None:
            return None
    return None


def _pattern(name: str) -> str:
    """``encoder.layer.3.attention`` and ``encoder_layer_3`` -> ``...*...``: every run of digits is an index."""
    return re.sub(r"\d+", "*", name) if name else ""


def merge(ops: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Merges identical operators (module paths equal once numeric parts are ``*``) into ``repeat``,
    in order of first appearance; a group whose members all had one path keeps that path."""
    merged: Dict[str, Dict[str, Any]] = {}
    names: Dict[str, set] = {}
    for op in ops:
        op = dict(op)
        original = op.get("name")
        if original:
            op["name"] = _pattern(original)
        repeat = op.pop("repeat", 1)
        key = repr(sorted(op.items()))
        if key in merged:
            merged[key]["repeat"] = merged[key].get("repeat", 1) + repeat
        else:
            if repeat > 1:
                op["repeat"] = repeat
            merged[key] = op
        names.setdefault(key, set()).add(original)
    for key, op in merged.items():
        if len(names[key]) == 1 and op.get("name"):
            op["name"] = next(iter(names[key]))
    return [_ordered(op) for op in merged.values()]


KEY_ORDER = ["kind", "variant", "name", "repeat"]


def _ordered(op: Dict[str, Any]) -> Dict[str, Any]:
    kind_keys = list(KIND_KEYS[op["kind"]][0] + KIND_KEYS[op["kind"]][1])
    if op["kind"] == "attention":
        kind_keys.remove("kvHeads")
        kind_keys.insert(2, "kvHeads")
    order = KEY_ORDER + kind_keys + ["batchDim"]
    return {k: op[k] for k in order if k in op}


def trace(module: nn.Module, example_input: torch.Tensor, model: Optional[str] = None,
          input_shape: Optional[str] = None, warnings: Optional[List[str]] = None,
          device: str = "auto") -> Dict[str, Any]:
    """The operator graph (a dict in operator-graph.md's format) of one forward pass of ``module`` on one
    sample of ``example_input`` (a tensor whose first dimension is the batch). Warnings about operators whose
    batch dimension could not be told go to ``warnings`` when given."""
    warnings = warnings if warnings is not None else []
    if not isinstance(example_input, torch.Tensor) or example_input.dim() < 1:
        raise ValueError("example_input must be a tensor whose first dimension is the batch")
    (first, second), ran_on = record(module, example_input, TRACE_BATCHES, device)
    signatures1 = [(name, path) for name, path, _ in first]
    signatures2 = [(name, path) for name, path, _ in second]
    pairs: Dict[int, int] = {}
    if signatures1 == signatures2:
        pairs = {i: i for i in range(len(first))}
    else:
        matcher = difflib.SequenceMatcher(None, signatures1, signatures2, autojunk=False)
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                pairs[block.a + offset] = block.b + offset
    ops: List[Dict[str, Any]] = []
    for index, (name, path, mapped) in enumerate(first):
        other = second[pairs[index]][2] if index in pairs else []
        for position, op in enumerate(mapped):
            twin = other[position] if position < len(other) else None
            op = _per_sample(op, twin, warnings, f"{path or '<root>'} {name}")
            if path:
                op["name"] = path
            ops.append(op)
    ops = merge(_fuse_attention(ops))
    if not ops:
        raise ValueError("the forward pass ran no operator")
    document: Dict[str, Any] = {"formatVersion": FORMAT_VERSION}
    if model:
        document["model"] = model
    document["source"] = f"trace torch {torch.__version__} (collector.graph{', meta' if ran_on == 'meta' else ''})"
    shape = input_shape if input_shape is not None else "x".join(str(d) for d in example_input.shape[1:])
    if shape:
        document["inputShape"] = shape
    document["operators"] = ops
    validate(document)
    return document


def trace_model(name: str, input_shape: Optional[str] = None, warnings: Optional[List[str]] = None,
                device: str = "auto") -> Dict[str, Any]:
    """The operator graph of a registry model or ``package.module:function`` factory."""
    from .models import entry_at_shape
    entry = entry_at_shape(name, input_shape)
    torch.manual_seed(0)
    module = entry.build()
    return trace(module, entry.make_input(1), entry.name, entry.input_shape, warnings, device)


def dumps(document: Dict[str, Any]) -> str:
    """The document as JSON with one operator per line (small, diffable, deterministic)."""
    import json
    head = {k: v for k, v in document.items() if k != "operators"}
    lines = [json.dumps(head, separators=(", ", ": "))[:-1] + ', "operators": [']
    operators = [json.dumps(op, separators=(", ", ": ")) for op in document["operators"]]
    lines.append(",\n".join("  " + op for op in operators))
    lines.append("]}")
    return "\n".join(lines) + "\n"
