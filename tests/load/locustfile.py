"""People of every role using the portal at once, for ``make loadtest`` (``tests/load/run.py``).

Each simulated person logs in through the login form (CSRF token and all) with an account of
the plan that ``tests/load/seed.py`` wrote, then works as that role does: unit editors browse,
search, open records, fill the exemplar form and send it for review, attach photos of 1-10 MB
and import a sheet of exemplars; Home Affairs and district reviewers work their review queue,
several records at once; leaders open the dashboard; everyone downloads documents (PDF,
Excel). Every request is recorded with its group (page, form, upload, import, document,
login, static) and every submission the portal acknowledged (a redirect) is written down,
so that the runner can check afterwards that each one is in the database.

Environment: LOAD_PLAN (the seed's JSON), LOAD_OUT (where the results go), LOAD_WAIT
("min,max" seconds of thinking between actions), LOAD_MAX_REQUESTS (the run stops past
it), LOAD_IMPORT_ROWS, LOAD_MAX_IMPORTS, LOAD_MAX_UPLOADS, LOAD_BIG_IMPORT_ROWS (one import
that large, for the fault run: it goes to the task worker).
"""

import itertools
import json
import os
import random
import sys
import threading
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.load.pages import (
    CODE_LINK,
    CONFIRM,
    PAGE_LINK,
    SEARCHES,
    SELECTED,
    STATIC,
    VERSION,
    csrf,
    fill_exemplar_form,
    import_workbook,
    make_photos,
)

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
OUT = os.environ.get("LOAD_OUT", "load-results.json")
WAIT = [float(x) for x in os.environ.get("LOAD_WAIT", "3,15").split(",")]
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "200000"))
IMPORT_ROWS = int(os.environ.get("LOAD_IMPORT_ROWS", "500"))
BIG_IMPORT_ROWS = int(os.environ.get("LOAD_BIG_IMPORT_ROWS", "0"))
YEAR = PLAN["year"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PHOTOS: list[bytes] = []

RECORDS: list[tuple] = []  # (start time, group, name, milliseconds, status)
ACKS: list[dict] = []  # submissions the portal acknowledged
NOTES: list[str] = []
_lock = threading.Lock()


class Budget:
    """At most ``n`` of something in the whole run (imports, uploads)."""

    def __init__(self, n: int):
        self.left = n

    def take(self) -> bool:
        with _lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True


IMPORTS = Budget(int(os.environ.get("LOAD_MAX_IMPORTS", "10")))
UPLOADS = Budget(int(os.environ.get("LOAD_MAX_UPLOADS", "150")))
BIG_IMPORT = Budget(1 if BIG_IMPORT_ROWS else 0)


@events.request.add_listener
def _record(request_type, name, response_time, response, context, exception, start_time, **kw):
    status = getattr(response, "status_code", 0) or 0
    RECORDS.append((start_time, (context or {}).get("group", "page"), name, response_time, status))
    if len(RECORDS) >= MAX_REQUESTS:
        runner = getattr(_record, "environment", None) and _record.environment.runner
        if runner is not None and not getattr(_record, "stopping", False):
            _record.stopping = True
            NOTES.append(f"stopped at the request cap ({MAX_REQUESTS})")
            threading.Thread(target=runner.quit, daemon=True).start()


@events.init.add_listener
def _init(environment, **kw):
    _record.environment = environment
    PHOTOS.extend(make_photos())


SPAWNED: list[float] = []


@events.spawning_complete.add_listener
def _spawned(user_count, **kw):
    SPAWNED.append(time.time())


@events.quitting.add_listener
def _write(environment, **kw):
    results = {"records": RECORDS, "acks": ACKS, "notes": NOTES, "spawned_at": SPAWNED[:1]}
    with open(OUT, "w", encoding="utf-8") as out:
        json.dump(results, out, ensure_ascii=False)


# People --------------------------------------------------------------------------------------

_next = {role: itertools.count() for role in {a["role"] for a in PLAN["accounts"]}}


def account_for(role: str, in_force: bool = False) -> dict:
    """The next account of ``role`` in turn; ``in_force``: of a unit that still exists (an
    ended unit makes no new records)."""
    accounts = [
        a for a in PLAN["accounts"] if a["role"] == role and not (in_force and a["unit_ended"])
    ]
    return accounts[next(_next[role]) % len(accounts)]


class Person(HttpUser):
    abstract = True
    role = ""
    makes_records = False
    wait_time = between(*WAIT)

    # Requests, each recorded with its group ------------------------------------------------

    def get(self, path, name, group="page", **kw):
        return self.client.get(path, name=name, context={"group": group}, **kw)

    def post(self, path, name, data, group="form", **kw):
        headers = {"Referer": self.host + path}
        return self.client.post(
            path, data=data, name=name, context={"group": group}, headers=headers, **kw
        )

    def page(self, path, name):
        response = self.get(path, name)
        if "/accounts/login/" in (response.url or "") and response.status_code == 200:
            # The session ended (idle time-out, a restart): log in again, as a person would.
            self.login()
            response = self.get(path, name)
        self.remember(response.text if response.status_code == 200 else "")
        return response

    def remember(self, html: str):
        for code in CODE_LINK.findall(html):
            self.codes.add(code)
        if len(self.codes) > 300:
            self.codes = set(random.sample(sorted(self.codes), 150))

    def code(self):
        return random.choice(sorted(self.codes)) if self.codes else None  # noqa: S311

    # Log in --------------------------------------------------------------------------------

    def on_start(self):
        self.account = account_for(self.role, in_force=self.makes_records)
        self.codes: set[str] = set()
        self.list_pages = 1
        self.login()
        home = self.page("/", "home")
        # A browser fetches the style sheets and scripts once, then keeps them.
        for asset in sorted(set(STATIC.findall(home.text or "")))[:8]:
            self.get(asset, "static asset", group="static")

    def login(self):
        form = self.get("/accounts/login/", "login form", group="login")
        response = self.post(
            "/accounts/login/",
            "login",
            {
                "csrfmiddlewaretoken": csrf(form.text),
                "username": self.account["username"],
                "password": PLAN["password"],
            },
            group="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            NOTES.append(f"login of {self.account['username']} answered {response.status_code}")
            raise StopUser

    # What everyone does --------------------------------------------------------------------

    def browse_list(self):
        # Among the pages the list offered last time (the first five at most).
        number = random.randint(1, min(self.list_pages, 5))  # noqa: S311
        response = self.page(f"/dien-hinh/?page={number}", "exemplar list")
        pages = [int(n) for n in PAGE_LINK.findall(response.text or "")]
        self.list_pages = max([1, *pages])

    def search(self):
        query = random.choice(SEARCHES)  # noqa: S311
        self.page(f"/dien-hinh/?q={query}&year={random.randint(YEAR - 3, YEAR)}", "search")  # noqa: S311

    def open_exemplar(self):
        code = self.code()
        if code is None:
            return self.browse_list()
        return self.page(f"/dien-hinh/{code}/", "exemplar page")

    def profile_pdf(self):
        code = self.code()
        if code:
            self.get(
                f"/bao-cao/van-ban/dien-hinh/{code}/ho-so/?format=pdf",
                "exemplar profile (PDF)",
                group="document",
            )

    def list_xlsx(self):
        self.get(
            f"/dien-hinh/?year={YEAR - 1}&export=xlsx", "exemplar list (Excel)", group="document"
        )

    def unit_document(self):
        fmt = random.choice(["pdf", "xlsx"])  # noqa: S311
        self.get(
            f"/bao-cao/van-ban/don-vi/{self.account['unit']}/danh-sach-dien-hinh/"
            f"?year={YEAR - 1}&format={fmt}",
            f"unit exemplars ({fmt})",
            group="document",
        )

    def dashboard(self):
        self.page("/bao-cao/tong-quan/", "dashboard")

    # Review ------------------------------------------------------------------------------

    def review_in_bulk(self, actions):
        path = "/tham-dinh/"
        queue = self.page(path, "review queue")
        codes = SELECTED.findall(queue.text or "")
        if not codes:
            return
        chosen = random.sample(codes, min(len(codes), random.randint(1, 5)))  # noqa: S311
        action, comment = random.choice(actions)  # noqa: S311
        response = self.post(
            path,
            "review in bulk",
            {
                "csrfmiddlewaretoken": csrf(queue.text),
                "selected": chosen,
                "action": action,
                "comment": comment,
            },
            allow_redirects=False,
        )
        if response.status_code == 302:
            with _lock:
                ACKS.append({"kind": "review", "codes": chosen, "action": action})
            self.page(path, "review queue")


class UnitEditor(Person):
    """Drafts, completes and sends the unit's exemplars; imports a sheet now and then."""

    role = "unit_editor"
    makes_records = True
    weight = 40

    @task(6)
    def list_(self):
        self.browse_list()

    @task(3)
    def search_(self):
        self.search()

    @task(8)
    def open_(self):
        self.open_exemplar()

    @task(2)
    def home(self):
        self.page("/", "home")

    @task(1)
    def notifications(self):
        self.page("/thong-bao/", "notifications")

    @task(4)
    def fill_and_send(self):
        form = self.page("/dien-hinh/them/", "exemplar form")
        if form.status_code != 200:
            return
        data = fill_exemplar_form(form.text, YEAR)
        response = self.post(
            "/dien-hinh/them/", "exemplar form (save)", data, allow_redirects=False
        )
        if response.status_code != 302:
            return
        location = response.headers["Location"]
        code = location.rstrip("/").rsplit("/", 1)[-1]
        with _lock:
            ACKS.append({"kind": "exemplar", "code": code, "token": data.get("creation_token")})
        page = self.page(location, "exemplar page")
        if random.random() < 0.5 and UPLOADS.take():  # noqa: S311
            self.upload_photo(code, page)
            page = self.page(location, "exemplar page")
        if random.random() < 0.8:  # noqa: S311
            version = VERSION.search(page.text or "")
            response = self.post(
                f"/dien-hinh/{code}/chuyen/",
                "send for review",
                {
                    "csrfmiddlewaretoken": csrf(page.text),
                    "action": "submit",
                    "comment": "",
                    "version": version.group(1) if version else "1",
                },
                allow_redirects=False,
            )
            # A move that cannot be made also goes back to the record, to the place that
            # says why (``…/#missing``, ``…/#next-step``): only a plain return means sent.
            if response.status_code == 302 and "#" not in response.headers.get("Location", ""):
                with _lock:
                    ACKS.append({"kind": "submit", "code": code})

    def upload_photo(self, code, page):
        photo = random.choice(PHOTOS)  # noqa: S311
        caption = f"Ảnh thử tải {uuid.uuid4().hex[:12]}"
        response = self.client.post(
            f"/dien-hinh/{code}/tep/",
            data={"csrfmiddlewaretoken": csrf(page.text), "caption": caption},
            files={"file": ("anh-hoat-dong.jpg", photo, "image/jpeg")},
            headers={"Referer": f"{self.host}/dien-hinh/{code}/"},
            name="photo upload",
            context={"group": "upload"},
            allow_redirects=False,
        )
        if response.status_code == 302:
            with _lock:
                ACKS.append(
                    {"kind": "upload", "code": code, "caption": caption, "size": len(photo)}
                )

    @task(1)
    def documents(self):
        random.choice([self.unit_document, self.list_xlsx, self.profile_pdf])()  # noqa: S311

    def on_start(self):
        super().on_start()
        if BIG_IMPORT.take():
            # The fault run's large import, at once, so that the task worker has it in hand
            # when it is killed.
            self.import_sheet(BIG_IMPORT_ROWS)

    @task(1)
    def import_now_and_then(self):
        if IMPORTS.take():
            self.import_sheet(IMPORT_ROWS)
        else:
            self.browse_list()

    def import_sheet(self, rows):
        start = self.page("/nhap-du-lieu/dien-hinh/", "import form")
        tag = f"TT{uuid.uuid4().hex[:8].upper()}"
        sheet = import_workbook(PLAN["import_header"], rows, tag, YEAR)
        response = self.client.post(
            "/nhap-du-lieu/dien-hinh/",
            data={"csrfmiddlewaretoken": csrf(start.text)},
            files={"file": (f"dien-hinh-{tag}.xlsx", sheet, XLSX)},
            headers={"Referer": f"{self.host}/nhap-du-lieu/dien-hinh/"},
            name=f"import upload ({rows} rows)",
            context={"group": "import"},
            allow_redirects=False,
        )
        if response.status_code != 302:
            NOTES.append(f"import upload of {rows} rows answered {response.status_code}")
            return
        job = response.headers["Location"]
        report = self.wait_for(job)
        if report is None or not CONFIRM.search(report.text or ""):
            NOTES.append(f"import {job} ({rows} rows) could not be confirmed")
            return
        confirm = CONFIRM.search(report.text)
        response = self.post(
            confirm.group(1),
            f"import confirm ({rows} rows)",
            {"csrfmiddlewaretoken": csrf(report.text)},
            group="import",
            allow_redirects=False,
        )
        if response.status_code == 302:
            with _lock:
                ACKS.append({"kind": "import", "job": job, "tag": tag, "rows": rows})
            self.wait_for(job)

    def wait_for(self, job, limit=600):
        """The import's page once it is no longer being checked or written (polled every 2 s,
        as the page itself does)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            progress = self.get(f"{job}?progress=1", "import progress", allow_redirects=False)
            if progress.status_code != 200:
                break
            time.sleep(2)
        return self.page(job, "import report")


class UnitHead(Person):
    role = "unit_head"
    weight = 10

    @task(5)
    def list_(self):
        self.browse_list()

    @task(2)
    def search_(self):
        self.search()

    @task(6)
    def open_(self):
        self.open_exemplar()

    @task(2)
    def home(self):
        self.page("/", "home")

    @task(1)
    def documents(self):
        random.choice([self.unit_document, self.profile_pdf])()  # noqa: S311


class HomeAffairs(Person):
    role = "home_affairs"
    weight = 15

    @task(5)
    def queue(self):
        self.page("/tham-dinh/", "review queue")

    @task(3)
    def review(self):
        self.review_in_bulk([("accept", ""), ("accept", ""), ("return", "Đề nghị bổ sung ảnh.")])

    @task(4)
    def search_(self):
        self.search()

    @task(5)
    def open_(self):
        self.open_exemplar()

    @task(2)
    def dashboard_(self):
        self.dashboard()

    @task(1)
    def quotas(self):
        self.page("/chi-tieu/tien-do/", "quota progress")

    @task(1)
    def imports(self):
        self.page("/nhap-du-lieu/", "import list")

    @task(1)
    def documents(self):
        random.choice([self.profile_pdf, self.list_xlsx])()  # noqa: S311


class DistrictReviewer(Person):
    role = "district_reviewer"
    weight = 3

    @task(4)
    def queue(self):
        self.page("/tham-dinh/", "review queue")

    @task(2)
    def review(self):
        self.review_in_bulk([("endorse", ""), ("district_return", "Bổ sung minh chứng.")])

    @task(3)
    def list_(self):
        self.browse_list()

    @task(3)
    def open_(self):
        self.open_exemplar()


class Media(Person):
    role = "media"
    weight = 8

    @task(4)
    def list_(self):
        self.browse_list()

    @task(4)
    def open_(self):
        self.open_exemplar()

    @task(2)
    def coverage(self):
        self.page("/phong-trao/tin-bai/", "coverage list")

    @task(1)
    def events_(self):
        self.page("/phong-trao/su-kien/", "event list")

    @task(1)
    def search_(self):
        self.search()


class Leader(Person):
    role = "leader"
    weight = 14

    @task(6)
    def dashboard_(self):
        self.dashboard()

    @task(1)
    def dashboard_document(self):
        fmt = random.choice(["pdf", "xlsx"])  # noqa: S311
        self.get(
            f"/bao-cao/tong-quan/van-ban/?year={YEAR - 1}&format={fmt}",
            f"dashboard document ({fmt})",
            group="document",
        )

    @task(3)
    def list_(self):
        self.browse_list()

    @task(3)
    def search_(self):
        self.search()

    @task(3)
    def open_(self):
        self.open_exemplar()


class Administrator(Person):
    role = "administrator"
    weight = 10

    @task(3)
    def list_(self):
        self.browse_list()

    @task(2)
    def admin_users(self):
        self.page("/quan-tri/registry/user/", "admin: users")

    @task(1)
    def admin_index(self):
        self.page("/quan-tri/", "admin: index")

    @task(2)
    def units(self):
        self.page("/don-vi/", "unit list")

    @task(2)
    def imports(self):
        self.page("/nhap-du-lieu/", "import list")

    @task(2)
    def open_(self):
        self.open_exemplar()
