"""Hypothesis profiles for the hostile-input properties.

`dev` (the default here) explores freshly on every run; `ci` is derandomised, so a pull request
fails or passes for the same examples every time, and keeps no example database on the runner.
`ci` is chosen where the CI variable is set (GitHub Actions sets it), or with
`HYPOTHESIS_PROFILE=ci`. The example count is set on each test (`EXAMPLES`).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
