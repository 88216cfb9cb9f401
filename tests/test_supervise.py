"""exemplar_portal/supervise.py, which runs ``make demo``'s web server and task workers.

One Ctrl+C (SIGINT to the whole process group, as a terminal sends it), or SIGTERM to the
supervisor alone, stops every process it started within 5 seconds; the document worker is
started again after each task but not once stopping has begun; a process that dies stops
the others. Processes are followed by pid (through pidfds, which a reused pid cannot fool),
never by name. Nothing sleeps: output and exits are awaited as they come, with deadlines.
"""

import contextlib
import os
import re
import secrets
import select
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

STOPPED_WITHIN = 5.0  # seconds: what the demo promises after Ctrl+C
STARTUP = 90.0  # seconds: a generous deadline for Django to start on a busy machine

# A stand-in for a server or worker: it starts a grandchild (in the process group the
# supervisor made for it, as a real server's helpers are), says READY with both pids, then
# waits for a signal.
#   plain      the default SIGTERM (dies at once)
#   stubborn   ignores SIGTERM: only SIGKILL stops it
#   task       like `db_worker --max-tasks 1`: does one "task" and exits 0 while fewer than
#              three have run (counted in a file), then waits; exits 0 on SIGTERM
STAND_IN = """
import os, signal, subprocess, sys
mode, name, counter = sys.argv[1], sys.argv[2], sys.argv[3]
def say(line):
    os.write(1, (line + "\\n").encode())  # one write: lines of several processes never mix
if mode == "stubborn":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
if mode == "task":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with open(counter, "a") as handle:
        handle.write(f"{os.getpid()}\\n")
    with open(counter) as handle:
        if len(handle.readlines()) < 3:
            say(f"TASK {name} {os.getpid()}")
            sys.exit(0)
grandchild = subprocess.Popen([sys.executable, "-c", "import signal; signal.pause()"])
say(f"READY {name} {os.getpid()} {grandchild.pid}")
while True:
    signal.pause()
"""


class Processes:
    """Processes held by pidfd: an exit is seen as it happens (a process that has ended but
    is not yet reaped counts as ended), and a reused pid is never mistaken for them."""

    def __init__(self):
        self.fds: dict[int, int] = {}

    def add(self, *pids: int) -> None:
        for pid in pids:
            if pid not in self.fds:
                with contextlib.suppress(ProcessLookupError):  # already over and reaped
                    self.fds[pid] = os.pidfd_open(pid)

    def alive(self) -> list[int]:
        return self.left_at(now())

    def left_at(self, deadline: float) -> list[int]:
        """Those still running at the deadline (waiting for them until then)."""
        running = dict(self.fds)
        while running:
            ended, _, _ = select.select(list(running.values()), [], [], max(0, deadline - now()))
            if not ended:
                break
            running = {pid: fd for pid, fd in running.items() if fd not in ended}
        return sorted(running)

    def close(self) -> None:
        for fd in self.fds.values():
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(fd, signal.SIGKILL)
            os.close(fd)
        self.fds.clear()


class Supervised:
    """The supervisor in a process group of its own, its output read as it comes."""

    def __init__(self, args, *, env=None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "exemplar_portal.supervise", *args],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            process_group=0,
        )
        self.text = ""
        self.closed = False
        self.processes = Processes()
        self.processes.add(self.process.pid)

    def read(self, deadline: float) -> bool:
        """Read what is there, waiting until the deadline; False once nothing more can come."""
        if self.closed:
            return False
        ready, _, _ = select.select([self.process.stdout], [], [], max(0, deadline - now()))
        if ready:
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                self.closed = True
                return False
            self.text += chunk.decode(errors="replace")
        return True

    def wait_for(self, pattern: str, *, count: int = 1, timeout: float = STARTUP) -> list:
        deadline = now() + timeout
        while True:
            found = re.findall(pattern, self.text, flags=re.MULTILINE)
            if len(found) >= count:
                return found
            if now() >= deadline or not self.read(deadline):
                pytest.fail(f"{pattern!r} ×{count} not seen; the output was:\n{self.text}")

    def started(self) -> dict[str, list[int]]:
        pids: dict[str, list[int]] = {}
        for name, pid in re.findall(r"^\[supervise\] (\w+) started \(pid (\d+)\)", self.text, re.M):
            pids.setdefault(name, []).append(int(pid))
        return pids

    def stopped_by(self, deadline: float) -> int:
        """The supervisor's return code; fails if it is still running at the deadline."""
        try:
            returncode = self.process.wait(timeout=max(0, deadline - now()))
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running at the deadline; the output was:\n{self.text}")
        until = now() + 1
        while self.read(until) and now() < until:
            pass
        return returncode

    def close(self):
        """After a failed test too: kill whatever it started that is still running."""
        for _name, pids in self.started().items():
            self.processes.add(*pids)
        for pid, grandchild in re.findall(r"^READY \w+ (\d+) (\d+)$", self.text, re.M):
            self.processes.add(int(pid), int(grandchild))
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.processes.close()
        self.process.stdout.close()


def now() -> float:
    return time.monotonic()


@pytest.fixture
def supervise():
    started = []

    def start(*args, env=None):
        supervised = Supervised(args, env=env)
        started.append(supervised)
        return supervised

    yield start
    for supervised in started:
        supervised.close()


@pytest.fixture
def stand_in(tmp_path):
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN)
    counter = tmp_path / "tasks.txt"

    def command(name: str, mode: str = "plain") -> str:
        return f"{name}={sys.executable} {script} {mode} {name} {counter}"

    command.counter = counter
    return command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def django_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "exemplar_portal.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }


def demo_database_url(tmp_path) -> str:
    """A URL the demo's processes can open: the test database itself, or a copy of it."""
    if connection.vendor == "sqlite":
        # The test database lives in memory; SQLite's online backup copies it to a file.
        path = tmp_path / "demo.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return f"sqlite:///{path}"
    params = connection.settings_dict
    user = quote(params.get("USER") or "", safe="")
    password = quote(params.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host, port = params.get("HOST") or "localhost", params.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{params['NAME']}"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)  # no open transaction: SQLite's copy must not wait
def test_ctrl_c_to_the_process_group_stops_the_real_demo(tmp_path, supervise):
    database_url = demo_database_url(tmp_path)
    python, port = sys.executable, free_port()
    worker = f"{python} manage.py db_worker --no-reload --no-startup-delay"
    supervised = supervise(
        "--run",
        f"web={python} manage.py runserver --noreload 127.0.0.1:{port}",
        "--run",
        f"worker={worker}",
        "--restart",
        f"documents={worker} --queue-name documents --max-tasks 1",
        env=django_env(database_url),
    )
    supervised.wait_for(rf"Starting development server at http://127\.0\.0\.1:{port}/")
    supervised.wait_for(r"Starting worker .*queues=default")
    supervised.wait_for(r"Starting worker .*queues=documents")
    pids = supervised.started()
    assert sorted(pids) == ["documents", "web", "worker"]
    supervised.processes.add(*(pid for group in pids.values() for pid in group))
    assert len(supervised.processes.alive()) == 4

    deadline = now() + STOPPED_WITHIN
    os.killpg(supervised.process.pid, signal.SIGINT)  # what Ctrl+C in the terminal does

    assert supervised.stopped_by(deadline) == -signal.SIGINT
    assert supervised.processes.left_at(deadline) == []
    assert "[supervise] all stopped." in supervised.text
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nothing serves the port any more


@pytest.mark.unit
def test_sigterm_to_the_supervisor_alone_stops_what_it_started_and_nothing_else(
    supervise, stand_in
):
    # Another checkout's worker, run by the same command: it must be left alone.
    other = supervise("--restart", stand_in("documents", "stubborn"))
    [(pid, grandchild)] = other.wait_for(r"^READY documents (\d+) (\d+)$")
    other.processes.add(int(pid), int(grandchild))
    supervised = supervise(
        "--grace",
        "1",
        "--run",
        stand_in("web"),
        "--run",
        stand_in("worker", "stubborn"),  # needs SIGKILL
        "--restart",
        stand_in("documents", "stubborn"),
    )
    ready = supervised.wait_for(r"^READY (\w+) (\d+) (\d+)$", count=3)
    for _name, pid, grandchild in ready:
        supervised.processes.add(int(pid), int(grandchild))
    assert len(supervised.processes.alive()) == 7

    deadline = now() + STOPPED_WITHIN
    supervised.process.terminate()

    assert supervised.stopped_by(deadline) == -signal.SIGTERM
    assert supervised.processes.left_at(deadline) == []
    assert "started" not in supervised.text.split("[supervise] stopping", 1)[1]
    assert len(other.processes.alive()) == 3  # its supervisor, worker and grandchild
    assert other.process.poll() is None


@pytest.mark.unit
def test_the_document_worker_restarts_after_each_task_but_not_once_stopping(supervise, stand_in):
    supervised = supervise("--run", stand_in("web"), "--restart", stand_in("documents", "task"))
    supervised.wait_for(r"^TASK documents \d+$", count=2)
    [(pid, grandchild)] = supervised.wait_for(r"^READY documents (\d+) (\d+)$")
    supervised.wait_for(r"^READY web ")
    starts = supervised.started()
    assert len(starts["documents"]) == 3  # started again after each of the two tasks
    assert int(pid) == starts["documents"][-1]
    supervised.processes.add(*starts["web"], *starts["documents"], int(grandchild))

    deadline = now() + STOPPED_WITHIN
    os.killpg(supervised.process.pid, signal.SIGINT)

    assert supervised.stopped_by(deadline) == -signal.SIGINT
    assert supervised.processes.left_at(deadline) == []
    # The third worker exited cleanly (status 0) on SIGTERM, as db_worker does: not restarted.
    assert supervised.started()["documents"] == starts["documents"]
    assert len(stand_in.counter.read_text().split()) == 3


@pytest.mark.unit
def test_a_second_ctrl_c_kills_at_once(supervise, stand_in):
    supervised = supervise("--grace", "60", "--run", stand_in("worker", "stubborn"))
    [(pid, grandchild)] = supervised.wait_for(r"^READY worker (\d+) (\d+)$")
    supervised.processes.add(int(pid), int(grandchild))

    deadline = now() + STOPPED_WITHIN  # not the 60 s of grace
    os.killpg(supervised.process.pid, signal.SIGINT)
    supervised.wait_for(r"^\[supervise\] stopping worker")
    os.killpg(supervised.process.pid, signal.SIGINT)

    assert supervised.stopped_by(deadline) == -signal.SIGINT
    assert supervised.processes.left_at(deadline) == []


@pytest.mark.integration
def test_a_process_that_dies_early_stops_the_others_with_a_clear_message(
    tmp_path, supervise, stand_in
):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        supervised = supervise(
            "--run",
            f"web={sys.executable} manage.py runserver --noreload 127.0.0.1:{port}",
            "--run",
            stand_in("worker"),
            "--restart",
            stand_in("documents", "stubborn"),
            env=django_env(f"sqlite:///{tmp_path / 'empty.sqlite3'}"),
        )
        for _name, pid, grandchild in supervised.wait_for(r"^READY (\w+) (\d+) (\d+)$", count=2):
            supervised.processes.add(int(pid), int(grandchild))

        deadline = now() + STARTUP
        returncode = supervised.stopped_by(deadline)

    assert returncode == 1
    assert "That port is already in use" in supervised.text
    assert "[supervise] web stopped (exit status 1); stopping the others." in supervised.text
    assert supervised.processes.left_at(deadline) == []


@pytest.mark.unit
def test_a_command_that_cannot_start_stops_the_others(supervise, stand_in, tmp_path):
    supervised = supervise(
        "--run", stand_in("worker"), "--run", f"web={tmp_path / 'no-such-program'}"
    )
    deadline = now() + STARTUP
    returncode = supervised.stopped_by(deadline)
    assert returncode == 1
    assert "[supervise] web could not be started" in supervised.text
    # The worker may have been stopped before it said READY (its grandchild then never was).
    [worker] = supervised.started()["worker"]
    supervised.processes.add(worker)
    for _pid, grandchild in re.findall(r"^READY worker (\d+) (\d+)$", supervised.text, re.M):
        supervised.processes.add(int(grandchild))
    assert supervised.processes.left_at(deadline) == []


@pytest.mark.unit
@pytest.mark.parametrize("args", [[], ["--run", "web"], ["--run", "a=x", "--restart", "a=y"]])
def test_a_wrong_command_line_is_refused(args):
    result = subprocess.run(
        [sys.executable, "-m", "exemplar_portal.supervise", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "usage:" in result.stderr
