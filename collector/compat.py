"""Every PyTorch / torchvision API that differs between Debian's PyTorch 1.13 and PyTorch 2.x, in one place.

The rest of the collector calls these helpers instead of probing versions itself, so that a reader finds each
difference once: TF32 switches, autocast dtypes per device, the CUDA out-of-memory exception, fused attention
(``F.scaled_dot_product_attention`` is 2.x only), tensor storage identity, the dispatch-mode import and
torchvision's model listing.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import torch

PRECISIONS = ("fp32", "tf32", "bf16", "fp16")
"""What a row computed in: fp32 (TF32 off), tf32 (fp32 tensors, TF32 tensor cores allowed), bf16 / fp16
(autocast)."""


def torch_version() -> Tuple[int, int]:
    """(major, minor) of the running PyTorch, e.g. (1, 13)."""
    match = re.match(r"(\d+)\.(\d+)", torch.__version__)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def framework_string(device: str) -> str:
    """``pytorch 1.13.0`` with the CUDA or ROCm version after a space on a GPU (kernels-v1 ``framework``)."""
    text = f"pytorch {torch.__version__}"
    if device == "cuda":
        hip = getattr(torch.version, "hip", None)
        if hip:
            text += f" rocm {hip}"
        elif torch.version.cuda:
            text += f" cuda {torch.version.cuda}"
    return text


def has_sdpa() -> bool:
    """True when ``torch.nn.functional.scaled_dot_product_attention`` exists (PyTorch 2.0 and later)."""
    return hasattr(torch.nn.functional, "scaled_dot_product_attention")


def supported_precisions(device: str) -> List[str]:
    """Precisions this PyTorch can run on ``device``: TF32 is a CUDA notion; CPU autocast takes bf16 on 1.13
    and fp16 only from 2.1 on."""
    if device == "cuda":
        return list(PRECISIONS)
    supported = ["fp32", "bf16"]
    if torch_version() >= (2, 1):
        supported.append("fp16")
    return supported


def set_tf32(enabled: bool) -> None:
    """Allows (or forbids) TF32 for CUDA matmuls and cuDNN convolutions, and sets the float32 matmul
    precision to match (``highest`` when off). Global switches: call it before each configuration."""
    torch.backends.cuda.matmul.allow_tf32 = enabled
    torch.backends.cudnn.allow_tf32 = enabled
    setter = getattr(torch, "set_float32_matmul_precision", None)  # 1.12+
    if setter is not None:
        setter("high" if enabled else "highest")


def tf32_state() -> Dict[str, bool]:
    """The two TF32 switches as they stand (for tests and the host JSON)."""
    return {"cuda_matmul_allow_tf32": bool(torch.backends.cuda.matmul.allow_tf32),
            "cudnn_allow_tf32": bool(torch.backends.cudnn.allow_tf32)}


def autocast_dtype(precision: str) -> Optional[torch.dtype]:
    """The autocast dtype of a precision; None for fp32 and tf32 (no autocast)."""
    return {"bf16": torch.bfloat16, "fp16": torch.float16}.get(precision)


@contextlib.contextmanager
def precision_context(device: str, precision: str) -> Iterator[None]:
    """Runs the block in ``precision``: fp32 with TF32 off, tf32 with TF32 on (CUDA only), bf16 / fp16 under
    autocast with TF32 off (the ops autocast leaves in fp32 stay true fp32)."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, was '{precision}'")
    if precision == "tf32" and device != "cuda":
        raise ValueError("precision tf32 needs --device cuda (TF32 is a CUDA tensor-core mode)")
    set_tf32(precision == "tf32")
    dtype = autocast_dtype(precision)
    if dtype is None:
        yield
        return
    with torch.autocast(device_type=device, dtype=dtype):
        yield


def oom_error_types() -> Tuple[type, ...]:
    """Exception classes meaning out-of-memory (``torch.cuda.OutOfMemoryError`` is missing before 1.13)."""
    found: List[type] = [MemoryError]
    cuda_oom = getattr(torch.cuda, "OutOfMemoryError", None)
    if isinstance(cuda_oom, type):
        found.append(cuda_oom)
    return tuple(found)


def storage_key(tensor: torch.Tensor) -> int:
    """An identity of the memory behind a tensor (views share it); 0 on the meta device."""
    untyped = getattr(tensor, "untyped_storage", None)  # 2.x
    try:
        if untyped is not None:
            return untyped().data_ptr()
        return tensor.storage().data_ptr()
    except Exception:  # noqa: BLE001 - meta or sparse tensors have no data pointer
        return 0


def dispatch_mode_class() -> type:
    """``TorchDispatchMode`` (present in 1.13 and 2.x under ``torch.utils._python_dispatch``)."""
    from torch.utils._python_dispatch import TorchDispatchMode
    return TorchDispatchMode


def op_packet_name(func: Any) -> str:
    """``addmm`` for ``aten.addmm.default`` (an OpOverload in 1.13 and 2.x)."""
    packet = getattr(func, "overloadpacket", None)
    name = getattr(packet, "__name__", None) or str(func).split(".")[-2]
    return name


def op_schema_arguments(func: Any) -> List[str]:
    """Argument names of an aten operator's schema, in order (empty when unknown)."""
    schema = getattr(func, "_schema", None)
    return [a.name for a in schema.arguments] if schema is not None else []


def torchvision_classification_models() -> List[str]:
    """Names of torchvision's classification model builders: ``list_models`` where it exists (0.14+), else
    every lower-case callable of ``torchvision.models`` that takes a ``weights`` argument."""
    import inspect

    import torchvision.models as tvm
    lister = getattr(tvm, "list_models", None)
    if lister is not None:
        try:
            return sorted(lister(module=tvm))
        except TypeError:  # an early signature without ``module``
            pass
    names = []
    for name, value in vars(tvm).items():
        if name.startswith("_") or not name.islower() or not callable(value) or inspect.isclass(value):
            continue
        try:
            if "weights" in inspect.signature(value).parameters:
                names.append(name)
        except (TypeError, ValueError):
            continue
    return sorted(names)


def torchvision_builder(name: str) -> Callable[..., torch.nn.Module]:
    import torchvision.models as tvm
    return getattr(tvm, name)


def torchvision_default_crop(name: str) -> Optional[int]:
    """The crop size of a torchvision model's DEFAULT weights (the resolution it is meant to run at), read
    from the weights' metadata without downloading anything; None when unknown."""
    import torchvision.models as tvm
    getter = getattr(tvm, "get_model_weights", None)  # 0.14+
    try:
        weights = getter(name) if getter is not None else None
    except Exception:  # noqa: BLE001
        weights = None
    if weights is None:
        return None
    default = getattr(weights, "DEFAULT", None)
    transforms = getattr(default, "transforms", None)
    keywords = getattr(transforms, "keywords", None) or {}
    crop = keywords.get("crop_size")
    if isinstance(crop, (list, tuple)):
        crop = crop[0]
    return int(crop) if crop else None
