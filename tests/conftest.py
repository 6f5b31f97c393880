from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Generation speed varies with machine load; examples are data-heavy records, so no deadline.
settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100, derandomize=False
)
settings.load_profile("ci" if os.environ.get("CI") else "default")
