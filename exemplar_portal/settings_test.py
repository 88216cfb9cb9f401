"""Settings for the test suite: the real settings with a few speed and isolation tweaks."""

import os

# The suite runs with DEBUG off, as production does, on a key of its own.
os.environ.setdefault("SECRET_KEY", "test-suite-key-not-for-any-server-7f3a9c1e5b")

from .settings import *  # noqa: F403
from .settings import STORAGES

# Templates use {% static %} without a collectstatic run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A fast hasher: the suite creates many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once inside the test; tests of the worker itself pick the database backend.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}
WHITENOISE_AUTOREFRESH = True
# Tests read the dashboard right after changing the data: no cached figures (one test
# turns the cache on).
PORTAL = {**PORTAL, "DASHBOARD_CACHE_SECONDS": 0}  # noqa: F405
# load_demo leaves out the demo province (hundreds of records): its own tests load it.
DEMO_PROVINCE_SCALE = 0
