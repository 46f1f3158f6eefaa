"""The model catalogue: entries, datasets fields, determinism, and the shipped datasets/model-catalog.json."""

import csv
import json
import os

import pytest

from collector.__main__ import main
from collector.graph import graph_totals, validate
from collector.model_catalog import build, dumps

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHIPPED = os.path.join(REPO, "datasets", "model-catalog.json")
ENTRY_KEYS = ["name", "family", "parameters", "flopsPerSample", "inputShape", "leafLayers",
              "activationElementsPerSample", "matmulFlopsPerSample"]


def _csv(path, rows):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["model", "params", "flops_per_sample", "input_shape", "status"])
        writer.writerows(rows)


def test_entries_hold_the_spec_the_graph_and_what_the_datasets_recorded(tmp_path):
    data = tmp_path / "a.csv"
    _csv(data, [["mlp_256_8", "725514", "1446912", "1024", "ok"],
                ["tfenc_256_4", "5719554", "1744832512", "256", "ok"]])
    document = build(["mlp_256_8", "small_cnn_32", "tfenc_256_4"], [str(data)], "test", log=lambda m: None)
    assert document["formatVersion"] == 1 and document["generatedBy"] == "test"
    names = [(e["name"], e["inputShape"]) for e in document["entries"]]
    # sorted by name; a model's default input shape comes first (the Java catalogue's default)
    assert names == [("mlp_256_8", "1024"), ("small_cnn_32", "3x64x64"), ("tfenc_256_4", "128"),
                     ("tfenc_256_4", "256")]
    mlp = document["entries"][0]
    assert list(mlp)[:8] == ENTRY_KEYS and list(mlp)[-1] == "graph"
    assert mlp["parameters"] == 725514 and mlp["flopsPerSample"] == 1446912 and mlp["leafLayers"] == 17
    assert mlp["datasets"] == {"files": ["a.csv"], "parameters": [725514], "flopsPerSample": [1446912],
                               "descriptorsUsable": True}
    assert "datasets" not in document["entries"][1] and "datasets" not in document["entries"][2]
    long = document["entries"][3]
    assert long["graph"]["inputShape"] == "256" and long["datasets"]["flopsPerSample"] == [1744832512]
    for entry in document["entries"]:
        validate(entry["graph"])
        assert graph_totals(entry["graph"])["matmulFlopsPerSample"] == pytest.approx(entry["flopsPerSample"],
                                                                                      rel=0.02)
    text = dumps(document)
    assert json.loads(text) == document
    assert dumps(build(["mlp_256_8", "small_cnn_32", "tfenc_256_4"], [str(data)], "test",
                       log=lambda m: None)) == text  # deterministic


def test_catalog_command_reports_what_it_wrote(tmp_path, capsys):
    out = tmp_path / "catalog.json"
    assert main(["catalog", "--out", str(out), "--models", "mlp_512_2"]) == 0
    assert "catalogued 1 models" in capsys.readouterr().out
    entry = json.loads(out.read_text())["entries"][0]
    assert entry["name"] == "mlp_512_2" and entry["parameters"] == 792586


@pytest.fixture(scope="module")
def shipped():
    with open(SHIPPED) as handle:
        return json.load(handle)


def test_the_shipped_catalogue_keeps_every_described_model_and_its_values(shipped):
    with open(os.path.join(REPO, "datasets", "model-descriptors.json")) as handle:
        described = json.load(handle)["models"]
    entries = {(e["name"], e["inputShape"]): e for e in shipped["entries"]}
    for model in described:
        entry = entries[(model["name"], model["inputShape"])]
        for key in ENTRY_KEYS:
            assert entry[key] == model[key], (model["name"], key)
        assert entry["datasets"]["files"] == model["csvFiles"]
        assert entry["datasets"]["descriptorsUsable"] == model["descriptorsUsable"]


def test_the_shipped_catalogue_covers_torchvision_and_the_code_defined_models(shipped):
    from collector.model_catalog import catalogue_models
    names = {e["name"] for e in shipped["entries"]}
    assert set(catalogue_models()) <= names
    assert shipped["formatVersion"] == 1
    for entry in shipped["entries"]:
        validate(entry["graph"])
        assert set(entry) <= set(ENTRY_KEYS) | {"datasets", "note", "graph"}
        assert entry["matmulFlopsPerSample"] <= entry["flopsPerSample"]
