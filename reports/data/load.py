"""Writes the award forms of ``awards_2003`` and ``awards_2022`` with what the law says of
them; idempotent (rows are found by their codes, numbers or days, and updated), so a data
migration may run it again after the data changes. ``apps`` gives the models: a migration's
historical ones, or ``django.apps.apps``."""

from decimal import Decimal

from exemplar_portal.base.text import fold

from . import BASE_SALARIES, LEGAL_DOCUMENTS, TRACKS, C, H, I, awards_2003, awards_2022

MODULES = (awards_2003, awards_2022)


def seed(apps):
    model = lambda name: apps.get_model("reports", name)  # noqa: E731
    documents = {}
    for number, kind, title, issued_on, valid_from, valid_until, url in LEGAL_DOCUMENTS:
        documents[number], _ = model("LegalDocument").objects.update_or_create(
            number=number,
            defaults={
                "kind": kind,
                "title": title,
                "issued_on": issued_on,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "url": url,
            },
        )
    tracks = {}
    for order, (code, name, name_en, description, sent_up) in enumerate(TRACKS, start=1):
        tracks[code], _ = model("AwardTrack").objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "sent_up": sent_up,
                "order": order * 10,
            },
        )
    for amount, valid_from, number, article in BASE_SALARIES:
        model("BaseSalary").objects.update_or_create(
            valid_from=valid_from,
            defaults={"amount": amount, "legal_document": documents[number], "article": article},
        )
    parts = {}
    for module in MODULES:
        for code, name, official_form, number, article in module.DOSSIER_PARTS:
            parts[code], _ = model("DossierPart").objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "official_form": official_form,
                    "legal_document": documents[number],
                    "article": article,
                },
            )
    AwardForm = model("AwardForm")
    forms = {}
    for module in MODULES:
        for index, award in enumerate(module.AWARDS):
            order = module.ORDER_FROM + index * 10
            forms[award["code"]] = _form(AwardForm, award, order, documents, tracks)
    for module in MODULES:
        for award in module.AWARDS:
            _law_of(model, forms[award["code"]], award, module, documents, parts, forms)
    link_continuations(apps)


# The suffix of the codes of the forms of the Law of 2003 (``awards_2003``).
OLD_LAW_SUFFIX = "-2003"


def link_continuations(apps):
    """Each form of the Law of 2003 ("X-2003") is carried on by the form of the Law of 2022
    with the same code ("X"), where there is one: a title held under the old law counts for a
    condition that names the new one (``reports.conditions``)."""
    AwardForm = apps.get_model("reports", "AwardForm")
    if not any(field.name == "continues_as" for field in AwardForm._meta.get_fields()):
        return  # an earlier migration's models: the link's own migration makes it
    current = dict(
        AwardForm.objects.exclude(code__endswith=OLD_LAW_SUFFIX).values_list("code", "pk")
    )
    for old in AwardForm.objects.filter(code__endswith=OLD_LAW_SUFFIX):
        successor = current.get(old.code.removesuffix(OLD_LAW_SUFFIX))
        if successor and old.continues_as_id != successor:
            AwardForm.objects.filter(pk=old.pk).update(continues_as_id=successor)


def _form(AwardForm, award, order, documents, tracks):
    subjects = award["subjects"]
    existing = AwardForm.objects.filter(code=award["code"]).values_list("order", flat=True)
    row, _ = AwardForm.objects.update_or_create(
        code=award["code"],
        defaults={
            "name": award["name"],
            "category": award["category"],
            "level": award["level"],
            "for_collectives": C in subjects,
            "for_individuals": I in subjects,
            "for_households": H in subjects,
            "legal_basis": documents[award["law"]],
            "article": award["article"],
            "sent_up": award["sent_up"],
            "note": award["note"],
            "valid_from": award["valid_from"],
            "valid_to": award["valid_to"],
            "search_text": fold(" ".join((award["name"], award["code"], award["article"]))),
            # The forms seeded before keep their place in the lists.
            "order": existing.first() or order,
        },
    )
    row.tracks.set([tracks[code] for code in award["tracks"]])
    return row


def _law_of(model, form, award, module, documents, parts, forms):
    """The form's cash rates, dossier and conditions, written anew from the data."""
    model("CashRate").objects.filter(award=form).delete()
    for number, article, valid_from, valid_until, multiple, collective, household in award["cash"]:
        model("CashRate").objects.create(
            award=form,
            legal_document=documents[number],
            article=article,
            valid_from=valid_from,
            valid_until=valid_until,
            multiple=Decimal(multiple),
            collective_multiple=collective and Decimal(collective),
            household_multiple=household and Decimal(household),
        )
    model("AwardDossierPart").objects.filter(award=form).delete()
    for order, (code, subjects, required) in enumerate(module.dossier_of(award), start=1):
        model("AwardDossierPart").objects.create(
            award=form,
            part=parts[code],
            for_collectives=subjects is None or C in subjects,
            for_individuals=subjects is None or I in subjects,
            for_households=subjects is None or H in subjects,
            required=required,
            order=order * 10,
        )
    model("AwardCondition").objects.filter(award=form).delete()
    for order, (group, kind, params, text, article) in enumerate(award["conditions"], start=1):
        params = dict(params)
        title, law = params.pop("title", None), params.pop("law", None)
        model("AwardCondition").objects.create(
            award=form,
            group=group,
            kind=kind,
            title=forms[title] if title else None,
            text=text,
            legal_document=documents[law] if law else form.legal_basis,
            article=article,
            order=order * 10,
            **params,
        )
