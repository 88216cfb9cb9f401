"""An editor of Sở Y tế opens the report on an exemplar whose achievements run to two million
characters. Too large for a web request, the draft goes to the document worker: the editor
sees a page saying it is being prepared, with its progress, leaves it, and comes back once the
worker is done to find the PDF and the DOCX, the long text cut with a note that points to the
record on the portal.

The worker is the real database-backed one (``db_worker --queue-name documents``), run by the
test while the browser is away from the page: the live server and the test share one SQLite
connection, so the two never write at once.
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from registry.enums import ExemplarStatus
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.test_document_journey import docx_text
from tests.factories.exemplars import ExemplarFactory
from tests.test_document_limits import LONG, OPENING, long_text, note, squeezed
from tests.test_documents import pdf_text

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 4 * TIMEOUT_MS


@pytest.fixture
def database_worker(settings):
    """Queued tasks wait in the database for ``run_worker()``, as in production."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    settings.PORTAL = {**settings.PORTAL, "DOCUMENT_INLINE_PAGES": 2}

    def run_worker() -> None:
        call_command(
            "db_worker",
            queue_name="documents",
            batch=True,
            startup_delay=False,
            reload=False,
            interval=0.1,
            verbosity=0,
        )

    return run_worker


def test_a_big_profile_is_prepared_in_the_background(
    page: Page, world, login, axe_check, database_worker
):
    from reports.models import DocumentRender

    exemplar = ExemplarFactory(
        unit=world.dept_a,
        full_name="Nguyễn Văn Dài",
        status=ExemplarStatus.ACCEPTED,
        achievements=long_text(),
        with_evidence=False,
    )
    login(world.user("editor_a"))
    page.goto(exemplar.get_absolute_url())
    actions = page.get_by_role("group", name="Báo cáo thành tích của điển hình")

    # Too big to draw while the editor waits: the button leads to a page that says the
    # worker prepares it.
    actions.get_by_role("link", name="Dự thảo (PDF)").click()
    page.wait_for_url(re.compile(r"[?&]render=\d+$"))
    draft = page
    expect(draft.get_by_role("heading", level=1)).to_have_text("Báo cáo thành tích của điển hình")
    expect(draft.get_by_text("Nguyễn Văn Dài", exact=True)).to_be_visible()
    status = draft.locator("#render-progress")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text("Đang chờ xử lý")
    expect(status).to_have_attribute("hx-trigger", "every 2s")
    expect(draft.get_by_role("progressbar", name="Tiến độ")).to_be_visible()
    expect(draft.get_by_test_id("download-pdf")).to_have_count(0)
    axe_check(draft)
    render = DocumentRender.objects.get()
    assert render.status == DocumentRender.Status.QUEUED
    assert re.search(rf"[?&]render={render.pk}$", draft.url)

    # The editor leaves the page; the document worker takes the task.
    page_url = draft.url
    draft.goto("about:blank")
    database_worker()
    render.refresh_from_db()
    assert render.status == DocumentRender.Status.DONE, render.error

    # Back on the page: ready, nothing more to wait for, the files offered.
    draft.goto(page_url)
    pdf_link = draft.get_by_test_id("download-pdf")
    expect(pdf_link).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    expect(draft.locator("#render-progress")).not_to_have_attribute("hx-trigger", "every 2s")
    expect(draft.get_by_role("progressbar")).to_have_count(0)
    axe_check(draft)

    response = draft.request.get(pdf_link.get_attribute("href"))
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert OPENING in " ".join(text.split())
    assert squeezed(note(LONG, exemplar.get_absolute_url())) in squeezed(text)

    with draft.expect_download() as download:
        draft.get_by_test_id("download-docx").click()
    assert download.value.suggested_filename.endswith("-du-thao.docx")
    word = docx_text(io.BytesIO(download.value.path().read_bytes()).getvalue())
    assert note(LONG, exemplar.get_absolute_url()) in word
