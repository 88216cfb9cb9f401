"""`make loadtest`: the portal as production runs it, under many people at once.

    python -m tests.load.run [--users 200] [--run-time 120] [--exemplars 20000] [--faults]
    python -m tests.load.run --soak [--users 50] [--run-time 900]

Starts, on 127.0.0.1 only: a fresh PostgreSQL database of its own (on the server at
``--pg``, created and dropped here), filled with ``load_units``, ``load_outlets``,
``load_demo``, ``generate_scale_data`` and the load accounts (``tests/load/seed.py``);
gunicorn with several workers, DEBUG off, a random SECRET_KEY, static files collected and
served by whitenoise; the task worker and the document worker (restarted after each exit,
as systemd does). Then Locust (``tests/load/locustfile.py``) plays ``--users`` people of
every role, arriving over a minute, then ``--run-time`` seconds of steady state; headless,
bounded in time and in requests (``--max-requests``), it stops by itself.

Prints one line per figure, ``bench NAME VALUE UNIT (data size)``, checks that every
submission the portal acknowledged is in the database, and exits non-zero if any answer
was a 5xx (or a dropped connection) or any acknowledged submission is missing.
``--faults`` also terminates the database's connections to the portal's database three
times during the run and kills the task worker in the middle of an import, and reports how
the portal answered (there a 503, "the database is unreachable", is the expected answer of a
request whose connection was ended under it; any other 5xx fails the run). ``--soak`` runs
long at fewer users and fails if a web worker's memory grows by more than ``--soak-growth``
percent. The logs (gunicorn with Django's tracebacks, the access log, the workers, Locust)
stay in the directory printed at the start; processes, database and uploaded files are
removed at the end, also after a failure or Ctrl+C.
"""

import argparse
import collections
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
# Statuses in which a submission is still waiting where it was sent.
WAITING = {
    "accept": "under_review",
    "return": "under_review",
    "endorse": "submitted_to_district",
    "district_return": "submitted_to_district",
}


def log(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", flush=True)


def bench(name: str, value, unit: str, size: str) -> None:
    shown = f"{value:.1f}" if isinstance(value, float) else str(value)
    print(f"bench {name} {shown} {unit}  ({size})", flush=True)


def endpoint(method: str, path: str) -> str:
    """A request as its endpoint: codes and numbers in the path replaced by placeholders."""
    path = path.split("?", 1)[0]
    path = re.sub(r"/dien-hinh/[A-Z0-9]{6,12}/", "/dien-hinh/<code>/", path)
    path = re.sub(r"/\d+/", "/<id>/", path)
    path = re.sub(r"/don-vi/[^/]+/", "/don-vi/<code>/", path)
    path = re.sub(r"^/static/.*", "/static/…", path)
    return f"{method} {path}"


def print_shares(by_endpoint: dict, figures, top: int = 15) -> None:
    """The endpoints taking the most of ``by_endpoint``'s times (ms), each with its share,
    its count and what ``figures(times)`` says of them."""
    total = sum(sum(times) for times in by_endpoint.values()) or 1
    for name, times in sorted(by_endpoint.items(), key=lambda item: -sum(item[1]))[:top]:
        print(
            f"    {sum(times) / total * 100:5.1f}% {name:58} {len(times):6} {figures(times)}",
            flush=True,
        )


def percentile(values, share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(share * len(ordered)))])


def tracebacks(text: str):
    """(path, exception line) of each traceback in a log: Django logs "Internal Server Error:
    /path" before the traceback of a 500; gunicorn logs its own without a path."""
    path = "?"
    lines = text.splitlines()
    for index, line in enumerate(lines):
        found = re.search(
            r"(?:Internal Server Error|Service Unavailable|Error handling request)"
            r":? (/\S*)",
            line,
        )
        if found:
            path = found.group(1)
        if line.startswith("Traceback (most recent call last)"):
            end = index + 1
            while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
                end += 1
            after = next((line for line in lines[end + 1 : end + 4] if line.strip()), "")
            if after.startswith(("During handling of the above", "The above exception")):
                continue  # a chained exception: the last one of the chain is what failed
            yield path, (lines[end] if end < len(lines) else "?")[:200]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_process(process: subprocess.Popen, grace: float = 10) -> None:
    """End a process this harness started, and its children (its own process group)."""
    if process is None or process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


class Supervised(threading.Thread):
    """A task worker started again one second after it exits, as systemd's Restart=always."""

    def __init__(self, name, command, env, log_path):
        super().__init__(name=name, daemon=True)
        self.command, self.env, self.log_path = command, env, log_path
        self.process = None
        self.exits = []  # (time, return code)
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def run(self):
        with open(self.log_path, "ab") as out:
            while not self.stopping.is_set():
                with self.lock:
                    if self.stopping.is_set():
                        break
                    self.process = subprocess.Popen(
                        self.command,
                        cwd=ROOT,
                        env=self.env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                code = self.process.wait()
                self.exits.append((time.time(), code))
                self.stopping.wait(1)

    def kill(self) -> int | None:
        """Kill the running worker at once (SIGKILL), as a crash or the OOM killer would."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                return None
            os.killpg(self.process.pid, signal.SIGKILL)
            return self.process.pid

    def stop(self):
        with self.lock:
            self.stopping.set()
            stop_process(self.process)
        self.join(15)


# Where the machine's processor time goes, by the kind of process (see ``cpu_by_group``).
CPU_GROUPS = ("web", "tasks", "database", "locust")


def cpu_group(process) -> str | None:
    """The group a process's processor time counts in: the web workers, the task and document
    workers, PostgreSQL (every backend on the server), Locust; ``None`` for the rest."""
    name = process.info["name"] or ""
    command = " ".join(process.info["cmdline"] or ())
    if name.startswith("postgres"):
        return "database"
    if "gunicorn" in command:
        return "web"
    if "db_worker" in command:
        return "tasks"
    if "locust" in command:
        return "locust"
    return None


class Memory(threading.Thread):
    """Samples the resident memory of the gunicorn workers (and task workers) every second,
    and the processor time spent by each group of processes (``CPU_GROUPS``)."""

    def __init__(self, master_pid: int, others):
        super().__init__(name="memory", daemon=True)
        self.master_pid, self.others = master_pid, others
        self.samples = []  # (time, {pid: rss bytes}) of the web workers
        self.peak_total = 0
        self.peak_worker = 0
        self.peak_tasks = 0
        self.load = []  # the machine's 1-minute load average, each second
        self.cpu = []  # (time, {group: CPU seconds so far, "busy": the machine's})
        self._cpu_seen: dict[tuple, float] = {}  # (pid, start time) -> CPU seconds
        self.stopping = threading.Event()

    def cpu_by_group(self) -> dict[str, float]:
        """CPU seconds used so far by each group; a process that has ended keeps what it
        used (gunicorn recycles its workers, the document worker exits after each task)."""
        import psutil

        for process in psutil.process_iter(["name", "cmdline", "cpu_times", "create_time"]):
            group = cpu_group(process)
            times = process.info["cpu_times"]
            if group is None or times is None:
                continue
            key = (process.pid, process.info["create_time"], group)
            self._cpu_seen[key] = times.user + times.system
        totals = dict.fromkeys(CPU_GROUPS, 0.0)
        for (_pid, _created, group), seconds in self._cpu_seen.items():
            totals[group] += seconds
        machine = psutil.cpu_times()
        totals["busy"] = sum(machine) - machine.idle - getattr(machine, "iowait", 0.0)
        return totals

    def cpu_between(self, start: float, end: float) -> dict[str, float]:
        """CPU seconds of each group (and the machine's busy time) between two moments."""
        if not self.cpu:
            return {}
        first = min(self.cpu, key=lambda sample: abs(sample[0] - start))
        last = min(self.cpu, key=lambda sample: abs(sample[0] - end))
        return {group: last[1][group] - first[1][group] for group in first[1]}

    def run(self):
        import psutil

        try:
            master = psutil.Process(self.master_pid)
        except psutil.NoSuchProcess:
            return
        while not self.stopping.wait(1):
            sizes = {}
            try:
                children = master.children()
            except psutil.NoSuchProcess:
                return
            for child in children:
                try:
                    sizes[child.pid] = child.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
            self.samples.append((time.time(), sizes))
            self.load.append(os.getloadavg()[0])
            self.cpu.append((time.time(), self.cpu_by_group()))
            self.peak_total = max(self.peak_total, sum(sizes.values()))
            self.peak_worker = max([self.peak_worker, *sizes.values()])
            for supervised in self.others:
                process = supervised.process
                if process is None or process.poll() is not None:
                    continue
                try:
                    rss = psutil.Process(process.pid).memory_info().rss
                    self.peak_tasks = max(self.peak_tasks, rss)
                except psutil.NoSuchProcess:
                    continue

    def at(self, moment: float) -> dict:
        """The sample nearest to ``moment``."""
        if not self.samples:
            return {}
        return min(self.samples, key=lambda sample: abs(sample[0] - moment))[1]


class Harness:
    def __init__(self, args):
        self.args = args
        self.logs = Path(args.log_dir or tempfile.mkdtemp(prefix="exemplar-load-logs-"))
        self.logs.mkdir(parents=True, exist_ok=True)
        self.files = Path(tempfile.mkdtemp(prefix="exemplar-load-files-"))
        self.database = f"exemplar_load_{os.getpid()}"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.created_database = False
        self.web = None
        self.locust = None
        self.setup_process = None
        self.workers: list[Supervised] = []
        self.memory = None
        self.fault_events = []  # (time, description)
        self.stopping = threading.Event()
        pg = args.pg.rstrip("/")
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)},
            "DJANGO_SETTINGS_MODULE": "exemplar_portal.settings",
            "DATABASE_URL": f"{pg}/{self.database}",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            # As .env.example has it for production.
            "CONN_MAX_AGE": "60",
            "STATIC_ROOT": str(self.files / "static"),
            "MEDIA_ROOT": str(self.files / "media"),
            "EMAIL_URL": "dummymail://",
            "LOG_LEVEL": "WARNING",
            "PORTAL_BASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
            "LOAD_CPU_LOG": str(self.logs / "cpu.log"),
        }
        if args.faults:
            # An import whose worker was killed is given up after this long without a sign of
            # life (instead of ten minutes), so that the run sees what becomes of it.
            self.env["PORTAL_IMPORT_STALE_MINUTES"] = "1"
        self.size = ""

    # Database ----------------------------------------------------------------------------

    def admin(self):
        import psycopg

        return psycopg.connect(f"{self.args.pg.rstrip('/')}/postgres", autocommit=True)

    def query(self, sql, params=()):
        import psycopg

        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as connection:
            return connection.execute(sql, params).fetchall()

    def create_database(self):
        try:
            with self.admin() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.database}"')
                connection.execute(f"CREATE DATABASE \"{self.database}\" ENCODING 'UTF8'")
        except Exception as error:
            raise SystemExit(
                f"PostgreSQL at {self.args.pg} cannot create a database ({error}). Start it "
                "(user postgres, trust authentication on 127.0.0.1) or pass --pg."
            ) from error
        self.created_database = True

    def drop_database(self):
        if not self.created_database:
            return
        try:
            with self.admin() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            self.created_database = False
        except Exception as error:
            log(f"could not drop database {self.database}: {error}")

    def terminate_backends(self) -> int:
        """End every connection to the portal's database (not the server's others)."""
        with self.admin() as connection:
            rows = connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (self.database,),
            ).fetchall()
        return sum(1 for (ended,) in rows if ended)

    # Processes ---------------------------------------------------------------------------

    def manage(self, *arguments, log_name="setup.log"):
        started = time.monotonic()
        with open(self.logs / log_name, "ab") as out:
            out.write(f"\n$ manage.py {' '.join(arguments)}\n".encode())
            out.flush()
            self.setup_process = subprocess.Popen(
                [sys.executable, "manage.py", *arguments],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            code = self.setup_process.wait()
        self.setup_process = None
        if code != 0:
            raise SystemExit(
                f"manage.py {arguments[0]} failed ({code}); see {self.logs / log_name}"
            )
        return time.monotonic() - started

    def prepare(self):
        args = self.args
        self.create_database()
        timings = {}
        for arguments in (
            ("migrate", "--noinput", "-v0"),
            ("collectstatic", "--noinput", "-v0"),
            ("load_units",),
            ("load_outlets",),
            ("load_demo",),
            (
                "generate_scale_data",
                "--exemplars",
                str(args.exemplars),
                "--units",
                str(args.units),
                "--years",
                str(args.years),
            ),
        ):
            timings[arguments[0]] = self.manage(*arguments)
        started = time.monotonic()
        with open(self.logs / "setup.log", "ab") as out:
            subprocess.run(
                [sys.executable, "-m", "tests.load.seed", "--out", str(self.logs / "plan.json")],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=True,
            )
        timings["seed"] = time.monotonic() - started
        log("data ready: " + ", ".join(f"{k} {v:.0f}s" for k, v in timings.items()))
        plan = json.loads((self.logs / "plan.json").read_text(encoding="utf-8"))
        data = plan["data"]
        self.size = (
            f"{data['exemplars']:,} exemplars, {data['units']} units, {data['users']} accounts; "
            f"{args.users} users, {args.run_time}s steady, {args.web_workers} web workers"
        )
        return plan

    def start_portal(self):
        args = self.args
        recycle = [] if args.soak and not args.soak_recycle else ["--max-requests", "1000"]
        recycle += ["--max-requests-jitter", "100"] if recycle else []
        command = [
            str(BIN / "gunicorn"),
            "exemplar_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(args.web_workers),
            "--timeout",
            "60",
            *recycle,
            "--access-logfile",
            str(self.logs / "access.log"),
            "--access-logformat",
            '%(t)s %(s)s %(M)sms %(p)s "%(r)s" %(b)s',
            "--error-logfile",
            "-",
            # Each request's own CPU time, for the report by endpoint (gunicorn_cpu.py).
            "--config",
            "python:tests.load.gunicorn_cpu",
        ]
        out = open(self.logs / "web.log", "ab")  # noqa: SIM115 - kept open for the server
        self.web = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        manage = [sys.executable, "manage.py", "db_worker", "--no-startup-delay"]
        self.workers = [
            Supervised(
                "task worker",
                [*manage, "--max-tasks", "200"],
                self.env,
                self.logs / "worker-default.log",
            ),
            Supervised(
                "document worker",
                [*manage, "--queue-name", "documents", "--max-tasks", "1", "-v0"],
                self.env,
                self.logs / "worker-documents.log",
            ),
        ]
        for worker in self.workers:
            worker.start()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.web.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.web.returncode}); see web.log")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("the portal did not answer /healthz within 90 s; see web.log")
        self.memory = Memory(self.web.pid, self.workers)
        self.memory.start()
        log(f"portal on {self.url} (gunicorn pid {self.web.pid}, {args.web_workers} workers)")

    def run_locust(self):
        args = self.args
        results = self.logs / "results.json"
        env = {
            **self.env,
            "LOAD_PLAN": str(self.logs / "plan.json"),
            "LOAD_OUT": str(results),
            "LOAD_WAIT": args.wait,
            "LOAD_MAX_REQUESTS": str(args.max_requests),
            "LOAD_IMPORT_ROWS": str(args.import_rows),
            "LOAD_MAX_IMPORTS": str(args.max_imports),
            "LOAD_MAX_UPLOADS": str(args.max_uploads),
            "LOAD_BIG_IMPORT_ROWS": str(args.big_import_rows if args.faults else 0),
        }
        # People arrive over a minute; the figures are measured once all are in, for
        # --run-time seconds.
        spawn_rate = args.spawn_rate or max(1.0, args.users / 60)
        self.ramp = args.users / spawn_rate
        command = [
            str(BIN / "locust"),
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(spawn_rate),
            "--run-time",
            f"{round(self.ramp + args.run_time)}s",
            "--stop-timeout",
            "30",
            "--host",
            self.url,
            "--only-summary",
            "--csv",
            str(self.logs / "locust"),
            "--exit-code-on-error",
            "0",
        ]
        log(
            f"locust: {args.users} users (arriving at {spawn_rate:g}/s), then {args.run_time}s, "
            f"thinking {args.wait}s between actions"
        )
        self.started = time.time()
        self.ramped = self.started + self.ramp
        with open(self.logs / "locust.log", "ab") as out:
            self.locust = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            faults = None
            if args.faults:
                faults = threading.Thread(target=self.inject_faults, daemon=True)
                faults.start()
            try:
                self.locust.wait(self.ramp + args.run_time + 180)
            except subprocess.TimeoutExpired:
                log("locust did not stop in time; ending it")
                stop_process(self.locust)
        self.ended = time.time()
        self.stopping.set()
        if faults:
            faults.join(5)
        if not results.exists():
            raise SystemExit(f"locust wrote no results; see {self.logs / 'locust.log'}")
        return json.loads(results.read_text(encoding="utf-8"))

    # Faults ------------------------------------------------------------------------------

    def inject_faults(self):
        run = self.args.run_time
        plan = [(self.ramped + run * share, "terminate") for share in (0.25, 0.5, 0.75)]
        killed = False
        while not self.stopping.is_set():
            now = time.time()
            if plan and now >= plan[0][0]:
                plan.pop(0)
                ended = self.terminate_backends()
                self.fault_events.append(
                    (now, f"terminated {ended} connections to database {self.database}")
                )
                log(self.fault_events[-1][1])
            if not killed:
                try:
                    running = self.query(
                        "SELECT id, status, processed_rows FROM registry_importjob "
                        "WHERE in_background AND status IN ('checking', 'importing') "
                        "ORDER BY status DESC, id"
                    )
                except Exception:  # the database may be between connections
                    running = []
                # Writing, with rows already done: the worker has the import in hand.
                importing = [row for row in running if row[1] == "importing" and row[2] > 0]
                late = now > self.ramped + run * 0.8
                target = importing[:1] or (running[:1] if late else [])
                if target:
                    job = target[0][0]
                    pid = self.workers[0].kill()
                    killed = True
                    self.killed_job = job
                    status, processed, total = self.query(
                        "SELECT status, processed_rows, total_rows FROM registry_importjob "
                        "WHERE id = %s",
                        (job,),
                    )[0]
                    self.fault_events.append(
                        (
                            time.time(),
                            f"killed the task worker (pid {pid}); import {job} was then "
                            f"{status}, {processed}/{total} rows processed",
                        )
                    )
                    log(self.fault_events[-1][1])
            if not plan and killed:
                return
            self.stopping.wait(0.5)

    # Checks ------------------------------------------------------------------------------

    def wait_for_imports(self, limit=300, recover=False):
        """Until no import is being checked or written. ``recover``: run
        ``recover_stale_imports`` every 15 s meanwhile, as cron does in production."""
        deadline = time.monotonic() + limit
        last = 0.0
        while time.monotonic() < deadline:
            busy = self.query(
                "SELECT count(*) FROM registry_importjob WHERE status IN ('checking', 'importing')"
            )[0][0]
            if not busy:
                return
            if recover and time.monotonic() - last > 15:
                last = time.monotonic()
                try:
                    self.manage("recover_stale_imports")
                except SystemExit as error:
                    log(f"recover_stale_imports: {error}")
                    recover = False
            time.sleep(2)
        log(f"imports still running {limit}s after the run")

    def verify(self, acks) -> tuple[int, list[str]]:
        """Acknowledged submissions that are not in the database (and what became of each)."""
        lost, lines = [], []
        by_kind = collections.defaultdict(list)
        for ack in acks:
            by_kind[ack["kind"]].append(ack)

        created = [a["code"] for a in by_kind["exemplar"]]
        found = dict(
            self.query(
                "SELECT code, status FROM registry_exemplar WHERE code = ANY(%s)", (created,)
            )
        )
        missing = [code for code in created if code not in found]
        lost += [f"exemplar {code} acknowledged but not in the database" for code in missing]
        lines.append(f"exemplars created: {len(created)}, missing {len(missing)}")

        sent = [a["code"] for a in by_kind["submit"]]
        statuses = dict(
            self.query("SELECT code, status FROM registry_exemplar WHERE code = ANY(%s)", (sent,))
        )
        unsent = [code for code in sent if statuses.get(code, "draft") == "draft"]
        lost += [f"exemplar {code} acknowledged as sent but still a draft" for code in unsent]
        lines.append(f"sent for review: {len(sent)}, still draft {len(unsent)}")

        captions = [a["caption"] for a in by_kind["upload"]]
        stored = dict(
            self.query(
                "SELECT caption, file FROM registry_attachment WHERE caption = ANY(%s)",
                (captions,),
            )
        )
        media = Path(self.env["MEDIA_ROOT"])
        bad = [c for c in captions if c not in stored or not (media / stored[c]).is_file()]
        lost += [f"photo “{caption}” acknowledged but not stored" for caption in bad]
        lines.append(f"photos uploaded: {len(captions)}, missing {len(bad)}")

        for ack in by_kind["import"]:
            job = int(ack["job"].rstrip("/").rsplit("/", 1)[-1])
            status, message = self.query(
                "SELECT status, message FROM registry_importjob WHERE id = %s", (job,)
            )[0]
            written = self.query(
                "SELECT count(*) FROM registry_exemplar WHERE full_name LIKE %s",
                (f"% {ack['tag']}-%",),
            )[0][0]
            lines.append(f"import {job} ({ack['rows']} rows): {status}, {written} rows written")
            if written == ack["rows"] and status == "done":
                continue
            if status == "failed" and written == 0:
                # Said so on its page; nothing half-written.
                lines[-1] += f" — failed visibly: {message}"
                continue
            lost.append(f"import {job}: {status} with {written} of {ack['rows']} rows written")

        for job, status, total, errors, message in self.query(
            "SELECT id, status, total_rows, error_rows, message FROM registry_importjob "
            "WHERE created_at >= %s ORDER BY id",
            (datetime.datetime.fromtimestamp(self.started, tz=datetime.UTC),),
        ):
            lines.append(
                f"import job {job}: {status}, {total} rows, {errors} in error"
                + (f" — {message}" if message else "")
            )

        reviewed = [(code, a["action"]) for a in by_kind["review"] for code in a["codes"]]
        codes = [code for code, _ in reviewed]
        statuses = dict(
            self.query("SELECT code, status FROM registry_exemplar WHERE code = ANY(%s)", (codes,))
        )
        stuck = [code for code, action in reviewed if statuses.get(code) == WAITING[action]]
        lost += [f"exemplar {code} reviewed in bulk but still waiting" for code in stuck]
        lines.append(f"reviewed in bulk: {len(reviewed)}, still waiting {len(stuck)}")
        return lost, lines

    # Report ------------------------------------------------------------------------------

    def report(self, results, lost, verify_lines) -> int:
        args = self.args
        records = results["records"]
        size = self.size
        failures = 0
        if not records:
            log("no request was made")
            return 1

        def end(record):
            return record[0] + record[3] / 1000

        # The figures are those of the steady state: from when the last person had logged in
        # (every login is a deliberately slow password hash) to the end. The ramp is
        # reported apart; errors and lost submissions count over the whole run.
        logins = [end(r) for r in records if r[2] == "login"]
        spawned = (results.get("spawned_at") or [self.ramped])[0]
        steady_from = max([spawned, *logins])
        steady = [r for r in records if r[0] >= steady_from]
        if len(steady) < 0.2 * len(records):
            log(
                "the logins took most of the run: no steady state to measure; the figures "
                "below cover the whole run (lengthen --run-time or lower --spawn-rate)"
            )
            steady, steady_from = records, min(r[0] for r in records)
        window = max(end(r) for r in steady) - steady_from
        ramp = [r for r in records if r[0] < steady_from and r[1] not in ("login", "static")]
        groups = collections.defaultdict(list)
        for _start, group, _name, ms, _status in steady:
            groups[group].append(ms)
        uploads = [r[3] for r in records if r[1] == "upload"]
        timed = [r[3] for r in steady if r[1] not in ("upload", "login")]
        pages = groups["page"]
        errors_5xx = [r for r in records if r[4] >= 500]
        dropped = [r for r in records if r[4] == 0]
        self.steady_from = steady_from

        print(flush=True)
        log(
            f"steady state: {window:.0f}s from +{steady_from - self.started:.0f}s, "
            f"{len(steady)} of {len(records)} requests"
        )
        bench("load_p95_ms", percentile(timed, 0.95), "ms", size)
        bench("load_p99_ms", percentile(timed, 0.99), "ms", size)
        bench("load_pages_p95_ms", percentile(pages, 0.95), "ms", size)
        # The same pages timed inside the web workers: the rest of the time above is the wait
        # for a free worker.
        server = self.server_side(steady_from)
        inside = [
            ms
            for name, times in server.items()
            if name.startswith("GET") and "/static/" not in name
            for ms in times
        ]
        bench("load_server_pages_p95_ms", percentile(inside, 0.95), "ms", size)
        bench("load_rps", len(steady) / max(window, 1), "req/s", size)
        bench("load_5xx", len(errors_5xx), "responses", size)
        bench("load_dropped", len(dropped), "requests", size)
        bench("load_lost_submissions", len(lost), "submissions", size)
        bench("load_upload_p95_ms", percentile(uploads, 0.95), "ms", size)
        for group in ("form", "import", "document", "static"):
            if groups[group]:
                bench(f"load_{group}_p95_ms", percentile(groups[group], 0.95), "ms", size)
        all_logins = [r[3] for r in records if r[1] == "login"]
        bench("load_login_p95_ms", percentile(all_logins, 0.95), "ms", size)
        bench("load_ramp_p95_ms", percentile([r[3] for r in ramp], 0.95), "ms", size)
        bench("load_requests", len(records), "requests", size)
        if self.memory:
            bench("load_web_rss_peak_mb", self.memory.peak_worker / MB, "MB per worker", size)
            bench("load_web_rss_total_peak_mb", self.memory.peak_total / MB, "MB", size)
            bench("load_task_worker_rss_peak_mb", self.memory.peak_tasks / MB, "MB", size)
            if self.memory.load:
                # Everything shares the machine: the portal, PostgreSQL, Locust itself and
                # whatever else runs; a load far above the cores means queueing.
                load = sum(self.memory.load) / len(self.memory.load)
                bench("load_host_load_avg", load, f"(on {os.cpu_count()} cores)", size)
            # Where the processors' time went in the steady state, in cores used on average:
            # the web workers, the task and document workers, PostgreSQL, Locust itself.
            used = self.memory.cpu_between(steady_from, steady_from + window)
            for group in (*CPU_GROUPS, "busy"):
                if group in used:
                    name = "machine" if group == "busy" else group
                    cores = used[group] / max(window, 1)
                    bench(f"load_cpu_{name}_cores", cores, f"cores of {os.cpu_count()}", size)
            if used.get("web") and len(steady):
                per_request = used["web"] / len(steady) * 1000
                bench("load_cpu_web_ms_per_request", per_request, "ms", size)
        print(flush=True)

        targets = [
            ("p95 of pages under 1 s", percentile(pages, 0.95) < 1000),
            ("p95 of all but uploads under 1 s", percentile(timed, 0.95) < 1000),
            ("no 5xx", not errors_5xx),
            ("no dropped connection", not dropped),
            ("no lost submission", not lost),
            ("p95 of uploads under 5 s", percentile(uploads, 0.95) < 5000),
        ]
        for label, met in targets:
            log(f"target {'met' if met else 'MISSED'}: {label}")
        for line in verify_lines:
            log(f"check: {line}")
        for line in lost[:20]:
            log(f"LOST: {line}")
        for note in results.get("notes", [])[:20]:
            log(f"note: {note}")
        self.slowest(steady)
        log("steady state, time inside the web workers by endpoint (share, count, p50, p95 ms):")
        print_shares(
            server,
            lambda times: f"{percentile(times, 0.5):7.0f} {percentile(times, 0.95):7.0f}",
        )
        cpu = self.cpu_by_endpoint()
        if cpu:
            count = sum(len(times) for times in cpu.values())
            total = sum(sum(times) for times in cpu.values())
            log(
                f"CPU time of the web workers by endpoint, whole run ({count} requests, "
                f"{total / count:.1f} ms each) (share, count, mean ms):"
            )
            print_shares(cpu, lambda times: f"{sum(times) / len(times):7.1f}")
        if errors_5xx or dropped:
            self.explain(errors_5xx + dropped)
        if args.faults:
            self.fault_report(records)
        if args.soak and not self.soak_report():
            failures += 1
        if args.faults:
            # A request whose database connection was ended under it may answer 503 (the
            # database is unreachable): that is the answer wanted. Any other 5xx is a fault.
            errors_5xx = [r for r in errors_5xx if r[4] != 503]
        failures += len(errors_5xx) + len(dropped) + len(lost)
        log(f"logs: {self.logs}")
        return 1 if failures else 0

    def server_side(self, since: float):
        """Time spent inside the web workers (gunicorn's access log), by endpoint: what the
        application costs, without the wait in the queue in front of the workers."""
        by_path = collections.defaultdict(list)
        pattern = re.compile(r'^\[([^\]]+)\] (\d+) (\d+)ms <\d+> "(\w+) ([^ ?"]+)')
        for line in (self.logs / "access.log").read_text(errors="replace").splitlines():
            found = pattern.match(line)
            if not found:
                continue
            moment, _status, ms, method, path = found.groups()
            when = datetime.datetime.strptime(moment, "%d/%b/%Y:%H:%M:%S %z").timestamp()
            if when < since:
                continue
            by_path[endpoint(method, path)].append(int(ms))
        return by_path

    def cpu_by_endpoint(self):
        """The CPU time each request took in its web worker (``gunicorn_cpu.py``), by
        endpoint, in ms: the whole run, warm-up included."""
        by_path = collections.defaultdict(list)
        for part in self.logs.glob("cpu.log.*"):
            for line in part.read_text(errors="replace").splitlines():
                method, path, micros = line.rsplit(" ", 2)
                by_path[endpoint(method, path)].append(int(micros) / 1000)
        return by_path

    def slowest(self, records):
        by_name = collections.defaultdict(list)
        for _s, group, name, ms, _status in records:
            by_name[(group, name)].append(ms)
        log("steady state, by request (count, p50, p95, max ms):")
        for (group, name), times in sorted(
            by_name.items(), key=lambda item: -percentile(item[1], 0.95)
        ):
            print(
                f"    {group:9} {name:34} {len(times):6} {percentile(times, 0.5):8.0f} "
                f"{percentile(times, 0.95):8.0f} {max(times):8.0f}",
                flush=True,
            )

    def explain(self, failed):
        counts = collections.Counter((r[2], r[4]) for r in failed)
        log("failed answers (name, status: count):")
        for (name, status), count in counts.most_common(20):
            print(f"    {name} {status}: {count}", flush=True)
        web = (self.logs / "web.log").read_text(encoding="utf-8", errors="replace")
        causes = collections.Counter(tracebacks(web))
        if causes:
            log("tracebacks in web.log (path, last line: count):")
            for (path, last), count in causes.most_common(15):
                print(f"    {path} — {last}: {count}", flush=True)
        timeouts = web.count("WORKER TIMEOUT")
        if timeouts:
            log(f"gunicorn killed {timeouts} workers that exceeded the 60 s timeout")

    def fault_report(self, records):
        log("fault run: how the portal answered")
        moments = [moment for moment, _ in self.fault_events] + [self.ended]
        for (moment, description), until in zip(self.fault_events, moments[1:], strict=True):
            # By when each answer came back: a request under way when the fault struck
            # is the one that meets it.
            window = [r for r in records if moment <= r[0] + r[3] / 1000 < until]
            statuses = collections.Counter(r[4] for r in window)
            shown = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
            print(f"    +{moment - self.started:5.0f}s {description}", flush=True)
            print(f"           answers until +{until - self.started:.0f}s: {shown or 'none'}")
            failed = [r for r in window if r[4] >= 500 or r[4] == 0]
            for start, _group, name, ms, status in failed[:8]:
                after = start + ms / 1000 - moment
                print(f"           {after:5.1f}s after: {name} answered {status}", flush=True)
        worker = self.workers[0]
        restarts = [f"+{t - self.started:.0f}s (exit {code})" for t, code in worker.exits]
        print(f"    task worker exits: {', '.join(restarts) or 'none'}", flush=True)
        job = getattr(self, "killed_job", None)
        if job is None:
            print("    no background import ran during the run: the worker was not killed")
        else:
            status, processed, total, message = self.query(
                "SELECT status, processed_rows, total_rows, message FROM registry_importjob "
                "WHERE id = %s",
                (job,),
            )[0]
            print(
                f"    import {job} after the kill: {status}, {processed}/{total} rows processed"
                + (f", “{message}”" if message else ""),
                flush=True,
            )

    def soak_report(self) -> bool:
        """Each web worker's memory after the warm-up and at the end; False past the limit."""
        # After the first fifth of the run (at least a minute after the last arrival): a
        # worker's first PDF, first export and first of each page load code and caches once.
        warm = max(self.ramped + 60, self.ramped + 0.2 * self.args.run_time)
        finish = self.ended - 2
        first, middle, last = (self.memory.at(m) for m in (warm, (warm + finish) / 2, finish))
        good = True
        self.write_memory(self.logs / "memory.csv")
        log(
            f"soak: web workers' memory after the warm-up (+{warm - self.started:.0f}s), "
            f"half-way and at the end (each second: {self.logs / 'memory.csv'})"
        )
        for pid in sorted(set(first) | set(last)):
            start, end = first.get(pid), last.get(pid)
            if start is None or end is None:
                shown_start = f"{start / MB:.0f} MB" if start else "–"
                shown_end = f"{end / MB:.0f} MB" if end else "–"
                print(f"    worker {pid}: {shown_start} → {shown_end} (recycled)", flush=True)
                continue
            growth = (end - start) / start * 100
            over = growth > self.args.soak_growth
            good &= not over
            half = f"{middle[pid] / MB:.0f} MB → " if pid in middle else ""
            print(
                f"    worker {pid}: {start / MB:.0f} MB → {half}{end / MB:.0f} MB "
                f"({growth:+.1f}%)" + ("  TOO MUCH" if over else ""),
                flush=True,
            )
        return good

    def write_memory(self, path: Path) -> None:
        """Every sample of the web workers' memory, a row per second and worker: whether a
        worker's growth came in one step (a first document, a first export) or all along."""
        with open(path, "w", encoding="utf-8") as out:
            out.write("seconds,worker,rss_mb\n")
            for moment, sizes in self.memory.samples:
                for pid, rss in sorted(sizes.items()):
                    out.write(f"{moment - self.started:.0f},{pid},{rss / MB:.1f}\n")

    # Start to end ------------------------------------------------------------------------

    def cleanup(self):
        self.stopping.set()
        stop_process(self.locust)
        stop_process(self.setup_process)
        for worker in self.workers:
            worker.stop()
        stop_process(self.web, grace=20)
        if self.memory:
            self.memory.stopping.set()
        self.drop_database()
        shutil.rmtree(self.files, ignore_errors=True)

    def main(self) -> int:
        log(f"logs in {self.logs}")
        try:
            self.prepare()
            self.start_portal()
            results = self.run_locust()
            # A killed worker leaves its import to the stale-import recovery.
            if self.args.faults:
                self.wait_for_imports(150, recover=True)
            else:
                self.wait_for_imports(300)
            lost, lines = self.verify(results["acks"])
            return self.report(results, lost, lines)
        finally:
            self.cleanup()
            log("stopped the portal and its workers, dropped the database")


def parse(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=None, help="200; 50 with --soak")
    parser.add_argument(
        "--run-time",
        type=int,
        default=None,
        help="seconds of steady state after the arrivals: 120; 900 with --soak",
    )
    parser.add_argument(
        "--spawn-rate", type=float, default=0, help="arrivals per second (users/60)"
    )
    parser.add_argument("--wait", default="3,15", help="seconds between actions: min,max")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--exemplars", type=int, default=20_000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--web-workers", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=500)
    parser.add_argument("--max-imports", type=int, default=10)
    parser.add_argument("--max-uploads", type=int, default=150)
    parser.add_argument(
        "--big-import-rows",
        type=int,
        default=10_000,
        help="with --faults: one import this large, long enough on the task worker to be "
        "killed in the middle",
    )
    parser.add_argument("--faults", action="store_true")
    parser.add_argument("--soak", action="store_true")
    parser.add_argument("--soak-growth", type=float, default=20.0, help="percent")
    parser.add_argument(
        "--soak-recycle",
        action="store_true",
        help="keep gunicorn's --max-requests recycling during a soak (off: growth shows)",
    )
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--log-dir", default="")
    args = parser.parse_args(argv)
    args.users = args.users or (50 if args.soak else 200)
    args.run_time = args.run_time or (900 if args.soak else 120)
    return args


def main(argv=None) -> int:
    harness = Harness(parse(argv))

    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    try:
        return harness.main()
    except KeyboardInterrupt:
        log("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
