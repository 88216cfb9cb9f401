"""The load runner's own accounting (``tests/load/run.py``): which process's processor time
counts for whom."""

from types import SimpleNamespace

import pytest

from tests.load.run import cpu_group

pytestmark = pytest.mark.unit


def process(name, *cmdline):
    return SimpleNamespace(info={"name": name, "cmdline": list(cmdline)})


@pytest.mark.parametrize(
    ("proc", "group"),
    [
        (process("postgres", "postgres: postgres exemplar_load_1 127.0.0.1 idle"), "database"),
        (process("gunicorn", "/v/bin/python", "/v/bin/gunicorn", "exemplar_portal.wsgi"), "web"),
        (process("python", "python", "manage.py", "db_worker", "--queue-name", "x"), "tasks"),
        (process("locust", "/v/bin/python", "/v/bin/locust", "-f", "locustfile.py"), "locust"),
        (process("chromium", "/usr/bin/chromium"), None),
        (SimpleNamespace(info={"name": None, "cmdline": None}), None),
    ],
)
def test_each_process_counts_for_its_group(proc, group):
    assert cpu_group(proc) == group
