"""SkyPilot, with the pricing service as its time estimator.

SkyPilot's optimizer assumes a task runs for one hour unless it is given a time estimator; with this one it ranks
each candidate (cloud x accelerators) by its hourly price times the *predicted* time of the job on it.

    bin/runtime-estimator serve --port 8080 &
    python3 clients/python/examples/skypilot_time_estimator.py --url http://127.0.0.1:8080/

With SkyPilot installed (pip install skypilot, and clouds set up with `sky check`) it asks SkyPilot's optimizer
for the cheapest way to run the job; without it, it prints what the estimator tells SkyPilot for each candidate.
"""

import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from runtime_estimator_client import Client, time_estimator  # noqa: E402

# ResNet-50, 90 epochs of ImageNet in bf16: the workload as in a spec file, without hardware
WORKLOAD = {"model": "resnet50", "precision": "bf16",
            "job": {"phase": "train_job", "batchSize": 256, "optimizer": "sgd", "learningRate": 0.1,
                    "datasetSize": 1281167, "epochs": 90}}
CANDIDATES = [{"L4": 8}, {"A100": 8}, {"A100-80GB": 8}, {"H100": 8}]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080/", help="the pricing service")
    args = parser.parse_args()
    estimator = time_estimator(Client(args.url), WORKLOAD)
    try:
        import sky
    except ImportError:
        sky = None
    if sky is None:
        print("SkyPilot is not installed; what the estimator answers SkyPilot's optimizer:")
        for accelerators in CANDIDATES:
            resources = type("Resources", (), {"accelerators": accelerators})()
            print(f"  {accelerators}: {estimator(resources) / 3600:.2f} h")
        return
    task = sky.Task(name="resnet50-imagenet", run="python train.py")
    task.set_resources({sky.Resources(accelerators=a) for a in CANDIDATES})
    task.set_time_estimator(estimator)
    with sky.Dag() as dag:
        dag.add(task)
    sky.optimize(dag, minimize=sky.OptimizeTarget.COST)


if __name__ == "__main__":
    main()
