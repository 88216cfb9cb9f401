"""The 2023-2025 plan as the migrations seed it, for code that must seed it again with the
current models (the browser tests' database is flushed between tests)."""

PLAN_TITLE = (
    "tuyên truyền gương điển hình tiên tiến trên địa bàn tỉnh Ninh Bình giai đoạn 2023 - 2025"
)
PLAN_SOURCE = "Kế hoạch tuyên truyền gương điển hình tiên tiến giai đoạn 2023 - 2025, mục VI"
# (unit kind code, minimum per year, counts what it endorsed, source)
QUOTAS_2023_2025 = [
    ("department", 1, False, f"{PLAN_SOURCE}.7"),
    ("mass-organisation", 1, False, f"{PLAN_SOURCE}.7"),
    ("enterprise-association", 1, False, f"{PLAN_SOURCE}.7"),
    ("district", 5, True, f"{PLAN_SOURCE}.8"),
    ("commune", 2, False, f"{PLAN_SOURCE}.8"),
]


def ensure_plan_2023_2025():
    """Create, if missing, the 2023-2025 plan with its catalogue and quota rules (current
    models; the kinds and the catalogue must exist)."""
    from registry.models import CatalogueVersion, Plan, QuotaRule, UnitKind

    UnitKind.objects.get_or_create(
        code="sub-board",
        defaults={"name": "Ban, chi cục trực thuộc sở", "order": 12, "reviews_children": False},
    )
    plan, _ = Plan.objects.get_or_create(
        period_from=2023,
        period_to=2025,
        defaults={
            "title": PLAN_TITLE,
            "issuer": "Ủy ban nhân dân tỉnh Ninh Bình",
            "catalogue": CatalogueVersion.objects.filter(code="2023-2025").first(),
        },
    )
    for code, minimum, endorsed, source in QUOTAS_2023_2025:
        QuotaRule.objects.get_or_create(
            plan=plan,
            unit_kind=UnitKind.objects.get(code=code),
            defaults={"minimum": minimum, "counts_endorsed": endorsed, "source": source},
        )
    return plan
