"""FLOP counter against hand counts (multiply-add = 2, forward, per sample) and describe's output."""

import json
import os
import subprocess
import sys

import torch
from torch import nn

from collector.flops import count_flops, describe_module
from collector.models import SelfAttention, describe

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL_SPEC_KEYS = {"name", "family", "parameters", "flopsPerSample", "inputShape", "leafLayers",
                   "activationElementsPerSample", "matmulFlopsPerSample"}


def test_linear_counts_two_flops_per_multiply_add_per_sample():
    counts = count_flops(nn.Linear(100, 50), torch.randn(4, 100))
    assert counts.flops == 2 * 100 * 50
    assert counts.activation_elements == 50
    assert counts.leaf_layers == 1


def test_linear_over_a_sequence_counts_every_position():
    counts = count_flops(nn.Linear(16, 32), torch.randn(2, 7, 16))
    assert counts.flops == 7 * 2 * 16 * 32


def test_conv2d_counts_output_elements_times_kernel_volume():
    conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
    counts = count_flops(conv, torch.randn(2, 3, 32, 32))
    assert counts.flops == 2 * (8 * 16 * 16) * (3 * 3 * 3)


def test_grouped_conv2d_divides_input_channels_by_groups():
    conv = nn.Conv2d(8, 8, 3, padding=1, groups=8)
    counts = count_flops(conv, torch.randn(1, 8, 10, 10))
    assert counts.flops == 2 * (8 * 10 * 10) * (1 * 3 * 3)


def test_elementwise_layers_are_counted_apart_from_flops():
    model = nn.Sequential(nn.Linear(10, 20), nn.BatchNorm1d(20), nn.ReLU())
    counts = count_flops(model, torch.randn(4, 10))
    assert counts.flops == 2 * 10 * 20
    assert counts.elementwise_flops == 2 * 20 + 20
    assert counts.leaf_layers == 3


def test_hand_written_attention_declares_its_two_matmuls():
    attention = SelfAttention(dim=64, heads=4, dropout=0.0)
    counts = count_flops(attention, torch.randn(2, 10, 64))
    projections = 3 * 2 * 10 * 64 * 64
    score_and_context = 2 * (2 * 10 * 10 * 64)
    assert counts.flops == projections + score_and_context


def test_multihead_attention_counts_projections_and_attention_matmuls():
    mha = nn.MultiheadAttention(64, 4, batch_first=True)

    class Block(nn.Module):
        def __init__(self, keywords):
            super().__init__()
            self.mha, self.keywords = mha, keywords

        def forward(self, x):
            if self.keywords:  # hooks see no keyword arguments in torch 1.13: the fallback must hold
                return self.mha(query=x, key=x, value=x, need_weights=False)[0]
            return self.mha(x, x, x, need_weights=False)[0]

    expected = 3 * 2 * 10 * 64 * 64 + 2 * (2 * 10 * 10 * 64) + 2 * 10 * 64 * 64
    assert count_flops(Block(False), torch.randn(2, 10, 64)).flops == expected
    assert count_flops(Block(True), torch.randn(2, 10, 64)).flops == expected


def test_transformer_encoder_layer_is_counted_despite_its_fast_path():
    layer = nn.TransformerEncoderLayer(64, 4, 128, batch_first=True)
    counts = count_flops(layer, torch.randn(2, 10, 64))
    attention = 3 * 2 * 10 * 64 * 64 + 2 * (2 * 10 * 10 * 64) + 2 * 10 * 64 * 64
    feed_forward = 2 * 2 * 10 * 64 * 128
    assert counts.flops == attention + feed_forward


def test_lstm_counts_four_gates_per_step_and_layer():
    lstm = nn.LSTM(16, 32, 2, batch_first=True)
    counts = count_flops(lstm, torch.randn(3, 5, 16))
    per_step = 2 * 4 * 32 * (16 + 32) + 2 * 4 * 32 * (32 + 32)
    assert counts.flops == 5 * per_step


def test_registry_models_match_the_shared_datasets_parameters_and_flops():
    # values from datasets/h100-sxm-pytorch.csv (FlopCounterMode, PyTorch 2.11)
    assert describe("mlp_1024_4")["parameters"] == 4208650
    assert describe("mlp_1024_4")["flopsPerSample"] == 8409088
    assert describe("small_cnn_32")["parameters"] == 94538
    assert describe("small_cnn_32")["flopsPerSample"] == 82577920
    assert describe("lstm_512_2")["parameters"] == 14452496  # flops differ: the shared file misses the LSTM


def test_describe_module_returns_the_model_spec_keys():
    spec = describe_module(nn.Sequential(nn.Linear(8, 4), nn.ReLU()), torch.randn(2, 8), "tiny", "mlp")
    assert set(spec) == MODEL_SPEC_KEYS
    assert spec["parameters"] == 8 * 4 + 4
    assert spec["flopsPerSample"] == 2 * 8 * 4
    assert spec["inputShape"] == "8"
    assert spec["matmulFlopsPerSample"] <= spec["flopsPerSample"]


def test_describe_command_prints_model_spec_json():
    done = subprocess.run([sys.executable, "-m", "collector", "describe", "--model", "mlp_512_2"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    spec = json.loads(done.stdout)
    assert set(spec) == MODEL_SPEC_KEYS
    assert spec["name"] == "mlp_512_2" and spec["family"] == "mlp" and spec["inputShape"] == "1024"
    assert spec["parameters"] == 792586 and spec["flopsPerSample"] == 1583104
