"""A small client of the runtime-estimator pricing service (``runtime-estimator serve``), standard library only."""

from .client import Client, ServiceError
from .skypilot import SKYPILOT_ACCELERATORS, time_estimator

__all__ = ["Client", "ServiceError", "SKYPILOT_ACCELERATORS", "time_estimator"]
