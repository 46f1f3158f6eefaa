"""The SkyPilot time estimator: the callable SkyPilot's optimizer calls with a task's resources. SkyPilot itself is
not installed: resources are stand-ins with its ``accelerators`` attribute, and the ranking below is the one its
optimizer computes (each candidate's hourly price times the estimated runtime)."""

import math

import pytest

from runtime_estimator_client import time_estimator

WORKLOAD = {"model": "resnet50", "precision": "bf16",
            "job": {"phase": "train_job", "batchSize": 256, "optimizer": "sgd", "learningRate": 0.1,
                    "datasetSize": 1281167, "epochs": 90}}


class Resources:
    """What the estimator reads of a sky.Resources."""

    def __init__(self, accelerators):
        self.accelerators = accelerators

    def __repr__(self):
        return f"Resources(accelerators={self.accelerators})"


def test_the_estimate_is_the_planners_time_for_those_devices(client):
    estimate = time_estimator(client, WORKLOAD)

    seconds = estimate(Resources({"H100": 8}))

    offer = {"id": "x", "hardware": "nvidia-h100-sxm-80gb", "deviceCount": 8, "pricePerDeviceHour": 0,
             "currency": "USD", "provider": "p"}
    assert seconds == client.plan(WORKLOAD, budget=0, offers=[offer])["ranked"][0]["seconds"]
    assert time_estimator(client, WORKLOAD, bound="upper")(Resources({"H100": 8})) > seconds


def test_more_devices_of_a_kind_finish_sooner_and_kinds_differ(client):
    estimate = time_estimator(client, WORKLOAD)

    one, eight = estimate(Resources({"H100": 1})), estimate(Resources({"H100": 8}))
    l4 = estimate(Resources({"L4": 8}))

    assert eight < one
    assert l4 != eight


def test_skypilots_ranking_by_price_times_predicted_time(client):
    """SkyPilot prices each launchable candidate as hourly price x estimated hours and picks the least: with a
    time estimator the cheapest per hour is no longer the winner by default."""
    estimate = time_estimator(client, WORKLOAD)
    candidates = {  # (cloud, accelerators) -> hourly price of the instance; prices here are only illustrative
        ("cloud-a", "L4", 8): 8.0,
        ("cloud-b", "A100", 8): 30.0,
        ("cloud-c", "H100", 8): 50.0,
    }

    costs = {key: price * estimate(Resources({key[1]: key[2]})) / 3600 for key, price in candidates.items()}
    default_costs = {key: price * 1.0 for key, price in candidates.items()}  # SkyPilot's one-hour default

    assert min(default_costs, key=default_costs.get)[1] == "L4"
    best = min(costs, key=costs.get)
    assert costs[best] == min(costs.values())
    assert len(set(costs.values())) == 3


def test_an_accelerator_without_a_hardware_id_is_named(client):
    estimate = time_estimator(client, WORKLOAD)

    with pytest.raises(ValueError, match="'TPU-v9'"):
        estimate(Resources({"TPU-v9": 8}))
    with pytest.raises(ValueError, match="exactly one accelerator"):
        estimate(Resources(None))
    assert time_estimator(client, WORKLOAD, accelerators={"MY-GPU": "nvidia-l4-24gb"})(Resources({"MY-GPU": 1})) > 0


def test_devices_the_job_does_not_fit_are_infinitely_slow(client):
    huge = dict(WORKLOAD, model={"name": "huge", "parameters": 400_000_000_000, "flopsPerSample": 1e12})

    assert time_estimator(client, huge)(Resources({"T4": 1})) == math.inf
