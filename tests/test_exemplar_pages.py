"""The unit's exemplar form and list: what is typed is never lost, one record per form,
posted status or unit fields are ignored, each role sees only what it reaches."""

import uuid

import pytest
from django.urls import reverse

from registry.enums import ExemplarStatus as S
from registry.models import CriterionEvidence, Exemplar, Field
from tests.conftest import wait_until_a_request_waits_on_a_lock
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration


def form_data(**overrides):
    data = {
        "year": 2025,
        "subject_kind": "individual",
        "full_name": "Phạm Thị Thu Trang",
        "gender": "female",
        "birth_year": 1990,
        "position": "Giáo viên",
        "workplace": "Trường THCS Gia Vân",
        "field": Field.objects.get(code="education-training").pk,
        "achievements": "Ba năm liền giáo viên dạy giỏi cấp tỉnh.",
        "new_model": "Câu lạc bộ đọc sách cho học sinh vùng chiêm trũng.",
        "contact_name": "Phạm Văn Long",
        "contact_phone": "0912 000 111",
        "publication_consent": "on",
        "creation_token": str(uuid.uuid4()),
        "specific_evidence": "Học sinh đạt giải cấp tỉnh nhiều năm.",
    }
    data.update(overrides)
    return data


def test_a_unit_editor_drafts_an_exemplar_with_evidence(world, client_for):
    client = client_for(world.user("editor_a"))
    response = client.post(reverse("registry:exemplar_create"), form_data())
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302
    assert response["Location"] == exemplar.get_absolute_url()
    assert exemplar.unit == world.dept_a
    assert exemplar.status == S.DRAFT
    assert exemplar.created_by == world.user("editor_a")
    specific = CriterionEvidence.objects.get(exemplar=exemplar, criterion__kind="specific")
    assert specific.criterion.field.code == "education-training"
    assert "Phạm Thị Thu Trang" not in response["Location"]


def test_the_same_form_sent_twice_makes_one_record(world, client_for):
    client = client_for(world.user("editor_a"))
    data = form_data()
    first = client.post(reverse("registry:exemplar_create"), data)
    second = client.post(reverse("registry:exemplar_create"), data)
    assert Exemplar.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_send_that_lost_the_race_answers_with_the_record_already_made(
    world, client_for, monkeypatch
):
    """Both requests looked before either saved: the second's insert meets the token's
    unique constraint and answers with the first record instead of a 500."""
    from django.db.models import QuerySet

    client = client_for(world.user("editor_a"))
    data = form_data()
    first = client.post(reverse("registry:exemplar_create"), data)
    real_first = QuerySet.first
    missed = []

    def first_misses_once(queryset):
        if queryset.model is Exemplar and not missed:
            missed.append(True)
            return None
        return real_first(queryset)

    monkeypatch.setattr(QuerySet, "first", first_misses_once)
    second = client.post(reverse("registry:exemplar_create"), data)
    assert missed
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Exemplar.objects.count() == 1


def test_two_sends_at_the_same_moment_make_one_record_and_no_error(committed_world, password):
    """On PostgreSQL the second insert waits for the first transaction, then fails on the
    token; the second request must still answer with the record (no 500)."""
    import threading

    from django.db import connection, connections
    from django.test import Client

    from registry import services

    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time; the race needs PostgreSQL")
    data = form_data()
    inserted, release = threading.Event(), threading.Event()
    real_save_evidence = services._save_evidence

    def hold_first_transaction(exemplar, evidence):
        real_save_evidence(exemplar, evidence)
        if not inserted.is_set():
            inserted.set()
            release.wait(timeout=30)

    answers = {}

    def send(name):
        client = Client(raise_request_exception=False)
        client.post(reverse("login"), {"username": "editor_a", "password": password})
        answers[name] = client.post(reverse("registry:exemplar_create"), data)
        connections.close_all()

    original = services._save_evidence
    services._save_evidence = hold_first_transaction
    try:
        first = threading.Thread(target=send, args=("first",))
        first.start()
        assert inserted.wait(timeout=30)
        second = threading.Thread(target=send, args=("second",))
        second.start()
        wait_until_a_request_waits_on_a_lock("the second request")
        release.set()
        first.join(timeout=30)
        second.join(timeout=30)
    finally:
        services._save_evidence = original
        release.set()
    assert answers["first"].status_code == 302
    assert answers["second"].status_code == 302
    assert answers["second"]["Location"] == answers["first"]["Location"]
    assert Exemplar.objects.count() == 1


def test_posted_status_unit_and_version_are_ignored(world, client_for):
    client = client_for(world.user("editor_a"))
    client.post(
        reverse("registry:exemplar_create"),
        form_data(
            status="accepted",
            unit=world.dept_b.pk,
            version=99,
            created_by=world.user("leader").pk,
            code="HACKED",
        ),
    )
    exemplar = Exemplar.objects.get()
    assert (exemplar.status, exemplar.unit, exemplar.version) == (S.DRAFT, world.dept_a, 1)
    assert exemplar.code != "HACKED"


def test_bad_input_keeps_everything_typed(world, client_for):
    client = client_for(world.user("editor_a"))
    response = client.post(
        reverse("registry:exemplar_create"),
        form_data(
            full_name="", birth_year="năm ngoái", achievements="Thành tích rất dài và quý giá"
        ),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vui lòng nhập tên của điển hình." in content
    assert "Thành tích rất dài và quý giá" in content
    assert "Trường THCS Gia Vân" in content
    assert not Exemplar.objects.exists()


def test_a_stale_edit_is_refused_and_keeps_the_text(world, client_for):
    exemplar = ExemplarFactory(unit=world.dept_a)
    client = client_for(world.user("editor_a"))
    url = reverse("registry:exemplar_update", kwargs={"code": exemplar.code})
    Exemplar.objects.filter(pk=exemplar.pk).update(version=5)
    response = client.post(url, form_data(version=1, achievements="Bản sửa của tôi"))
    assert response.status_code == 409
    content = response.content.decode()
    assert "Người khác đã lưu hoặc gửi hồ sơ này" in content
    assert "Bản sửa của tôi" in content
    exemplar.refresh_from_db()
    assert exemplar.achievements != "Bản sửa của tôi"


def test_an_edit_is_kept_in_the_history(world, client_for):
    exemplar = ExemplarFactory(unit=world.dept_a)
    client = client_for(world.user("editor_a"))
    url = reverse("registry:exemplar_update", kwargs={"code": exemplar.code})
    response = client.post(url, form_data(version=exemplar.version, full_name="Tên mới"))
    assert response.status_code == 302
    latest = exemplar.history.first()
    delta = latest.diff_against(latest.prev_record)
    changed = {c.field: (c.old, c.new) for c in delta.changes}
    assert changed["full_name"][1] == "Tên mới"
    assert latest.history_user == world.user("editor_a")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("editor_a", 200),
        ("head_a", 200),
        ("editor_b", 200),
        ("commune_editor", 200),
        # A district's reviewers register the district's own exemplars.
        ("district_reviewer", 200),
        ("home_affairs", 403),
        ("media", 403),
        ("leader", 403),
        ("administrator", 403),
    ],
)
def test_who_may_open_the_new_exemplar_form(world, client_for, persona, status):
    client = client_for(world.user(persona))
    assert client.get(reverse("registry:exemplar_create")).status_code == status
    response = client.post(reverse("registry:exemplar_create"), form_data())
    assert response.status_code in ({302} if status == 200 else {403})


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("editor_a", {"dept_a"}),
        ("head_a", {"dept_a"}),
        ("editor_b", set()),
        ("commune_editor", {"commune_a"}),
        ("commune_b_editor", set()),
        ("district_reviewer", {"commune_a"}),
        ("home_affairs", {"dept_a", "commune_a"}),
        ("leader", {"dept_a", "commune_a"}),
        ("media", set()),
    ],
)
def test_each_role_lists_only_the_exemplars_it_reaches(world, client_for, persona, visible):
    made = {
        "dept_a": ExemplarFactory(unit=world.dept_a),
        "commune_a": ExemplarFactory(unit=world.commune_a),
    }
    response = client_for(world.user(persona)).get(reverse("registry:exemplar_list"))
    codes = {e.code for e in response.context["exemplars"]}
    assert codes == {made[name].code for name in visible}
    for name, exemplar in made.items():
        detail = client_for(world.user(persona)).get(exemplar.get_absolute_url())
        assert detail.status_code == (200 if name in visible else 404)


def test_personal_data_is_shown_only_to_those_who_handle_the_record(world, client_for):
    exemplar = ExemplarFactory(unit=world.dept_a, birth_year=1979, contact_phone="0987 654 321")
    for persona, shown in [("editor_a", True), ("home_affairs", True), ("leader", False)]:
        response = client_for(world.user(persona)).get(exemplar.get_absolute_url())
        content = response.content.decode()
        assert ("0987 654 321" in content) is shown, persona
        assert ("1979" in content) is shown, persona
        assert "no-store" in response["Cache-Control"]


def test_the_list_searches_without_accents_and_filters(world, client_for):
    ExemplarFactory(unit=world.dept_a, full_name="Nguyễn Thị Huyền")
    ExemplarFactory(unit=world.dept_a, full_name="Trần Văn Bình", year=2024)
    client = client_for(world.user("home_affairs"))
    response = client.get(reverse("registry:exemplar_list"), {"q": "nguyen thi"})
    assert [e.full_name for e in response.context["exemplars"]] == ["Nguyễn Thị Huyền"]
    response = client.get(reverse("registry:exemplar_list"), {"year": 2024})
    assert [e.full_name for e in response.context["exemplars"]] == ["Trần Văn Bình"]
    response = client.get(reverse("registry:exemplar_list"), {"status": "nope", "year": "x"})
    assert response.status_code == 200


def test_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    client = client_for(world.user("home_affairs"))
    for _ in range(3):
        ExemplarFactory(unit=world.dept_a)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("registry:exemplar_list"))
    for _ in range(20):
        ExemplarFactory(unit=world.commune_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("registry:exemplar_list"))


def test_the_record_shows_old_and_new_values_of_each_edit(world, client_for):
    exemplar = ExemplarFactory(unit=world.dept_a, position="Điều dưỡng")
    client = client_for(world.user("editor_a"))
    url = reverse("registry:exemplar_update", kwargs={"code": exemplar.code})
    client.post(
        url,
        form_data(
            version=exemplar.version, position="Điều dưỡng trưởng", full_name=exemplar.full_name
        ),
    )
    content = client.get(exemplar.get_absolute_url()).content.decode()
    assert "<del>Điều dưỡng</del> → Điều dưỡng trưởng" in content
    leader_view = client_for(world.user("leader")).get(exemplar.get_absolute_url())
    assert "<del>Điều dưỡng</del>" not in leader_view.content.decode()


def test_a_unit_records_only_years_it_existed_in(world, client_for):
    import datetime

    from django.utils.translation import gettext as _

    from registry.models import UnitSuccession
    from tests.factories import UnitFactory, kind

    old = world.commune_a
    old.valid_until = datetime.date(2025, 6, 30)
    old.save()
    new = UnitFactory(
        code="14488",
        name="Xã Gia Vân",
        kind=kind("commune"),
        parent=world.province,
        valid_from=datetime.date(2025, 7, 1),
    )
    UnitSuccession.objects.create(
        predecessor=old,
        successor=new,
        kind="merger",
        effective_on=datetime.date(2025, 7, 1),
        legal_basis="Nghị quyết số 1674/NQ-UBTVQH15",
    )
    client = client_for(world.user("commune_editor"))
    form = client.get(reverse("registry:exemplar_create")).context["form"]
    assert form.fields["year"].initial == 2025
    response = client.post(reverse("registry:exemplar_create"), form_data(year=2026))
    # When it was in force, and who carries on its work.
    assert response.context["form"].errors["year"] == [
        _("%(unit)s was in force until %(end)s; its work passed to %(successor)s (from %(date)s).")
        % {"unit": "Xã Gia Vân", "end": "30/6/2025", "successor": "Xã Gia Vân", "date": "1/7/2025"}
    ]
    assert not Exemplar.objects.exists()


def test_a_field_error_is_tied_to_its_field_for_screen_readers(world, client_for):
    client = client_for(world.user("editor_a"))
    response = client.post(reverse("registry:exemplar_create"), form_data(full_name=""))
    content = response.content.decode()
    assert 'aria-describedby="id_full_name_errors"' in content
    assert 'id="id_full_name_errors"' in content
    assert 'role="alert"' in content
