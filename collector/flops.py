"""Forward FLOP counter for torch 1.13 (which has no ``FlopCounterMode``), built on forward hooks.

Convention (the same as PyTorch's ``FlopCounterMode`` and schema v1's ``flops_per_sample``): one
multiply-add counts as 2 FLOPs, only the forward pass of one sample is counted, and only matrix products
count towards ``flops``:

* ``nn.Linear``: ``2 * in_features * out_features`` per output row (bias not counted, as ``addmm``).
* ``nn.Conv1d/2d/3d`` and transposed convolutions: ``2 * output_elements * in_channels/groups * kernel_volume``.
* ``nn.MultiheadAttention`` (counted as one unit, its ``out_proj`` child is never called):
  input projections ``2*L*E*E + 2*2*S*E*E``, the two attention matmuls ``Q @ K^T`` and ``attn @ V``
  ``2*L*S*E`` each, output projection ``2*L*E*E`` (L query length, S key length, E embedding width).
* ``nn.LSTM`` / ``nn.GRU`` / ``nn.RNN`` (one unit): per time step, layer and direction
  ``2 * gates * H * (I + H)`` with 4 gates (LSTM), 3 (GRU), 1 (RNN). Note: ``FlopCounterMode`` in
  PyTorch 2.x does not see the fused RNN kernels, so the shared H100/Xeon files under-count ``lstm_*``
  models (they hold only the output projection); this counter includes the recurrent matmuls.
* Any module may declare matmuls done outside ``nn.Linear`` children (e.g. a hand-written attention
  computing ``Q @ K^T`` with ``torch.matmul``) by defining ``extra_matmul_flops(inputs, output) -> int``;
  ``collector.models.SelfAttention`` does so with ``2*L*L*d`` for each of its two matmuls.

Everything else is counted separately as ``elementwise_flops`` (not part of ``flops``): norms
(BatchNorm/LayerNorm/GroupNorm: 2 per element), activations (1 per element), pooling (kernel area per
output element; adaptive: 1 per input element), softmax (3 per element). Embedding lookups, dropout,
flatten and identity count 0. Functional calls outside modules (residual adds, ``F.relu`` in a forward)
are not seen by hooks; they are elementwise and thus not part of ``flops`` anyway.

``leaf_layers`` is the number of distinct counted modules that ran (leaf modules plus the atomic units
above, without Identity/Dropout/Flatten); ``activation_elements`` sums their output elements.
All totals are divided by the batch size of the example input.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Dict, Optional

import torch
from torch import nn

ATOMIC_TYPES = (nn.MultiheadAttention, nn.LSTM, nn.GRU, nn.RNN)
IGNORED_TYPES = (nn.Identity, nn.Dropout, nn.Dropout2d, nn.Flatten, nn.Unflatten)
NORM_TYPES = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d, nn.LayerNorm, nn.GroupNorm,
              nn.InstanceNorm1d, nn.InstanceNorm2d, nn.LocalResponseNorm)
ACTIVATION_TYPES = (nn.ReLU, nn.ReLU6, nn.GELU, nn.SiLU, nn.Hardswish, nn.Hardsigmoid, nn.Sigmoid,
                    nn.Tanh, nn.LeakyReLU, nn.ELU, nn.Mish, nn.Softplus, nn.PReLU)
POOL_TYPES = (nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d, nn.AvgPool1d, nn.AvgPool2d, nn.AvgPool3d)
ADAPTIVE_POOL_TYPES = (nn.AdaptiveAvgPool1d, nn.AdaptiveAvgPool2d, nn.AdaptiveAvgPool3d,
                       nn.AdaptiveMaxPool1d, nn.AdaptiveMaxPool2d)


@dataclasses.dataclass
class FlopCount:
    """Per-sample totals of one forward pass."""

    flops: float = 0.0
    elementwise_flops: float = 0.0
    activation_elements: float = 0.0
    leaf_layers: int = 0


def _first_tensor(value: Any) -> Optional[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        return value
    if isinstance(value, (tuple, list)):
        for item in value:
            found = _first_tensor(item)
            if found is not None:
                return found
    if isinstance(value, dict):
        for item in value.values():
            found = _first_tensor(item)
            if found is not None:
                return found
    return None


def _numel(value: Any) -> int:
    tensor = _first_tensor(value)
    return 0 if tensor is None else tensor.numel()


def _mha_flops(module: nn.MultiheadAttention, inputs: tuple, output: Any) -> float:
    # torch 1.13 hooks do not see keyword arguments (``mha(query=x, key=x, value=x)``): then the
    # attention output (same layout as the query) stands in for the query, and the key length is
    # taken equal to the query length (self-attention).
    query = inputs[0] if len(inputs) > 0 else _first_tensor(output)
    key = inputs[1] if len(inputs) > 1 else query
    embed = module.embed_dim
    if query.dim() == 2:  # unbatched (L, E)
        batch, q_len, k_len = 1, query.shape[0], key.shape[0]
    elif module.batch_first:
        batch, q_len, k_len = query.shape[0], query.shape[1], key.shape[1]
    else:
        batch, q_len, k_len = query.shape[1], query.shape[0], key.shape[0]
    kdim, vdim = module.kdim, module.vdim
    projections = 2 * q_len * embed * embed + 2 * k_len * kdim * embed + 2 * k_len * vdim * embed
    attention = 2 * (2 * q_len * k_len * embed)
    out_projection = 2 * q_len * embed * embed
    return float(batch * (projections + attention + out_projection))


def _rnn_flops(module: nn.RNNBase, inputs: tuple) -> float:
    data = inputs[0]
    if isinstance(data, nn.utils.rnn.PackedSequence):
        total_steps = data.data.shape[0]  # sum over the batch of sequence lengths
    elif data.dim() == 2:
        total_steps = data.shape[0]
    else:
        total_steps = data.shape[0] * data.shape[1]
    gates = {"LSTM": 4, "GRU": 3}.get(module.mode, 1)
    directions = 2 if module.bidirectional else 1
    hidden = module.hidden_size
    real_hidden = module.proj_size if getattr(module, "proj_size", 0) else hidden
    per_step = 0
    for layer in range(module.num_layers):
        layer_input = module.input_size if layer == 0 else real_hidden * directions
        per_step += directions * 2 * gates * hidden * (layer_input + real_hidden)
    return float(total_steps * per_step)


def _module_counts(module: nn.Module, inputs: tuple, output: Any) -> tuple:
    """(matmul_flops, elementwise_flops) of one call, for the whole batch."""
    if isinstance(module, nn.Linear):
        out = _first_tensor(output)
        rows = out.numel() // module.out_features
        return 2.0 * rows * module.in_features * module.out_features, 0.0
    if isinstance(module, nn.modules.conv._ConvNd):
        out = _first_tensor(output)
        kernel = math.prod(module.kernel_size)
        if module.transposed:
            # each input element is multiplied into out_channels/groups * kernel outputs
            source = _first_tensor(inputs)
            return 2.0 * source.numel() * (module.out_channels // module.groups) * kernel, 0.0
        return 2.0 * out.numel() * (module.in_channels // module.groups) * kernel, 0.0
    if isinstance(module, nn.MultiheadAttention):
        return _mha_flops(module, inputs, output), 0.0
    if isinstance(module, nn.RNNBase):
        return _rnn_flops(module, inputs), 0.0
    if isinstance(module, NORM_TYPES):
        return 0.0, 2.0 * _numel(output)
    if isinstance(module, ACTIVATION_TYPES):
        return 0.0, 1.0 * _numel(output)
    if isinstance(module, POOL_TYPES):
        kernel = module.kernel_size
        area = math.prod(kernel) if isinstance(kernel, (tuple, list)) else kernel ** (
            int(module.__class__.__name__[-2]) if module.__class__.__name__[-2].isdigit() else 1)
        return 0.0, float(_numel(output) * area)
    if isinstance(module, ADAPTIVE_POOL_TYPES):
        return 0.0, float(_numel(inputs))
    if isinstance(module, (nn.Softmax, nn.LogSoftmax)):
        return 0.0, 3.0 * _numel(output)
    return 0.0, 0.0


def _is_counted_unit(module: nn.Module, inside_atomic: bool) -> bool:
    if inside_atomic or isinstance(module, IGNORED_TYPES):
        return False
    if isinstance(module, ATOMIC_TYPES):
        return True
    return len(list(module.children())) == 0


def count_flops(module: nn.Module, example_input: Any, batch_size: Optional[int] = None) -> FlopCount:
    """Runs one forward pass of ``module`` on ``example_input`` (eval mode) and counts per sample.

    ``example_input`` is a tensor (or a tuple of positional inputs) whose first dimension is the batch;
    pass ``batch_size`` when it is not.
    """
    inputs = example_input if isinstance(example_input, tuple) else (example_input,)
    if batch_size is None:
        batch_size = _first_tensor(inputs).shape[0]
    totals = {"matmul": 0.0, "elementwise": 0.0, "activations": 0.0}
    seen = set()
    handles = []

    def unit_hook(mod, hook_inputs, output):
        matmul, elementwise = _module_counts(mod, hook_inputs, output)
        totals["matmul"] += matmul
        totals["elementwise"] += elementwise
        totals["activations"] += _numel(output)
        seen.add(id(mod))

    def extra_hook(mod, hook_inputs, output):
        totals["matmul"] += float(mod.extra_matmul_flops(hook_inputs, output))

    def register(mod: nn.Module, inside_atomic: bool) -> None:
        if hasattr(mod, "extra_matmul_flops") and not inside_atomic:
            handles.append(mod.register_forward_hook(extra_hook))
        if _is_counted_unit(mod, inside_atomic):
            handles.append(mod.register_forward_hook(unit_hook))
        child_inside = inside_atomic or isinstance(mod, ATOMIC_TYPES)
        for child in mod.children():
            register(child, child_inside)

    register(module, False)
    was_training = module.training
    module.eval()
    try:
        # Grad stays enabled (nothing is backpropagated): under no_grad, eval-mode
        # nn.TransformerEncoderLayer / nn.MultiheadAttention take a fused fast path that skips the
        # child modules, and the hooks would not see them.
        with torch.enable_grad():
            module(*inputs)
    finally:
        for handle in handles:
            handle.remove()
        module.train(was_training)
    return FlopCount(flops=totals["matmul"] / batch_size,
                     elementwise_flops=totals["elementwise"] / batch_size,
                     activation_elements=totals["activations"] / batch_size,
                     leaf_layers=len(seen))


def count_parameters(module: nn.Module) -> int:
    """Trainable parameters (shared tensors counted once)."""
    seen, total = set(), 0
    for param in module.parameters():
        if param.requires_grad and id(param) not in seen:
            seen.add(id(param))
            total += param.numel()
    return total


def shape_string(example_input: Any) -> str:
    """One sample's shape as schema v1 writes it: ``3x224x224``, ``128``, ``1024``."""
    tensor = _first_tensor(example_input)
    return "x".join(str(d) for d in tensor.shape[1:])


def describe_module(module: nn.Module, example_input: Any, name: str, family: str = "unknown",
                    input_shape: Optional[str] = None) -> Dict[str, Any]:
    """The ModelSpec JSON object (keys of the Java ``ModelSpec``) for any ``nn.Module``.

    ``flopsPerSample`` and ``matmulFlopsPerSample`` follow the FlopCounterMode convention above (so they
    are equal: every counted FLOP is a matmul or convolution FLOP); elementwise work is not included.
    """
    counts = count_flops(module, example_input)
    return {
        "name": name,
        "family": family or "unknown",
        "parameters": count_parameters(module),
        "flopsPerSample": counts.flops,
        "inputShape": input_shape if input_shape is not None else shape_string(example_input),
        "leafLayers": counts.leaf_layers,
        "activationElementsPerSample": counts.activation_elements,
        "matmulFlopsPerSample": counts.flops,
    }
