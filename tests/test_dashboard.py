"""The leaders' dashboard: figures against a hand-computed fixture, who may see it, where
its bars lead, and a query count that does not grow with the data."""

import datetime
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from registry.enums import ExemplarStatus as S
from registry.enums import SubjectKind
from registry.models import Field
from reports.dashboard import build_dashboard
from reports.management.commands.generate_scale_data import PREFIX
from tests.factories import PlanFactory
from tests.factories.campaigns import CoverageFactory, EventFactory, MediaOutletFactory
from tests.factories.exemplars import ExemplarFactory
from tests.factories.reports import AwardProposalFactory, MediaIntroductionFactory

pytestmark = pytest.mark.integration

URL = reverse("reports:dashboard")


@pytest.fixture
def figures(world):
    """2025: Gia Vân 2 accepted + 1 draft (health); Sở Y tế 1 accepted (education,
    collective), 1 under review (health); Sở GD&ĐT 1 awaiting the district (health).
    2024: Sở Y tế 1 accepted, 1 draft. Coverage: 2 in 2025, 1 in 2024. Events: 1 in 2025."""
    education = Field.objects.get(code="education-training")
    make = ExemplarFactory.create
    make(unit=world.commune_a, status=S.ACCEPTED, with_evidence=False)
    make(unit=world.commune_a, status=S.ACCEPTED, with_evidence=False)
    make(unit=world.commune_a, status=S.DRAFT, with_evidence=False)
    make(
        unit=world.dept_a,
        status=S.ACCEPTED,
        field=education,
        subject_kind=SubjectKind.COLLECTIVE,
        collective_name="Khoa Nhi",
        with_evidence=False,
    )
    make(unit=world.dept_a, status=S.UNDER_REVIEW, with_evidence=False)
    make(unit=world.dept_b, status=S.SUBMITTED_TO_DISTRICT, with_evidence=False)
    make(unit=world.dept_a, year=2024, status=S.ACCEPTED, with_evidence=False)
    make(unit=world.dept_a, year=2024, status=S.DRAFT, with_evidence=False)
    for day in (datetime.date(2025, 3, 1), datetime.date(2025, 6, 11), datetime.date(2024, 5, 2)):
        CoverageFactory(published_on=day, title="Gương sáng")
    EventFactory(title="Hội nghị điển hình tiên tiến", place="Hội trường tỉnh")
    return world


def _chart(dashboard, key):
    return next(chart for chart in dashboard.charts if chart.key == key)


def _rows(chart):
    return {bar.label: bar.values for bar in chart.bars}


def _params(url):
    parts = urlsplit(url)
    return parts.path, {key: values[0] for key, values in parse_qs(parts.query).items()}


class TestFigures:
    def test_key_figures_against_the_previous_year(self, figures):
        with translation.override("en"):
            dashboard = build_dashboard(user=figures.user("leader"), year=2025)
        values = {f.label: (f.value, f.previous, f.total) for f in dashboard.figures}
        assert values == {
            "Exemplars registered": (6, 2, None),
            "Sent up for review": (5, 1, None),
            "Accepted": (3, 1, None),
            "Units that met their quota": (2, None, 8),
            "Media coverage": (2, 1, None),
            "Events": (1, 0, None),
            "Commendations proposed": (0, 0, None),
            "Commendations conferred": (0, 0, None),
            "Introductions to the media": (0, 0, None),
        }

    def test_commendations_and_introductions(self, recognitions):
        figures = recognitions
        with translation.override("en"):
            dashboard = build_dashboard(user=figures.user("leader"), year=2025)
        values = {f.label: (f.value, f.previous) for f in dashboard.figures}
        assert values["Commendations proposed"] == (2, 1)
        assert values["Commendations conferred"] == (1, 1)
        assert values["Introductions to the media"] == (1, 0)

    def test_charts(self, figures):
        dashboard = build_dashboard(user=figures.user("leader"), year=2025)
        by_field = {
            _params(bar.url)[1]["field"]: bar.values for bar in _chart(dashboard, "by-field").bars
        }
        assert by_field == {"education-training": (1, 1), "health": (5, 2)}
        assert _rows(_chart(dashboard, "by-unit-kind")) == {
            "Sở, ban, ngành": (3, 1),
            "Xã, phường, đặc khu": (3, 2),
        }
        assert list(_rows(_chart(dashboard, "by-subject")).values()) == [(1, 1), (5, 2)]
        assert _rows(_chart(dashboard, "trend")) == {"2024": (2, 1), "2025": (6, 3)}
        top = _chart(dashboard, "top-units").bars
        assert [(bar.label, bar.values) for bar in top] == [
            ("Xã Gia Vân", (3, 2)),
            ("Sở Y tế", (2, 1)),
            ("Sở Giáo dục và Đào tạo", (1, 0)),
        ]

    def test_quota_compliance(self, figures):
        dashboard = build_dashboard(user=figures.user("leader"), year=2025)
        assert _rows(_chart(dashboard, "quota-by-kind")) == {
            "Sở, ban, ngành": (1, 3),
            "Huyện, thành phố thuộc tỉnh": (0, 2),
            "Xã, phường, đặc khu": (1, 1),
        }
        assert _rows(_chart(dashboard, "quota-by-district")) == {
            "Huyện Gia Viễn": (1, 0),
            "Huyện Kim Sơn": (0, 1),
        }

    def test_without_districts_the_communes_furthest_behind(self, figures):
        # After 30/6/2025 no district reviews; Gia Vân ended with its district, Kim Chính
        # goes on under a 2026-2030 plan that asks communes for 2.
        last_day = datetime.date(2025, 6, 30)
        for unit in (figures.district_a, figures.district_b, figures.commune_a):
            unit.valid_until = last_day
            unit.save()
        PlanFactory(quotas={"commune": 2})
        dashboard = build_dashboard(user=figures.user("leader"), year=2026)
        assert not any(chart.key == "quota-by-district" for chart in dashboard.charts)
        chart = _chart(dashboard, "quota-by-commune")
        assert [(bar.label, bar.values) for bar in chart.bars] == [("Xã Kim Chính", (0, 2))]
        assert _params(chart.bars[0].url) == (
            reverse("registry:exemplar_list"),
            {"year": "2026", "unit": "376-KIMCHINH", "unit_scope": "quota"},
        )

    def test_page_shows_figures_tables_and_chart_data(self, figures, client_for):
        response = client_for(figures.user("leader")).get(URL, {"year": 2025})
        assert response.status_code == 200
        html = response.content.decode()
        assert "chart.umd.min.js" in html and "js/dashboard.js" in html
        assert 'id="chart-by-field-data"' in html
        assert 'data-chart="chart-by-field-data"' in html
        payload = json.loads(
            html.split('id="chart-trend-data" type="application/json">')[1].split("</script>")[0]
        )
        assert payload["labels"] == ["2024", "2025"]
        assert payload["series"][0]["data"] == [2, 6]
        assert payload["urls"][1] == reverse("registry:exemplar_list") + "?year=2025"
        assert "Xã Gia Vân" in html

    def test_a_bad_year_falls_back_to_this_year(self, figures, client_for):
        response = client_for(figures.user("leader")).get(URL, {"year": "abc"})
        assert response.status_code == 200
        assert response.context["dashboard"].year == datetime.date.today().year

    def test_empty_year(self, world, client_for):
        response = client_for(world.user("leader")).get(URL, {"year": 2023})
        assert response.status_code == 200
        charts = response.context["dashboard"].charts
        assert all(not c.bars for c in charts if not c.key.startswith("quota"))
        assert 'data-chart="chart-by-field-data"' not in response.content.decode()
        quota = next(c for c in charts if c.key == "quota-by-kind")
        assert sum(bar.values[0] for bar in quota.bars) == 0  # nobody met a quota yet


class TestDrillDown:
    def test_every_bar_links_to_its_filtered_list(self, figures):
        with translation.override("en"):
            dashboard = build_dashboard(user=figures.user("leader"), year=2025)
        exemplars = reverse("registry:exemplar_list")
        quota = reverse("registry:quota_compliance")
        expected = {
            # Read in English, the kinds carry their English names (registry EnglishNamed).
            ("by-unit-kind", "Commune, ward or special zone"): (
                exemplars,
                {"year": "2025", "unit_kind": "commune"},
            ),
            ("by-subject", "Collective"): (
                exemplars,
                {"year": "2025", "subject_kind": "collective"},
            ),
            ("trend", "2024"): (exemplars, {"year": "2024"}),
            ("top-units", "Sở Y tế"): (
                exemplars,
                {"year": "2025", "unit": "37-SYT", "unit_scope": "own"},
            ),
            ("quota-by-kind", "Department, board or sector"): (
                quota,
                {"year": "2025", "kind": "department"},
            ),
            ("quota-by-district", "Huyện Kim Sơn"): (quota, {"year": "2025", "district": "376"}),
        }
        for (key, label), target in expected.items():
            bar = next(bar for bar in _chart(dashboard, key).bars if bar.label == label)
            assert _params(bar.url) == target, (key, label)

    def test_years_the_list_cannot_filter_have_no_link(self, figures, client_for):
        ExemplarFactory.create(unit=figures.dept_a, year=2019, with_evidence=False)
        trend = _chart(build_dashboard(user=figures.user("leader"), year=2025), "trend")
        urls = {bar.label: bar.url for bar in trend.bars}
        assert urls["2019"] == ""
        assert _params(urls["2024"]) == (reverse("registry:exemplar_list"), {"year": "2024"})
        html = client_for(figures.user("leader")).get(URL, {"year": 2025}).content.decode()
        assert ">2019<" in html and "?year=2019" not in html

    def test_the_linked_list_shows_the_counted_rows(self, figures, client_for):
        client = client_for(figures.user("leader"))
        dashboard = build_dashboard(user=figures.user("leader"), year=2025)
        bar = next(b for b in _chart(dashboard, "by-field").bars if "field=health" in b.url)
        response = client.get(bar.url)
        assert response.status_code == 200
        assert response.context["paginator"].count == bar.values[0]
        accepted = dashboard.figures[2]
        assert client.get(accepted.url).context["paginator"].count == 3

    def test_tables_carry_the_links_for_readers_without_javascript(self, figures, client_for):
        html = client_for(figures.user("leader")).get(URL, {"year": 2025}).content.decode()
        assert "?year=2025&amp;unit=37-SYT&amp;unit_scope=own" in html
        assert "year=2025&amp;district=376" in html


def listed(client, url) -> int:
    """The rows of the list at ``url``, as its reader sees them (every page)."""
    response = client.get(url)
    assert response.status_code == 200, url
    paginator = response.context.get("paginator")
    return paginator.count if paginator else len(response.context["object_list"])


@pytest.fixture
def recognitions(figures):
    """Adds to ``figures``: a 2025 accepted exemplar of Sở Y tế conferred an award and
    introduced to the media, a 2024 one proposed again in 2025 (3 proposals in all)."""
    from reports.models import AwardForm, AwardProposal

    lan = ExemplarFactory(unit=figures.dept_a, year=2025, status="accepted", with_evidence=False)
    hoa = ExemplarFactory(unit=figures.dept_a, year=2024, status="accepted", with_evidence=False)
    award = AwardForm.objects.filter(for_individuals=True).first()
    by = figures.user("home_affairs")
    for exemplar, year, status in [
        (lan, 2025, AwardProposal.Status.CONFERRED),
        (hoa, 2025, AwardProposal.Status.PROPOSED),
        (hoa, 2024, AwardProposal.Status.CONFERRED),
    ]:
        AwardProposalFactory(
            exemplar=exemplar, award=award, year=year, status=status, created_by=by
        )
    outlet = MediaOutletFactory(name="Phát thanh - Truyền hình Ninh Bình", kind="broadcaster")
    MediaIntroductionFactory(exemplar=lan, outlet=outlet, date=datetime.date(2025, 6, 5))
    return figures


def without_districts(world):
    """2026, after the districts: Kim Chính (minimum 2 under a 2026-2030 plan) has one
    accepted exemplar and one draft; Gia Vân ended with its district."""
    last_day = datetime.date(2025, 6, 30)
    for unit in (world.district_a, world.district_b, world.commune_a):
        unit.valid_until = last_day
        unit.save()
    PlanFactory(quotas={"commune": 2})
    for status in (S.ACCEPTED, S.DRAFT):
        ExemplarFactory.create(unit=world.commune_b, year=2026, status=status, with_evidence=False)


class TestEveryCountOpensItsRows:
    """Each figure, and each bar of each series of each chart, links to a list of exactly as
    many rows as it counts, for the reader who sees the dashboard."""

    CHARTS_2025 = [
        "by-field",
        "by-unit-kind",
        "by-subject",
        "trend",
        "top-units",
        "quota-by-kind",
        "quota-by-district",
    ]

    def assert_every_bar_opens_its_rows(self, client, chart):
        assert chart.bars, chart.key
        checked = 0
        for bar in chart.bars:
            assert len(bar.urls) == len(chart.series) == len(bar.values), bar
            for series, value, url in zip(chart.series, bar.values, bar.urls, strict=True):
                if chart.key == "quota-by-commune" and series == "Minimum":
                    continue  # a minimum counts no record (see the next test)
                assert listed(client, url) == value, (chart.key, bar.label, series, url)
                checked += 1
            # The label opens the whole group: every row of the chart's first series.
            if chart.key not in ("quota-by-kind", "quota-by-district", "quota-by-commune"):
                assert bar.url == bar.urls[0]
        # The series open different lists (the accepted bar is not the registered one).
        assert any(len(set(bar.urls)) == len(bar.urls) for bar in chart.bars)
        assert checked

    @pytest.mark.parametrize("key", CHARTS_2025)
    @pytest.mark.parametrize("persona", ["leader", "home_affairs"])
    def test_each_bar_of_the_chart(self, figures, client_for, key, persona):
        reader = figures.user(persona)
        with translation.override("en"):
            chart = _chart(build_dashboard(user=reader, year=2025), key)
        self.assert_every_bar_opens_its_rows(client_for(reader), chart)

    def test_each_bar_of_the_communes_furthest_behind(self, figures, client_for):
        without_districts(figures)
        leader = figures.user("leader")
        client = client_for(leader)
        with translation.override("en"):
            chart = _chart(build_dashboard(user=leader, year=2026), "quota-by-commune")
        assert [(bar.label, bar.values) for bar in chart.bars] == [("Xã Kim Chính", (1, 2))]
        self.assert_every_bar_opens_its_rows(client, chart)
        # The minimum opens the commune's page, which states its quota of the year.
        response = client.get(chart.bars[0].urls[1])
        assert response.context["unit"].code == "376-KIMCHINH"
        assert (response.context["year"], response.context["quota"].minimum) == (2026, 2)

    def test_each_key_figure(self, recognitions, client_for):
        leader = recognitions.user("leader")
        client = client_for(leader)
        with translation.override("en"):
            figures = build_dashboard(user=leader, year=2025).figures
        assert all(figure.url and figure.caption for figure in figures)
        counted = {figure.label: (figure.value, listed(client, figure.url)) for figure in figures}
        assert counted == {
            "Exemplars registered": (7, 7),
            "Sent up for review": (6, 6),
            "Accepted": (4, 4),
            "Units that met their quota": (2, 2),
            "Media coverage": (2, 2),
            "Events": (1, 1),
            "Commendations proposed": (2, 2),
            "Commendations conferred": (1, 1),
            "Introductions to the media": (1, 1),
        }

    def test_the_registered_figure_and_its_list_include_drafts(self, figures, client_for):
        # Units register at the start of the year: a draft is a registration, counted and
        # listed alike (docs/architecture.md).
        leader = figures.user("leader")
        registered = build_dashboard(user=leader, year=2025).figures[0]
        response = client_for(leader).get(registered.url)
        statuses = [exemplar.status for exemplar in response.context["exemplars"]]
        assert S.DRAFT in statuses and len(statuses) == registered.value == 6

    def test_table_cells_link_to_what_they_count(self, figures, client_for):
        response = client_for(figures.user("leader")).get(URL, {"year": 2025})
        html = response.content.decode()
        chart = _chart(response.context["dashboard"], "by-field")
        health = next(bar for bar in chart.bars if "field=health" in bar.url)
        for i, (value, url) in enumerate(zip(health.values, health.urls, strict=True)):
            link = (
                f'<a href="{url.replace("&", "&amp;")}" data-series="{i}" '
                f'aria-label="{value} – {chart.series[i]}, {health.label}">{value}</a>'
            )
            assert link in html
        assert "status=accepted" in health.urls[1]
        payload = json.loads(
            html.split('id="chart-by-field-data" type="application/json">')[1].split("</script>")[0]
        )
        assert payload["series"][1]["urls"] == [bar.urls[1] for bar in chart.bars]


class TestCache:
    """Readers of one reach share the figures for a minute; other reaches never see them."""

    @pytest.fixture
    def cached(self, settings):
        from django.core.cache import cache

        settings.PORTAL = {**settings.PORTAL, "DASHBOARD_CACHE_SECONDS": 60}
        cache.clear()
        yield
        cache.clear()

    def registered(self, response) -> int:
        return response.context["dashboard"].figures[0].value

    def test_figures_are_kept_for_a_minute_and_say_when_they_were_computed(
        self, figures, client_for, cached, django_assert_max_num_queries
    ):
        leader = client_for(figures.user("leader"))
        first = leader.get(URL, {"year": 2025})
        assert self.registered(first) == 6
        ExemplarFactory.create(unit=figures.dept_a, status=S.ACCEPTED, with_evidence=False)
        with django_assert_max_num_queries(12):  # the page without the dashboard's queries
            again = leader.get(URL, {"year": 2025})
        assert self.registered(again) == 6
        computed = first.context["dashboard"].computed_at
        assert again.context["dashboard"].computed_at == computed
        html = again.content.decode()
        time = timezone.localtime(computed).strftime("%H:%M")
        assert f"Số liệu lúc {time}" in html

    def test_after_the_minute_the_figures_are_computed_again(
        self, figures, client_for, cached, settings
    ):
        leader = client_for(figures.user("leader"))
        assert self.registered(leader.get(URL, {"year": 2025})) == 6
        ExemplarFactory.create(unit=figures.dept_a, status=S.ACCEPTED, with_evidence=False)
        from django.core.cache import cache

        cache.clear()  # what the minute's end does
        assert self.registered(leader.get(URL, {"year": 2025})) == 7

    def test_each_reach_year_and_language_has_its_own_figures(self, figures, client_for, cached):
        leader = client_for(figures.user("leader"))
        assert self.registered(leader.get(URL, {"year": 2025})) == 6
        assert self.registered(leader.get(URL, {"year": 2024})) == 2
        # A reader of one unit (the document of Sở Y tế's head, say) never gets the
        # province's figures kept for the leaders.
        from reports.dashboard import dashboard_for

        own = dashboard_for(user=figures.user("head_a"), year=2025)
        assert own.figures[0].value == 2
        leader.cookies["django_language"] = "en"
        english = leader.get(URL, {"year": 2025})
        assert english.context["dashboard"].figures[0].label == "Exemplars registered"
        assert self.registered(english) == 6

    def test_turned_off_by_zero(self, figures, client_for, settings):
        settings.PORTAL = {**settings.PORTAL, "DASHBOARD_CACHE_SECONDS": 0}
        leader = client_for(figures.user("leader"))
        assert self.registered(leader.get(URL, {"year": 2025})) == 6
        ExemplarFactory.create(unit=figures.dept_a, status=S.ACCEPTED, with_evidence=False)
        assert self.registered(leader.get(URL, {"year": 2025})) == 7


class TestPermissions:
    @pytest.mark.parametrize("persona", ["leader", "home_affairs", "administrator"])
    def test_readers_of_every_unit_see_it(self, world, client_for, persona):
        assert client_for(world.user(persona)).get(URL).status_code == 200

    @pytest.mark.parametrize(
        "persona", ["editor_a", "head_a", "commune_editor", "district_reviewer", "media"]
    )
    def test_others_are_forbidden(self, world, client_for, persona):
        assert client_for(world.user(persona)).get(URL).status_code == 403

    def test_anonymous_goes_to_sign_in(self, client):
        response = client.get(URL)
        assert response.status_code == 302

    def test_read_only(self, world, client_for):
        assert client_for(world.user("leader")).post(URL).status_code == 405


class TestQueryCount:
    def test_queries_do_not_grow_with_the_data(
        self, figures, client_for, django_assert_num_queries
    ):
        client = client_for(figures.user("leader"))
        client.get(URL, {"year": 2025})  # session and user loaded once
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as small:
            assert client.get(URL, {"year": 2025}).status_code == 200
        for n in range(40):
            unit = (figures.commune_b, figures.dept_b, figures.press)[n % 3]
            ExemplarFactory.create(
                unit=unit,
                status=(S.ACCEPTED, S.DRAFT)[n % 2],
                year=2020 + n % 6,
                with_evidence=False,
            )
        with django_assert_num_queries(len(small.captured_queries)):
            assert client.get(URL, {"year": 2025}).status_code == 200


class TestScaleData:
    def test_generates_consistent_rows_once_and_resets(self, world):
        from django.core.management import call_command

        from registry.models import Exemplar, FollowUp, Transition

        # A record made in the portal whose random code happens to start like the generated
        # ones neither stops the generation nor goes with a reset.
        own = ExemplarFactory(unit=world.dept_a, code="QMABCDEFGH")
        out = io.StringIO()
        call_command("generate_scale_data", exemplars=300, years=4, stdout=out)
        generated = Exemplar.objects.filter(code__startswith=PREFIX)
        assert generated.count() == 300
        assert set(generated.values_list("year", flat=True)) == set(
            range(datetime.date.today().year - 3, datetime.date.today().year + 1)
        )
        for exemplar in generated.prefetch_related("transitions"):
            steps = list(exemplar.transitions.all())
            if exemplar.status == S.DRAFT:
                assert not steps
            else:
                assert steps[-1].to_status == exemplar.status
                assert steps[0].from_status == S.DRAFT
                assert exemplar.status_changed_at == steps[-1].at
        assert FollowUp.objects.filter(exemplar__status=S.ACCEPTED).exists()
        assert not FollowUp.objects.exclude(exemplar__status=S.ACCEPTED).exists()

        call_command("generate_scale_data", exemplars=300, years=4, stdout=out)
        assert generated.count() == 300
        call_command("generate_scale_data", exemplars=120, years=4, reset=True, stdout=out)
        assert generated.count() == 120
        assert Transition.objects.filter(exemplar__code__startswith=PREFIX).count() == (
            Transition.objects.exclude(exemplar=own).count()
        )
        assert Exemplar.objects.filter(pk=own.pk).exists()
