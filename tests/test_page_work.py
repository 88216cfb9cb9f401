"""The work behind the busiest pages (issue 13, load): the record's page asks its "does
anything name this record?" questions in one query, reads the unit lineage once per request,
looks choice labels up instead of rebuilding them, and still shows everything it showed.

The query budgets below are the counts of today's pages; a change that adds a query per
follow-up, per link or per history entry breaks them.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from campaigns.models import Coverage, Event
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.lookups import Naming, rows_naming
from registry import lineage, workflow
from registry.attachments import use_of
from registry.enums import ExemplarStatus as S
from registry.enums import Reach, SubjectKind
from registry.lineage import Lineage
from registry.models import (
    Attachment,
    Exemplar,
    Field,
    FollowUp,
    NurturingNote,
    Transition,
    UnitSuccession,
)
from reports.models import AwardProposal, MediaIntroduction, PriorAward
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

TODAY = timezone.localdate()


def accepted(unit):
    exemplar = ExemplarFactory(unit=unit)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=S.ACCEPTED)
    exemplar.refresh_from_db()
    return exemplar


def follow_up(exemplar, user, days_ago, text):
    return FollowUp.objects.create(
        exemplar=exemplar,
        by=user,
        date=TODAY - datetime.timedelta(days=days_ago),
        effectiveness=text,
        reach=Reach.UNIT,
    )


def queries_of(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


class TestRowsNaming:
    def test_each_question_gets_its_own_ids_in_one_query(self, world):
        first, second, other = (ExemplarFactory(unit=world.dept_a) for _ in range(3))
        user = world.user("home_affairs")
        notes = [
            NurturingNote.objects.create(exemplar=first, by=user, date=TODAY, support_given="a"),
            NurturingNote.objects.create(exemplar=second, by=user, date=TODAY, support_given="b"),
            NurturingNote.objects.create(exemplar=other, by=user, date=TODAY, support_given="c"),
        ]
        kept = follow_up(first, user, 1, "Tốt")
        with CaptureQueriesContext(connection) as captured:
            by_note, by_follow_up, exemplar_units = rows_naming(
                [first.pk, second.pk],
                Naming(NurturingNote, by="exemplar"),
                Naming(FollowUp, by="exemplar"),
                Naming(Exemplar, by="pk", returns="unit"),
            )
        assert len(captured.captured_queries) == 1
        assert sorted(by_note) == sorted([notes[0].pk, notes[1].pk])
        assert by_follow_up == [kept.pk]
        assert exemplar_units == [world.dept_a.pk, world.dept_a.pk]

    def test_nothing_asked_nothing_read(self, world, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert rows_naming([], Naming(FollowUp, by="exemplar")) == [[]]
            assert rows_naming(1) == []

    def test_a_value_that_looks_like_sql_is_only_a_value(self, world):
        ExemplarFactory(unit=world.dept_a, code="ABC")
        assert rows_naming("x' OR '1'='1", Naming(Exemplar, by="code")) == [[]]
        assert len(rows_naming("ABC", Naming(Exemplar, by="code"))[0]) == 1


class TestTheRecordPage:
    def test_the_tracking_sections_show_the_latest_three_and_the_count(self, world, client_for):
        exemplar = accepted(world.dept_a)
        home_affairs = world.user("home_affairs")
        for days, text in enumerate(["Bốn", "Ba", "Hai", "Một", "Cũ nhất"]):
            follow_up(exemplar, home_affairs, days, f"Đánh giá {text}")
        for days in range(4):
            NurturingNote.objects.create(
                exemplar=exemplar,
                by=home_affairs,
                date=TODAY - datetime.timedelta(days=days),
                support_given=f"Hỗ trợ lần {days}",
            )
        client = client_for(world.user("editor_a"))
        with translation.override("en"):
            response = client.get(exemplar.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        assert [f.effectiveness for f in response.context["recent_follow_ups"]] == [
            "Đánh giá Bốn",
            "Đánh giá Ba",
            "Đánh giá Hai",
        ]
        assert response.context["follow_up_total"] == 5
        assert response.context["nurturing_total"] == 4
        assert len(response.context["recent_nurturing_notes"]) == 3
        page = response.content.decode()
        assert "Đánh giá Hai" in page and "Đánh giá Một" not in page
        assert reverse("registry:exemplar_follow_ups", kwargs={"code": exemplar.code}) in page
        assert reverse("registry:nurturing_notes", kwargs={"code": exemplar.code}) in page

    def test_sections_of_a_record_nothing_names_yet(self, world, client_for):
        exemplar = accepted(world.dept_a)
        response = client_for(world.user("home_affairs")).get(exemplar.get_absolute_url())
        context = response.context
        assert context["follow_up_total"] == 0 and context["recent_follow_ups"] == []
        assert context["nurturing_total"] == 0
        for name in ("events", "coverage", "contest_entries", "award_proposals"):
            assert list(context[name]) == []
        assert 'id="exemplar-events"' not in response.content.decode()

    def test_the_page_reads_as_much_with_links_and_notes_as_without(self, world, client_for):
        """Links found by the first look are then loaded with their scope, once each kind;
        the questions themselves stay one query however many the answers."""
        plain, busy = accepted(world.dept_a), accepted(world.dept_a)
        home_affairs = world.user("home_affairs")
        client = client_for(home_affairs)
        baseline = queries_of(client, plain.get_absolute_url())
        for days in range(6):
            follow_up(busy, home_affairs, days, "Tốt")
        event = Event(
            kind=Event.Kind.CONFERENCE,
            title="Hội nghị biểu dương điển hình tiên tiến",
            date=TODAY,
            place="Trung tâm Hội nghị tỉnh Ninh Bình",
            organiser=world.home_affairs_unit,
            recorded_by=home_affairs,
        )
        event.save_with_lists(exemplars=[busy])
        busy_queries = queries_of(client, busy.get_absolute_url())
        # The events (one scoped query) and the latest follow-ups (one query) come on top.
        assert len(busy_queries) <= len(baseline) + 2
        shown = client.get(busy.get_absolute_url()).content.decode()
        assert "Hội nghị biểu dương điển hình tiên tiến" in shown

    def test_a_record_page_within_its_query_budget(self, world, client_for):
        exemplar = ExemplarFactory(unit=world.dept_a)
        queries = queries_of(client_for(world.user("editor_a")), exemplar.get_absolute_url())
        queries = [q for q in queries if "SAVEPOINT" not in q]
        # Session, user with unit, the record, evidence, criteria, transitions, the files,
        # their timeline and the unit's room for more, history, what sending lacks, the
        # first looks, the menu and the notifications badge.
        assert len(queries) <= 22, "\n".join(queries)
        lineage_reads = [q for q in queries if UnitSuccession._meta.db_table in q]
        assert len(lineage_reads) == 1
        # The criteria and their evidence are read once, for the page and for what sending
        # still lacks alike.
        criteria = [q for q in queries if 'FROM "registry_criterion"' in q]
        evidence = [q for q in queries if 'FROM "registry_criterionevidence"' in q]
        assert (len(criteria), len(evidence)) == (1, 1), "\n".join(criteria + evidence)

    def test_what_sending_lacks_is_the_same_from_the_criteria_the_page_loaded(self, world):
        exemplar = ExemplarFactory(unit=world.dept_a)
        general = exemplar.criteria().filter(kind="general").order_by("number")
        first, second = general[0], general[1]
        exemplar.evidence.filter(criterion=first).update(text="")
        exemplar.evidence.filter(criterion=second).delete()
        loaded = exemplar.criteria_with_evidence()
        assert [text for c, text in loaded if c in (first, second)] == ["", ""]

        read_here = workflow.completeness_errors(exemplar)
        from_page = workflow.completeness_errors(exemplar, loaded)
        assert from_page == read_here
        assert {item.field for item in read_here} >= {
            f"evidence_{first.pk}",
            f"evidence_{second.pk}",
        }

    def test_the_user_and_their_unit_come_in_one_query(self, world, client_for):
        queries = queries_of(client_for(world.user("editor_a")), reverse("registry:notifications"))
        users = world.user("editor_a")._meta.db_table
        units = world.dept_a._meta.db_table
        assert len([q for q in queries if f'FROM "{users}"' in q]) == 1
        assert not [q for q in queries if f'FROM "{units}"' in q]


class TestOneLineagePerRequest:
    def test_a_units_home_reads_the_links_once(self, world, client_for):
        queries = queries_of(client_for(world.user("editor_a")), reverse("registry:home"))
        assert len([q for q in queries if UnitSuccession._meta.db_table in q]) == 1

    def test_a_link_saved_during_the_request_is_seen_after(self, world, rf):
        from registry.security import _request

        token = _request.set(rf.get("/"))
        try:
            assert Lineage.load_ids() is Lineage.load_ids()
            assert lineage.work_predecessor_ids(world.dept_b.pk) == set()
            link = UnitSuccession.objects.create(
                predecessor=world.dept_a,
                successor=world.dept_b,
                kind=UnitSuccession.Kind.MERGER,
                effective_on=TODAY,
                takes_over_work=True,
            )
            assert lineage.work_predecessor_ids(world.dept_b.pk) == {world.dept_a.pk}
            link.delete()
            assert lineage.work_predecessor_ids(world.dept_b.pk) == set()
        finally:
            _request.reset(token)

    def test_outside_a_request_each_read_is_fresh(self, world):
        assert Lineage.load_ids() is not Lineage.load_ids()


class TestChoiceLabels:
    def test_labels_follow_the_readers_language(self, world):
        exemplar = ExemplarFactory(unit=world.dept_a, subject_kind=SubjectKind.COLLECTIVE)
        with translation.override("en"):
            assert exemplar.get_status_display() == "Draft"
            assert exemplar.get_subject_kind_display() == "Collective"
        with translation.override("vi"):
            assert exemplar.get_status_display() == str(S.DRAFT.label)
            assert exemplar.get_status_display() != "Draft"

    def test_a_value_outside_the_choices_is_shown_as_it_is(self, world):
        step = Transition(from_status="draft", to_status="no-such-status")
        assert step.get_to_status_display() == "no-such-status"
        assert step.get_from_status_display() == str(S.DRAFT.label)


class TestSmallerLookups:
    def test_the_use_of_loaded_files_matches_the_databases_count(self, world, settings):
        exemplar = ExemplarFactory(unit=world.dept_a)
        for size in (1000, 2500):
            Attachment.objects.create(
                exemplar=exemplar,
                kind=Attachment.Kind.DOCUMENT,
                file="x.pdf",
                original_name="x.pdf",
                size=size,
                uploaded_by=world.user("editor_a"),
            )
        rows = list(Attachment.objects.filter(exemplar=exemplar))
        assert use_of(Attachment, exemplar, kept=rows) == use_of(Attachment, exemplar)
        assert use_of(Attachment, exemplar).bytes == 3500

    def test_history_names_each_related_row_once(self, world, django_assert_max_num_queries):
        exemplar = ExemplarFactory(unit=world.dept_a)
        first, second = Field.objects.exclude(pk=exemplar.field_id).order_by("pk")[:2]
        for field in (second, first, second, first):
            exemplar.field = field
            exemplar.save()
        with django_assert_max_num_queries(4) as captured:
            rows = history_with_changes(exemplar)
        changes = [c for row in rows for c in row["changes"]]
        assert len(changes) >= 4
        assert {change[2] for change in changes} >= {str(first), str(second)}
        table = Field._meta.db_table
        named = [q for q in captured.captured_queries if f'FROM "{table}"' in q["sql"]]
        # Three fields were named (the first one's and these two), eight times in all.
        assert len(named) == 3


def test_other_record_kinds_named_in_one_query_are_kept_apart(world):
    exemplar = accepted(world.dept_a)
    assert rows_naming(
        exemplar.pk,
        Naming(AwardProposal, by="exemplar"),
        Naming(MediaIntroduction, by="exemplar"),
        Naming(PriorAward, by="exemplar"),
        Naming(Coverage.exemplars.through, by="exemplar", returns="coverage"),
    ) == [[], [], [], []]


class TestTheListsRows:
    def test_each_row_as_the_reader_sees_it(self, world, client_for):
        exemplar = ExemplarFactory(
            unit=world.dept_a, full_name="Nguyễn Thị <b>Lan</b>", is_new_factor=True
        )
        page = client_for(world.user("editor_a")).get(reverse("registry:exemplar_list"))
        row = page.content.decode()
        row = row[row.index(f'<a href="{exemplar.get_absolute_url()}">') :]
        row = row[: row.index("</tr>")]
        with translation.override("vi"):
            label = {key: gettext(key) for key in ("Subject", "Unit", "Year", "Field", "Status")}
            new_factor = gettext("new factor")
            kind = exemplar.get_subject_kind_display()
        assert "Nguyễn Thị &lt;b&gt;Lan&lt;/b&gt;</a>" in row
        assert f'<span class="badge text-bg-info">{new_factor}</span>' in row
        assert f'data-label="{label["Subject"]}">{kind}</td>' in row
        unit = world.dept_a.short_name or world.dept_a.name
        assert f'data-label="{label["Unit"]}">{unit}</td>' in row
        assert f'data-label="{label["Year"]}">{exemplar.year}</td>' in row
        assert f'data-label="{label["Field"]}">{exemplar.field.label}</td>' in row
        badge = f'<span class="badge status-{exemplar.status}">'
        assert f'data-label="{label["Status"]}">{badge}' in row

    def test_an_old_factor_has_no_badge(self, world, client_for):
        exemplar = ExemplarFactory(unit=world.dept_a, is_new_factor=False)
        page = client_for(world.user("editor_a")).get(reverse("registry:exemplar_list"))
        row = page.content.decode().split(exemplar.get_absolute_url())[1].split("</tr>")[0]
        assert "text-bg-info" not in row
