"""The leaders' dashboard: key figures of a year against the previous one, and charts.

Every figure is an aggregate computed in SQL; the number of queries is fixed (about a dozen)
whatever the number of exemplars or units. Every figure and every bar of every series links
to the list of exactly the rows it counts (``tests/test_dashboard.py`` follows each link and
counts): the exemplar list (``registry:exemplar_list``: year, status or the ``sent_up``
group, field, subject_kind, unit_kind, unit with ``unit_scope``), the quota standing
(``registry:quota_compliance``: year, kind, district, standing met/behind), the coverage,
event, proposal and introduction lists (``year``). A bar's label links to its whole group.

What the figures count within the reader's reach (``Exemplar.objects.visible_to``, the same
rows the lists show): "registered" is every record of the year, drafts included, since a
unit's registration at the start of the year is a draft (plan II, III.2); leaders and Home
Affairs therefore see other units' drafts, in the figure and in the list behind it
(docs/architecture.md, "The dashboard's figures").

Quota compliance reuses ``registry.tracking.units_behind_quota``: a unit is behind when
that function says so, and met otherwise when a quota rule covers its kind in the year.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from campaigns.models import Coverage, Event
from registry import tracking
from registry.enums import ExemplarStatus as S
from registry.enums import SubjectKind
from registry.forms import ExemplarFilterForm
from registry.models import Exemplar
from registry.selectors import STATUS_SENT_UP, UNIT_SCOPE_OWN, UNIT_SCOPE_QUOTA

TOP_UNITS = 10
COMMUNES_BEHIND_SHOWN = 20


def link(name: str, **params) -> str:
    """The URL of a list page with its GET filters (empty ones left out)."""
    query = urlencode({key: value for key, value in params.items() if value not in ("", None)})
    return reverse(name) + (f"?{query}" if query else "")


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: int
    previous: int | None = None
    url: str = ""
    total: int | None = None  # "value of total" figures (quota compliance)
    caption: str = ""  # what the figure counts, under it

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.value - self.previous


@dataclass(frozen=True)
class Bar:
    """One group of a chart: its label (linked to ``url``, the whole group) and one value per
    series, each linked to the list of the rows it counts (``urls``)."""

    label: str
    values: tuple[int, ...]
    url: str
    urls: tuple[str, ...] = ()

    @property
    def cells(self) -> list[tuple[int, str]]:
        """(value, URL of what it counts) per series: the table's cells."""
        urls = self.urls or ("",) * len(self.values)
        return list(zip(self.values, urls, strict=True))


@dataclass
class Chart:
    """One chart and the accessible table under it: a label, one value per series, a link."""

    key: str
    title: str
    series: list[str]
    bars: list[Bar]
    kind: str = "bar"  # "bar" or "line"
    horizontal: bool = False
    stacked: bool = False
    note: str = ""
    more_url: str = ""
    more_label: str = ""
    empty: str = ""  # said instead of the chart when there is no bar

    @property
    def data_id(self) -> str:
        return f"chart-{self.key}-data"

    @property
    def table(self) -> list[tuple[Bar, list[tuple[int, str, str]]]]:
        """The table under the chart: each bar with its cells (value, URL, series label)."""
        return [
            (
                bar,
                [
                    (value, url, label)
                    for (value, url), label in zip(bar.cells, self.series, strict=True)
                ],
            )
            for bar in self.bars
        ]

    @property
    def payload(self) -> dict:
        """What static/js/dashboard.js draws (passed with ``json_script``)."""
        return {
            "kind": self.kind,
            "horizontal": self.horizontal,
            "stacked": self.stacked,
            "labels": [bar.label for bar in self.bars],
            "urls": [bar.url for bar in self.bars],
            "series": [
                {
                    "label": label,
                    "data": [bar.values[i] for bar in self.bars],
                    "urls": [bar.cells[i][1] for bar in self.bars],
                }
                for i, label in enumerate(self.series)
            ],
        }


@dataclass
class Dashboard:
    year: int
    previous_year: int
    figures: list[KeyFigure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    computed_at: datetime.datetime | None = None


# Key figures ------------------------------------------------------------------------------


def _this_and_last(queryset, year: int, field: str, **conditions: Q) -> dict[str, tuple]:
    """For each named condition, how many rows meet it in ``year`` and in the year before
    (``field``: the rows' year), in one query."""
    counts = queryset.aggregate(
        **{
            f"{name}_{y}": Count("pk", filter=Q(**{field: y}) & condition)
            for name, condition in conditions.items()
            for y in (year, year - 1)
        }
    )
    return {name: (counts[f"{name}_{year}"], counts[f"{name}_{year - 1}"]) for name in conditions}


def _exemplar_figures(exemplars, year: int) -> list[KeyFigure]:
    """Registered, submitted and accepted exemplars of the year and of the previous (1 query)."""
    counts = _this_and_last(
        exemplars.filter(year__in=(year, year - 1)),
        year,
        "year",
        registered=Q(),
        submitted=Q(status__in=tracking.SUBMITTED_STATUSES),
        accepted=Q(status=S.ACCEPTED),
    )
    url = "registry:exemplar_list"
    return [
        KeyFigure(
            _("Exemplars registered"),
            *counts["registered"],
            link(url, year=year),
            caption=_(
                "Every record of the year, drafts included: units register their exemplars "
                "at the start of the year."
            ),
        ),
        KeyFigure(
            _("Sent up for review"),
            *counts["submitted"],
            link(url, year=year, status=STATUS_SENT_UP),
            caption=_("Awaiting the district, under review at Home Affairs or accepted."),
        ),
        KeyFigure(
            _("Accepted"),
            *counts["accepted"],
            link(url, year=year, status=S.ACCEPTED),
            caption=_("Accepted by Home Affairs; they count toward the units' quotas."),
        ),
    ]


def _propagation_figures(user, year: int) -> list[KeyFigure]:
    """Media coverage and events of the year and of the previous (2 queries)."""
    coverage = _this_and_last(Coverage.objects.restrict(user), year, "published_on__year", all=Q())
    events = _this_and_last(Event.objects.restrict(user), year, "date__year", all=Q())
    return [
        KeyFigure(
            _("Media coverage"),
            *coverage["all"],
            link("campaigns:coverage_list", year=year),
            caption=_("News items, articles, reportage and programmes published in the year."),
        ),
        KeyFigure(
            _("Events"),
            *events["all"],
            link("campaigns:event_list", year=year),
            caption=_("Conferences, meetings, visits and other events held in the year."),
        ),
    ]


def _recognition_figures(user, year: int) -> list[KeyFigure]:
    """Commendations proposed and conferred (by achievement year) and introductions of
    exemplars to the media, this year and the previous (2 queries)."""
    from .models import AwardProposal
    from .selectors import introductions_in_reach, proposals_in_reach

    proposals = _this_and_last(
        proposals_in_reach(user),
        year,
        "year",
        proposed=Q(),
        conferred=Q(status=AwardProposal.Status.CONFERRED),
    )
    introductions = _this_and_last(introductions_in_reach(user), year, "date__year", all=Q())
    return [
        KeyFigure(
            _("Commendations proposed"),
            *proposals["proposed"],
            link("reports:proposal_list", year=year),
            caption=_("Proposals for the year's achievements, at whatever stage."),
        ),
        KeyFigure(
            _("Commendations conferred"),
            *proposals["conferred"],
            link("reports:proposal_list", year=year, status=AwardProposal.Status.CONFERRED),
            caption=_("Proposals for the year's achievements that a decision conferred."),
        ),
        KeyFigure(
            _("Introductions to the media"),
            *introductions["all"],
            link("reports:introduction_list", year=year),
            caption=_("Exemplars Home Affairs introduced to the media in the year."),
        ),
    ]


# Quota compliance -------------------------------------------------------------------------


def _quota_charts(user, year: int) -> tuple[KeyFigure | None, list[Chart]]:
    """Units that met their quota, by unit kind, and communes by district (or the communes
    furthest behind once districts are gone).

    The obligations are those of ``registry.quotas`` (each unit that owes a quota under the
    plan in force, once), narrowed to the units the user reaches.
    """
    rows = tracking.filter_obligations(tracking.quota_standing(year), user=user)
    if not rows:
        return None, []
    kinds: dict[int, dict] = {}
    for row in rows:
        kind = row.unit.kind
        entry = kinds.setdefault(kind.pk, {"kind": kind, "total": 0, "behind": 0})
        entry["total"] += 1
        entry["behind"] += row.behind
    bars = [
        _standing_bar(entry, year, kind=entry["kind"].code)
        for entry in sorted(kinds.values(), key=lambda e: (e["kind"].order, e["kind"].name))
    ]
    met_label, behind_label = _("Met the quota"), _("Behind quota")
    charts = [
        Chart(
            "quota-by-kind",
            _("Quota compliance by unit kind"),
            [met_label, behind_label],
            bars,
            horizontal=True,
            stacked=True,
        )
    ]
    figure = KeyFigure(
        _("Units that met their quota"),
        sum(bar.values[0] for bar in bars),
        url=link("registry:quota_compliance", year=year, standing="met"),
        total=sum(sum(bar.values) for bar in bars),
        caption=_(
            "Units with at least their minimum of accepted exemplars, out of the units that "
            "owe a quota in the year."
        ),
    )

    areas: dict[str, dict] = {}
    for row in rows:
        if row.district_code:
            entry = areas.setdefault(
                row.district_code, {"name": row.district_name, "total": 0, "behind": 0}
            )
            entry["total"] += 1
            entry["behind"] += row.behind
    district_bars = [
        _standing_bar(entry, year, district=code)
        for code, entry in sorted(areas.items(), key=lambda item: item[1]["name"])
    ]
    behind = [
        {
            "kind__code": row.unit.kind.code,
            "code": row.unit.code,
            "name": row.unit.label,
            "accepted": row.accepted,
            "minimum": row.minimum,
        }
        for row in rows
        if row.behind
    ]
    if district_bars:
        charts.append(
            Chart(
                "quota-by-district",
                _("Communes meeting their quota, by district"),
                [met_label, behind_label],
                district_bars,
                horizontal=True,
                stacked=True,
            )
        )
    else:
        communes = [unit for unit in behind if unit["kind__code"] == "commune"]
        communes.sort(
            key=lambda unit: (unit["accepted"] - unit["minimum"], unit["name"], unit["code"])
        )
        charts.append(
            Chart(
                "quota-by-commune",
                _("Communes furthest behind their quota"),
                [_("Accepted"), _("Minimum")],
                [
                    Bar(
                        unit["name"],
                        (unit["accepted"], unit["minimum"]),
                        link_counted(year, unit["code"]),
                        (
                            link_counted(year, unit["code"], status=S.ACCEPTED),
                            # The minimum counts no record: it opens the commune's page,
                            # which states its quota of the year.
                            reverse("registry:unit_detail", kwargs={"code": unit["code"]})
                            + f"?year={year}",
                        ),
                    )
                    for unit in communes[:COMMUNES_BEHIND_SHOWN]
                ],
                horizontal=True,
                note=_("At most %(n)s communes, those missing the most accepted exemplars.")
                % {"n": COMMUNES_BEHIND_SHOWN},
                more_url=link("registry:quota_compliance", year=year, kind="commune"),
                more_label=_("Every commune behind quota"),
                empty=_("Every unit has reached its quota."),
            )
        )
    return figure, charts


def _standing_bar(entry: dict, year: int, **group) -> Bar:
    """Met and behind among the obligations of a group (a unit kind, a district): each
    linked to the quota standing of the group filtered to it."""
    url = "registry:quota_compliance"
    return Bar(
        entry.get("name") or entry["kind"].label,
        (entry["total"] - entry["behind"], entry["behind"]),
        link(url, year=year, **group),
        (
            link(url, year=year, **group, standing="met"),
            link(url, year=year, **group, standing="behind"),
        ),
    )


def link_counted(year: int, code: str, **params) -> str:
    """The exemplars counted toward the quota of the unit ``code`` in ``year``."""
    return link(
        "registry:exemplar_list", year=year, unit=code, unit_scope=UNIT_SCOPE_QUOTA, **params
    )


# Exemplar charts --------------------------------------------------------------------------


def _named(row: dict, prefix: str) -> str:
    """A field's or unit kind's name in the reader's language (``EnglishNamed.label``)."""
    english = row.get(f"{prefix}name_en")
    if english and (get_language() or "").startswith("en"):
        return english
    return row[f"{prefix}name"]


def _counts(exemplars, *group):
    """Registered and accepted exemplars per group (one query)."""
    return exemplars.values(*group).annotate(
        registered=Count("*"), accepted=Count("status", filter=Q(status=S.ACCEPTED))
    )


def _exemplar_charts(exemplars, year: int) -> list[Chart]:
    """By field, unit kind and subject; over the years; top units (five queries)."""
    series = [_("Registered"), _("Accepted")]
    in_year = exemplars.filter(year=year)
    url = "registry:exemplar_list"

    def bars(rows, label, fixed=None, **params):
        """Registered (every record of the group) and accepted, each linked to its rows;
        ``params`` name the list's filters by the row's columns, ``fixed`` adds filters."""
        made = []
        for row in rows:
            group = {"year": row.get("year", year), **{k: row[v] for k, v in params.items()}}
            group.update(fixed or {})
            registered = link(url, **group)
            accepted = link(url, **group, status=S.ACCEPTED)
            made.append(
                Bar(
                    label(row),
                    (row["registered"], row["accepted"]),
                    registered,
                    (registered, accepted),
                )
            )
        return made

    # Every record has a field (``Exemplar.field`` is required).
    by_field = _counts(
        in_year, "field__code", "field__name", "field__name_en", "field__order"
    ).order_by("field__order", "field__name")
    by_kind = _counts(
        in_year, "unit__kind__code", "unit__kind__name", "unit__kind__name_en", "unit__kind__order"
    )
    by_kind = by_kind.order_by("unit__kind__order", "unit__kind__name")
    subject_names = dict(SubjectKind.choices)
    by_subject = sorted(
        _counts(in_year, "subject_kind").order_by(),
        key=lambda row: (
            list(subject_names).index(row["subject_kind"])
            if row["subject_kind"] in subject_names
            else len(subject_names)
        ),
    )
    trend = _counts(exemplars, "year").order_by("year")
    listable = {year for year, _label in ExemplarFilterForm.base_fields["year"].choices if year}
    top = _counts(in_year, "unit__code", "unit__name").order_by(
        "-registered", "-accepted", "unit__name"
    )[:TOP_UNITS]
    return [
        Chart(
            "by-field",
            _("Exemplars by field"),
            series,
            bars(by_field, lambda r: _named(r, "field__"), field="field__code"),
            horizontal=True,
        ),
        Chart(
            "by-unit-kind",
            _("Exemplars by unit kind"),
            series,
            bars(by_kind, lambda r: _named(r, "unit__kind__"), unit_kind="unit__kind__code"),
        ),
        Chart(
            "by-subject",
            _("Exemplars by subject"),
            series,
            bars(
                by_subject,
                lambda r: str(subject_names.get(r["subject_kind"], r["subject_kind"])),
                subject_kind="subject_kind",
            ),
        ),
        Chart(
            "trend",
            _("Exemplars over the years"),
            series,
            [
                # The exemplar list filters on the portal's years only; earlier ones (imported
                # history) are shown without a link rather than linked to an unfiltered list.
                bar if int(bar.label) in listable else Bar(bar.label, bar.values, "", ())
                for bar in bars(trend, lambda r: str(r["year"]))
            ],
            kind="line",
        ),
        Chart(
            "top-units",
            _("Units with the most exemplars"),
            series,
            # Each unit's own records (not its predecessors' or successors'), as counted.
            bars(
                top,
                lambda r: r["unit__name"],
                {"unit_scope": UNIT_SCOPE_OWN},
                unit="unit__code",
            ),
            horizontal=True,
            note=_("The %(n)s units that registered the most exemplars in the year.")
            % {"n": TOP_UNITS},
        ),
    ]


def build_dashboard(*, user, year: int) -> Dashboard:
    """Everything the dashboard shows for ``year``, within what ``user`` reaches."""
    exemplars = Exemplar.objects.restrict(user).order_by()
    quota_figure, quota_charts = _quota_charts(user, year)
    figures = [
        *_exemplar_figures(exemplars, year),
        *([quota_figure] if quota_figure else []),
        *_propagation_figures(user, year),
        *_recognition_figures(user, year),
    ]
    charts = _exemplar_charts(exemplars, year)
    charts[2:2] = quota_charts
    return Dashboard(
        year=year,
        previous_year=year - 1,
        figures=figures,
        charts=charts,
        computed_at=timezone.now(),
    )


def reach_key(user) -> str:
    """What the dashboard's figures depend on besides the year: the reader's reach, which
    follows from the role and the unit (``registry.selectors``, ``visible_to``)."""
    return f"{user.role or '-'}:{user.unit_id or 0}:{int(bool(user.is_superuser))}"


def dashboard_for(*, user, year: int) -> Dashboard:
    """``build_dashboard``, kept in the cache for ``PORTAL_DASHBOARD_CACHE_SECONDS`` (60) per
    reach, year and language: on a deadline's morning a hundred leaders and reviewers open
    the same figures, computed once a minute instead of once per visit. The page says when
    they were computed. 0 turns the cache off."""
    seconds = settings.PORTAL["DASHBOARD_CACHE_SECONDS"]
    if seconds <= 0:
        return build_dashboard(user=user, year=year)
    key = f"dashboard:2:{reach_key(user)}:{year}:{get_language()}"
    dashboard = cache.get(key)
    if dashboard is None:
        dashboard = build_dashboard(user=user, year=year)
        cache.set(key, dashboard, seconds)
    return dashboard


# The dashboard's aggregates in one raw SQL statement (exemplar counts, quota compliance by
# kind, coverage and events of the year): the floor `make bench` compares build_dashboard
# with. Benchmark only; the page goes through the ORM and registry.tracking.
RAW_SQL = """
SELECT 'field', CAST(field_id AS TEXT), COUNT(*), SUM(CASE WHEN status = %(accepted)s
  THEN 1 ELSE 0 END) FROM registry_exemplar WHERE year = %(year)s GROUP BY field_id
UNION ALL
SELECT 'kind', CAST(u.kind_id AS TEXT), COUNT(*), SUM(CASE WHEN e.status = %(accepted)s
  THEN 1 ELSE 0 END) FROM registry_exemplar e JOIN registry_unit u ON u.id = e.unit_id
  WHERE e.year = %(year)s GROUP BY u.kind_id
UNION ALL
SELECT 'subject', subject_kind, COUNT(*), SUM(CASE WHEN status = %(accepted)s THEN 1 ELSE 0
  END) FROM registry_exemplar WHERE year = %(year)s GROUP BY subject_kind
UNION ALL
SELECT 'year', CAST(year AS TEXT), COUNT(*), SUM(CASE WHEN status = %(accepted)s THEN 1
  ELSE 0 END) FROM registry_exemplar GROUP BY year
UNION ALL
SELECT 'unit', CAST(unit_id AS TEXT), COUNT(*), SUM(CASE WHEN status = %(accepted)s THEN 1
  ELSE 0 END) FROM registry_exemplar WHERE year = %(year)s GROUP BY unit_id
UNION ALL
SELECT 'totals', CAST(year AS TEXT), COUNT(*), SUM(CASE WHEN status = %(accepted)s THEN 1
  ELSE 0 END) FROM registry_exemplar WHERE year IN (%(year)s, %(previous)s) GROUP BY year
UNION ALL
SELECT 'quota', CAST(u.kind_id AS TEXT), COUNT(*), SUM(CASE WHEN COALESCE(a.n, 0) >= r.minimum
  THEN 1 ELSE 0 END) FROM registry_unit u
  JOIN registry_quotarule r ON r.unit_kind_id = u.kind_id
  JOIN registry_plan p ON p.id = r.plan_id
   AND p.period_from <= %(year)s AND p.period_to >= %(year)s
  LEFT JOIN (SELECT unit_id, COUNT(*) AS n FROM registry_exemplar
             WHERE year = %(year)s AND status = %(accepted)s GROUP BY unit_id) a
    ON a.unit_id = u.id
  WHERE (u.valid_from IS NULL OR u.valid_from <= %(reference)s)
    AND (u.valid_until IS NULL OR u.valid_until >= %(reference)s)
  GROUP BY u.kind_id
UNION ALL
SELECT 'coverage', '', COUNT(*), 0 FROM campaigns_coverage
  WHERE published_on >= %(start)s AND published_on < %(end)s
UNION ALL
SELECT 'events', '', COUNT(*), 0 FROM campaigns_event WHERE date >= %(start)s AND date < %(end)s
"""


def raw_sql_aggregates(year: int) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            RAW_SQL,
            {
                "year": year,
                "previous": year - 1,
                "reference": datetime.date(year, 12, 31),
                "accepted": S.ACCEPTED,
                "start": datetime.date(year, 1, 1),
                "end": datetime.date(year + 1, 1, 1),
            },
        )
        return cursor.fetchall()
