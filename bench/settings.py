"""`make bench`'s settings: the project's, with bench/urls.py as the URLconf, so the floor and
the 2019 reference below exist only in the benchmark's server (DJANGO_SETTINGS_MODULE), never
in the product's."""

from jobhax.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
