"""The service's HTTP API as Python calls. Specs, estimates and plans are plain dicts with the JSON shapes of
the runtime-estimator CLI (spec files, ``predict``, ``plan --format json``); see the server's ``/openapi.json``."""

import json
import urllib.error
import urllib.parse
import urllib.request


class ServiceError(Exception):
    """A refusal of the service: the HTTP status, the field at fault (a JSON path such as ``$.job.batchSize``),
    the rule it broke, and the one-line message the service gave."""

    def __init__(self, status, message, field=None, rule=None):
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message
        self.field = field
        self.rule = rule


class Client:
    """Calls one server: ``Client("http://127.0.0.1:8080/")``. Thread-safe: it holds no connection."""

    def __init__(self, base_url="http://127.0.0.1:8080/", timeout_seconds=60.0):
        if not base_url.endswith("/"):
            base_url += "/"
        scheme = urllib.parse.urlsplit(base_url).scheme
        if scheme not in ("http", "https"):
            raise ValueError(f"base_url {base_url!r}: must be an http or https URL")
        self.base_url = base_url
        self.timeout_seconds = timeout_seconds

    # --- estimates and plans -------------------------------------------------------------------------------

    def estimate(self, spec):
        """The estimate of one workload spec (a dict, as in a spec file): seconds, lowerSeconds, upperSeconds..."""
        return self._request("POST", "v1/estimate", spec)

    def estimate_many(self, specs):
        """The estimates of up to 1000 specs, in their order."""
        return self._request("POST", "v1/estimate", list(specs))

    def plan(self, spec, deadline=None, deadline_seconds=None, budget=None, rank_by=None, offers=None):
        """Ranks offers for the workload (its hardware is left to each offer) against a deadline (``"2h"``, or
        ``deadline_seconds``) and/or a budget; ``offers`` (a list of offer dicts) replaces the server's."""
        body = {"spec": spec}
        for key, value in (("deadline", deadline), ("deadlineSeconds", deadline_seconds), ("budget", budget),
                           ("rankBy", rank_by), ("offers", offers)):
            if value is not None:
                body[key] = value
        return self._request("POST", "v1/plan", body)

    def model_from_hf_config(self, config, sequence_length, name=None):
        """The model spec (with its operator graph) of a Hugging Face config.json dict at a sequence length."""
        body = {"config": config, "sequenceLength": sequence_length}
        if name is not None:
            body["name"] = name
        return self._request("POST", "v1/models/hf-config", body)

    # --- what the server knows -----------------------------------------------------------------------------

    def hardware(self):
        """The hardware catalogue document: ``{"formatVersion": 1, "entries": [...]}``."""
        return self._request("GET", "v1/hardware")

    def hardware_entry(self, hardware_id):
        """One entry, by catalogue id or driver-reported name (``"NVIDIA H100 80GB HBM3"``)."""
        return self._request("GET", "v1/hardware/" + urllib.parse.quote(hardware_id, safe=""))

    def models(self):
        """The model catalogue: a list of model specs (graphs left out)."""
        return self._request("GET", "v1/models")

    def offers(self):
        """The server's offers, as an offers file: ``{"formatVersion": 1, "offers": [...]}``."""
        return self._request("GET", "v1/offers")

    def health(self):
        return self._request("GET", "healthz")

    def openapi(self):
        return self._request("GET", "openapi.json")

    # --- HTTP ----------------------------------------------------------------------------------------------

    def _request(self, method, path, body=None):
        data = None
        headers = {"Accept": "application/json"}
        if body is not None:
            data = json.dumps(body, allow_nan=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            raise _refusal(e) from None


def _refusal(error):
    """The service's JSON error as a ServiceError; a body that is not one keeps the HTTP reason."""
    text = error.read().decode("utf-8", errors="replace")
    try:
        body = json.loads(text)
    except ValueError:
        return ServiceError(error.code, text[:200] or str(error.reason))
    if not isinstance(body, dict):
        return ServiceError(error.code, text[:200])
    return ServiceError(body.get("status", error.code), body.get("message", text[:200]), body.get("field"),
                        body.get("rule"))
