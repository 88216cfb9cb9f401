"""Gunicorn hooks for ``make loadtest``: the CPU time each request took in its worker.

A sync worker serves one request at a time on one thread, so the thread's CPU time between
``pre_request`` and ``post_request`` is the request's own, without the wait for the
processor that the access log's duration includes on a busy machine. One line per request,
``<method> <path> <cpu µs>``, in the file ``LOAD_CPU_LOG`` names (one file per worker).

The portal's own settings (``exemplar_portal/gunicorn_conf.py``) come with them, so that the
load runs the portal as production does.
"""

import os
import time

from exemplar_portal.gunicorn_conf import preload_app, when_ready  # noqa: F401 - settings


def pre_request(worker, req):
    worker.load_cpu_started = time.thread_time_ns()


def post_request(worker, req, environ, resp):
    started = getattr(worker, "load_cpu_started", None)
    target = os.environ.get("LOAD_CPU_LOG")
    if started is None or not target:
        return
    spent = (time.thread_time_ns() - started) // 1000
    if not hasattr(worker, "load_cpu_file"):
        worker.load_cpu_file = open(f"{target}.{os.getpid()}", "a", encoding="utf-8")  # noqa: SIM115
    worker.load_cpu_file.write(f"{req.method} {req.path} {spent}\n")
    worker.load_cpu_file.flush()
