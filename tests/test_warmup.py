"""Web workers that start warm (exemplar_portal/warmup.py, exemplar_portal/gunicorn_conf.py):
the portal is loaded and its templates compiled once, in gunicorn's master process, and every
worker, including one that replaces a worker after its requests, starts from that copy."""

import gc
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

from exemplar_portal import gunicorn_conf, warmup
from tests.test_supervise import django_env, free_port

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def cached_names() -> set[str]:
    """The templates the Django engine holds compiled."""
    engine = engines["django"].engine
    names = set()
    for loader in engine.template_loaders:
        if isinstance(loader, CachedLoader):
            names |= {key.split("-")[0] for key in loader.get_template_cache}
    return names


@pytest.mark.unit
def test_the_template_names_are_the_projects_and_the_apps():
    names = warmup.template_names(engines["django"].engine)
    assert "base.html" in names  # templates/
    assert "registry/exemplar_detail.html" in names
    assert "admin/change_list.html" in names  # an app's (Django's admin)
    assert len(names) == len(set(names))


@pytest.mark.unit
def test_warming_up_compiles_every_template_and_closes_the_connections(monkeypatch):
    closed = []
    monkeypatch.setattr(warmup.connections, "close_all", lambda: closed.append(True))
    try:
        done = warmup.warm_up()
        assert closed == [True]  # no connection goes on into the workers
        assert done["frozen"] == gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    names = set(warmup.template_names(engines["django"].engine))
    compiled = cached_names()
    assert done["templates"] >= 250
    assert {"base.html", "registry/exemplar_list.html", "admin/change_list.html"} <= compiled
    # Every template found was compiled, but those that do not compile on their own.
    assert len(names - compiled) == len(names) - done["templates"]


@pytest.mark.unit
def test_a_template_that_does_not_compile_is_left_for_its_page(tmp_path, monkeypatch):
    (tmp_path / "broken.html").write_text("{% load no_such_library %}", encoding="utf-8")
    (tmp_path / "fine.html").write_text("{{ value }}", encoding="utf-8")
    engine = engines["django"].engine
    monkeypatch.setattr(engine, "dirs", [*engine.dirs, str(tmp_path)])
    monkeypatch.setattr(warmup, "template_names", lambda engine: ["broken.html", "fine.html"])
    monkeypatch.setattr(warmup.engines, "all", lambda: [engines["django"]])
    engine.template_loaders[0].reset()
    assert warmup.compile_templates() == 1


@pytest.mark.unit
def test_gunicorn_loads_the_portal_in_the_master_and_warms_it_up(monkeypatch):
    assert gunicorn_conf.preload_app is True
    calls = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append(1) or {"templates": 3, "frozen": 5})

    class Server:
        class log:  # gunicorn's logger, as the hook reads it
            lines = []

            @classmethod
            def info(cls, message, values):
                cls.lines.append(message % values)

    gunicorn_conf.when_ready(Server)
    assert calls == [1]
    assert Server.log.lines == [
        "warmed up: 3 templates compiled, 5 objects kept out of the garbage collector's way"
    ]


def wait_for_log(path: Path, pattern: str, count: int = 1, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8", errors="replace")
        if len(re.findall(pattern, text)) >= count:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} not seen {count} times in:\n{text}")


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as answer:  # noqa: S310 - our own server
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.integration
def test_gunicorn_warms_up_once_and_each_worker_starts_from_it(tmp_path):
    """The real server with the portal's configuration: the master warms up before the first
    worker starts, the workers answer, and a worker replaced after its requests (two here)
    starts from the master's copy without warming up again."""
    port, log = free_port(), tmp_path / "web.log"
    command = [
        str(GUNICORN),
        "exemplar_portal.wsgi:application",
        "--config",
        "python:exemplar_portal.gunicorn_conf",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--max-requests",
        "2",
        "--error-logfile",
        "-",
    ]
    # The health check only asks the database to answer: an empty one will do, and the test
    # database (and its reference data) is left alone.
    env = django_env(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with open(log, "wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        text = wait_for_log(log, r"Booting worker", count=2)
        warmed = re.findall(r"warmed up: (\d+) templates compiled", text)
        assert len(warmed) == 1 and int(warmed[0]) >= 250, text
        assert text.index("warmed up") < text.index("Booting worker")
        statuses = [get(f"http://127.0.0.1:{port}/healthz") for _ in range(6)]
        assert statuses == [200] * 6, log.read_text(encoding="utf-8", errors="replace")
        # Six requests on two workers of two requests each: replacements came up, from the
        # master's warm copy (the warm-up is not done again).
        text = wait_for_log(log, r"Booting worker", count=3)
        assert len(re.findall(r"warmed up", text)) == 1
        assert get(f"http://127.0.0.1:{port}/healthz") == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
