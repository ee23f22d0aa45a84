"""The deploy configuration (deploy/gunicorn.conf.py) without the access log, for the load test."""

import runpy
from pathlib import Path

globals().update(
    {
        name: value
        for name, value in runpy.run_path(
            str(Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py")
        ).items()
        if not name.startswith("__")
    }
)
accesslog = None
