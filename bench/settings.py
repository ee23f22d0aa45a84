"""Settings for `bench/run.py`: the production settings, plus a folder WhiteNoise serves at the
site root, where the benchmark puts the static file it measures as the ceiling."""

from dvsite.settings import *  # noqa: F403
from dvsite.settings import BASE_DIR

WHITENOISE_ROOT = BASE_DIR / "bench" / ".ceiling"
