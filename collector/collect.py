"""The ``collect`` command: builds the configuration grid, measures each configuration and writes rows.

Peak memory, reset and read per configuration:

* CUDA: ``torch.cuda.reset_peak_memory_stats`` before the configuration, then ``max_memory_allocated``
  (``peak_mem_mib``, tensors of this process: weights, optimizer state, activations) and
  ``max_memory_reserved`` (``peak_mem_reserved_mib``, what the caching allocator held). No tensor exists
  before the first model, so ``peak_mem_above_baseline_mib`` equals ``peak_mem_mib``.
* CPU: the process's peak resident set size during the configuration, VmHWM from /proc/self/status, reset
  before each configuration by writing 5 to /proc/self/clear_refs (after ``gc.collect`` and glibc's
  ``malloc_trim``, so that memory freed by earlier configurations does not count). ``peak_mem_mib`` is that
  whole-process figure (interpreter and torch included); ``peak_mem_above_baseline_mib`` subtracts the
  process's baseline, its resident size once torch was loaded and before any model was built
  (``baseline_rss_mib`` in the host JSON): the model, its optimizer state, activations and workspaces.
  ``rss_before_mib`` is the resident size just before the configuration. Where VmHWM cannot be reset, the
  peak columns are left empty rather than report the lifetime peak.
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
from typing import Any, Callable, ContextManager, Dict, Iterable, List, Optional

import torch

from . import __version__
from . import hostinfo
from .compat import oom_error_types, precision_context, set_tf32, supported_precisions
from .flops import count_flops, count_parameters
from .models import DEFAULT_MODELS, ModelEntry, get_model
from .timing import measure
from .writer import RowWriter

OPTIMIZER_LRS = {"sgd": [0.1, 0.01], "adam": [0.001, 0.0003], "adamw": [0.001, 0.0001]}
BATCH_CANDIDATES = [1, 2, 4, 8, 16, 32, 64, 128, 256]
ASSUMED_FLOPS_PER_THREAD = 20e9  # for planning only: which batch sizes fit --max-iter-s


@dataclasses.dataclass
class Config:
    model: str
    phase: str
    batch_size: int
    threads: int
    precision: str
    optimizer: str = ""
    learning_rate: Optional[float] = None
    dataset_size: Optional[int] = None
    estimated_s: float = 0.0

    @property
    def steps(self) -> int:
        if self.phase == "train_epoch":
            return math.ceil(self.dataset_size / self.batch_size)
        return 1

    def key(self) -> str:
        return (f"{self.model}/{self.phase}/{self.precision}/b{self.batch_size}/t{self.threads}"
                f"/{self.optimizer or '-'}/{self.dataset_size or '-'}")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- workloads

def autocast_context(device: str, precision: str) -> ContextManager[None]:
    """The precision a timed call runs in (``compat.precision_context``): fp32 rows with TF32 off, tf32 rows
    with TF32 on, bf16 / fp16 rows under autocast."""
    return precision_context(device, precision)


def make_optimizer(name: str, params: Iterable[torch.nn.Parameter], lr: float) -> torch.optim.Optimizer:
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=0.9)
    if name == "adam":
        return torch.optim.Adam(params, lr=lr)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr)
    raise ValueError(f"optimizer must be sgd, adam or adamw, was '{name}'")


def make_workload(entry: ModelEntry, module: torch.nn.Module, config: Config, device: str,
                  generator: torch.Generator) -> Callable[[], None]:
    """Returns a no-argument function running one timed unit (a batch, a step or an epoch)."""
    b = config.batch_size
    if config.phase == "infer":
        module.eval()
        x = entry.make_input(b, generator).to(device)

        def infer():
            with torch.no_grad(), autocast_context(device, config.precision):
                module(x)
        return infer

    module.train()
    optimizer = make_optimizer(config.optimizer, module.parameters(), config.learning_rate)

    def step(x: torch.Tensor, y: torch.Tensor) -> None:
        optimizer.zero_grad(set_to_none=True)
        with autocast_context(device, config.precision):
            out = module(x)
            loss = entry.loss(out, y)
        loss.backward()
        optimizer.step()

    if config.phase == "train_step":
        x, y = entry.make_input(b, generator).to(device), entry.make_target(b, generator).to(device)
        return lambda: step(x, y)
    if config.phase == "train_epoch":
        # A DataLoader-like loop over a dataset of random tensors held in host memory: each step slices a
        # batch (the last one may be partial) and copies it to the device.
        data_x = entry.make_input(config.dataset_size, generator)
        data_y = entry.make_target(config.dataset_size, generator)

        def epoch():
            for start in range(0, config.dataset_size, b):
                step(data_x[start:start + b].to(device), data_y[start:start + b].to(device))
        return epoch
    raise ValueError(f"phase must be infer, train_step or train_epoch, was '{config.phase}'")


# ---------------------------------------------------------------- grid

def estimate_iteration_s(flops_per_sample: float, batch: int, phase: str, threads: int = 1) -> float:
    factor = 1.0 if phase == "infer" else 6.0  # backward ~2x forward, and slower kernels
    return 0.002 + flops_per_sample * batch * factor / (ASSUMED_FLOPS_PER_THREAD * threads)


def default_batches(flops_per_sample: float, max_iter_s: float) -> List[int]:
    fitting = [b for b in BATCH_CANDIDATES if estimate_iteration_s(flops_per_sample, b, "infer") <= max_iter_s]
    if len(fitting) <= 4:
        return fitting or [1]
    picks = {fitting[0], fitting[-1], fitting[len(fitting) // 3], fitting[(2 * len(fitting)) // 3]}
    return sorted(picks)


def plan_model(name: str, flops: float, args: Any) -> List[Config]:
    batches = args.batch_sizes or default_batches(flops, args.max_iter_s)
    configs: List[Config] = []
    optimizers = args.optimizers
    counters: Dict[str, int] = {}

    def next_optimizer(phase: str) -> tuple:
        # one rotation per phase, so that every phase sees every optimizer
        count = counters.get(phase, 0)
        name_ = optimizers[count % len(optimizers)]
        lrs = OPTIMIZER_LRS[name_]
        lr = lrs[(count // len(optimizers)) % len(lrs)]
        counters[phase] = count + 1
        return name_, lr

    for b in batches:
        for precision in args.precisions:
            if precision != "fp32" and not args.batch_sizes and b not in batches[:2]:
                continue  # planned grids keep the lower-precision rows to the two smallest batches
            for phase in args.phases:
                if phase == "train_epoch" and precision != "fp32" and not args.batch_sizes:
                    continue
                est = estimate_iteration_s(flops, b, phase)
                if phase == "train_epoch":
                    if not args.batch_sizes and b not in batches[:3]:
                        continue
                    dataset = args.dataset_size or b * (args.epoch_steps - 1) + max(1, math.ceil(b / 2))
                    est *= math.ceil(dataset / b)
                else:
                    dataset = None
                if not args.batch_sizes and b != batches[0] and est > args.max_iter_s * (
                        4 if phase == "train_epoch" else 1.5):
                    continue
                opt, lr = next_optimizer(phase) if phase != "infer" else ("", None)
                for threads in args.threads:
                    configs.append(Config(name, phase, b, threads, precision, opt, lr, dataset, est))
    configs.sort(key=lambda c: c.estimated_s)  # cheap first: a truncated model still covers its phases
    return configs


# ---------------------------------------------------------------- measurement

def _status_for(exc: BaseException) -> str:
    text = str(exc).lower()
    if isinstance(exc, oom_error_types()) or "out of memory" in text \
            or "can't allocate memory" in text:
        return "oom"
    return "error"


def measure_config(entry: ModelEntry, module: torch.nn.Module, config: Config, args: Any,
                   generator: torch.Generator) -> Dict[str, Any]:
    device = args.device
    torch.set_num_threads(config.threads)
    if device == "cuda":
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
        peak_kind = "cuda_max_allocated"
    else:
        hostinfo.release_free_memory()
        peak_kind = "cpu_vmhwm" if hostinfo.reset_peak_rss() else ""
    rss_before = hostinfo.rss_mib() if device == "cpu" else None
    result = {"status": "ok", "error": "", "timing": None, "peak": None, "rss_before": rss_before,
              "peak_kind": peak_kind, "peak_reserved": None}
    try:
        fn = make_workload(entry, module, config, device, generator)
        epoch = config.phase == "train_epoch"
        result["timing"] = measure(
            fn, device, warmup=1 if epoch else args.warmup, min_repeats=2 if epoch else args.min_repeats,
            max_repeats=5 if epoch else args.max_repeats, budget_s=args.config_budget_s,
            warmup_budget_s=args.config_budget_s)
    except Exception as exc:  # noqa: BLE001 - a failed configuration becomes a row, the run goes on
        result["status"] = _status_for(exc)
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}" if str(exc) else type(exc).__name__
        if device == "cuda":
            torch.cuda.empty_cache()
    finally:
        if device == "cuda":
            result["peak"] = torch.cuda.max_memory_allocated() / 2 ** 20
            result["peak_reserved"] = torch.cuda.max_memory_reserved() / 2 ** 20
        elif peak_kind:
            result["peak"] = hostinfo.peak_rss_mib()
        module.zero_grad(set_to_none=True)
    return result


def above_baseline(peak_mib: Optional[float], device: str, baseline_mib: Optional[float]) -> Optional[float]:
    """The configuration's peak above the process's baseline: the CPU peak less the resident size before any
    model was built; on CUDA the allocator's peak itself (its baseline is zero)."""
    if peak_mib is None:
        return None
    if device == "cuda":
        return round(peak_mib, 1)
    if baseline_mib is None:
        return None
    return round(max(0.0, peak_mib - baseline_mib), 1)


def build_row(run: Dict[str, Any], entry: ModelEntry, described: Dict[str, Any], config: Config,
              result: Dict[str, Any]) -> Dict[str, Any]:
    timing = result["timing"]
    ok = result["status"] == "ok" and timing is not None
    row = {k: v for k, v in run.items() if not k.startswith("_")}
    row.update({
        "threads": config.threads if run["device_kind"] == "cpu" else torch.get_num_threads(),
        "model": entry.name, "family": entry.family, "params": described["params"],
        "flops_per_sample": described["flops"], "input_shape": entry.input_shape,
        "phase": config.phase, "precision": config.precision, "batch_size": config.batch_size,
        "optimizer": config.optimizer, "learning_rate": config.learning_rate,
        "dataset_size": config.dataset_size, "epochs": 1 if config.phase == "train_epoch" else None,
        "steps": config.steps,
        "time_s": timing.median_s if ok else None,
        "time_p10_s": timing.p10_s if ok else None,
        "time_p90_s": timing.p90_s if ok else None,
        "repeats": timing.repeats if ok else None,
        "peak_mem_mib": round(result["peak"], 1) if result["peak"] is not None else None,
        "status": result["status"],
        "matmul_flops_per_sample": described["flops"],
        "peak_mem_above_baseline_mib": above_baseline(result["peak"], run["device_kind"],
                                                      run.get("_baseline_rss_mib")),
        "peak_mem_reserved_mib": round(result["peak_reserved"], 1) if result["peak_reserved"] is not None else None,
        "load_avg_1m": hostinfo.load_avg_1m(),
        "peak_mem_kind": result["peak_kind"],
        "rss_before_mib": round(result["rss_before"], 1) if result["rss_before"] is not None else None,
        "elementwise_flops_per_sample": described["elementwise"],
        "activation_elements_per_sample": described["activations"],
        "leaf_layers": described["leaf_layers"],
        "warmup": timing.warmup if timing is not None else None,
        "timestamp": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "collector_version": __version__,
        "error": result["error"],
    })
    return row


def run_columns(host: Dict[str, Any], args: Any) -> Dict[str, Any]:
    cuda = args.device == "cuda"
    return {
        "run_id": args.run_id, "host": host["host"], "device_kind": args.device,
        "device_name": host.get("gpu_name") if cuda else host["cpu_model"],
        "device_count": 1, "cpu_model": host["cpu_model"], "cpu_cores": host["cpu_cores"],
        "gpu_sms": host.get("gpu_sms") if cuda else None,
        "gpu_mem_gib": host.get("gpu_mem_gib") if cuda else None,
        "framework": "pytorch", "framework_version": torch.__version__,
        "cpu_mhz": host["cpu_mhz"], "cpu_isa": host["cpu_isa"],
    }


def _describe(entry: ModelEntry, module: torch.nn.Module) -> Dict:
    counts = count_flops(module, entry.make_input(1))
    return {"params": count_parameters(module), "flops": int(round(counts.flops)),
            "elementwise": int(round(counts.elementwise_flops)),
            "activations": int(round(counts.activation_elements)), "leaf_layers": counts.leaf_layers}


def _build(entry: ModelEntry, device: str, seed: int) -> torch.nn.Module:
    torch.manual_seed(seed)
    return entry.build().to(device)


def repeat_check(rows: List[Dict[str, Any]], plans: Dict[str, Config], args: Any, generator: torch.Generator,
                 deadline: float) -> Dict[str, Any]:
    """Measures up to K already-measured configurations a second time (model rebuilt) and reports the
    median relative difference |a - b| / ((a + b) / 2) of the two medians."""
    candidates = [r for r in rows if r["status"] == "ok"
                  and r["time_s"] * (r["repeats"] + (r["warmup"] or 0)) <= 3.0]
    rng = random.Random(args.seed)
    rng.shuffle(candidates)
    by_model: Dict[str, List[Dict]] = {}
    for row in candidates:
        by_model.setdefault(row["model"], []).append(row)
    chosen: List[Dict] = []
    while len(chosen) < args.repeat_check and any(by_model.values()):
        for model in list(by_model):
            if by_model[model] and len(chosen) < args.repeat_check:
                chosen.append(by_model[model].pop())
    pairs = []
    for model in sorted({r["model"] for r in chosen}):
        if time.monotonic() > deadline:
            break
        entry = get_model(model, getattr(args, "input_shape", None))
        module = _build(entry, args.device, args.seed + 1)
        for row in [r for r in chosen if r["model"] == model]:
            if time.monotonic() > deadline:
                break
            config = plans[row["_key"]]
            result = measure_config(entry, module, config, args, generator)
            if result["status"] == "ok":
                first, second = row["time_s"], result["timing"].median_s
                pairs.append({"config": config.key(), "first_s": first, "second_s": second,
                              "rel_diff": abs(first - second) / ((first + second) / 2)})
        del module
    diffs = sorted(p["rel_diff"] for p in pairs)
    median = diffs[len(diffs) // 2] if len(diffs) % 2 else (
        (diffs[len(diffs) // 2 - 1] + diffs[len(diffs) // 2]) / 2 if diffs else float("nan"))
    return {"k": len(pairs), "median_rel_diff": median,
            "definition": "median over K configurations of |a-b|/((a+b)/2), a and b the medians of two "
                          "measurements of the same configuration, the second after the main run with the "
                          "model rebuilt", "pairs": pairs}


def collect(args: Any) -> int:
    if args.device == "cuda" and not torch.cuda.is_available():
        log("--device cuda asked but torch.cuda.is_available() is false")
        return 2
    ok, explanation = hostinfo.check_blas(hostinfo.current_maps_after_matmul())
    if not ok and not args.allow_reference_blas:
        log("refusing to collect: " + explanation)
        return 3
    unsupported = [p for p in args.precisions if p not in supported_precisions(args.device)]
    if unsupported:
        log(f"precision {', '.join(unsupported)} cannot run on {args.device} with torch {torch.__version__} "
            f"(supported: {', '.join(supported_precisions(args.device))})")
        return 2
    torch.set_num_interop_threads(1) if args.device == "cpu" else None
    set_tf32(False)  # fp32 rows are fp32; each configuration sets the switches for its own precision
    baseline_rss = None
    if args.device == "cpu":
        hostinfo.release_free_memory()
        baseline_rss = hostinfo.rss_mib()  # torch loaded, BLAS initialised, no model built yet
    host = hostinfo.describe_host(args.device, args.threads)
    host["baseline_rss_mib"] = round(baseline_rss, 1) if baseline_rss is not None else None
    host["command"] = " ".join(sys.argv)
    host["started"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    host["run_id"] = args.run_id
    host["blas_guard"] = explanation

    def write_host():
        with open(args.host_json, "w") as handle:
            json.dump(host, handle, indent=2, default=str)
            handle.write("\n")
    write_host()
    log(f"host: {host['cpu_model']} x{host['cpu_cores']} {host['cpu_isa']}, torch {torch.__version__}, "
        f"{explanation}")

    run = run_columns(host, args)
    run["_baseline_rss_mib"] = baseline_rss
    generator = torch.Generator().manual_seed(args.seed)
    start = time.monotonic()
    reserve = 0.0 if args.repeat_check <= 0 else min(0.12 * args.budget_s, 240.0)
    main_deadline = start + args.budget_s - reserve
    rows: List[Dict] = []
    plans: Dict[str, Config] = {}
    counts = {"ok": 0, "oom": 0, "error": 0}
    models = args.models
    with RowWriter(args.out) as writer:
        for index, name in enumerate(models):
            now = time.monotonic()
            if now >= main_deadline:
                log(f"global budget spent before {name}; {len(models) - index} models not measured")
                break
            model_deadline = now + (main_deadline - now) / (len(models) - index)
            try:
                entry = get_model(name, getattr(args, "input_shape", None))
                module = _build(entry, args.device, args.seed)
                described = _describe(entry, module)
            except Exception as exc:  # noqa: BLE001
                log(f"{name}: cannot build ({type(exc).__name__}: {exc}); skipped")
                continue
            configs = plan_model(name, described["flops"], args)
            measured = 0
            for config in configs:
                if time.monotonic() >= model_deadline:
                    log(f"{name}: model budget spent, {len(configs) - measured} of {len(configs)} "
                        "configurations skipped")
                    break
                result = measure_config(entry, module, config, args, generator)
                row = build_row(run, entry, described, config, result)
                writer.write(row)
                counts[row["status"]] = counts.get(row["status"], 0) + 1
                measured += 1
                row["_key"] = config.key()
                plans[config.key()] = config
                rows.append(row)
                if not args.quiet:
                    shown = f"{row['time_s']:.4g}s" if row["time_s"] is not None else row["error"]
                    log(f"[{len(rows)}] {config.key()}: {row['status']} {shown} "
                        f"(n={row['repeats']}, load {row['load_avg_1m']})")
            del module
    repeat = {"k": 0, "median_rel_diff": float("nan"), "pairs": []}
    if args.repeat_check > 0 and rows:
        repeat = repeat_check(rows, plans, args, generator, start + args.budget_s + 60)
    elapsed = time.monotonic() - start
    models_ok = sorted({r["model"] for r in rows if r["status"] == "ok"})
    host["finished"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    host["elapsed_s"] = round(elapsed, 1)
    host["rows"] = dict(counts, total=len(rows))
    host["models_ok"] = models_ok
    host["repeatability"] = repeat
    host["load_avg_at_end"] = list(os.getloadavg())
    write_host()
    summary = (f"collected {len(rows)} rows ({counts['ok']} ok, {counts.get('oom', 0)} oom, "
               f"{counts.get('error', 0)} error) over {len(models_ok)} models in {elapsed:.0f} s into {args.out}")
    print(summary, flush=True)
    if repeat["k"]:
        print(f"repeatability: {repeat['k']} configurations measured twice, median relative difference "
              f"{100 * repeat['median_rel_diff']:.1f}%", flush=True)
    else:
        print("repeatability: not measured (--repeat-check 0 or no time left)", flush=True)
    return 0 if counts["ok"] > 0 else 1
