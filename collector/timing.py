"""Honest timing: warm-up, device synchronisation around each timed iteration, median with p10/p90."""

from __future__ import annotations

import dataclasses
import math
import time
from typing import Callable, List

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
            max_repeats: int = 20, budget_s: float = 1.0, warmup_budget_s: float = None) -> Timing:
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
