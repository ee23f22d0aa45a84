"""Settings for `bench/run.py`: the production settings, plus a folder WhiteNoise serves at the
site root, where the benchmark puts the static file it measures as the ceiling, and (with
BENCH_PROFILE=1, the profiling pass only, or BENCH_CPROFILE=<file>) a stamp around every
middleware (bench/stage_timing.py)."""

import os

from bench.stage_timing import interleave
from dvsite.settings import *  # noqa: F403
from dvsite.settings import BASE_DIR, MIDDLEWARE

WHITENOISE_ROOT = BASE_DIR / "bench" / ".ceiling"
if os.environ.get("BENCH_PROFILE") == "1" or os.environ.get("BENCH_CPROFILE"):
    MIDDLEWARE = interleave(MIDDLEWARE)
