"""Starts one pricing service for the client's tests (``bin/runtime-estimator serve --port 0`` with the example
offers) and stops it with SIGTERM afterwards; or uses the one RTE_SERVICE_URL names."""

import os
import pathlib
import shutil
import signal
import subprocess
import sys
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "clients" / "python"))

from runtime_estimator_client import Client  # noqa: E402


@pytest.fixture(scope="session")
def service_url():
    url = os.environ.get("RTE_SERVICE_URL")
    if url:
        yield url
        return
    if shutil.which("java") is None:
        pytest.skip("java is not installed: the client's tests need the service (bin/runtime-estimator serve)")
    process = subprocess.Popen([str(ROOT / "bin" / "runtime-estimator"), "serve", "--port", "0", "--offers",
                                str(ROOT / "examples" / "offers.json")], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    found = {}

    def read_address():
        for line in process.stdout:
            if line.startswith("listening on "):
                found["url"] = line[len("listening on "):].strip()
                return

    reader = threading.Thread(target=read_address, daemon=True)
    reader.start()
    reader.join(timeout=600)  # builds the jar first when it is stale
    try:
        if "url" not in found:
            pytest.fail("the service did not say where it listens within 600 s")
        yield found["url"]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def client(service_url):
    return Client(service_url)


@pytest.fixture(scope="session")
def repository_root():
    return ROOT
