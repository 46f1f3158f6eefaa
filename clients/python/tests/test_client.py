"""The client against a running service: estimates, plans, catalogues and refusals, in the CLI's JSON shapes."""

import json

import pytest

from runtime_estimator_client import Client, ServiceError

INFER = {"model": "resnet50", "job": {"phase": "infer", "batchSize": 8}, "hardware": "nvidia-l4-24gb"}
TRAIN = {"model": "resnet50", "precision": "bf16",
         "job": {"phase": "train_job", "batchSize": 256, "optimizer": "sgd", "learningRate": 0.1,
                 "datasetSize": 1281167, "epochs": 90}}


def test_an_estimate_of_a_spec_file_has_its_bounds_and_steps(client, repository_root):
    spec = json.loads((repository_root / "examples" / "specs" / "resnet50-h100-epoch.json").read_text())

    estimate = client.estimate(spec)

    assert 0 < estimate["lowerSeconds"] <= estimate["seconds"] <= estimate["upperSeconds"]
    assert estimate["steps"] == -(-1281167 // 64)  # one epoch: ceil(dataset / batch)
    assert 0 < estimate["coverage"] <= 1


def test_many_estimates_come_back_in_order(client):
    big_batch = dict(INFER, job={"phase": "infer", "batchSize": 64})

    estimates = client.estimate_many([INFER, big_batch, INFER])

    assert len(estimates) == 3
    assert estimates[0] == estimates[2] == client.estimate(INFER)
    assert estimates[1]["seconds"] > estimates[0]["seconds"]


def test_a_plan_ranks_every_server_offer_and_names_its_choice(client):
    offers = client.offers()["offers"]

    plan = client.plan(TRAIN, deadline="2d", budget=3000)

    assert [r["offerId"] for r in plan["ranked"]] and len(plan["ranked"]) == len(offers)
    assert {r["offerId"] for r in plan["ranked"]} == {o["id"] for o in offers}
    assert plan["deadlineSeconds"] == 2 * 86400 and plan["budget"] == 3000
    for r in plan["ranked"]:
        assert r["verdict"] in {"fits", "too_slow", "over_budget", "out_of_memory", "needs_model_parallelism",
                                "batch_too_small", "estimate_failed"}
        if r["seconds"] is not None:
            assert r["lowerSeconds"] <= r["seconds"] <= r["upperSeconds"]
            assert r["lowerCost"] <= r["cost"] <= r["upperCost"]
    if plan["chosenOfferId"] is not None:
        assert plan["ranked"][0]["offerId"] == plan["chosenOfferId"]
        assert plan["ranked"][0]["verdict"] == "fits"


def test_a_plan_ranks_the_offers_given_instead(client):
    offers = [{"id": "one-l4", "hardware": "nvidia-l4-24gb", "pricePerDeviceHour": 0.8, "currency": "USD",
               "provider": "example"},
              {"id": "eight-h100", "hardware": "nvidia-h100-sxm-80gb", "deviceCount": 8, "pricePerDeviceHour": 4,
               "currency": "USD", "provider": "example"}]

    plan = client.plan(TRAIN, deadline_seconds=7 * 86400, rank_by="energy", offers=offers)

    assert {r["offerId"] for r in plan["ranked"]} == {"one-l4", "eight-h100"}
    assert plan["rankBy"] == "energy"


def test_a_refusal_names_the_field_and_the_rule(client):
    bad = dict(INFER, job={"phase": "infer", "batchSize": 0})

    with pytest.raises(ServiceError) as refused:
        client.estimate(bad)

    assert refused.value.status == 400
    assert refused.value.field == "$.job.batchSize"
    assert refused.value.rule == "must be >= 1"
    assert refused.value.message.startswith("$.job.batchSize: job.batchSize = 0: must be >= 1")


def test_a_plan_without_constraints_is_refused_naming_the_deadline(client):
    with pytest.raises(ServiceError) as refused:
        client.plan(TRAIN)

    assert refused.value.status == 400 and refused.value.field == "$.deadline"


def test_catalogues_offers_and_health(client):
    hardware = client.hardware()
    assert hardware["formatVersion"] == 1
    assert "nvidia-h100-sxm-80gb" in {e["id"] for e in hardware["entries"]}
    assert client.hardware_entry("NVIDIA H100 80GB HBM3")["id"] == "nvidia-h100-sxm-80gb"
    with pytest.raises(ServiceError) as missing:
        client.hardware_entry("nvidia-h1000")
    assert missing.value.status == 404 and missing.value.field == "id"
    assert {"resnet50", "bert_base"} <= {m["name"] for m in client.models()}
    assert client.offers()["formatVersion"] == 1
    health = client.health()
    assert health["status"] == "ok" and health["offers"] == len(client.offers()["offers"])
    assert client.openapi()["openapi"].startswith("3.1")


def test_a_hugging_face_config_becomes_a_model_to_estimate(client):
    config = {"model_type": "bert", "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
              "intermediate_size": 3072, "vocab_size": 30522, "max_position_embeddings": 512,
              "type_vocab_size": 2, "hidden_act": "gelu"}

    model = client.model_from_hf_config(config, 128, name="bert-base-uncased")

    assert model["name"] == "bert-base-uncased"
    assert 100e6 < model["parameters"] < 120e6
    assert model["graph"]["operators"]
    estimate = client.estimate({"model": model, "job": {"phase": "infer", "batchSize": 8},
                                "hardware": "nvidia-l4-24gb"})
    assert estimate["seconds"] > 0


def test_a_client_refuses_a_url_that_is_not_http():
    with pytest.raises(ValueError):
        Client("file:///etc/passwd")
