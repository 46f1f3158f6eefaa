"""``describe --all-in``: the model catalogue of every model named in measurement CSVs."""

import csv
import json

from collector.__main__ import main

HEADER = ["run_id", "model", "family", "params", "flops_per_sample", "input_shape", "phase", "status"]


def _write_csv(path, rows):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def test_describe_all_in_writes_a_catalogue_with_csv_figures_mismatches_and_skips(tmp_path, capsys):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    _write_csv(first, [
        ["r", "mlp_256_8", "mlp", "725514", "1446912", "1024", "infer", "ok"],
        ["r", "mlp_256_8", "mlp", "725514", "1446912", "1024", "train_step", "ok"],
        # 2% more parameters than the collector's small_cnn_32: descriptors must not be used
        ["r", "small_cnn_32", "cnn", "96429", "82577920", "3x64x64", "infer", "ok"],
        ["r", "swin_t", "vit", "28288354", "8981133312", "3x224x224", "infer", "ok"],
        ["r", "no_such_model", "cnn", "10", "10", "1", "infer", "ok"],
    ])
    _write_csv(second, [
        ["r", "mlp_256_8", "mlp", "725514", "1400000", "1024", "infer", "ok"],
        ["r", "tfenc_256_4", "transformer", "5719554", "872416256", "128", "infer", "ok"],
        ["r", "tfenc_256_4", "transformer", "5719554", "1744832512", "256", "infer", "ok"],
    ])
    out = tmp_path / "catalogue.json"

    code = main(["describe", "--all-in", str(first), str(second), "--out", str(out)])

    assert code == 0
    document = json.loads(out.read_text())
    assert document["formatVersion"] == 1
    assert document["generatedBy"] == "python3 -m collector describe --all-in a.csv b.csv"
    models = {(m["name"], m["inputShape"]): m for m in document["models"]}
    assert set(models) == {("mlp_256_8", "1024"), ("small_cnn_32", "3x64x64"), ("tfenc_256_4", "128"),
                           ("tfenc_256_4", "256")}
    mlp = models[("mlp_256_8", "1024")]
    assert mlp["parameters"] == 725514 and mlp["csvParameters"] == [725514]
    assert mlp["csvFlopsPerSample"] == [1400000.0, 1446912.0]
    assert mlp["csvFiles"] == ["a.csv", "b.csv"]
    assert mlp["leafLayers"] == 17 and mlp["descriptorsUsable"] is True
    cnn = models[("small_cnn_32", "3x64x64")]
    assert cnn["descriptorsUsable"] is False and "2.0% apart" in cnn["mismatch"]
    # a token model is described at each sequence length the data used: every per-token activation
    # doubles at 256 tokens; only the classifier's 2 logits (after mean pooling) do not
    short, long = models[("tfenc_256_4", "128")], models[("tfenc_256_4", "256")]
    assert long["leafLayers"] == short["leafLayers"]
    assert long["activationElementsPerSample"] == 2 * (short["activationElementsPerSample"] - 2) + 2
    assert long["flopsPerSample"] > 2 * short["flopsPerSample"]  # attention grows with the square
    skipped = {m["name"]: m["reason"] for m in document["skipped"]}
    assert set(skipped) == {"swin_t", "no_such_model"}
    assert "F.linear" in skipped["swin_t"] and "unknown model" in skipped["no_such_model"]
    printed = capsys.readouterr()
    assert "described 4 models (3 with usable descriptors, 2 skipped)" in printed.out
    assert "parameter mismatch: small_cnn_32" in printed.err


def test_describe_all_in_without_out_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "a.csv"
    _write_csv(path, [])
    assert main(["describe", "--all-in", str(path)]) == 2
    assert "--out" in capsys.readouterr().err
