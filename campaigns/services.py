"""Writes of the campaigns app. Each names its side effects."""

from django.db import transaction


@transaction.atomic
def campaign_save(*, form, by):
    """Create or change a movement from a valid form; history records ``by``."""
    campaign = form.save(commit=False)
    campaign._history_user = by
    campaign.save()
    form.save_m2m()
    return campaign


@transaction.atomic
def campaign_review_add(*, campaign, form, by):
    """Record a preliminary or final review of ``campaign``."""
    review = form.save(commit=False)
    review.campaign = campaign
    review.recorded_by = by
    review._history_user = by
    review.save()
    return review


@transaction.atomic
def pledge_save(*, form, by):
    """Record an emulation pledge and its signing units."""
    pledge = form.save(commit=False)
    pledge.recorded_by = by
    pledge._history_user = by
    pledge.save()
    form.save_m2m()
    return pledge
