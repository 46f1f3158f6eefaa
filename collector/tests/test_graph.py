"""Operator graph trace: hand-checked graphs, the document rules, and agreement with describe."""

import copy
import json

import pytest
import torch
from torch import nn

from collector import compat
from collector.__main__ import main
from collector.graph import (GraphValidationError, _Call, dumps, graph_totals, map_call, merge, trace,
                             trace_model, validate)
from collector.models import Gpt2Block, describe


def _operators(document, skip=("memory", "other")):
    return [{k: v for k, v in op.items() if k != "name"} for op in document["operators"] if op["kind"] not in skip]


def test_mlp_graph_by_hand():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 4))
    document = trace(model, torch.randn(3, 8), model="tiny_mlp")
    assert document["formatVersion"] == 1 and document["model"] == "tiny_mlp" and document["inputShape"] == "8"
    assert document["source"].startswith(f"trace torch {torch.__version__}")
    assert document["operators"] == [
        {"kind": "matmul", "variant": "linear", "name": "0", "b": 1, "m": 1, "n": 16, "k": 8, "bias": True},
        {"kind": "elementwise", "variant": "relu", "name": "1", "elements": 16, "inputs": 1},
        {"kind": "matmul", "variant": "linear", "name": "2", "b": 1, "m": 1, "n": 4, "k": 16, "bias": True},
    ]
    assert graph_totals(document) == {"matmulFlopsPerSample": 2 * 8 * 16 + 2 * 16 * 4,
                                      "flopsPerSample": 2 * 8 * 16 + 2 * 16 * 4 + 16}


def test_cnn_graph_with_batch_norm_depthwise_and_grouped_convolutions_by_hand():
    model = nn.Sequential(
        nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
        nn.Conv2d(8, 8, 3, padding=1, groups=8, bias=False),  # depthwise
        nn.Conv2d(8, 16, 1, groups=2),  # grouped pointwise
        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16 * 4 * 4, 10))
    document = trace(model, torch.randn(2, 3, 16, 16))
    conv = {"kind": "conv2d", "variant": "conv", "n": 1, "strideH": 1, "strideW": 1, "padH": 0, "padW": 0,
            "dilationH": 1, "dilationW": 1}
    assert _operators(document) == [
        dict(conv, inChannels=3, outChannels=8, height=16, width=16, kernelH=3, kernelW=3, strideH=2, strideW=2,
             padH=1, padW=1, groups=1, bias=True),
        {"kind": "normalization", "variant": "batch", "rows": 64, "cols": 8},
        {"kind": "elementwise", "variant": "relu", "elements": 512, "inputs": 1},
        dict(conv, inChannels=8, outChannels=8, height=8, width=8, kernelH=3, kernelW=3, padH=1, padW=1, groups=8,
             bias=False),
        dict(conv, inChannels=8, outChannels=16, height=8, width=8, kernelH=1, kernelW=1, groups=2, bias=True),
        {"kind": "pooling", "variant": "max", "outputElements": 256, "window": 4},
        {"kind": "matmul", "variant": "linear", "b": 1, "m": 1, "n": 10, "k": 256, "bias": True},
    ]
    matmul = 2 * 8 * 64 * 3 * 9 + 2 * 8 * 64 * 1 * 9 + 2 * 16 * 64 * 4 + 2 * 256 * 10
    assert graph_totals(document) == {"matmulFlopsPerSample": matmul,
                                      "flopsPerSample": matmul + 64 * 8 * 5 + 512 + 256 * 4}


def test_transformer_block_graph_by_hand():
    torch.manual_seed(0)
    block = Gpt2Block(16, 2)  # pre-LN GPT-2 block: 16 wide, 2 heads of 8, causal mask, GELU MLP of 64
    document = trace(block, torch.randn(2, 5, 16))
    linear = {"kind": "matmul", "variant": "linear", "b": 1, "m": 5, "bias": True}
    assert document["operators"] == [
        {"kind": "normalization", "variant": "layer", "name": "ln_*", "repeat": 2, "rows": 5, "cols": 16},
        dict(linear, name="attn.query", n=16, k=16),
        dict(linear, name="attn.key", n=16, k=16),
        dict(linear, name="attn.value", n=16, k=16),
        {"kind": "memory", "variant": "contiguous", "name": "attn", "repeat": 4, "elements": 80},
        # Q @ K^T, softmax, P @ V as separate kernels: one unfused attention over 2 heads of 8
        {"kind": "attention", "name": "attn", "batch": 1, "heads": 2, "kvHeads": 2, "queryLength": 5,
         "keyLength": 5, "headDim": 8, "causal": False, "fused": False},
        {"kind": "elementwise", "variant": "div", "name": "attn", "elements": 50, "inputs": 1},
        # the causal mask is built from weights-free constants (does not grow with the batch), then applied
        {"kind": "other", "variant": "fill", "name": "attn", "flops": 0, "bytes": 25, "precisionBytes": 4,
         "batchDim": "none"},
        {"kind": "memory", "variant": "copy", "name": "attn", "elements": 25, "batchDim": "none"},
        {"kind": "elementwise", "variant": "mask", "name": "attn", "elements": 50, "inputs": 1},
        dict(linear, name="attn_proj", n=16, k=16),
        {"kind": "elementwise", "variant": "add", "repeat": 2, "elements": 80, "inputs": 2},  # residuals
        dict(linear, name="fc", n=64, k=16),
        {"kind": "elementwise", "variant": "gelu", "name": "act", "elements": 320, "inputs": 1},
        dict(linear, name="proj", n=16, k=64),
    ]
    # matmuls: 4 projections (q, k, v, out) + fc + proj + the attention's two products
    matmul = 4 * 2 * 5 * 16 * 16 + 2 * (2 * 5 * 16 * 64) + 4 * 2 * 5 * 5 * 8
    assert graph_totals(document)["matmulFlopsPerSample"] == matmul
    assert describe_flops(block, torch.randn(2, 5, 16)) == matmul
    others = 2 * 5 * 16 * 5 + 50 + 50 + 2 * 80 + 320 * 8  # norms, div, mask, adds, gelu
    assert graph_totals(document)["flopsPerSample"] == matmul + others


def describe_flops(module, example):
    from collector.flops import count_flops
    return count_flops(module, example).flops


def test_lstm_is_one_recurrent_operator_whatever_aten_runs_inside():
    class LM(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(20, 8)
            self.rnn = nn.LSTM(8, 16, 2, batch_first=True)
            self.head = nn.Linear(16, 20)

        def forward(self, tokens):
            return self.head(self.rnn(self.embedding(tokens))[0])

    document = trace(LM(), torch.randint(0, 20, (2, 6)))
    ops = _operators(document, skip=("memory",))
    assert ops[0] == {"kind": "embedding", "variant": "embedding", "lookups": 6, "dim": 8, "vocab": 20}
    assert ops[1] == {"kind": "recurrent", "variant": "lstm", "sequenceLength": 6, "inputSize": 8, "hiddenSize": 16,
                      "layers": 2, "bidirectional": False, "cell": "lstm"}
    assert {"kind": "matmul", "b": 1, "m": 6, "n": 20, "k": 16} == {
        k: v for k, v in ops[2].items() if k in ("kind", "b", "m", "n", "k")}
    recurrent = 6 * (2 * 4 * 16 * (8 + 16) + 2 * 4 * 16 * (16 + 16))
    totals = graph_totals(document)
    assert totals["matmulFlopsPerSample"] == recurrent + 2 * 6 * 20 * 16
    gates = 2 * 6 * (3 * 4 + 2 * 4 + 3) * 16  # 3 sigmoid, 2 tanh, 3 mul/add per step, layer and hidden unit
    assert totals["flopsPerSample"] - totals["matmulFlopsPerSample"] == gates + sum(
        op["elements"] for op in ops if op["kind"] == "elementwise")


def test_bidirectional_gru_counts_both_directions():
    document = trace(nn.GRU(4, 8, 2, batch_first=True, bidirectional=True), torch.randn(2, 3, 4))
    op = document["operators"][0]
    assert op["kind"] == "recurrent" and op["cell"] == "gru" and op["bidirectional"] is True
    per_step = 2 * (2 * 3 * 8 * (4 + 8)) + 2 * (2 * 3 * 8 * (16 + 8))
    assert graph_totals(document)["matmulFlopsPerSample"] == 3 * per_step


def test_repeated_blocks_merge_with_a_star_and_weights_only_operators_do_not_scale():
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([nn.Linear(8, 8) for _ in range(3)])
            self.scale = nn.Parameter(torch.ones(8, 8))

        def forward(self, x):
            for layer in self.layers:
                x = layer(x)
            return x @ (self.scale * 2)  # the product of weights alone does not grow with the batch

    document = trace(Net(), torch.randn(2, 8))
    ops = document["operators"]
    assert ops[0] == {"kind": "matmul", "variant": "linear", "name": "layers.*", "repeat": 3, "b": 1, "m": 1,
                      "n": 8, "k": 8, "bias": True}
    assert ops[1] == {"kind": "elementwise", "variant": "mul", "elements": 64, "inputs": 1, "batchDim": "none"}
    assert ops[2] == {"kind": "matmul", "variant": "matmul", "b": 1, "m": 1, "n": 8, "k": 8, "bias": False,
                      "batchDim": "m"}
    validate(document)


def test_registry_models_agree_with_describe():
    for name in ["mlp_256_8", "small_cnn_32", "lstm_256_1", "gru_512_2", "tfenc_256_4", "bert_tiny"]:
        matmul = graph_totals(trace_model(name))["matmulFlopsPerSample"]
        assert matmul == pytest.approx(describe(name)["flopsPerSample"], rel=0.02), name


class _FakeOp:
    """An aten operator as the mapper sees it (name and schema), to map PyTorch 2.x operators on 1.13."""

    class _Argument:
        def __init__(self, name):
            self.name = name

    class _Schema:
        def __init__(self, names):
            self.arguments = [_FakeOp._Argument(n) for n in names]

    class _Packet:
        def __init__(self, name):
            self.__name__ = name

    def __init__(self, name, arguments):
        self.overloadpacket = self._Packet(name)
        self._schema = self._Schema(arguments)


def test_pytorch2_fused_attention_maps_to_one_fused_attention():
    func = _FakeOp("_scaled_dot_product_flash_attention",
                   ["query", "key", "value", "dropout_p", "is_causal", "return_debug_mask", "scale"])
    q, kv = torch.empty(2, 8, 16, 64, device="meta"), torch.empty(2, 2, 16, 64, device="meta")
    call = _Call(func, (q, kv, kv, 0.0, True), {}, (torch.empty(2, 8, 16, 64, device="meta"),), lambda t: False)
    assert map_call(call) == [{"kind": "attention", "variant": "sdpa", "batch": 2, "heads": 8, "kvHeads": 2,
                               "queryLength": 16, "keyLength": 16, "headDim": 64, "causal": True, "fused": True}]


@pytest.mark.skipif(not compat.has_sdpa(), reason="F.scaled_dot_product_attention needs PyTorch 2.x")
def test_sdpa_traces_as_attention_on_pytorch2():
    class Attention(nn.Module):
        def forward(self, x):
            q = x.view(x.shape[0], 4, 16, 8)
            return torch.nn.functional.scaled_dot_product_attention(q, q, q, is_causal=True)

    document = trace(Attention(), torch.randn(2, 4 * 16 * 8), device="cpu")
    attention = [op for op in document["operators"] if op["kind"] == "attention"]
    assert len(attention) == 1 and attention[0]["heads"] == 4 and attention[0]["queryLength"] == 16


def test_validation_refuses_what_the_format_forbids():
    good = {"formatVersion": 1, "operators": [{"kind": "matmul", "variant": "linear", "b": 1, "m": 2, "n": 3,
                                               "k": 4}]}
    validate(good)
    cases = [
        ({"formatVersion": 2}, "formatVersion must be 1"),
        ({"operators": []}, "non-empty"),
        ({"extra": 1}, "unknown document keys"),
        ({"operators": [{"kind": "matmul", "b": 1, "m": 2, "n": 3, "k": 4, "flops": 1}]}, "unknown keys"),
        ({"operators": [{"kind": "matmul", "b": 1, "m": 0, "n": 3, "k": 4}]}, "m must be a whole number >= 1"),
        ({"operators": [{"kind": "matmul", "b": 1, "m": 2.5, "n": 3, "k": 4}]}, "m must be a whole number"),
        ({"operators": [{"kind": "matmul", "b": 1, "m": 2, "n": 3}]}, "missing"),
        ({"operators": [{"kind": "matmul", "variant": "gemm", "b": 1, "m": 2, "n": 3, "k": 4}]}, "variant"),
        ({"operators": [{"kind": "softmax", "rows": 1, "cols": 2, "batchDim": "m"}]}, "batchDim"),
        ({"operators": [{"kind": "conv2d", "n": 1, "inChannels": 6, "outChannels": 8, "height": 4, "width": 4,
                         "kernelH": 3, "kernelW": 3, "groups": 4}]}, "groups 4 must divide"),
        ({"operators": [{"kind": "attention", "batch": 1, "heads": 8, "kvHeads": 3, "queryLength": 4,
                         "keyLength": 4, "headDim": 2, "causal": True, "fused": True}]}, "kvHeads"),
        ({"operators": [{"kind": "reduction", "inputElements": 2, "outputElements": 3}]}, "must not exceed"),
        ({"operators": [{"kind": "elementwise", "elements": 4, "inputs": 3}]}, "inputs must be 1 or 2"),
        ({"operators": [{"kind": "matmul", "b": 1, "m": 2, "n": 3, "k": 4, "repeat": 0}]}, "repeat"),
        ({"operators": [{"kind": "attention", "batch": 1, "heads": 8, "queryLength": 4, "keyLength": 4,
                         "headDim": 2, "causal": "yes", "fused": True}]}, "true or false"),
        ({"operators": [{"kind": "tensor"}]}, "kind must be one of"),
    ]
    for change, message in cases:
        document = dict(good, **change)
        with pytest.raises(GraphValidationError, match=message):
            validate(document)


def test_merge_keeps_a_single_path_and_stars_repeated_indices():
    ops = [{"kind": "memory", "variant": "copy", "name": "blocks.0.a", "elements": 4},
           {"kind": "memory", "variant": "copy", "name": "blocks.1.a", "elements": 4},
           {"kind": "memory", "variant": "copy", "name": "stem", "elements": 4},
           {"kind": "memory", "variant": "copy", "name": "stem", "elements": 4},
           {"kind": "memory", "variant": "copy", "name": "blocks.2.a", "elements": 8}]
    assert merge(ops) == [
        {"kind": "memory", "variant": "copy", "name": "blocks.*.a", "repeat": 2, "elements": 4},
        {"kind": "memory", "variant": "copy", "name": "stem", "repeat": 2, "elements": 4},
        {"kind": "memory", "variant": "copy", "name": "blocks.2.a", "elements": 8}]


def test_graph_command_writes_a_valid_document(tmp_path, capsys):
    out = tmp_path / "g.json"
    assert main(["graph", "--model", "small_cnn_32", "--out", str(out)]) == 0
    document = json.loads(out.read_text())
    validate(document)
    assert document["model"] == "small_cnn_32" and document["inputShape"] == "3x64x64"
    assert "matmulFlopsPerSample 82577920" in capsys.readouterr().out
    assert out.read_text() == dumps(document)


def test_graph_command_traces_a_factory(capsys):
    assert main(["graph", "--model", "collector.tests.custom_models:tiny_mlp", "--input-shape", "16"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [op["kind"] for op in document["operators"]] == ["matmul", "elementwise", "matmul"]


def test_a_model_that_cannot_run_on_meta_is_traced_on_the_cpu():
    class DataDependent(nn.Module):
        def forward(self, x):
            return x[x > 0].sum() + x.mean() * torch.tensor(float(x.sum() > -1e9))

    document = trace(DataDependent(), torch.randn(2, 4))
    assert "meta" not in document["source"]
