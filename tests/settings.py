"""Settings for the test suite: the project's, with the development defaults (DEBUG=1: the
development SECRET_KEY and encryption key) unless the environment says otherwise. pytest-django
still runs every test with DEBUG off; tests of the production start-up run `jobhax.settings` in
a subprocess with DEBUG=0 (tests/test_settings.py)."""

import os

os.environ.setdefault("DEBUG", "1")

from jobhax.settings import *  # noqa: E402,F403
