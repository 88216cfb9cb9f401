"""The load test's people send what the portal's pages ask for: if a form changes, these fail
here, in the ordinary suite, rather than silently turning the load run into a run of errors.
(The load run itself is ``make loadtest``; it is not part of the suite.)"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from registry import workflow
from registry.models import Exemplar, ImportJob
from tests.factories.exemplars import ExemplarFactory
from tests.load import pages
from tests.load.seed import import_header

pytestmark = pytest.mark.integration


def test_the_filled_exemplar_form_makes_a_draft_ready_to_send(world, client_for):
    client = client_for(world.user("editor_a"))
    form = client.get(reverse("registry:exemplar_create"))
    data = pages.fill_exemplar_form(form.content.decode(), 2025)
    assert data["creation_token"] and data["field"]
    response = client.post(reverse("registry:exemplar_create"), data)
    assert response.status_code == 302
    exemplar = Exemplar.objects.get()
    assert response["Location"] == f"/dien-hinh/{exemplar.code}/"
    assert exemplar.unit == world.dept_a
    assert workflow.completeness_errors(exemplar) == []
    page = client.get(response["Location"]).content.decode()
    assert pages.VERSION.search(page).group(1) == str(exemplar.version)
    assert pages.csrf(page)


def test_links_and_queue_boxes_are_found_on_the_pages(world, client_for):
    from registry.enums import ExemplarStatus

    exemplar = ExemplarFactory(unit=world.dept_a)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=ExemplarStatus.UNDER_REVIEW)
    client = client_for(world.user("home_affairs"))
    listing = client.get(reverse("registry:exemplar_list")).content.decode()
    assert exemplar.code in pages.CODE_LINK.findall(listing)
    queue = client.get(reverse("registry:review_queue")).content.decode()
    assert pages.SELECTED.findall(queue) == [exemplar.code]


def test_the_import_sheet_has_the_templates_header(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.user("editor_a"))
    sheet = pages.import_workbook(import_header(), 5, "TTTEST", 2025)
    # The check runs once the upload's transaction commits (the tests' worker is immediate).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registry:import_start", args=["dien-hinh"]),
            {"file": SimpleUploadedFile("dien-hinh.xlsx", sheet)},
        )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.status, job.new_rows, job.error_rows) == (ImportJob.Status.READY, 5, 0)
    report = client.get(job.get_absolute_url()).content.decode()
    confirm = reverse("registry:import_confirm", args=[job.pk])
    assert pages.CONFIRM.search(report).group(1) == confirm


@pytest.mark.unit
def test_photos_are_valid_jpegs_of_the_size_asked_within_the_limit():
    photo = pages.make_photo(1)
    assert 0.9 * 1024 * 1024 <= len(photo) <= 1.05 * 1024 * 1024
    with Image.open(io.BytesIO(photo)) as image:
        assert image.format == "JPEG"
        image.verify()
    assert len(pages.make_photo(9.8)) < 10 * 1024 * 1024
