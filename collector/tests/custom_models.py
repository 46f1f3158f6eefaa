"""Model factories used by the tests as ``collector.tests.custom_models:NAME`` (the ``module:function`` form)."""

from typing import List, Tuple

import torch
from torch import nn

SEEN_TF32: List[Tuple[bool, bool]] = []


def tiny_mlp() -> nn.Module:
    """A bare module: its input shape comes from ``--input-shape 16``."""
    return nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 4))


def token_classifier() -> Tuple[nn.Module, torch.Tensor]:
    """A module with its own example input (token ids, batch of 2, 12 tokens)."""

    class Classifier(nn.Module):
        family = "transformer"

        def __init__(self) -> None:
            super().__init__()
            self.embedding = nn.Embedding(50, 8)
            self.head = nn.Linear(8, 3)

        def forward(self, tokens: torch.Tensor) -> torch.Tensor:
            return self.head(self.embedding(tokens).mean(dim=1))

    return Classifier(), torch.randint(0, 50, (2, 12))


class Tf32Probe(nn.Module):
    """Records the TF32 switches as they stand inside each forward call."""

    def __init__(self) -> None:
        super().__init__()
        self.linear = nn.Linear(4, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        SEEN_TF32.append((bool(torch.backends.cuda.matmul.allow_tf32), bool(torch.backends.cudnn.allow_tf32)))
        return self.linear(x)


def tf32_probe() -> Tuple[nn.Module, torch.Tensor]:
    return Tf32Probe(), torch.randn(1, 4)


def not_a_module() -> int:
    return 3
