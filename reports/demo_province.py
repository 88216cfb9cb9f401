"""The demo province's records spread (``registry.demo_province`` plans and builds them):
coverage by the press and the units' portals, introductions to the media by Home Affairs,
and commendation proposals with their appraisal and decision."""

import datetime
import random
import uuid

from django.utils import timezone

from registry.data import demo_people as people
from registry.data import demo_texts as texts
from registry.demo_province import (
    DEMO_DAY,
    Record,
    at,
    capital,
    fill,
    level_of,
    seeded,
    sentence,
    weighted,
    workday,
)
from registry.enums import ExemplarStatus as S
from registry.enums import Role
from registry.models import User

AWARDS = {
    ("individual", "province"): {
        "chien-si-thi-dua-co-so": 4,
        "bang-khen-chu-tich-ubnd-tinh": 3,
        "chien-si-thi-dua-cap-tinh": 1,
    },
    ("individual", "local"): {"giay-khen-chu-tich-ubnd-xa": 3, "bang-khen-chu-tich-ubnd-tinh": 2},
    ("collective", "province"): {"tap-the-lao-dong-xuat-sac": 3, "bang-khen-chu-tich-ubnd-tinh": 2},
    ("collective", "local"): {"bang-khen-chu-tich-ubnd-tinh": 2, "giay-khen-chu-tich-ubnd-xa": 2},
    ("household", "province"): {"bang-khen-chu-tich-ubnd-tinh": 1},
    ("household", "local"): {"gia-dinh-van-hoa": 1, "bang-khen-chu-tich-ubnd-tinh": 2},
}
COVERAGE_KINDS = {
    "newspaper": ["article", "article", "news"],
    "broadcaster": ["reportage", "programme", "column_episode"],
    "unit_portal": ["news", "news", "e_publication"],
}


def spread(records: list[Record]) -> int:
    """Coverage of accepted records by the press and the units' portals, introductions to
    the media by Home Affairs, and commendation proposals with their appraisal and decision;
    made once (each is looked up first). Returns how many it made."""
    from campaigns.models import Column, Coverage, MediaOutlet
    from registry.models import Exemplar

    from .awards import decision_of
    from .models import AwardForm, AwardProposal, MediaIntroduction

    accepted = {r.token: r for r in records if r.accepted_on is not None}
    tokens = {uuid.uuid5(uuid.NAMESPACE_URL, token): token for token in accepted}
    exemplars = {
        tokens[e.creation_token]: e
        for e in Exemplar.objects.filter(creation_token__in=tokens, status=S.ACCEPTED)
        .select_related("unit")
        .order_by("pk")
    }
    if not exemplars:
        return 0
    media = User.objects.get(username="bientap.bnb")
    home_affairs = User.objects.get(username="tdkt.snv")
    outlets = {o.name: o for o in MediaOutlet.objects.all()}
    columns = {c.outlet_id: c for c in Column.objects.all()}
    awards = {a.code: a for a in AwardForm.objects.all()}
    staff = {u.unit_id: u for u in User.objects.filter(role=Role.UNIT_EDITOR).order_by("-pk")}
    made = 0
    decision_number = 3100
    decisions = {}
    for token, exemplar in sorted(exemplars.items()):
        record = accepted[token]
        # Each kind of record draws from its own generator: one found already (a second
        # load) leaves the draws of the others as they were.
        rng = seeded(f"coverage-{token}")
        ctx = {**record.context, "y": record.year}
        accepted_day = timezone.localtime(record.accepted_on).date()
        # Coverage: one accepted record in six, some twice.
        if rng.random() < 0.17:
            for number in range(2 if rng.random() < 0.25 else 1):
                day = accepted_day + datetime.timedelta(days=rng.randint(12, 120) * (number + 1))
                if day >= DEMO_DAY:
                    break
                outlet = _outlet_for(exemplar, outlets, rng)
                headline = fill(rng.choice(texts.HEADLINES[record.subject_kind]), ctx, rng)
                title = capital(headline)[:300]
                kind = rng.choice(COVERAGE_KINDS.get(outlet.kind, ["news"]))
                column = columns.get(outlet.pk) if kind in ("article", "column_episode") else None
                if kind == "column_episode" and column is None:
                    kind = "programme"
                authors = ", ".join(rng.sample(people.JOURNALISTS, k=rng.randint(1, 2)))
                summary = fill(rng.choice(texts.COVERAGE_SUMMARIES), ctx, rng)
                if Coverage.objects.filter(outlet=outlet, title=title).exists():
                    continue
                item = Coverage(
                    outlet=outlet,
                    column=column,
                    kind=kind,
                    published_on=day,
                    title=title,
                    authors=authors,
                    summary=summary,
                    recorded_by=media,
                )
                item._history_user = media
                item.save()
                item.exemplars.add(exemplar)
                _date(Coverage, item.pk, day)
                made += 1
        # Introductions to the media: one in twelve, from 2024.
        rng = seeded(f"introduction-{token}")
        if record.year >= 2024 and rng.random() < 0.09:
            day = _introduction_day(accepted_day, rng)
            outlet = outlets[
                "Báo Ninh Bình" if rng.random() < 0.6 else "Phát thanh - Truyền hình Ninh Bình"
            ]
            if (
                day < DEMO_DAY
                and not MediaIntroduction.objects.filter(
                    exemplar=exemplar, outlet=outlet, date=day
                ).exists()
            ):
                occasion = (
                    MediaIntroduction.Occasion.PATRIOTIC_EMULATION_DAY
                    if (day.month, day.day) < (6, 12) and day.month >= 5
                    else MediaIntroduction.Occasion.ROUTINE
                )
                introduction = MediaIntroduction(
                    exemplar=exemplar,
                    outlet=outlet,
                    date=day,
                    occasion=occasion,
                    angle=fill(rng.choice(texts.INTRODUCTION_ANGLES), ctx, rng),
                    created_by=home_affairs,
                )
                introduction._history_user = home_affairs
                introduction.save()
                _date(MediaIntroduction, introduction.pk, day)
                made += 1
        # Commendation proposals: one in nine, for the years the award forms exist.
        rng = seeded(f"proposal-{token}")
        if record.year >= 2024 and rng.random() < 0.11:
            level = level_of(record.unit)
            code = weighted(rng, AWARDS[record.subject_kind, level])
            award = awards.get(code)
            if award is None or not award.is_active_in(record.year):
                continue
            if AwardProposal.objects.filter(
                exemplar=exemplar, award=award, year=record.year
            ).exists():
                continue
            unit = exemplar.unit
            if unit.valid_until is not None:
                from registry.lineage import work_successor_on

                unit = work_successor_on(unit, DEMO_DAY) or unit
            proposer = staff.get(unit.pk) or home_affairs
            proposed = min(accepted_day + datetime.timedelta(days=rng.randint(10, 40)), DEMO_DAY)
            proposal = AwardProposal(
                exemplar=exemplar,
                award=award,
                year=record.year,
                proposing_unit=unit if proposer != home_affairs else home_affairs.unit,
                reasons=sentence(fill(rng.choice(texts.PROPOSAL_REASONS), ctx, rng)),
                created_by=proposer,
            )
            proposal._history_user = proposer
            proposal.save()
            appraised = proposed + datetime.timedelta(days=rng.randint(8, 30))
            if appraised < DEMO_DAY - datetime.timedelta(days=10):
                outcome = weighted(rng, {"agreed": 7, "needs_more": 2, "not_agreed": 1})
                proposal.status = outcome
                proposal.appraised_by, proposal.appraised_on = home_affairs, appraised
                proposal.appraisal_notes = rng.choice(texts.APPRAISAL_NOTES[outcome])
                decided = appraised + datetime.timedelta(days=rng.randint(10, 35))
                if outcome == "agreed" and decided < DEMO_DAY:
                    decision_number += rng.randint(3, 40)
                    number = f"{decision_number}/QĐ-UBND"
                    if award.level in ("commune",):
                        number = f"{rng.randint(40, 400)}/QĐ-UBND"
                    # One decision a month at each level confers the awards agreed by then.
                    key = (award.level, unit.pk if award.level == "commune" else None)
                    month = (decided.year, decided.month)
                    number, decided = decisions.setdefault((*key, month), (number, decided))
                    proposal.status = AwardProposal.Status.CONFERRED
                    proposal.decision_number = number
                    proposal.decision_date = decided
                    proposal.decision_signer = (
                        f"Chủ tịch Ủy ban nhân dân {unit.name}"
                        if award.level == "commune"
                        else "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"
                    )
                if proposal.status == AwardProposal.Status.CONFERRED:
                    proposal.decision = decision_of(proposal, home_affairs)
                proposal._history_user = home_affairs
                proposal.save()
            _date(AwardProposal, proposal.pk, proposed)
            made += 1
    return made


def _outlet_for(exemplar, outlets: dict, rng: random.Random):
    """The press mostly; a department's own portal for some of its records."""
    portal = next(
        (
            outlet
            for outlet in outlets.values()
            if outlet.kind == "unit_portal" and outlet.name.endswith(exemplar.unit.name)
        ),
        None,
    )
    if portal is not None and rng.random() < 0.4:
        return portal
    if rng.random() < 0.12:
        return outlets["Cổng thông tin điện tử tỉnh Ninh Bình"]
    return outlets["Báo Ninh Bình" if rng.random() < 0.6 else "Phát thanh - Truyền hình Ninh Bình"]


def _introduction_day(accepted: datetime.date, rng: random.Random) -> datetime.date:
    """Before 11 June of the next year for most; otherwise a few weeks after acceptance."""
    if rng.random() < 0.6:
        return datetime.date(accepted.year + 1, 5, rng.randint(20, 31))
    return workday(accepted + datetime.timedelta(days=rng.randint(20, 60)))


def _date(model, pk: int, day: datetime.date) -> None:
    """Give a record made now the day it was made in the demo (its ``created_at`` and the
    moment of its history rows)."""
    moment = at(day, 10)
    model.objects.filter(pk=pk).update(created_at=moment)
    model.history.filter(id=pk).update(history_date=moment)
