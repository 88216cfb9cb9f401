"""The yearly statistics on emulation and commendation that a province reports to the
Ministry of Home Affairs, in the national forms of the Home Affairs sector's statistical
reporting regime, computed from the portal's records.

What was found, and where (searched in December 2026; docs/award-law.md keeps the same)
---------------------------------------------------------------------------------------

- Thông tư 02/2023/TT-BNV of 23/3/2023, "Quy định chế độ báo cáo thống kê ngành Nội vụ", in
  force from 10/5/2023; its fields include "thi đua, khen thưởng"; the reporting period of
  that field runs from 1 December of the year before to 30 November of the report year
  (Sở Nội vụ Hưng Yên's summary, https://sonv.hungyen.gov.vn/portal/pages/print.aspx?p=10987;
  https://dulieuphapluat.vn/tin-tuc/tin-van-ban/che-do-bao-cao-thong-ke-nganh-noi-vu-2056.html).
- Thông tư 18/2025/TT-BNV of 8/10/2025, "Quy định Chế độ báo cáo thống kê ngành Nội vụ"
  (https://luatvietnam.vn/hanh-chinh/thong-tu-18-2025-tt-bnv-cua-bo-noi-vu-quy-dinh-che-do-bao-cao-thong-ke-nganh-noi-vu-414360-d1.html):
  by its title the successor of 02/2023; its forms, their codes and columns were not found,
  nor whether it repealed 02/2023. The forms below are 02/2023's.
- The forms' codes, titles, lines and columns were not read in the circular itself (its
  annex is published as a scanned PDF not in the sources searched). They are taken from a
  public implementation of it, the emulation and commendation software of
  github.com/lifephongphanmem (repositories ``thiduakhenthuong`` and ``thiduakhenthuong_php8``,
  ``resources/views/BaoCao/TT022023/Mau0601.blade.php`` … ``Mau0605.blade.php``, headed
  "Ban hành theo Thông tư số 2/2023/TT-BNV ngày 23/3/2023", received "Ngày 15 tháng 12 năm
  báo cáo"). Every form printed here says so: "cột chưa đối chiếu văn bản chính thức".

The five forms (Biểu số 06xx.N/BNV-TĐKT, yearly):

- 0601 "Số phong trào thi đua" (unit: phong trào). Columns: 1 total = 2 + 3 + 4, split by the
  level that launched the movement: 2 central (Hội đồng Thi đua - Khen thưởng Trung ương),
  3 a ministry, central body or province, 4 an agency, organisation or unit. Lines: 01 total;
  by scope 02 nationwide, 03 ministry/sector/locality, 04 cluster or bloc, 05 agency or unit;
  by duration 06 under a year, 07 one year, 08 one to under three, 09 three to under five,
  10 five or more; by method 11 thematic, 12 regular yearly.
- 0602 "Số lượng khen thưởng cấp Nhà nước". Columns: A, B code, C unit, 1 total, then 2 each
  order and medal (collective, individual), 3 Hồ Chí Minh Prize, 4 State Prize, 5 each
  honorary title, 6 the Government's emulation flag, 7 the Prime Minister's certificate
  (collective, individual), 8 national emulation fighter, 9 each other form. Lines: 1 total;
  by the body submitting to the Prime Minister 2 ministries, 3 provinces; by subject 6
  collectives, 7 of them enterprises, 8 households, 9 individuals, 10–14 five groups of
  individuals; by method 15 regular, 16 thematic, 17 ad hoc, 18 foreign, 19 long service,
  20 seniority, 21 resistance. (Codes 4 and 5 do not appear in the source.)
- 0603 "Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh, thành phố trực
  thuộc Trung ương". Columns: 1 total; 2 certificate of merit, 3 emulation fighter of a
  ministry or province, 4 emulation flag, 5 badge (commemorative medal). Lines 01–17 as
  0602's by subject (02–10) and method (11–17).
- 0604 "Số lượng tổ chức làm công tác thi đua, khen thưởng …": 01 total; 02 departments of a
  ministry, 03 their divisions, 04 boards of a Department of Home Affairs, 05 its divisions.
- 0605 "Số lượng công chức làm công tác thi đua, khen thưởng …" (people; total and women):
  01 total; by age 02–07, by training 08–12, by years in the field 13–15 (the source numbers
  the last line 14 again).

How the portal's records fill them
----------------------------------

Each figure is the count of a queryset (``FilledForm.cell_queryset``): the form's records
(``base``) filtered by its line's condition and its column's. All figures of a form come
from one aggregate query.

- 0601 counts the emulation movements (``registry.Campaign`` of kind movement, not
  campaigns) launched in the report year (their first year): the launching level from
  ``launched_by``, the scope from ``level``, the duration from their first and last years.
  The portal records neither the clusters and blocs that launch movements (line 04), nor
  months (line 06), nor the method (lines 11–12): those cells stay blank.
- 0602 and 0603 count the awards conferred (``AwardProposal`` conferred) by a decision dated
  within the period, by the column of their award form (``AwardForm.statistics_column``),
  the exemplar's subject, the group recorded with the decision (``recipient_group``) and
  the track. Line 21 (resistance) has no track in the portal. The province submits every
  state-level dossier of the portal, so 0602's line 2 (ministries) is nought.
- 0604 and 0605 ask for the emulation bodies and their staff, which the portal does not
  keep: they come as blank forms, for Home Affairs to fill in.
- None of the five forms asks for cash amounts (the cash of the awards is the commendation
  fund's concern, not these forms').

The province's forms (Home Affairs, the leaders, administrators) count every unit's
records; a unit's count those of its reach (``restrict``) and the movements it launched or
takes part in. 0604 and 0605 are the province's alone.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from exemplar_portal.base.exports import cell_value, sheet_title
from registry.enums import SubjectKind
from registry.models import Campaign, Unit
from registry.selectors import unit_ids_in_scope

from . import documents
from .layout import (
    Annex,
    Column,
    Document,
    Facts,
    GroupRow,
    HeaderCell,
    Paragraph,
    StrongRow,
    Table,
)
from .models import AwardForm, AwardProposal, RecipientGroup, StatisticsColumn

KIND = "statistics"
CIRCULAR_NUMBER = "02/2023/TT-BNV"
CIRCULAR = "Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
RECEIVED_ON = "Ngày 15 tháng 12 năm báo cáo"
NOT_VERIFIED = "cột chưa đối chiếu văn bản chính thức"
LAYOUT_SOURCE = (
    "github.com/lifephongphanmem/thiduakhenthuong_php8, "
    "resources/views/BaoCao/TT022023/Mau0601–0605.blade.php"
)
MINISTRY = "Bộ Nội vụ"

C, I, H = SubjectKind.COLLECTIVE, SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD  # noqa: E741
ALL = Q()
NOTHING = Q(pk__isnull=True)  # true of no row


def reporting_period(year: int) -> tuple[datetime.date, datetime.date]:
    """The period of the emulation and commendation field: 1 December of the year before to
    30 November of ``year``."""
    return datetime.date(year - 1, 12, 1), datetime.date(year, 11, 30)


# What a form is made of ---------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A line of a form: its label as the form prints it, its code (mã số), its unit of
    measure and the condition on the form's records it counts (``q``; ``None``: the portal
    does not record it and its cells stay blank). A heading line has no figures."""

    label: str
    code: str = ""
    measure: str = ""
    q: Q | None = None
    heading: bool = False
    strong: bool = False


def heading(label: str) -> Line:
    return Line(label, heading=True)


@dataclass(frozen=True)
class Leaf:
    """A column of figures: ``key`` names it in code and tests, ``number`` is the column's
    number as the form prints it ("1", "2"…; neighbours with one number share it), ``q`` the
    condition on the form's records (``None``: not recorded, blank)."""

    key: str
    label: str
    number: str
    q: Q | None = ALL


@dataclass(frozen=True)
class Group:
    """Columns under one heading ("Chia ra")."""

    label: str
    children: tuple


def _leaves(nodes) -> list[Leaf]:
    found = []
    for node in nodes:
        found += [node] if isinstance(node, Leaf) else _leaves(node.children)
    return found


def _depth(node) -> int:
    return 1 if isinstance(node, Leaf) else 1 + max(_depth(child) for child in node.children)


def _path(nodes, leaf, trail=()) -> tuple[str, ...]:
    for node in nodes:
        if node is leaf:
            return (*trail, node.label)
        if isinstance(node, Group):
            found = _path(node.children, leaf, (*trail, node.label))
            if found:
                return found
    return ()


@dataclass(frozen=True)
class Reach:
    """Whose records a form counts: the province's (``unit`` is Home Affairs, which
    reports) or a unit's reach (``unit`` is the user's unit)."""

    user: object
    unit: Unit
    province_wide: bool

    @property
    def reporter(self) -> str:
        if self.province_wide:
            return documents.issuer_name(documents.province_of(self.unit))
        return documents.issuer_name(self.unit)

    @property
    def receiver(self) -> str:
        if self.province_wide:
            return MINISTRY
        home_affairs = documents.home_affairs()
        return documents.issuer_name(home_affairs) if home_affairs else "Sở Nội vụ"


def reach_of(user) -> Reach | None:
    """The reach of ``user``'s statistics; None for a user who has no unit to report for."""
    province_wide = unit_ids_in_scope(user) is None
    unit = None
    if province_wide:
        # Home Affairs reports for the province; without it, the province's own body.
        unit = documents.home_affairs() or (
            Unit.objects.select_related("kind")
            .filter(parent__isnull=True, kind__code="province")
            .first()
        )
    if unit is None and user.unit_id:
        unit = Unit.objects.select_related("kind", "parent__kind").get(pk=user.unit_id)
    if unit is None:
        return None
    return Reach(user=user, unit=unit, province_wide=province_wide)


@dataclass(frozen=True)
class Context:
    year: int
    reach: Reach

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return reporting_period(self.year)

    def conferred(self) -> QuerySet:
        """The awards conferred by a decision dated within the period, in reach."""
        return self.proposals().filter(
            status=AwardProposal.Status.CONFERRED, decision_date__range=self.period
        )

    def proposals(self) -> QuerySet:
        return AwardProposal.objects.restrict(self.reach.user)

    def movements(self) -> QuerySet:
        """The emulation movements launched in the year: every one for the province; for a
        unit, those launched by a unit of its reach and the province's and the nation's that
        concern it (no target units named, or one of its reach)."""
        movements = Campaign.objects.filter(kind=Campaign.Kind.MOVEMENT, valid_from=self.year)
        if self.reach.province_wide:
            return movements
        units = unit_ids_in_scope(self.reach.user) or frozenset()
        concerned = Q(launched_by=Campaign.LaunchedBy.UNIT, launching_unit__in=units) | (
            ~Q(launched_by=Campaign.LaunchedBy.UNIT)
            & (Q(target_units__isnull=True) | Q(target_units__in=units))
        )
        return movements.filter(pk__in=Campaign.objects.filter(concerned).values("pk"))


@dataclass(frozen=True)
class Built:
    """What a form's builder gives: its records, lines, columns and notes."""

    base: QuerySet | None
    lines: list[Line]
    columns: list
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FormSpec:
    number: str
    title: str  # in capitals, as the form prints it
    sentence: str  # the title in running text
    name: object  # what the page calls it (translated)
    build: Callable[[Context], Built]
    measure: str = ""  # "Phong trào": printed "Đơn vị tính: Phong trào" above the table
    measure_column: bool = False  # a column C "Đơn vị tính"
    province_only: bool = False
    source_notes: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return f"{self.number}.N/BNV-TĐKT"

    @property
    def code_line(self) -> str:
        return f"Biểu số: {self.code}"


@dataclass
class FilledForm:
    """A form filled for a year and a reach: ``figures[(line code, column key)]``."""

    spec: FormSpec
    context: Context
    built: Built
    figures: dict

    @property
    def year(self) -> int:
        return self.context.year

    @property
    def lines(self) -> list[Line]:
        return self.built.lines

    @property
    def leaves(self) -> list[Leaf]:
        return _leaves(self.built.columns)

    @property
    def notes(self) -> list[str]:
        return self.built.notes

    def figure(self, code: str, key: str) -> int | None:
        return self.figures.get((code, key))

    def line(self, code: str) -> Line:
        return next(line for line in self.lines if line.code == code)

    def leaf(self, key: str) -> Leaf:
        return next(leaf for leaf in self.leaves if leaf.key == key)

    def cell_queryset(self, code: str, key: str) -> QuerySet:
        """The records behind one cell (what its figure counts)."""
        line, leaf = self.line(code), self.leaf(key)
        if self.built.base is None or line.q is None or leaf.q is None:
            raise LookupError(f"{self.spec.number} {code} × {key} is not recorded in the portal")
        return self.built.base.filter(line.q & leaf.q)

    def blank_codes(self) -> list[str]:
        """The lines the portal does not record (left blank)."""
        if self.built.base is None:
            return []
        return [line.code for line in self.lines if not line.heading and line.q is None]

    # What every writer draws -------------------------------------------------------------

    @property
    def fixed_headers(self) -> list[str]:
        return ["", "Mã số", *(["Đơn vị tính"] if self.spec.measure_column else [])]

    def header_rows(self) -> list[list[HeaderCell]]:
        """The header as the form draws it: the fixed columns over all its rows, the groups
        over their columns, each column's label down to the last row; then the row of the
        columns' letters and numbers ("A", "B", "1=(2+3+4)", "2"…)."""
        columns = self.built.columns
        depth = max(_depth(node) for node in columns)
        rows: list[list[HeaderCell]] = [[] for _ in range(depth)]
        rows[0] += [HeaderCell(text, rowspan=depth) for text in self.fixed_headers]

        def place(node, level):
            room = depth - level
            if isinstance(node, Leaf):
                rows[level].append(HeaderCell(node.label, rowspan=room))
                return
            span = room - _depth(node) + 1
            rows[level].append(HeaderCell(node.label, colspan=len(_leaves([node])), rowspan=span))
            for child in node.children:
                place(child, level + span)

        for node in columns:
            place(node, 0)
        numbers = [HeaderCell(letter) for letter in "ABC"[: len(self.fixed_headers)]]
        for leaf in self.leaves:
            if (
                numbers
                and numbers[-1].text == leaf.number
                and len(numbers) > len(self.fixed_headers)
            ):
                numbers[-1].colspan += 1
            else:
                numbers.append(HeaderCell(leaf.number))
        return [*rows, numbers]

    def column_headers(self) -> list[str]:
        """One header per column, its groups' labels before its own (the writers that draw
        one header row)."""
        columns = self.built.columns
        return [
            *self.fixed_headers,
            *(" – ".join(_path(columns, leaf)) for leaf in self.leaves),
        ]

    def rows(self) -> list:
        rows: list = []
        for line in self.lines:
            if line.heading:
                rows.append(GroupRow(line.label))
                continue
            cells = [line.label, line.code]
            if self.spec.measure_column:
                cells.append(line.measure)
            cells += [self.figure(line.code, leaf.key) for leaf in self.leaves]
            rows.append(StrongRow(cells) if line.strong else cells)
        return rows

    def table(self) -> Table:
        headers = self.column_headers()
        fixed = len(self.fixed_headers)
        widths = [34, 5, 9][:fixed]
        figure_width = max(4.0, min(10.0, 120 / max(len(self.leaves), 1)))
        columns = [
            Column(header, width=width) for header, width in zip(headers, widths, strict=False)
        ]
        columns += [Column(header, numeric=True, width=figure_width) for header in headers[fixed:]]
        return Table(
            columns=columns,
            rows=self.rows(),
            small=True,
            header_rows=self.header_rows(),
        )

    def particulars(self) -> list[tuple[str, str]]:
        start, end = self.context.period
        return [
            ("Biểu số", self.spec.code),
            ("Ban hành kèm theo", CIRCULAR),
            ("Ngày nhận báo cáo", RECEIVED_ON),
            ("Đơn vị báo cáo", self.context.reach.reporter),
            ("Đơn vị nhận báo cáo", self.context.reach.receiver),
            (
                "Kỳ báo cáo",
                f"Năm {self.year} (từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y})",
            ),
        ]

    def footnotes(self) -> list[str]:
        """What the form says under its table: the portal's blank cells, the notes of the
        figures, the source of its layout."""
        notes = []
        if self.built.base is None:
            notes.append(
                _(
                    "The portal does not keep these figures: the form is left blank for the "
                    "office to fill in."
                )
            )
        elif self.blank_codes():
            notes.append(
                _(
                    "Lines %(codes)s: the portal does not record these figures; their cells "
                    "are left blank for the office to fill in."
                )
                % {"codes": ", ".join(self.blank_codes())}
            )
        notes += self.notes
        notes += list(self.spec.source_notes)
        notes.append(
            _("Layout of the form as found in %(source)s implementing %(circular)s: %(mark)s.")
            % {"source": LAYOUT_SOURCE, "circular": CIRCULAR, "mark": NOT_VERIFIED}
        )
        return notes


def fill(spec: FormSpec, *, year: int, reach: Reach) -> FilledForm:
    """``spec`` filled with the records of ``reach`` for ``year``: every figure from one
    aggregate query over the form's records."""
    context = Context(year=year, reach=reach)
    built = spec.build(context)
    leaves = _leaves(built.columns)
    figures: dict = {}
    if built.base is not None:
        aggregates = {}
        for i, line in enumerate(built.lines):
            if line.heading or line.q is None:
                continue
            for j, leaf in enumerate(leaves):
                if leaf.q is None:
                    continue
                condition = line.q & leaf.q
                aggregates[f"f{i}_{j}"] = (
                    Count("pk", filter=condition) if condition else Count("pk")
                )
        counted = built.base.aggregate(**aggregates) if aggregates else {}
        for i, line in enumerate(built.lines):
            for j, leaf in enumerate(leaves):
                if f"f{i}_{j}" in counted:
                    figures[(line.code, leaf.key)] = counted[f"f{i}_{j}"]
    return FilledForm(spec=spec, context=context, built=built, figures=figures)


# The forms ---------------------------------------------------------------------------------

Level = Campaign.Level
LaunchedBy = Campaign.LaunchedBy


def _movements(context: Context) -> Built:
    """0601: the movements launched in the year."""
    first = F("valid_from")
    lines = [
        Line("Tổng số", "01", q=ALL, strong=True),
        heading("1. Chia theo phạm vi tổ chức thi đua"),
        Line("- Toàn quốc", "02", q=Q(level=Level.NATIONAL)),
        Line(
            "- Bộ, ban, ngành đoàn thể, địa phương",
            "03",
            q=Q(level__in=[Level.PROVINCIAL, Level.SECTOR]),
        ),
        Line("- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", "04"),
        Line("- Cơ quan, tổ chức, đơn vị", "05", q=Q(level=Level.LOCAL)),
        heading("2. Chia theo thời hạn thi đua"),
        Line("- Dưới 1 năm", "06"),
        Line("- 1 năm", "07", q=Q(valid_to=first)),
        Line("- Từ 1 năm đến dưới 3 năm", "08", q=Q(valid_to=first + 1)),
        Line(
            "- Từ 3 năm đến dưới 5 năm",
            "09",
            q=Q(valid_to__gte=first + 2, valid_to__lte=first + 3),
        ),
        Line("- Từ 5 năm trở lên", "10", q=Q(valid_to__gte=first + 4)),
        heading("3. Chia theo phương thức tổ chức phong trào thi đua"),
        Line("- Thi đua theo chuyên đề", "11"),
        Line("- Thi đua thường xuyên hàng năm", "12"),
    ]
    columns = [
        Leaf("total", "Tổng số", "1=(2+3+4)"),
        Group(
            "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
            (
                Leaf(
                    "central",
                    "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
                    "2",
                    Q(launched_by=LaunchedBy.PRIME_MINISTER),
                ),
                Leaf(
                    "province",
                    "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
                    "3",
                    Q(launched_by=LaunchedBy.PROVINCE),
                ),
                Leaf("unit", "Cơ quan, tổ chức, đơn vị", "4", Q(launched_by=LaunchedBy.UNIT)),
            ),
        ),
    ]
    base = context.movements()
    notes = [
        _(
            "Counted: the emulation movements launched in %(year)s (their first year), not "
            "the campaigns; a movement's duration is reckoned from its first and last years."
        )
        % {"year": context.year}
    ]
    open_ended = base.filter(valid_to__isnull=True).count()
    if open_ended:
        notes.append(
            ngettext(
                "%(count)s movement has no last year recorded and is in no line of duration.",
                "%(count)s movements have no last year recorded and are in no line of duration.",
                open_ended,
            )
            % {"count": open_ended}
        )
    return Built(base=base, lines=lines, columns=columns, notes=notes)


TRACK_LINES = [
    ("- Thường xuyên", "regular"),
    ("- Chuyên đề", "thematic"),
    ("- Đột xuất", "ad_hoc"),
    ("- Đối ngoại", "foreign"),
    ("- Cống hiến", "long_service"),
    ("- Niên hạn", "seniority"),
    ("- Kháng chiến", None),
]


def _award_lines(codes: list[str], *, by_submitter: bool) -> list[Line]:
    """The lines of 0602 and 0603: the total, (0602) who submitted, the subjects and the
    methods, numbered with ``codes`` in order."""
    number = iter(codes)
    G = RecipientGroup
    individual = Q(exemplar__subject_kind=I)
    lines = [Line("Tổng số", next(number), q=ALL, strong=True)]
    if by_submitter:
        lines += [
            heading("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng"),
            Line("- Bộ, ban, ngành, đoàn thể Trung ương", next(number), "Bộ, ngành", NOTHING),
            Line("- Tỉnh, thành phố trực thuộc Trung ương", next(number), "Tỉnh, TP", ALL),
        ]
    first, second = ("2", "3") if by_submitter else ("1", "2")
    lines += [
        heading(f"{first}. Chia theo đối tượng khen thưởng"),
        Line("- Tập thể", next(number), "Tập thể", Q(exemplar__subject_kind=C)),
        Line(
            "Trong đó: Doanh nghiệp",
            next(number),
            "Doanh nghiệp",
            Q(exemplar__subject_kind=C, recipient_group=G.ENTERPRISE),
        ),
        Line("- Hộ gia đình", next(number), "Hộ", Q(exemplar__subject_kind=H)),
        Line("- Cá nhân", next(number), "Người", individual),
    ]
    for label, group in (
        ("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", G.PROVINCIAL_LEADER),
        ("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", G.DEPARTMENT_LEADER),
        ("+ Doanh nhân", G.ENTREPRENEUR),
        ("+ Các cấp lãnh đạo khác từ phó phòng trở lên", G.OTHER_LEADER),
        (
            "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu "
            "(công nhân, nông dân,...)",
            G.DIRECT_WORKER,
        ),
    ):
        lines.append(Line(label, next(number), "Người", individual & Q(recipient_group=group)))
    lines.append(heading(f"{second}. Chia theo phương thức khen thưởng"))
    for label, track in TRACK_LINES:
        lines.append(Line(label, next(number), q=Q(track__code=track) if track else None))
    return lines


def _award_notes(base: QuerySet, context: Context) -> list[str]:
    """What a reader of 0602 or 0603 must know of its figures."""
    start, end = context.period
    notes = [
        _(
            "Counted: the awards conferred by a decision dated from %(start)s to %(end)s, "
            "recorded in the portal."
        )
        % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
    ]
    unclassified = base.filter(exemplar__subject_kind=I, recipient_group="").count()
    if unclassified:
        notes.append(
            ngettext(
                "%(count)s individual has no group recorded with the decision and is in none "
                "of the groups of individuals.",
                "%(count)s individuals have no group recorded with the decision and are in "
                "none of the groups of individuals.",
                unclassified,
            )
            % {"count": unclassified}
        )
    tracks = [track for _label, track in TRACK_LINES if track]
    other_tracks = base.exclude(track__code__in=tracks).count()
    if other_tracks:
        notes.append(
            ngettext(
                "%(count)s award proposed through a track the form has no line for (such as "
                "a dossier sent up) is in no line of method.",
                "%(count)s awards proposed through a track the form has no line for (such as "
                "a dossier sent up) are in no line of method.",
                other_tracks,
            )
            % {"count": other_tracks}
        )
    undated = (
        context.proposals()
        .filter(status=AwardProposal.Status.CONFERRED, decision_date__isnull=True)
        .count()
    )
    if undated:
        notes.append(
            ngettext(
                "%(count)s conferred award has no decision date recorded and is not counted.",
                "%(count)s conferred awards have no decision date recorded and are not counted.",
                undated,
            )
            % {"count": undated}
        )
    return notes


S = StatisticsColumn
STATE_COLUMNS = [
    S.ORDER_OR_MEDAL,
    S.HO_CHI_MINH_PRIZE,
    S.STATE_PRIZE,
    S.HONORARY_TITLE,
    S.GOVERNMENT_FLAG,
    S.PM_CERTIFICATE,
    S.NATIONAL_FIGHTER,
    S.OTHER_STATE,
]
PROVINCE_COLUMNS = [S.CERTIFICATE, S.PROVINCIAL_FIGHTER, S.EMULATION_FLAG, S.BADGE]
STATE_LEVELS = [AwardForm.Level.STATE, AwardForm.Level.GOVERNMENT]
# A form of the President or the Prime Minister without a column counts among 0602's others.
OTHER_STATE = Q(award__statistics_column=S.OTHER_STATE) | Q(
    award__statistics_column="", award__level__in=STATE_LEVELS
)


def _subjects(form: AwardForm, number: str) -> tuple:
    """A form's own columns: collective and individual, as it is conferred on them."""
    leaves = []
    if form.for_collectives:
        leaves.append(
            Leaf(
                f"{form.code}:collective",
                "Tập thể",
                number,
                Q(award=form, exemplar__subject_kind=C),
            )
        )
    if form.for_individuals or not leaves:
        leaves.append(
            Leaf(
                f"{form.code}:individual",
                "Cá nhân",
                number,
                Q(award=form, exemplar__subject_kind=I),
            )
        )
    return tuple(leaves)


def _own_columns(base: QuerySet, condition: Q, number: str, prefix: str) -> tuple:
    """A group's forms with an award in the period, each with columns of its own; one empty
    column pair when there is none."""
    forms = AwardForm.objects.filter(pk__in=base.filter(condition).values("award")).order_by(
        "order", "name"
    )
    groups = tuple(Group(form.name, _subjects(form, number)) for form in forms)
    if groups:
        return groups
    return (
        Group(
            "—",
            (
                Leaf(f"{prefix}:collective", "Tập thể", number, NOTHING),
                Leaf(f"{prefix}:individual", "Cá nhân", number, NOTHING),
            ),
        ),
    )


def _one(column, subject) -> Q:
    return Q(award__statistics_column=column, exemplar__subject_kind=subject)


def _state_awards(context: Context) -> Built:
    """0602: the state-level awards conferred in the period."""
    base = context.conferred().filter(
        Q(award__statistics_column__in=STATE_COLUMNS[:-1]) | OTHER_STATE
    )
    codes = ["01", "02", "03", *(f"{n:02d}" for n in range(6, 22))]
    lines = _award_lines(codes, by_submitter=True)
    columns = [
        Leaf("total", "Tổng số", "1"),
        Group(
            "Chia ra",
            (
                Group(
                    "Các loại huân chương, huy chương (Mỗi hình thức khen thưởng ghi riêng một "
                    "cột)",
                    _own_columns(base, Q(award__statistics_column=S.ORDER_OR_MEDAL), "2", "orders"),
                ),
                Group(
                    "Giải thưởng Hồ Chí Minh",
                    (Leaf("ho_chi_minh_prize", "Cá nhân", "3", _one(S.HO_CHI_MINH_PRIZE, I)),),
                ),
                Group(
                    "Giải thưởng Nhà nước",
                    (Leaf("state_prize", "Cá nhân", "4", _one(S.STATE_PRIZE, I)),),
                ),
                Group(
                    "Danh hiệu vinh dự nhà nước (Mỗi hình thức khen thưởng ghi riêng một cột)",
                    _own_columns(base, Q(award__statistics_column=S.HONORARY_TITLE), "5", "titles"),
                ),
                Group(
                    "Cờ thi đua của Chính phủ",
                    (Leaf("government_flag", "Tập thể", "6", _one(S.GOVERNMENT_FLAG, C)),),
                ),
                Group(
                    "Bằng khen của Thủ tướng Chính phủ",
                    (
                        Leaf(
                            "pm_certificate:collective", "Tập thể", "7", _one(S.PM_CERTIFICATE, C)
                        ),
                        Leaf(
                            "pm_certificate:individual", "Cá nhân", "7", _one(S.PM_CERTIFICATE, I)
                        ),
                    ),
                ),
                Group(
                    "Danh hiệu “Chiến sĩ thi đua Toàn quốc”",
                    (Leaf("national_fighter", "Cá nhân", "8", _one(S.NATIONAL_FIGHTER, I)),),
                ),
                Group(
                    "Các hình thức khen thưởng khác (Mỗi hình thức khen thưởng ghi riêng một cột)",
                    _own_columns(base, OTHER_STATE, "9", "others"),
                ),
            ),
        ),
    ]
    notes = [
        *_award_notes(base, context),
        _(
            "Line 02 is nought: the portal keeps the province's dossiers, which the province "
            "submits to the Prime Minister."
        ),
    ]
    households = base.filter(exemplar__subject_kind=H).count()
    if households:
        notes.append(
            ngettext(
                "%(count)s household is counted in column 1 only: the form splits its columns "
                "between collectives and individuals.",
                "%(count)s households are counted in column 1 only: the form splits its "
                "columns between collectives and individuals.",
                households,
            )
            % {"count": households}
        )
    return Built(base=base, lines=lines, columns=columns, notes=notes)


def _provincial_awards(context: Context) -> Built:
    """0603: the awards of the province (or a ministry) conferred in the period."""
    conferred = context.conferred()
    base = conferred.filter(award__statistics_column__in=PROVINCE_COLUMNS)
    lines = _award_lines([f"{n:02d}" for n in range(1, 18)], by_submitter=False)
    long_name = "của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"
    columns = [
        Leaf("total", "Tổng số", "1"),
        Group(
            "Chia ra",
            (
                Leaf("certificate", "Bằng khen", "2", Q(award__statistics_column=S.CERTIFICATE)),
                Leaf(
                    "provincial_fighter",
                    "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
                    "3",
                    Q(award__statistics_column=S.PROVINCIAL_FIGHTER),
                ),
                Leaf(
                    "emulation_flag",
                    f"Cờ thi đua {long_name}",
                    "4",
                    Q(award__statistics_column=S.EMULATION_FLAG),
                ),
                Leaf(
                    "badge",
                    f"Huy hiệu (kỷ niệm chương) {long_name}",
                    "5",
                    Q(award__statistics_column=S.BADGE),
                ),
            ),
        ),
    ]
    notes = _award_notes(base, context)
    left_out = (
        conferred.filter(
            award__statistics_column="",
            award__level__in=[AwardForm.Level.PROVINCE, AwardForm.Level.MINISTRY],
        )
        .values_list("award__name")
        .annotate(count=Count("pk"))
        .order_by("award__name")
    )
    if left_out:
        notes.append(
            _(
                "Not counted (the form has no column for them, or another body counts them): "
                "%(forms)s."
            )
            % {"forms": "; ".join(f"{name}: {count}" for name, count in left_out)}
        )
    return Built(base=base, lines=lines, columns=columns, notes=notes)


def _bodies(context: Context) -> Built:
    """0604: the bodies doing emulation and commendation work (not in the portal)."""
    lines = [
        Line("Tổng số", "01", "Tổ chức", strong=True),
        heading("Chia theo cơ cấu tổ chức bộ máy"),
        Line("- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "02", "Vụ"),
        Line("- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "03", "Phòng"),
        Line("- Cấp ban thuộc Sở Nội vụ", "04", "Ban"),
        Line("- Cấp phòng thuộc Sở Nội vụ", "05", "Phòng"),
    ]
    return Built(base=None, lines=lines, columns=[Leaf("count", "Số lượng", "1", None)])


def _staff(context: Context) -> Built:
    """0605: the civil servants doing emulation and commendation work (not in the portal)."""
    lines = [
        Line("Tổng số", "01", strong=True),
        heading("1. Chia theo độ tuổi"),
        Line("- Từ 30 trở xuống", "02"),
        Line("- Từ 31 đến 40", "03"),
        Line("- Từ 41 đến 50", "04"),
        Line("- Từ 51 đến 55", "05"),
        Line("- Từ 56 đến 60", "06"),
        Line("- Trên 60 tuổi", "07"),
        heading("2. Chia theo trình độ đào tạo"),
        Line("- Sơ cấp", "08"),
        Line("- Trung cấp", "09"),
        Line("- Cao đẳng", "10"),
        Line("- Đại học", "11"),
        Line("- Trên đại học", "12"),
        heading("3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng"),
        Line("- Dưới 5 năm", "13"),
        Line("- Từ 5 đến 10 năm", "14"),
        Line("- Từ 10 năm trở lên", "15"),
    ]
    columns = [
        Group(
            "Số lượng (Người)",
            (Leaf("total", "Tổng số", "1", None), Leaf("women", "Trong đó: Nữ", "2", None)),
        )
    ]
    return Built(base=None, lines=lines, columns=columns)


FORMS = {
    spec.number: spec
    for spec in (
        FormSpec(
            "0601",
            "SỐ PHONG TRÀO THI ĐUA",
            "số phong trào thi đua",
            gettext_lazy("Number of emulation movements"),
            _movements,
            measure="Phong trào",
        ),
        FormSpec(
            "0602",
            "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
            "số lượng khen thưởng cấp Nhà nước",
            gettext_lazy("State-level awards"),
            _state_awards,
            measure_column=True,
            source_notes=(
                "Mã số 04 và 05 không có trong mẫu tham khảo: cột chưa đối chiếu văn bản chính "
                "thức.",
            ),
        ),
        FormSpec(
            "0603",
            "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ "
            "TRỰC THUỘC TRUNG ƯƠNG",
            "số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh, thành phố "
            "trực thuộc Trung ương",
            gettext_lazy("Awards of ministries and provinces"),
            _provincial_awards,
            measure_column=True,
        ),
        FormSpec(
            "0604",
            "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ "
            "TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
            "số lượng tổ chức làm công tác thi đua, khen thưởng",
            gettext_lazy("Bodies doing emulation and commendation work"),
            _bodies,
            measure_column=True,
            province_only=True,
        ),
        FormSpec(
            "0605",
            "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH ĐOÀN THỂ "
            "TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
            "số lượng công chức làm công tác thi đua, khen thưởng",
            gettext_lazy("Civil servants doing emulation and commendation work"),
            _staff,
            province_only=True,
            source_notes=(
                "Mã số 15: mẫu tham khảo ghi trùng mã số 14 cho dòng “Từ 10 năm trở lên”; cột "
                "chưa đối chiếu văn bản chính thức.",
            ),
        ),
    )
}


def forms_for(reach: Reach) -> list[FormSpec]:
    """The forms ``reach`` reports: all for the province, 0601–0603 for a unit."""
    return [spec for spec in FORMS.values() if reach.province_wide or not spec.province_only]


def fill_all(numbers: list[str], *, year: int, reach: Reach) -> list[FilledForm]:
    return [fill(FORMS[number], year=year, reach=reach) for number in numbers]


# The document (PDF) ------------------------------------------------------------------------

ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def statistics_document(
    forms: list[FilledForm], *, reach: Reach, issue: documents.Issue | None = None
) -> Document:
    """The report that sends ``forms``: a short Decree 30 report of the reporting body, each
    form as a landscape annex."""
    unit = reach.unit
    issue = issue or documents.draft_issue(unit)
    year = forms[0].year
    start, end = reporting_period(year)
    body_name = documents.issuer_name(unit)
    numbered = len(forms) > 1
    annexes, listed = [], []
    for index, form in enumerate(forms):
        number = ROMAN[index] if numbered else ""
        what = {"number": number, "code": form.spec.code, "title": form.spec.sentence}
        listed.append(
            _("Annex %(number)s: form %(code)s, %(title)s") % what
            if numbered
            else _("Annex: form %(code)s, %(title)s") % what
        )
        blocks = [Facts(pairs=form.particulars())]
        if form.spec.measure:
            blocks.append(Paragraph(f"Đơn vị tính: {form.spec.measure}", style="plain"))
        blocks.append(form.table())
        blocks += [Paragraph(note, style="note") for note in form.footnotes()]
        annexes.append(Annex(title=form.spec.title, blocks=blocks, number=number, landscape=True))
    if reach.province_wide:
        whose = _("every unit of the province")
    else:
        whose = _("the units within the reach of %(unit)s") % {"unit": body_name}
    body = [
        Paragraph(
            _(
                "Implementing %(circular)s of the Minister of Home Affairs on the statistical "
                "reporting regime of the Home Affairs sector, %(body)s reports the statistics on "
                "emulation and commendation of %(year)s, for the reporting period from "
                "%(start)s to %(end)s, in the annexed forms:"
            )
            % {
                "circular": CIRCULAR,
                "body": body_name,
                "year": year,
                "start": start.strftime("%d/%m/%Y"),
                "end": end.strftime("%d/%m/%Y"),
            }
        ),
        *(Paragraph(f"- {line}.", style="plain") for line in listed),
        Paragraph(
            _(
                "The figures are counted from the records of %(whose)s in the portal of "
                "advanced exemplars on %(day)s. A blank cell is a figure the portal does not "
                "record: it is filled in before the forms are sent."
            )
            % {"whose": whose, "day": issue.date.strftime("%d/%m/%Y")}
        ),
        Paragraph(
            _(
                "The layout of the forms follows a public implementation of the circular; "
                "it has not been checked against the official text, and each form says so."
            )
        ),
    ]
    recipients = (
        [MINISTRY, _("The Provincial People's Committee (to report)"), documents.ARCHIVED]
        if reach.province_wide
        else [reach.receiver, "Lưu: VT"]
    )
    codes = "-".join(form.spec.number for form in forms) if len(forms) < 5 else "tat-ca"
    return Document(
        kind=KIND,
        year=year,
        date=issue.date,
        number=issue.number,
        signature=issue.signature,
        **documents.issuing_body(unit, issue.date, "BC"),
        subject=_("Statistics on emulation and commendation, %(year)s") % {"year": year},
        body=body,
        closing=_("%(issuer)s respectfully reports./.") % {"issuer": body_name},
        recipients=recipients,
        filename=f"thong-ke-thi-dua-khen-thuong-{year}-{codes}",
        annexes=annexes,
    )


# The workbook (xlsx) -----------------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
ITALIC = Font(italic=True)
TITLE = Font(bold=True, size=14)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")


def statistics_workbook(forms: list[FilledForm], *, day: datetime.date | None = None) -> bytes:
    """One sheet per form, drawn as the form: its code and circular at the top left, the
    reporting and receiving bodies at the top right, the title and period, the unit of
    measure, the header with its merged cells and its row of column numbers, the lines with
    their codes and figures (numbers), the notes, and who signs."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for form in forms:
        sheet = workbook.create_sheet(sheet_title(f"Biểu {form.spec.number}", used))
        write_form(sheet, form, day=day or timezone.localdate())
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_form(sheet, form: FilledForm, *, day: datetime.date) -> None:
    width = len(form.fixed_headers) + len(form.leaves)
    last = get_column_letter(width)
    right = max(width - 2, 2)  # where the right-hand block starts
    particulars = dict(form.particulars())

    def put(row, column, value, font=None, alignment=None, border=False):
        cell = sheet.cell(row=row, column=column)
        if value is not None:
            cell.value = cell_value(value)
        if font:
            cell.font = font
        if alignment:
            cell.alignment = alignment
        if border:
            cell.border = BOX
        return cell

    def across(row, first, last_column, value, font=None, alignment=None):
        put(row, first, value, font, alignment)
        if last_column > first:
            sheet.merge_cells(
                start_row=row, start_column=first, end_row=row, end_column=last_column
            )

    # Top left: the form, its circular, its day of receipt; top right: who reports to whom.
    across(1, 1, max(right - 1, 1), form.spec.code_line, BOLD)
    across(2, 1, max(right - 1, 1), f"Ban hành kèm theo {CIRCULAR}")
    across(3, 1, max(right - 1, 1), f"Ngày nhận báo cáo: {RECEIVED_ON}")
    across(1, right, width, f"Đơn vị báo cáo: {particulars['Đơn vị báo cáo']}", BOLD, WRAP)
    across(
        2, right, width, f"Đơn vị nhận báo cáo: {particulars['Đơn vị nhận báo cáo']}", None, WRAP
    )
    across(5, 1, width, form.spec.title, TITLE, CENTRE)
    sheet.row_dimensions[5].height = 36
    across(6, 1, width, particulars["Kỳ báo cáo"], ITALIC, CENTRE)
    row = 7
    if form.spec.measure:
        across(row, 1, width, f"Đơn vị tính: {form.spec.measure}", ITALIC, RIGHT)
    # The header, its merged cells, then the row of column numbers.
    header_top = row + 1
    taken: set[tuple[int, int]] = set()
    for offset, cells in enumerate(form.header_rows()):
        r = header_top + offset
        c = 1
        for cell in cells:
            while (r, c) in taken:
                c += 1
            put(r, c, cell.text, BOLD, CENTRE, border=True)
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    taken.add((rr, cc))
                    sheet.cell(row=rr, column=cc).border = BOX
            if cell.colspan > 1 or cell.rowspan > 1:
                sheet.merge_cells(
                    start_row=r,
                    start_column=c,
                    end_row=r + cell.rowspan - 1,
                    end_column=c + cell.colspan - 1,
                )
            c += cell.colspan
    row = header_top + len(form.header_rows())
    sheet.freeze_panes = f"{get_column_letter(len(form.fixed_headers) + 1)}{row}"
    # The lines.
    for values in form.rows():
        if isinstance(values, GroupRow):
            put(row, 1, values.label, BOLD, WRAP, border=True)
            for c in range(2, width + 1):
                put(row, c, None, border=True)
        else:
            strong = BOLD if isinstance(values, StrongRow) else None
            for c, value in enumerate(values, start=1):
                fixed = c <= len(form.fixed_headers)
                alignment = WRAP if c == 1 else (CENTRE if fixed else RIGHT)
                put(row, c, value, strong, alignment, border=True)
        row += 1
    # Notes and who signs.
    row += 1
    for note in form.footnotes():
        across(row, 1, width, note, ITALIC, WRAP)
        sheet.row_dimensions[row].height = 30
        row += 1
    row += 1
    put(row, 1, "Người lập biểu", BOLD, CENTRE)
    across(row, right, width, "Thủ trưởng đơn vị", BOLD, CENTRE)
    row += 5
    across(
        row,
        1,
        width,
        _("Draft prepared on %(day)s from the portal's records.")
        % {"day": day.strftime("%d/%m/%Y")},
        ITALIC,
    )
    # Widths: the labels wide, codes and units narrow, figures even.
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 8
    if form.spec.measure_column:
        sheet.column_dimensions["C"].width = 12
    for index in range(len(form.fixed_headers) + 1, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 13
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_top}:{header_top + len(form.header_rows()) - 1}"
    sheet.print_area = f"A1:{last}{row}"
