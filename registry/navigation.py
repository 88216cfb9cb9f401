"""The portal's main menu: its areas, their pages, and which of them a user may open.

The menu is declared once here and drawn by ``templates/base.html``. A page is offered only
when the user passes the very check its view makes (``PermissionRequiredMixin`` of the view
behind the URL, or the admin site's own), so the menu never leads to a 403 page;
``tests/test_navigation.py`` opens every page of every role's menu to prove it.

The names of other apps' pages are only strings here: the registry imports nothing from
them (see docs/architecture.md).
"""

from dataclasses import dataclass, field
from functools import cache

from django.contrib import admin
from django.contrib.auth.mixins import PermissionRequiredMixin as DjangoPermissionRequired
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import PermissionRequiredMixin as RulesPermissionRequired

ADMIN_SITE = "admin:index"


@dataclass(frozen=True)
class Page:
    url_name: str
    label: str


@dataclass(frozen=True)
class Area:
    """A top-level entry: one page drawn as a link, or several behind a dropdown."""

    key: str
    label: str
    pages: tuple[Page, ...] = field(default_factory=tuple)


MENU: tuple[Area, ...] = (
    Area("home", _("Home"), (Page("registry:home", _("Home")),)),
    Area(
        "exemplars",
        _("Exemplars"),
        (
            Page("registry:exemplar_list", _("All exemplars")),
            Page("registry:review_queue", _("Review")),
            Page("registry:import_list", _("Spreadsheet imports")),
            Page("registry:catalogue", _("Criteria")),
        ),
    ),
    Area(
        "monitoring",
        _("Monitoring"),
        (
            Page("reports:dashboard", _("Dashboard")),
            Page("registry:quota_compliance", _("Quota standing")),
            Page("registry:follow_up_gaps", _("Follow-up and assessment")),
            Page("registry:quota_rules", _("Quotas")),
            Page("registry:plan_list", _("Plans")),
        ),
    ),
    Area(
        "propagation",
        _("Emulation and propagation"),
        (
            Page("campaigns:campaign_list", _("Movements")),
            Page("campaigns:pledge_list", _("Emulation pledges")),
            Page("campaigns:event_list", _("Events")),
            Page("campaigns:coverage_list", _("Media coverage")),
            Page("campaigns:column_list", _("Columns")),
            Page("campaigns:contest_list", _("Contests")),
            Page("campaigns:inspection_list", _("Inspections")),
            Page("campaigns:recommendation_list", _("Recommendations")),
            Page("campaigns:regulation_list", _("Units' regulations")),
            Page("campaigns:budget_list", _("Budgets")),
            Page("campaigns:difficulty_list", _("Issues")),
        ),
    ),
    Area(
        "commendation",
        _("Commendation"),
        (
            Page("reports:proposal_list", _("Award proposals")),
            Page("reports:decision_list", _("Award decisions")),
            Page("reports:certificateblank_list", _("Certificate blanks")),
            Page("reports:awardform_list", _("Award forms")),
            Page("reports:council_list", _("Emulation and commendation councils")),
            Page("reports:fund_list", _("Emulation and commendation funds")),
            Page("reports:introduction_list", _("Introductions to the media")),
            Page("reports:register", _("Register of issued documents")),
            Page("reports:consolidation_list", _("Consolidations and period reviews")),
            Page("reports:statistics", _("Emulation and commendation statistics")),
        ),
    ),
    Area("units", _("Units"), (Page("registry:unit_list", _("Units")),)),
    Area("administration", _("Administration"), (Page(ADMIN_SITE, _("Administration")),)),
)


@cache
def _target(url_name: str):
    """The page's path and the view class that serves it (``None`` for a function view)."""
    path = reverse(url_name)
    func = resolve(path).func
    return path, getattr(func, "view_class", None), getattr(func, "view_initkwargs", {})


def may_open(request, url_name: str) -> bool:
    """Whether the view behind ``url_name`` lets this user in: the check of the view itself."""
    if url_name == ADMIN_SITE:
        return admin.site.has_permission(request)
    _path, view_class, initkwargs = _target(url_name)
    if view_class is None or not issubclass(
        view_class, (RulesPermissionRequired, DjangoPermissionRequired)
    ):
        return True  # any signed-in user (LoginRequiredMiddleware keeps the others out)
    view = view_class(**initkwargs)
    view.setup(request)
    return view.has_permission()


def _current(path: str) -> str | None:
    """The menu page the current path belongs to: the longest menu path it starts with."""
    best, length = None, 0
    for area in MENU:
        for page in area.pages:
            url = _target(page.url_name)[0]
            matches = path == url or (url != "/" and path.startswith(url))
            if matches and len(url) > length:
                best, length = page.url_name, len(url)
    return best


def menu_for(request) -> list[dict]:
    """The areas this user sees, each with the pages the user may open, in menu order.

    An area with one page left is drawn as a plain link; an area with none is left out.
    ``current`` marks the page the request is on (or within), ``exact`` whether it is that
    very page (``aria-current="page"``).
    """
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return []
    current = _current(request.path)
    areas = []
    for area in MENU:
        pages = []
        for page in area.pages:
            if not may_open(request, page.url_name):
                continue
            url = _target(page.url_name)[0]
            pages.append(
                {
                    "url_name": page.url_name,
                    "label": page.label,
                    "url": url,
                    "current": page.url_name == current,
                    "exact": request.path == url,
                }
            )
        if pages:
            areas.append(
                {
                    "key": area.key,
                    "label": area.label,
                    "pages": pages,
                    "current": any(p["current"] for p in pages),
                }
            )
    return areas
