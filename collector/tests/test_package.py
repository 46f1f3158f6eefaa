"""The collector as a package: pyproject, type hints on public functions, precisions, module:function models."""

import csv
import importlib
import inspect
import json
import os
import pkgutil
import shutil
import subprocess
import sys
import zipfile

import pytest
import torch

import collector
from collector import compat
from collector.__main__ import main
from collector.collect import Config, make_workload
from collector.models import get_model, is_factory_spec, parse_shape
from collector.tests import custom_models

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_pyproject_declares_the_package_without_runtime_dependencies():
    # tomllib is in the standard library from Python 3.11; the package itself supports 3.8 (pyproject.toml)
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11's tomllib")
    with open(os.path.join(REPO, "pyproject.toml"), "rb") as handle:
        project = tomllib.load(handle)
    assert project["build-system"]["build-backend"] == "setuptools.build_meta"
    assert project["project"]["dependencies"] == []  # torch comes from the system (Debian) or the extra
    assert "torch>=1.13" in project["project"]["optional-dependencies"]["torch"]
    assert project["tool"]["setuptools"]["packages"] == ["collector"]
    assert project["tool"]["setuptools"]["dynamic"]["version"]["attr"] == "collector.__version__"
    assert project["project"]["scripts"]["runtime-estimator-collector"] == "collector.__main__:main"


@pytest.mark.skipif(shutil.which("pip") is None and importlib.util.find_spec("pip") is None,
                    reason="pip is not installed")
def test_the_package_builds_offline_into_a_wheel_without_its_tests(tmp_path):
    source = tmp_path / "src"  # a copy: an in-tree build would leave build/ and *.egg-info in the checkout
    shutil.copytree(os.path.join(REPO, "collector"), source / "collector",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(os.path.join(REPO, "pyproject.toml"), source)
    os.makedirs(source / "docs")
    shutil.copy(os.path.join(REPO, "docs", "collector.md"), source / "docs")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(source)], capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and "setuptools" in done.stderr and "No module named" in done.stderr:
        pytest.skip("setuptools is not installed")
    assert done.returncode == 0, done.stderr
    wheel = [p for p in os.listdir(tmp_path) if p.endswith(".whl")]
    assert wheel and f"-{collector.__version__}-" in wheel[0]
    names = zipfile.ZipFile(tmp_path / wheel[0]).namelist()
    assert "collector/__main__.py" in names and "collector/graph.py" in names and "collector/gpu_session.sh" in names
    assert not any(n.startswith("collector/tests/") for n in names)


def _public_functions():
    for info in pkgutil.iter_modules(collector.__path__):
        if info.name in ("tests", "__main__"):
            continue
        module = importlib.import_module(f"collector.{info.name}")
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{module.__name__}.{name}", value
    yield "collector.__main__.main", main


def test_every_public_function_has_type_hints():
    missing = []
    for name, function in _public_functions():
        signature = inspect.signature(function)
        if signature.return_annotation is inspect.Signature.empty:
            missing.append(f"{name} -> ?")
        for parameter in signature.parameters.values():
            if parameter.annotation is inspect.Parameter.empty:
                missing.append(f"{name}({parameter.name})")
    assert missing == []


def test_fp32_switches_tf32_off_and_tf32_on():
    compat.set_tf32(True)
    with compat.precision_context("cpu", "fp32"):
        assert compat.tf32_state() == {"cuda_matmul_allow_tf32": False, "cudnn_allow_tf32": False}
    with compat.precision_context("cuda", "tf32"):
        assert compat.tf32_state() == {"cuda_matmul_allow_tf32": True, "cudnn_allow_tf32": True}
    with compat.precision_context("cpu", "bf16"):
        assert compat.tf32_state()["cudnn_allow_tf32"] is False
        assert torch.randn(2, 2) @ torch.randn(2, 2) is not None
    compat.set_tf32(False)


def test_tf32_is_refused_on_cpu_and_listed_for_cuda():
    with pytest.raises(ValueError, match="needs --device cuda"):
        with compat.precision_context("cpu", "tf32"):
            pass
    assert "tf32" not in compat.supported_precisions("cpu")
    assert compat.supported_precisions("cuda") == ["fp32", "tf32", "bf16", "fp16"]


def test_an_fp32_workload_runs_with_tf32_off_even_when_it_was_on():
    entry = get_model("collector.tests.custom_models:tf32_probe")
    module = entry.build()
    compat.set_tf32(True)
    custom_models.SEEN_TF32.clear()
    make_workload(entry, module, Config(entry.name, "infer", 2, 1, "fp32"), "cpu", torch.Generator())()
    assert custom_models.SEEN_TF32 == [(False, False)]
    assert compat.tf32_state()["cuda_matmul_allow_tf32"] is False


def test_collect_refuses_tf32_on_cpu(tmp_path, capsys):
    code = main(["collect", "--out", str(tmp_path / "x.csv"), "--host-json", str(tmp_path / "x.json"),
                 "--models", "mlp_256_8", "--precisions", "tf32", "--threads", "1"])
    assert code == 2
    assert "tf32 cannot run on cpu" in capsys.readouterr().err


def test_factory_specs_are_recognised_and_shapes_parsed():
    assert is_factory_spec("mypkg.models:build") and is_factory_spec("m:f")
    assert not is_factory_spec("resnet18") and not is_factory_spec("a:b:c")
    assert parse_shape("3x224x224") == (3, 224, 224)
    with pytest.raises(ValueError, match="dimensions >= 1"):
        parse_shape("3x0")


def test_describe_a_bare_module_factory_needs_its_input_shape(capsys):
    assert main(["describe", "--model", "collector.tests.custom_models:tiny_mlp"]) == 2
    assert "--input-shape" in capsys.readouterr().err
    assert main(["describe", "--model", "collector.tests.custom_models:tiny_mlp", "--input-shape", "16"]) == 0
    spec = json.loads(capsys.readouterr().out)
    assert spec["name"] == "collector.tests.custom_models:tiny_mlp" and spec["family"] == "custom"
    assert spec["flopsPerSample"] == 2 * 16 * 32 + 2 * 32 * 4
    assert spec["parameters"] == 16 * 32 + 32 + 32 * 4 + 4 and spec["inputShape"] == "16"


def test_describe_a_factory_with_its_own_example_input(capsys):
    assert main(["describe", "--model", "collector.tests.custom_models:token_classifier"]) == 0
    spec = json.loads(capsys.readouterr().out)
    assert spec["inputShape"] == "12" and spec["family"] == "transformer"
    assert spec["flopsPerSample"] == 2 * 8 * 3  # the mean-pooled head; embedding lookups count no FLOPs


def test_a_factory_returning_something_else_is_refused(capsys):
    assert main(["describe", "--model", "collector.tests.custom_models:not_a_module"]) == 2
    assert "must return an nn.Module" in capsys.readouterr().err
    assert main(["describe", "--model", "collector.tests.custom_models:missing"]) == 2
    assert "cannot load model factory" in capsys.readouterr().err


def test_a_token_factory_repeats_its_example_to_any_batch():
    entry = get_model("collector.tests.custom_models:token_classifier")
    batch = entry.make_input(5)
    assert batch.shape == (5, 12) and batch.dtype == torch.int64
    assert torch.equal(batch[4], batch[0])


def test_collect_times_a_factory_model(tmp_path):
    csv_path = tmp_path / "custom.csv"
    done = subprocess.run(
        [sys.executable, "-m", "collector", "collect", "--out", str(csv_path), "--host-json",
         str(tmp_path / "custom.json"), "--models", "collector.tests.custom_models:tiny_mlp",
         "--input-shape", "16", "--phases", "infer,train_step", "--threads", "1", "--batch-sizes", "4",
         "--precisions", "fp32", "--optimizers", "sgd", "--budget-s", "20", "--config-budget-s", "0.02",
         "--repeat-check", "0", "--run-id", "custom", "--quiet"],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with open(csv_path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["model"], r["phase"], r["status"]) for r in rows] == [
        ("collector.tests.custom_models:tiny_mlp", "infer", "ok"),
        ("collector.tests.custom_models:tiny_mlp", "train_step", "ok")]
    assert rows[0]["input_shape"] == "16" and rows[0]["family"] == "custom"
    assert rows[0]["flops_per_sample"] == str(2 * 16 * 32 + 2 * 32 * 4)


def test_compat_guards_the_apis_that_differ_between_pytorch_1_13_and_2(monkeypatch):
    assert compat.framework_string("cpu") == f"pytorch {torch.__version__}"
    assert MemoryError in compat.oom_error_types()
    assert compat.storage_key(torch.empty(3, device="meta")) == 0
    base = torch.randn(4, 4)
    assert compat.storage_key(base.t()) == compat.storage_key(base) != 0  # views share their storage
    assert compat.has_sdpa() == hasattr(torch.nn.functional, "scaled_dot_product_attention")
    assert compat.op_packet_name(torch.ops.aten.addmm.default) == "addmm"
    assert compat.op_schema_arguments(torch.ops.aten.addmm.default)[:3] == ["self", "mat1", "mat2"]
    monkeypatch.setattr(compat, "torch_version", lambda: (1, 13))
    assert compat.supported_precisions("cpu") == ["fp32", "bf16"]
    monkeypatch.setattr(compat, "torch_version", lambda: (2, 4))
    assert compat.supported_precisions("cpu") == ["fp32", "bf16", "fp16"]


def test_torchvision_models_are_listed_with_or_without_list_models(monkeypatch):
    import torchvision.models as tvm
    listed = compat.torchvision_classification_models()
    assert {"resnet50", "vit_b_16", "efficientnet_b0", "swin_t"} <= set(listed)
    monkeypatch.delattr(tvm, "list_models", raising=False)
    scanned = compat.torchvision_classification_models()
    assert {"resnet50", "vit_b_16", "efficientnet_b0", "swin_t"} <= set(scanned)
    assert "get_model" not in scanned and "ResNet" not in scanned
    assert compat.torchvision_default_crop("inception_v3") == 299
    assert compat.torchvision_default_crop("resnet50") == 224
