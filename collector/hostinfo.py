"""Host description (the host JSON and schema v1's host columns), the BLAS guard and load figures."""

from __future__ import annotations

import os
import platform
import re
import socket
import subprocess
from typing import Callable, Dict, List, Optional, Tuple

import torch

REFERENCE_BLAS_MESSAGE = (
    "torch is using the reference BLAS (libblas.so.3 from the libblas3 package, not OpenBLAS): CPU timings "
    "would be many times too slow and useless for calibration. Install OpenBLAS and retry: "
    "`apt-get install libopenblas0-pthread` (or pass --allow-reference-blas to measure anyway).")

_FAST_BLAS_MARKERS = ("openblas", "mkl", "blis", "atlas", "accelerate", "armpl")


def loaded_libraries(maps_text: str) -> List[str]:
    """Distinct file paths of shared objects mapped in a /proc/<pid>/maps text."""
    paths = []
    for line in maps_text.splitlines():
        parts = line.split()
        if len(parts) >= 6 and parts[5].startswith("/") and ".so" in parts[5] and parts[5] not in paths:
            paths.append(parts[5])
    return paths


def blas_libraries(maps_text: str) -> List[str]:
    return [p for p in loaded_libraries(maps_text)
            if re.search(r"(blas|lapack|mkl|blis|atlas)", os.path.basename(p), re.IGNORECASE)
            or "openblas" in p.lower()]


def check_blas(maps_text: str, realpath: Callable[[str], str] = os.path.realpath) -> Tuple[bool, str]:
    """(ok, explanation). Not ok when a ``libblas.so*`` is loaded that resolves to the reference BLAS and
    no optimised BLAS (OpenBLAS, MKL, BLIS, ATLAS) is loaded either."""
    libs = blas_libraries(maps_text)
    resolved = [(p, realpath(p)) for p in libs]
    fast = [r for _, r in resolved if any(m in r.lower() for m in _FAST_BLAS_MARKERS)]
    if fast:
        return True, "optimised BLAS loaded: " + ", ".join(sorted(set(fast)))
    reference = [r for p, r in resolved if os.path.basename(p).startswith("libblas.so")]
    if reference:
        return False, "reference BLAS loaded (" + ", ".join(sorted(set(reference))) + "). " + REFERENCE_BLAS_MESSAGE
    return True, "no separate BLAS library loaded (torch uses its built-in kernels / oneDNN)"


def current_maps_after_matmul() -> str:
    a = torch.randn(64, 64)
    (a @ a).sum().item()
    with open("/proc/self/maps") as handle:
        return handle.read()


def _cpuinfo() -> Dict[str, str]:
    info: Dict[str, str] = {}
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if ":" in line:
                    key, value = line.split(":", 1)
                    info.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    return info


def cpu_description() -> Dict:
    info = _cpuinfo()
    flags = set(info.get("flags", "").split())
    if "amx_tile" in flags or "amx_bf16" in flags:
        isa = "avx512,amx"
    elif "avx512f" in flags:
        isa = "avx512"
    elif "avx2" in flags:
        isa = "avx2"
    elif "avx" in flags:
        isa = "avx"
    else:
        isa = "sse" if any(f.startswith("sse") for f in flags) else ""
    mhz = None
    try:
        mhz = float(info.get("cpu MHz", "nan"))
    except ValueError:
        pass
    match = re.search(r"@\s*([\d.]+)\s*GHz", info.get("model name", ""))
    if match:  # nominal clock in the model name beats the momentary cpuinfo figure
        mhz = float(match.group(1)) * 1000
    interesting = sorted(f for f in flags if re.match(r"(avx|amx|fma|f16c|sse4|vnni)", f))
    return {
        "cpu_model": info.get("model name", platform.processor() or "unknown"),
        "cpu_vendor": info.get("vendor_id", ""),
        "cpu_family": info.get("cpu family", ""),
        "cpu_model_number": info.get("model", ""),
        "cpu_cores": os.cpu_count() or 0,
        "cpu_cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_mhz": round(mhz) if mhz == mhz and mhz is not None else None,
        "cpu_isa": isa,
        "isa_flags": interesting,
    }


def memory_total_mib() -> Optional[float]:
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024.0, 1)
    except OSError:
        pass
    return None


def gpu_description() -> Dict:
    if not torch.cuda.is_available():
        return {}
    props = torch.cuda.get_device_properties(0)
    driver = None
    try:
        driver = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                                capture_output=True, text=True, timeout=20).stdout.strip().splitlines()[0]
    except Exception:  # noqa: BLE001 - driver version is informative only
        pass
    return {
        "gpu_name": props.name,
        "gpu_sms": props.multi_processor_count,
        "gpu_mem_gib": round(props.total_memory / 2 ** 30, 1),
        "gpu_count": torch.cuda.device_count(),
        "gpu_capability": f"{props.major}.{props.minor}",
        "cuda_version": torch.version.cuda,
        "cudnn_version": torch.backends.cudnn.version(),
        "driver_version": driver,
    }


def blas_description() -> Dict:
    config = torch.__config__.show()
    blas_info = re.search(r"BLAS_INFO=([^,\s]+)", config)
    lapack_info = re.search(r"LAPACK_INFO=([^,\s]+)", config)
    maps = current_maps_after_matmul()
    libs = blas_libraries(maps)
    ok, explanation = check_blas(maps)
    return {
        "torch_blas_info": blas_info.group(1) if blas_info else None,
        "torch_lapack_info": lapack_info.group(1) if lapack_info else None,
        "mkldnn": torch.backends.mkldnn.is_available(),
        "cpu_capability": (re.search(r"CPU capability usage: (\S+)", config) or [None, None])[1],
        "loaded_blas_libraries": [{"path": p, "resolves_to": os.path.realpath(p)} for p in libs],
        "blas_ok": ok,
        "blas_check": explanation,
    }


def framework_versions() -> Dict:
    versions = {"python": platform.python_version(), "torch": torch.__version__}
    for module in ("torchvision", "numpy"):
        try:
            versions[module] = __import__(module).__version__
        except Exception:  # noqa: BLE001
            versions[module] = None
    return versions


def load_avg_1m() -> float:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return float("nan")


def host_name() -> str:
    return socket.gethostname()


def describe_host(device: str, threads: List[int]) -> Dict:
    from . import __version__
    return {
        "host": host_name(),
        "kernel": platform.release(),
        **cpu_description(),
        "memory_total_mib": memory_total_mib(),
        "device": device,
        **gpu_description(),
        "framework": "pytorch",
        "versions": framework_versions(),
        "blas": blas_description(),
        "threads": threads,
        "interop_threads": torch.get_num_interop_threads(),
        "load_avg_at_start": list(os.getloadavg()),
        "collector_version": __version__,
    }


# ---------------------------------------------------------------- CPU peak memory (VmHWM)

def _status_kib(field: str) -> Optional[int]:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_rss() -> bool:
    """Resets the process's VmHWM (Linux: writing 5 to /proc/self/clear_refs). False when unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def peak_rss_mib() -> Optional[float]:
    kib = _status_kib("VmHWM")
    return None if kib is None else kib / 1024.0


def rss_mib() -> Optional[float]:
    kib = _status_kib("VmRSS")
    return None if kib is None else kib / 1024.0


def release_free_memory() -> bool:
    """Collects garbage and asks glibc to return freed heap pages to the system (``malloc_trim(0)``), so that a
    resident-size figure counts live memory; False where glibc is not there."""
    import ctypes
    import gc
    gc.collect()
    try:
        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):
        return False
