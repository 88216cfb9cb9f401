"""English names of the reference data that has one (``EnglishNamed``): the catalogue's
fields and the kinds of unit, as the plan and the 2025 reform name them. Set by a migration
and kept by ``fill_english_names`` (idempotent; a name an administrator changed is kept)."""

FIELD_NAMES = {
    "party-government": "Building the Party, the government and mass organisations",
    "defence-security": "Defence and security",
    "industry-construction-transport": "Industry and trade, construction, transport",
    "agriculture": "Agriculture",
    "finance-banking": "Finance and banking",
    "health": "Health",
    "education-training": "Education and training",
    "science-technology": "Science and technology",
    "culture-arts-sports": "Culture, arts and sports",
    "foreign-affairs": "Foreign affairs",
    "information-communications": "Information and communications",
    "administrative-reform": "Administrative reform",
    "social-security": "Social security",
    "social-life": "Social life",
}

UNIT_KIND_NAMES = {
    "province": "Province or centrally governed city",
    "department": "Department, board or sector",
    "sub-board": "Board or sub-department of a department",
    "mass-organisation": "Mass organisation",
    "enterprise-association": "Enterprise association",
    "district": "District or provincial city",
    "commune": "Commune, ward or special zone",
}


def fill_english_names(apps=None) -> int:
    """Give every field and unit kind above its English name where it has none yet;
    returns how many were named. ``apps``: a migration's historical models."""
    if apps is None:
        from django.apps import apps
    count = 0
    for model_name, names in (("Field", FIELD_NAMES), ("UnitKind", UNIT_KIND_NAMES)):
        model = apps.get_model("registry", model_name)
        for code, name in names.items():
            count += model.objects.filter(code=code, name_en="").update(name_en=name)
    return count
