"""A time estimator for SkyPilot's optimizer, backed by the pricing service.

SkyPilot's optimizer assumes a task runs for one hour unless the task carries a time estimator
(``Task.set_time_estimator(func)``, where ``func(resources) -> seconds``). It calls the estimator once per
resources the task asked for (``sky.Resources(accelerators={"H100": 8})``, say), treats every cloud's launchable
version of them as taking that long, and prices each one at the cloud's hourly rate: so with this estimator it
ranks clouds and accelerators by predicted time *and* cost instead of by hourly price alone.

    import sky
    from runtime_estimator_client import Client, time_estimator

    workload = {"model": "resnet50", "precision": "bf16",
                "job": {"phase": "train_job", "batchSize": 256, "optimizer": "sgd", "learningRate": 0.1,
                        "datasetSize": 1281167, "epochs": 90}}
    task = sky.Task(run="python train.py")
    task.set_resources({sky.Resources(accelerators={"A100": 8}), sky.Resources(accelerators={"H100": 8}),
                        sky.Resources(accelerators={"L4": 8})})
    task.set_time_estimator(time_estimator(Client("http://127.0.0.1:8080/"), workload))
    sky.optimize(sky.Dag().add(task))   # or sky.launch(task): the optimizer calls the estimator

The estimate is the planner's (``POST /v1/plan`` with one offer of those accelerators): the estimator's
single-device time divided for data parallelism as the planner divides it, and ``inf`` when the job does not fit
the devices' memory, so SkyPilot never picks them.
"""

import math

# SkyPilot accelerator names -> runtime-estimator hardware catalogue ids (GET /v1/hardware). SkyPilot's "A100" is
# the 40 GB part, as in its catalogues; pass your own mapping for other parts.
SKYPILOT_ACCELERATORS = {
    "A100": "nvidia-a100-sxm-40gb",
    "A100-80GB": "nvidia-a100-sxm-80gb",
    "A10": "nvidia-a10-24gb",
    "A10G": "nvidia-a10g-24gb",
    "A40": "nvidia-a40-48gb",
    "B200": "nvidia-b200-180gb",
    "H100": "nvidia-h100-sxm-80gb",
    "H100-MEGA": "nvidia-h100-sxm-80gb",
    "H200": "nvidia-h200-sxm-141gb",
    "L4": "nvidia-l4-24gb",
    "L40S": "nvidia-l40s-48gb",
    "MI300X": "amd-mi300x-192gb",
    "P100": "nvidia-p100-pcie-16gb",
    "P4": "nvidia-p4-8gb",
    "T4": "nvidia-t4-16gb",
    "V100": "nvidia-v100-sxm2-16gb",
    "V100-32GB": "nvidia-v100-sxm2-32gb",
}

BOUNDS = {"point": "seconds", "lower": "lowerSeconds", "upper": "upperSeconds"}

# Verdicts of a job that cannot run on the resources at all: to SkyPilot, infinitely slow there.
DOES_NOT_FIT = frozenset({"out_of_memory", "needs_model_parallelism"})


def time_estimator(client, workload, accelerators=None, bound="point"):
    """A ``func(resources) -> seconds`` for ``Task.set_time_estimator``.

    ``workload`` is a spec dict without hardware (model, job, precision), as in a spec file. ``resources`` is
    anything with SkyPilot's ``accelerators`` attribute (``{"H100": 8}``). ``bound`` picks the point estimate
    (default), or the ``upper`` (or ``lower``) end of the 80% range: ``upper`` is what a deadline should be
    checked against. Answers are cached per accelerator and count.
    """
    mapping = dict(SKYPILOT_ACCELERATORS if accelerators is None else accelerators)
    if bound not in BOUNDS:
        raise ValueError(f"bound {bound!r}: must be one of {sorted(BOUNDS)}")
    spec = {k: v for k, v in workload.items() if k != "hardware"}
    cache = {}

    def estimate(resources):
        name, count = _accelerator(resources)
        if name not in mapping:
            raise ValueError(f"accelerator {name!r} has no runtime-estimator hardware id; known: "
                             f"{', '.join(sorted(mapping))} (pass accelerators={{...}} to add it)")
        key = (name, count)
        if key not in cache:
            offer = {"id": f"skypilot-{name}-x{count}", "hardware": mapping[name], "deviceCount": count,
                     "pricePerDeviceHour": 0, "currency": "USD", "provider": "skypilot"}
            # SkyPilot prices the time itself: a zero price and a zero budget ask the planner for time alone
            ranked = client.plan(spec, budget=0, offers=[offer])["ranked"][0]
            if ranked["verdict"] in DOES_NOT_FIT:
                cache[key] = math.inf
            elif ranked[BOUNDS[bound]] is None:
                raise ValueError(f"{name} x{count}: {ranked['reason']}")
            else:
                cache[key] = float(ranked[BOUNDS[bound]])
        return cache[key]

    return estimate


def _accelerator(resources):
    accelerators = getattr(resources, "accelerators", None)
    if not accelerators or len(accelerators) != 1:
        raise ValueError(f"resources {resources!r}: the estimator needs exactly one accelerator type "
                         "(sky.Resources(accelerators={'H100': 8}))")
    (name, count), = accelerators.items()
    if count != int(count) or count < 1:
        raise ValueError(f"resources {resources!r}: {count} {name}: a fraction of a device is not estimated")
    return name, int(count)
