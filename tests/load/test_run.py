"""The load runner's own accounting (``tests/load/run.py``): which process's processor time
counts for whom."""

from types import SimpleNamespace

import pytest

from tests.load import gunicorn_cpu
from tests.load.run import cpu_group, endpoint, print_shares

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


def soak(tmp_path, samples, *, growth=20.0):
    """A harness at the end of a soak of 100 s whose web workers' memory was ``samples``."""
    from tests.load.run import Harness, Memory

    harness = Harness.__new__(Harness)
    harness.args = SimpleNamespace(run_time=100, soak_growth=growth)
    harness.started, harness.ramped, harness.ended = 0.0, 10.0, 100.0
    harness.logs = tmp_path
    harness.memory = Memory.__new__(Memory)
    harness.memory.samples = samples
    return harness


MB = 1024 * 1024


def test_a_soak_fails_when_a_worker_grows_past_the_limit_and_keeps_every_sample(tmp_path, capsys):
    # Worker 7 grows steadily after the warm-up (at 70 s), worker 8 hardly; worker 9 was
    # started late, by a recycling.
    samples = [
        (float(t), {7: (100 + max(0, t - 70)) * MB, 8: 100 * MB + t * MB // 10})
        for t in range(0, 101)
    ]
    samples[98][1][9] = 50 * MB
    harness = soak(tmp_path, samples)

    assert harness.soak_report() is False
    out = capsys.readouterr().out
    assert "worker 7: 100 MB → 114 MB → 128 MB (+28.0%)  TOO MUCH" in out
    assert "worker 8: 107 MB → 108 MB → 110 MB (+2.6%)\n" in out
    assert "worker 9: – → 50 MB (recycled)" in out
    rows = (tmp_path / "memory.csv").read_text().splitlines()
    assert rows[0] == "seconds,worker,rss_mb"
    assert "98,7,128.0" in rows
    assert len(rows) == 1 + 2 * 101 + 1


def test_a_soak_passes_when_every_worker_stays_within_the_limit(tmp_path):
    samples = [(float(t), {7: 100 * MB + t * MB // 10}) for t in range(0, 101)]
    assert soak(tmp_path, samples).soak_report() is True


@pytest.mark.parametrize(
    ("method", "path", "name"),
    [
        ("GET", "/dien-hinh/QM00012992/", "GET /dien-hinh/<code>/"),
        ("POST", "/dien-hinh/S9TK5D7JN9/tep/", "POST /dien-hinh/<code>/tep/"),
        ("GET", "/dien-hinh/?page=2", "GET /dien-hinh/"),
        ("GET", "/phong-trao/su-kien/12/", "GET /phong-trao/su-kien/<id>/"),
        ("GET", "/static/css/portal.3f2a.css", "GET /static/…"),
    ],
)
def test_requests_are_grouped_by_endpoint(method, path, name):
    assert endpoint(method, path) == name


def test_the_hooks_write_each_requests_own_cpu_time(tmp_path, monkeypatch):
    monkeypatch.setenv("LOAD_CPU_LOG", str(tmp_path / "cpu.log"))
    worker = SimpleNamespace()
    for path in ("/dien-hinh/", "/tham-dinh/"):
        gunicorn_cpu.pre_request(worker, SimpleNamespace(method="GET", path=path))
        sum(range(200_000))  # some work to time
        gunicorn_cpu.post_request(worker, SimpleNamespace(method="GET", path=path), {}, None)
    worker.load_cpu_file.close()
    (written,) = tmp_path.glob("cpu.log.*")
    lines = [line.split(" ") for line in written.read_text().splitlines()]
    assert [line[:2] for line in lines] == [["GET", "/dien-hinh/"], ["GET", "/tham-dinh/"]]
    assert all(int(line[2]) > 0 for line in lines)


def test_endpoints_are_listed_by_their_share_largest_first(capsys):
    print_shares(
        {"GET /a/": [10.0, 10.0], "GET /b/": [60.0], "GET /c/": [20.0]},
        lambda times: f"{sum(times) / len(times):.1f}",
        top=2,
    )
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:3] for line in lines] == [
        ["60.0%", "GET", "/b/"],
        ["20.0%", "GET", "/a/"],
    ]
    assert lines[1].split()[-2:] == ["2", "10.0"]
