"""Honest timing: warm-up, device synchronisation around each timed iteration, median with p10/p90."""

from __future__ import annotations

import dataclasses
import math
import time
from typing import Callable, List, Optional, Tuple

import torch


@dataclasses.dataclass
class Timing:
    times_s: List[float]
    warmup: int

    @property
    def repeats(self) -> int:
        return len(self.times_s)

    @property
    def median_s(self) -> float:
        return percentile(self.times_s, 50)

    @property
    def p10_s(self) -> float:
        return percentile(self.times_s, 10)

    @property
    def p90_s(self) -> float:
        return percentile(self.times_s, 90)


def percentile(values: List[float], q: float) -> float:
    """Linear-interpolation percentile (numpy's default), q in [0, 100]."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def synchronize(device: str) -> None:
    if device == "cuda":
        torch.cuda.synchronize()


def measure(fn: Callable[[], None], device: str, warmup: int = 2, min_repeats: int = 3,
            max_repeats: int = 20, budget_s: float = 1.0, warmup_budget_s: Optional[float] = None) -> Timing:
    """Runs ``fn`` ``warmup`` times (fewer if the warm-up alone exceeds ``warmup_budget_s``, at least one),
    then times it until ``max_repeats`` or until ``min_repeats`` are done and ``budget_s`` is spent."""
    warmup_budget_s = budget_s if warmup_budget_s is None else warmup_budget_s
    done, start = 0, time.perf_counter()
    while done < max(1, warmup):
        fn()
        done += 1
        synchronize(device)
        if time.perf_counter() - start > warmup_budget_s:
            break
    times: List[float] = []
    spent = 0.0
    while len(times) < max_repeats and (len(times) < min_repeats or spent < budget_s):
        synchronize(device)
        t0 = time.perf_counter()
        fn()
        synchronize(device)
        elapsed = time.perf_counter() - t0
        times.append(elapsed)
        spent += elapsed
    return Timing(times, done)


def measure_per_call(fn: Callable[[], None], device: str, min_sample_s: float = 1e-3, warmup: int = 2,
                     min_repeats: int = 5, max_repeats: int = 25, budget_s: float = 0.1,
                     max_calls_per_sample: int = 10000) -> Tuple[Timing, int]:
    """Times one call of a short kernel: after ``warmup`` calls, each sample runs ``calls`` back-to-back calls
    between two synchronisations (``calls`` chosen so that a sample lasts at least ``min_sample_s``) and
    records the sample's time divided by ``calls``. Returns the per-call Timing and ``calls``."""
    start = time.perf_counter()
    for _ in range(max(1, warmup)):
        fn()
    synchronize(device)
    one = max((time.perf_counter() - start) / max(1, warmup), 1e-9)
    calls = int(min(max_calls_per_sample, max(1, math.ceil(min_sample_s / one))))
    if 1 < calls < max_calls_per_sample:  # the warm-up includes first-call costs: calibrate on a short run
        synchronize(device)
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        synchronize(device)
        one = max((time.perf_counter() - t0) / calls, 1e-9)
        calls = int(min(max_calls_per_sample, max(1, math.ceil(min_sample_s / one))))
    times: List[float] = []
    spent = 0.0
    while len(times) < max_repeats and (len(times) < min_repeats or spent < budget_s):
        synchronize(device)
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        synchronize(device)
        elapsed = time.perf_counter() - t0
        times.append(elapsed / calls)
        spent += elapsed
    return Timing(times, max(1, warmup)), calls
