"""The prepared GPU session script: syntax, usage, and (COLLECTOR_SLOW_TESTS=1) a CPU dry run end to end."""

import os
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(REPO, "collector", "gpu_session.sh")


def test_the_script_parses_and_explains_itself():
    assert subprocess.run(["bash", "-n", SCRIPT]).returncode == 0
    done = subprocess.run(["bash", SCRIPT, "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--dry-run" in done.stdout and "$OUT" in done.stdout
    assert subprocess.run(["bash", SCRIPT, "--bogus"], capture_output=True).returncode == 2


def test_the_self_check_stops_the_session_when_torch_is_missing(tmp_path):
    done = subprocess.run(["bash", SCRIPT, "--device", "cpu", "--dry-run", "--out", str(tmp_path)],
                          capture_output=True, text=True, env=dict(os.environ, PYTHON=sys.executable + "-missing"),
                          timeout=60)
    assert done.returncode == 3 and "self-check failed" in done.stderr
    assert not any(name.startswith("kernels-") for name in os.listdir(tmp_path))


@pytest.mark.skipif(os.environ.get("COLLECTOR_SLOW_TESTS") != "1",
                    reason="a whole dry run takes about a minute; set COLLECTOR_SLOW_TESTS=1")
def test_a_cpu_dry_run_writes_every_file(tmp_path):
    done = subprocess.run(["bash", SCRIPT, "--device", "cpu", "--dry-run", "--out", str(tmp_path)],
                          capture_output=True, text=True, env=dict(os.environ, PYTHON=sys.executable),
                          timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    names = os.listdir(tmp_path)
    for prefix in ("kernels-cpu-", "collect-cpu-", "selfcheck-kernels.csv", "session.log", "versions.txt"):
        assert any(name.startswith(prefix) for name in names), prefix
