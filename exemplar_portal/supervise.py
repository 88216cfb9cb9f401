"""Run the demo's web server and task workers side by side, and stop them together.

``make demo`` and ``make document-worker`` start their processes through this script::

    python -m exemplar_portal.supervise \\
        --run "web=python manage.py runserver --noreload 127.0.0.1:8000" \\
        --run "worker=python manage.py db_worker" \\
        --restart "documents=python manage.py db_worker --queue-name documents --max-tasks 1"

- A ``--run`` process must keep running: if it exits (the port is taken, the database is
  missing…), the others are stopped and the script exits with status 1 and says why.
- A ``--restart`` process is started again each time it exits: at once after a clean exit
  (the document worker exits after each render), after ``--restart-delay`` seconds after a
  failure. Nothing is started again once stopping has begun.
- SIGINT (Ctrl+C, sent by the terminal to the whole process group), SIGTERM or SIGHUP
  stops everything: each process gets SIGTERM, a second SIGTERM after ``--grace`` seconds
  (a task worker then abandons its task and marks it failed) and SIGKILL after twice that;
  another Ctrl+C kills at once. The script then ends by the same signal, as a shell expects.

Each process runs in a process group of its own, so the terminal's Ctrl+C reaches this
script alone and the processes stop in order; the script signals only the groups it
created, never other processes by name (another checkout's workers are left alone).
"""

import argparse
import contextlib
import os
import select
import shlex
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PR_SET_PDEATHSIG = 1


@dataclass
class Child:
    name: str
    argv: list[str]
    restart: bool = False
    process: subprocess.Popen | None = None
    # When a restarting process that failed is due to start again (time.monotonic()).
    due: float | None = None


def describe(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def _die_with_parent():
    """In a child, before exec: receive SIGTERM if the supervisor itself is killed (SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the supervisor died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)


class Supervisor:
    def __init__(self, children, *, grace=2.0, restart_delay=5.0, out=None):
        self.children = list(children)
        self.grace = grace
        self.restart_delay = restart_delay
        self.out = out or sys.stdout
        self.stop_signal = None
        self.signals_received = 0
        self.signals_at_stop = 0  # how many had come when the one that stops us came

    def say(self, message: str) -> None:
        # One write, so that the line never mixes with the processes' own output.
        self.out.write(f"[supervise] {message}\n")
        self.out.flush()

    def run(self) -> int:
        """Run until a stop signal or a failure; 0, 1 (failure) or minus the stop signal."""
        wakeup_read, wakeup_write = os.pipe()
        os.set_blocking(wakeup_read, False)
        os.set_blocking(wakeup_write, False)
        previous = {sig: signal.signal(sig, self._on_stop_signal) for sig in STOP_SIGNALS}
        # A child's exit wakes the loop up through the wake-up pipe.
        previous[signal.SIGCHLD] = signal.signal(signal.SIGCHLD, lambda *_: None)
        previous_wakeup = signal.set_wakeup_fd(wakeup_write, warn_on_full_buffer=False)
        try:
            failure = self._supervise(wakeup_read)
            if failure:
                self.say(failure)
            self._stop_all(wakeup_read)
        finally:
            signal.set_wakeup_fd(previous_wakeup)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            os.close(wakeup_read)
            os.close(wakeup_write)
        if failure:
            return 1
        if self.stop_signal is not None:
            self.say("all stopped.")
            return -self.stop_signal
        return 0

    def _on_stop_signal(self, signum, frame):
        self.signals_received += 1
        if self.stop_signal is None:
            self.stop_signal = signum
            self.signals_at_stop = self.signals_received

    def _wait(self, wakeup_read: int, timeout: float | None) -> None:
        if timeout is not None and timeout <= 0:
            return
        ready, _, _ = select.select([wakeup_read], [], [], timeout)
        if ready:
            try:
                while os.read(wakeup_read, 512):
                    pass
            except BlockingIOError:
                pass

    def _start(self, child: Child) -> str | None:
        child.due = None
        try:
            child.process = subprocess.Popen(  # noqa: S603 - the operator's own commands
                child.argv,
                stdin=subprocess.DEVNULL,
                process_group=0,
                preexec_fn=_die_with_parent,  # the supervisor has no threads
            )
        except OSError as error:
            return f"{child.name} could not be started ({error}); stopping the others."
        self.say(f"{child.name} started (pid {child.process.pid})")
        return None

    def _signal_group(self, child: Child, sig: int) -> None:
        """Signal the process group this script created for the child, and nothing else."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.process.pid, sig)

    def _reap(self, child: Child) -> int | None:
        """The child's return code if it has exited (then forgotten), else None."""
        process = child.process
        try:
            # Look without reaping: while the leader is unreaped, its group id cannot be
            # given to another process, so whatever is left of its group can be killed.
            info = os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            info = True  # already reaped by Popen
        if not info or (info is not True and info.si_pid == 0):
            return None
        self._signal_group(child, signal.SIGKILL)
        returncode = process.wait()
        child.process = None
        return returncode

    def _supervise(self, wakeup_read: int) -> str | None:
        for child in self.children:
            if self.stop_signal is not None:
                return None
            failure = self._start(child)
            if failure:
                return failure
        while self.stop_signal is None:
            now = time.monotonic()
            for child in self.children:
                if self.stop_signal is not None:
                    break
                if child.process is None:
                    if child.due is not None and child.due <= now:
                        failure = self._start(child)
                        if failure:
                            return failure
                    continue
                returncode = self._reap(child)
                if returncode is None:
                    continue
                if not child.restart:
                    return f"{child.name} stopped ({describe(returncode)}); stopping the others."
                if returncode == 0:
                    failure = self._start(child)
                    if failure:
                        return failure
                else:
                    self.say(
                        f"{child.name} failed ({describe(returncode)}); "
                        f"starting it again in {self.restart_delay:g} s."
                    )
                    child.due = now + self.restart_delay
            if self.stop_signal is not None:
                break
            dues = [child.due for child in self.children if child.due is not None]
            self._wait(wakeup_read, max(0.0, min(dues) - time.monotonic()) if dues else None)
        return None

    def _stop_all(self, wakeup_read: int) -> None:
        # A signal after the one that began stopping (or after a failure did) kills at once.
        signals_before = (
            self.signals_at_stop if self.stop_signal is not None else self.signals_received
        )
        for child in self.children:
            child.due = None
        running = [child for child in self.children if child.process is not None]
        if not running:
            return
        names = ", ".join(child.name for child in running)
        self.say(f"stopping {names}…")
        for child in running:
            self._signal_group(child, signal.SIGTERM)
        started = time.monotonic()
        second_term_at, kill_at = started + self.grace, started + 2 * self.grace
        second_term_sent = killed = False
        while True:
            running = [child for child in running if self._reap(child) is None]
            if not running:
                return
            now = time.monotonic()
            if not killed and (now >= kill_at or self.signals_received > signals_before):
                for child in running:
                    self._signal_group(child, signal.SIGKILL)
                killed = True
            elif not second_term_sent and now >= second_term_at:
                for child in running:
                    self._signal_group(child, signal.SIGTERM)
                second_term_sent = True
            # After SIGKILL, each exit wakes the loop; look again now and then all the same.
            next_step = now + 1.0 if killed else kill_at if second_term_sent else second_term_at
            self._wait(wakeup_read, next_step - now)


def parse_child(value: str, *, restart: bool) -> Child:
    name, sep, command = value.partition("=")
    argv = shlex.split(command)
    if not sep or not name.strip() or not argv:
        raise argparse.ArgumentTypeError(f"expected NAME=COMMAND, got {value!r}")
    return Child(name.strip(), argv, restart=restart)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m exemplar_portal.supervise",
        description="Run processes side by side and stop them together (make demo).",
    )
    for option, restart, help_text in (
        ("--run", False, "a process that must keep running; if it exits, everything stops"),
        ("--restart", True, "a process started again each time it exits, until stopping begins"),
    ):
        parser.add_argument(
            option,
            action="append",
            default=[],
            metavar="NAME=COMMAND",
            type=lambda value, restart=restart: parse_child(value, restart=restart),
            help=help_text,
        )
    parser.add_argument(
        "--grace",
        type=float,
        default=2.0,
        help="seconds between SIGTERM, a second SIGTERM and SIGKILL when stopping (2)",
    )
    parser.add_argument(
        "--restart-delay",
        type=float,
        default=5.0,
        help="seconds before a --restart process that failed is started again (5)",
    )
    options = parser.parse_args(argv)
    children = options.run + options.restart
    if not children:
        parser.error("nothing to run: give --run or --restart")
    names = [child.name for child in children]
    if len(set(names)) != len(names):
        parser.error("each process needs a name of its own")
    returncode = Supervisor(
        children, grace=options.grace, restart_delay=options.restart_delay
    ).run()
    if returncode < 0:
        # End by the signal that stopped us, so that make and the shell see an interruption.
        signal.signal(-returncode, signal.SIG_DFL)
        os.kill(os.getpid(), -returncode)
        return 128 - returncode
    return returncode


if __name__ == "__main__":
    sys.exit(main())
