"""Model registry: torchvision models with random weights and small models defined in code.

Names follow the shared datasets: ``mlp_<width>_<depth>`` (1024 inputs, 10 classes),
``small_cnn_<channels>`` (3x64x64, three conv-relu-maxpool stages c, 2c, 4c, 10 classes),
``lstm_<dim>_<layers>`` / ``gru_<dim>_<layers>`` (language model over 128 tokens, vocabulary 10000),
``bert_*`` (BERT encoder + pooler + 2-label classifier on 128 tokens, HF BertForSequenceClassification
shapes), ``gpt2_small`` (GPT-2 LM on 128 tokens here) and ``tfenc_<dim>_<layers>`` (nn.TransformerEncoder
classifier, 128 tokens).
"""

from __future__ import annotations

import dataclasses
import importlib
import math
import re
from typing import Any, Callable, Dict, List, Optional, Tuple

import torch
from torch import nn
import torch.nn.functional as F


@dataclasses.dataclass(frozen=True)
class ModelEntry:
    name: str
    family: str
    input_kind: str          # "image", "features", "tokens"
    sample_shape: tuple      # one sample's input shape
    num_classes: int         # classes (or vocabulary for language models)
    per_token_loss: bool     # language model: one target per token
    build: Callable[[], nn.Module]
    vocab: int = 0
    example: Optional[torch.Tensor] = None  # "custom" inputs: one sample (batch dimension 1) to repeat

    @property
    def input_shape(self) -> str:
        return "x".join(str(d) for d in self.sample_shape)

    def make_input(self, batch: int, generator: Optional[torch.Generator] = None) -> torch.Tensor:
        """A batch of inputs; a custom model's example sample is repeated ``batch`` times."""
        if self.example is not None:
            return self.example[:1].repeat((batch,) + (1,) * (self.example.dim() - 1))
        shape = (batch,) + tuple(self.sample_shape)
        if self.input_kind == "tokens":
            return torch.randint(0, self.vocab, shape, generator=generator)
        return torch.randn(shape, generator=generator)

    def make_target(self, batch: int, generator: Optional[torch.Generator] = None) -> torch.Tensor:
        """Class (or token) targets; a custom model without classes gets an empty placeholder."""
        if self.num_classes <= 0:
            return torch.zeros(batch)
        shape = (batch,) + ((self.sample_shape[0],) if self.per_token_loss else ())
        return torch.randint(0, self.num_classes, shape, generator=generator)

    def loss(self, output: Any, target: torch.Tensor) -> torch.Tensor:
        """Cross-entropy over the classes; for a custom model (no classes known) the mean square of its
        first output tensor, so that a training step backpropagates through the whole model."""
        if self.num_classes <= 0:
            return _first_output(output).float().pow(2).mean()
        return F.cross_entropy(output.reshape(-1, output.shape[-1]).float(), target.reshape(-1))


def _first_output(output: Any) -> torch.Tensor:
    if isinstance(output, torch.Tensor):
        return output
    if isinstance(output, dict):
        output = list(output.values())
    for item in output:
        if isinstance(item, torch.Tensor):
            return item
    raise TypeError(f"model output has no tensor: {type(output).__name__}")


# ---------------------------------------------------------------- small models defined in code

def mlp(width: int, depth: int, inputs: int = 1024, classes: int = 10) -> nn.Module:
    layers: List[nn.Module] = [nn.Linear(inputs, width), nn.ReLU()]
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), nn.ReLU()]
    layers.append(nn.Linear(width, classes))
    return nn.Sequential(*layers)


def small_cnn(channels: int, classes: int = 10) -> nn.Module:
    c = channels
    return nn.Sequential(
        nn.Conv2d(3, c, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(c, 2 * c, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(2 * c, 4 * c, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4 * c, classes))


class RecurrentLM(nn.Module):
    def __init__(self, cell: str, dim: int, layers: int, vocab: int = 10000) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim)
        rnn_type = {"lstm": nn.LSTM, "gru": nn.GRU}[cell]
        self.rnn = rnn_type(dim, dim, layers, batch_first=True)
        self.head = nn.Linear(dim, vocab)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        hidden, _ = self.rnn(self.embedding(tokens))
        return self.head(hidden)


class SelfAttention(nn.Module):
    """Multi-head self-attention with separate q/k/v projections (BERT/GPT-2 shapes).

    Declares its two attention matmuls (``Q @ K^T`` and ``attn @ V``, ``2*L*L*d`` FLOPs each) to the
    FLOP counter through ``extra_matmul_flops``; the projections are ``nn.Linear`` children.
    """

    def __init__(self, dim: int, heads: int, causal: bool = False, dropout: float = 0.1) -> None:
        super().__init__()
        self.heads = heads
        self.causal = causal
        self.query = nn.Linear(dim, dim)
        self.key = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, dim = x.shape
        head_dim = dim // self.heads

        def split(t):
            return t.view(batch, length, self.heads, head_dim).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(head_dim)
        if self.causal:
            mask = torch.ones(length, length, dtype=torch.bool, device=x.device).triu(1)
            scores = scores.masked_fill(mask, float("-inf"))
        probs = self.dropout(torch.softmax(scores, dim=-1))
        context = torch.matmul(probs, v)
        return context.transpose(1, 2).reshape(batch, length, dim)

    def extra_matmul_flops(self, inputs: Tuple[torch.Tensor, ...], output: torch.Tensor) -> int:
        x = inputs[0]
        batch, length, dim = x.shape
        return 2 * (2 * batch * length * length * dim)


class BertLayer(nn.Module):
    def __init__(self, dim: int, heads: int, ffn: int) -> None:
        super().__init__()
        self.attention = SelfAttention(dim, heads)
        self.attention_output = nn.Linear(dim, dim)
        self.attention_norm = nn.LayerNorm(dim, eps=1e-12)
        self.intermediate = nn.Linear(dim, ffn)
        self.activation = nn.GELU()
        self.output = nn.Linear(ffn, dim)
        self.output_norm = nn.LayerNorm(dim, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.attention_norm(x + self.dropout(self.attention_output(self.attention(x))))
        return self.output_norm(x + self.dropout(self.output(self.activation(self.intermediate(x)))))


class BertClassifier(nn.Module):
    """BertForSequenceClassification shapes: embeddings, post-LN encoder, tanh pooler, classifier."""

    def __init__(self, dim: int, layers: int, heads: int, vocab: int = 30522, positions: int = 512,
                 labels: int = 2) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, dim)
        self.position_embeddings = nn.Embedding(positions, dim)
        self.token_type_embeddings = nn.Embedding(2, dim)
        self.embedding_norm = nn.LayerNorm(dim, eps=1e-12)
        self.dropout = nn.Dropout(0.1)
        self.layers = nn.ModuleList([BertLayer(dim, heads, 4 * dim) for _ in range(layers)])
        self.pooler = nn.Linear(dim, dim)
        self.pooler_activation = nn.Tanh()
        self.classifier = nn.Linear(dim, labels)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(tokens.shape[1], device=tokens.device).unsqueeze(0)
        x = self.word_embeddings(tokens) + self.position_embeddings(positions) \
            + self.token_type_embeddings(torch.zeros_like(tokens))
        x = self.dropout(self.embedding_norm(x))
        for layer in self.layers:
            x = layer(x)
        return self.classifier(self.dropout(self.pooler_activation(self.pooler(x[:, 0]))))


class Gpt2Block(nn.Module):
    def __init__(self, dim: int, heads: int) -> None:
        super().__init__()
        self.ln_1 = nn.LayerNorm(dim)
        self.attn = SelfAttention(dim, heads, causal=True)
        self.attn_proj = nn.Linear(dim, dim)
        self.ln_2 = nn.LayerNorm(dim)
        self.fc = nn.Linear(dim, 4 * dim)
        self.act = nn.GELU()
        self.proj = nn.Linear(4 * dim, dim)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.dropout(self.attn_proj(self.attn(self.ln_1(x))))
        return x + self.dropout(self.proj(self.act(self.fc(self.ln_2(x)))))


class Gpt2LM(nn.Module):
    """GPT-2 language model (pre-LN blocks, causal attention, LM head tied to the token embedding).

    512 positions, as in the shared ``gpt2_small`` rows (124046592 parameters)."""

    def __init__(self, dim: int, layers: int, heads: int, vocab: int = 50257, positions: int = 512) -> None:
        super().__init__()
        self.wte = nn.Embedding(vocab, dim)
        self.wpe = nn.Embedding(positions, dim)
        self.dropout = nn.Dropout(0.1)
        self.blocks = nn.ModuleList([Gpt2Block(dim, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)
        self.lm_head.weight = self.wte.weight

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(tokens.shape[1], device=tokens.device).unsqueeze(0)
        x = self.dropout(self.wte(tokens) + self.wpe(positions))
        for block in self.blocks:
            x = block(x)
        return self.lm_head(self.ln_f(x))


class TransformerEncoderClassifier(nn.Module):
    """``nn.TransformerEncoder`` (nn.MultiheadAttention inside) over token embeddings, mean-pooled, 2 labels."""

    def __init__(self, dim: int, layers: int, vocab: int = 10000, labels: int = 2) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim)
        layer = nn.TransformerEncoderLayer(dim, max(1, dim // 64), 4 * dim, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.classifier = nn.Linear(dim, labels)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.encoder(self.embedding(tokens)).mean(dim=1))


# ---------------------------------------------------------------- registry

IMAGE = (3, 224, 224)

TORCHVISION = {
    # name: family
    "resnet18": "cnn", "resnet34": "cnn", "resnet50": "cnn", "resnet152": "cnn",
    "resnext50_32x4d": "cnn", "wide_resnet50_2": "cnn", "regnet_y_1_6gf": "cnn", "vgg16": "cnn",
    "alexnet": "cnn", "vgg11": "cnn", "squeezenet1_0": "cnn", "squeezenet1_1": "cnn",
    "densenet121": "cnn", "regnet_y_400mf": "cnn", "regnet_y_800mf": "cnn",
    "mobilenet_v2": "mobile", "mobilenet_v3_small": "mobile", "mobilenet_v3_large": "mobile",
    "efficientnet_b0": "mobile", "shufflenet_v2_x0_5": "mobile", "shufflenet_v2_x1_0": "mobile",
    "mnasnet0_5": "mobile", "mnasnet1_0": "mobile",
    "convnext_tiny": "convnext", "vit_b_16": "vit", "vit_l_16": "vit",
    # maxvit_t multiplies its attention with torch.einsum, which hooks do not see: counted 1.076e10 FLOPs
    # against FlopCounterMode's 1.112e10 in the H100 file (3.2% under); its layers and activations are seen.
    "maxvit_t": "vit",
}

# torchvision models the hook-based counter cannot count: swin_t computes its q/k/v and output projections
# with F.linear on the module's own weights, so the hooks miss those layers (5.93e9 FLOPs counted against
# FlopCounterMode's 8.98e9, and the projection layers are missing from leafLayers and activations).
# They can be built (``--model``) but ``describe`` refuses them.
UNCOUNTABLE = {
    "swin_t": "its window attention calls F.linear on its own weights, invisible to the forward hooks "
              "(5.93e9 of 8.98e9 FLOPs counted, projection layers missing)",
}
UNCOUNTABLE.update({name: "its window attention calls F.linear on its own weights, invisible to the forward hooks "
                          "(about 2/3 of its FLOPs counted, projection layers missing; `graph` counts them)"
                    for name in ("swin_s", "swin_b", "swin_v2_t", "swin_v2_s", "swin_v2_b")})

BERT_SIZES = {  # name: (dim, layers, heads) -- Google's BERT miniatures and BERT-base
    "bert_tiny": (128, 2, 2), "bert_mini": (256, 4, 4), "bert_small": (512, 4, 8),
    "bert_medium": (512, 8, 8), "bert_base": (768, 12, 12), "bert_large": (1024, 24, 16),
}

SEQ_LEN = 128


def _torchvision_builder(name: str) -> Callable[[], nn.Module]:
    def build() -> nn.Module:
        from .compat import torchvision_builder
        return torchvision_builder(name)(weights=None)
    return build


TORCHVISION_FAMILY_PREFIXES = [  # for torchvision models not listed in TORCHVISION
    ("mobilenet", "mobile"), ("efficientnet", "mobile"), ("shufflenet", "mobile"), ("mnasnet", "mobile"),
    ("convnext", "convnext"), ("vit_", "vit"), ("swin", "vit"), ("maxvit", "vit"),
]


def torchvision_family(name: str) -> str:
    if name in TORCHVISION:
        return TORCHVISION[name]
    for prefix, family in TORCHVISION_FAMILY_PREFIXES:
        if name.startswith(prefix):
            return family
    return "cnn"


def torchvision_image_size(name: str) -> int:
    """The side of the square image a torchvision model runs at by default: the crop size of its DEFAULT
    weights (299 for inception_v3, 600 for efficientnet_b7, ...), except where the model built without
    weights is fixed to another size (vit_h_14's DEFAULT weights run at 518, its builder at 224)."""
    from .compat import torchvision_default_crop
    if name.startswith("vit_"):
        return 224
    return torchvision_default_crop(name) or 224


def _torchvision_names() -> List[str]:
    try:
        from .compat import torchvision_classification_models
        return torchvision_classification_models()
    except Exception:  # noqa: BLE001 - torchvision missing: the code-defined models still work
        return sorted(set(TORCHVISION) | set(UNCOUNTABLE))


def is_factory_spec(name: str) -> bool:
    """``package.module:function`` (a factory of an ``nn.Module``) rather than a registry name."""
    return re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*", name) is not None


def parse_shape(text: str) -> Tuple[int, ...]:
    """``3x224x224`` -> (3, 224, 224); every dimension >= 1."""
    try:
        shape = tuple(int(part) for part in text.lower().split("x"))
    except ValueError:
        shape = ()
    if not shape or any(d < 1 for d in shape):
        raise ValueError(f"input shape must be dimensions >= 1 joined by 'x' (e.g. 3x224x224), was '{text}'")
    return shape


def resolve_factory(spec: str, input_shape: Optional[str] = None) -> Tuple[nn.Module, torch.Tensor]:
    """Calls the factory ``package.module:function`` and returns ``(module, example_input)``.

    The factory takes no argument and returns either ``(module, example_input)``, ``example_input`` being
    one batch (first dimension the batch) of what ``module`` takes (a single tensor: integer tensors are
    token ids, repeated as they are), or a bare ``nn.Module``, whose input is then a float tensor of
    ``input_shape`` per sample (``--input-shape``, required in that case).
    """
    module_name, function_name = spec.split(":", 1)
    try:
        factory = getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError) as exc:
        raise KeyError(f"cannot load model factory '{spec}': {type(exc).__name__}: {exc}") from exc
    result = factory()
    example: Optional[torch.Tensor] = None
    if isinstance(result, tuple):
        if len(result) != 2:
            raise ValueError(f"factory '{spec}' must return a module or (module, example_input), "
                             f"returned a tuple of {len(result)}")
        result, example = result
    if not isinstance(result, nn.Module):
        raise ValueError(f"factory '{spec}' must return an nn.Module, returned {type(result).__name__}")
    if example is not None:
        if not isinstance(example, torch.Tensor) or example.dim() < 1:
            raise ValueError(f"factory '{spec}': the example input must be one tensor with a batch dimension")
        if input_shape and input_shape != "x".join(str(d) for d in example.shape[1:]):
            raise ValueError(f"factory '{spec}' returned an example of shape "
                             f"{'x'.join(str(d) for d in example.shape[1:])}, not --input-shape {input_shape}")
        return result, example[:1]
    if not input_shape:
        raise ValueError(f"factory '{spec}' returned a bare module: give its per-sample input shape with "
                         "--input-shape (e.g. 3x224x224), or return (module, example_input)")
    return result, torch.randn((1,) + parse_shape(input_shape))


def factory_entry(spec: str, input_shape: Optional[str] = None) -> ModelEntry:
    """A registry entry for ``package.module:function``. Family: the module's ``family`` attribute, else
    ``custom``. Training loss: mean square of the output (no classes are known)."""
    module, example = resolve_factory(spec, input_shape)
    integer = not (example.is_floating_point() or example.is_complex())
    family = str(getattr(module, "family", "custom"))
    built = {"module": module}

    def build() -> nn.Module:
        # the first build hands out the module the factory made; later builds call the factory again
        if "module" in built:
            return built.pop("module")
        return resolve_factory(spec, input_shape)[0]
    return ModelEntry(spec, family, "tokens" if integer else "custom", tuple(example.shape[1:]), 0, False, build,
                      example=example)


def get_model(name: str, input_shape: Optional[str] = None) -> ModelEntry:
    """Looks a model up by name; parametric names (``mlp_512_2``) are parsed, and ``package.module:function``
    calls a factory (see ``resolve_factory``; ``input_shape`` is its ``--input-shape``)."""
    if is_factory_spec(name):
        return factory_entry(name, input_shape)
    if name in BERT_SIZES:
        dim, layers, heads = BERT_SIZES[name]
        return ModelEntry(name, "transformer", "tokens", (SEQ_LEN,), 2, False,
                          lambda: BertClassifier(dim, layers, heads), vocab=30522)
    if name == "gpt2_small":
        return ModelEntry(name, "transformer", "tokens", (SEQ_LEN,), 50257, True,
                          lambda: Gpt2LM(768, 12, 12), vocab=50257)
    match = re.fullmatch(r"mlp_(\d+)_(\d+)", name)
    if match:
        width, depth = int(match.group(1)), int(match.group(2))
        return ModelEntry(name, "mlp", "features", (1024,), 10, False, lambda: mlp(width, depth))
    match = re.fullmatch(r"small_cnn_(\d+)", name)
    if match:
        channels = int(match.group(1))
        return ModelEntry(name, "cnn", "image", (3, 64, 64), 10, False, lambda: small_cnn(channels))
    match = re.fullmatch(r"(lstm|gru)_(\d+)_(\d+)", name)
    if match:
        cell, dim, layers = match.group(1), int(match.group(2)), int(match.group(3))
        return ModelEntry(name, "rnn", "tokens", (SEQ_LEN,), 10000, True,
                          lambda: RecurrentLM(cell, dim, layers), vocab=10000)
    match = re.fullmatch(r"tfenc_(\d+)_(\d+)", name)
    if match:
        dim, layers = int(match.group(1)), int(match.group(2))
        return ModelEntry(name, "transformer", "tokens", (SEQ_LEN,), 2, False,
                          lambda: TransformerEncoderClassifier(dim, layers), vocab=10000)
    if name in TORCHVISION or name in UNCOUNTABLE or name in _torchvision_names():
        side = torchvision_image_size(name)
        return ModelEntry(name, torchvision_family(name), "image", (3, side, side), 1000, False,
                          _torchvision_builder(name))
    raise KeyError(f"unknown model '{name}'; known: {', '.join(known_models())}, "
                   "or mlp_<width>_<depth>, small_cnn_<c>, lstm_<dim>_<layers>, gru_<dim>_<layers>, "
                   "tfenc_<dim>_<layers>, or package.module:function (a factory of an nn.Module)")


DEFAULT_MODELS = [
    "mlp_256_8", "mlp_512_2", "mlp_1024_4", "mlp_2048_4", "small_cnn_32", "small_cnn_128",
    "lstm_256_1", "lstm_512_2", "gru_512_2", "tfenc_256_4", "bert_tiny", "bert_mini", "bert_small",
    "bert_base", "gpt2_small",
    "shufflenet_v2_x0_5", "mobilenet_v3_small", "squeezenet1_1", "mobilenet_v2", "mnasnet0_5",
    "efficientnet_b0", "regnet_y_400mf", "alexnet", "resnet18", "resnet34", "resnet50",
    "densenet121", "squeezenet1_0", "convnext_tiny", "vgg11", "vit_b_16",
]


def known_models() -> List[str]:
    return sorted(set(DEFAULT_MODELS) | set(TORCHVISION) | set(BERT_SIZES) | {"gpt2_small"})


def code_defined_models() -> List[str]:
    """The models defined in this file that the catalogue lists: every size the datasets name, plus a few
    more of each family."""
    mlps = [f"mlp_{w}_{d}" for w, d in [(256, 8), (512, 2), (1024, 4), (2048, 4), (4096, 4), (8192, 2)]]
    cnns = [f"small_cnn_{c}" for c in (16, 32, 64, 128)]
    rnns = ["lstm_256_1", "lstm_512_2", "lstm_1024_2", "gru_256_1", "gru_512_2"]
    return sorted(mlps + cnns + rnns + ["tfenc_256_4", "tfenc_512_6"] + list(BERT_SIZES) + ["gpt2_small"])


def describe(name: str, input_shape: Optional[str] = None) -> Dict[str, Any]:
    """ModelSpec JSON object for a registered model or a ``package.module:function`` factory.

    ``input_shape`` (``"256"``) describes a token model at another sequence length than its default
    (the H100 file runs ``gpt2_small`` on 256 tokens); other registry models refuse a shape they were not
    built for; for a factory it is the per-sample input shape of a bare module.
    Raises ``KeyError`` for an unknown model and ``ValueError`` for one the FLOP counter cannot count.
    """
    from .flops import describe_module
    if name in UNCOUNTABLE:
        raise ValueError(f"cannot describe '{name}': {UNCOUNTABLE[name]}")
    entry = entry_at_shape(name, input_shape)
    torch.manual_seed(0)
    module = entry.build()
    return describe_module(module, entry.make_input(1), entry.name, entry.family, entry.input_shape)


def entry_at_shape(name: str, input_shape: Optional[str] = None) -> ModelEntry:
    """The registry entry, moved to another sequence length for a token model when ``input_shape`` asks."""
    if is_factory_spec(name):
        return get_model(name, input_shape)
    entry = get_model(name)
    if input_shape and input_shape != entry.input_shape:
        if entry.input_kind != "tokens" or not re.fullmatch(r"\d+", input_shape):
            raise ValueError(f"cannot describe '{name}' at input shape {input_shape}: "
                             f"built for {entry.input_shape}")
        entry = dataclasses.replace(entry, sample_shape=(int(input_shape),))
    return entry
