"""The emulation movement moved from campaigns to registry (registry migration 0022): the
rows, their links and their content type survive the move on an existing database."""

import pytest
from django.db import connection

from tests.migrating import fresh_database, migrate

BEFORE = [
    ("registry", "0021_head_signoff"),
    ("campaigns", "0009_reform"),
    ("reports", "0006_document_render_drafts"),
]
# The move: registry takes the table, then campaigns lets it go.
MOVED = [
    ("registry", "0022_campaign_moves_here"),
    ("campaigns", "0010_campaign_moved_to_registry"),
]


@pytest.mark.slow(seconds=30)  # a migration from nothing to the move
@pytest.mark.django_db
def test_a_movement_and_what_points_to_it_survive_the_move(tmp_path):
    with fresh_database(tmp_path):
        old = migrate(BEFORE)
        OldCampaign = old.get_model("campaigns", "Campaign")
        Field = old.get_model("registry", "Field")
        ContentType = old.get_model("contenttypes", "ContentType")
        campaign = OldCampaign.objects.create(
            code="dan-van-kheo",
            name="Dân vận khéo",
            kind="movement",
            launched_by="province",
            level="provincial",
        )
        field, _made = Field.objects.get_or_create(
            code="cai-cach-hanh-chinh", defaults={"name": "Cải cách hành chính"}
        )
        campaign.fields.add(field)
        ContentType.objects.get_or_create(app_label="campaigns", model="campaign")
        moved_apps = migrate(MOVED)
        Campaign = moved_apps.get_model("registry", "Campaign")
        moved = Campaign.objects.get(code="dan-van-kheo")
        assert moved.pk == campaign.pk
        assert list(moved.fields.values_list("pk", flat=True)) == [field.pk]
        types = moved_apps.get_model("contenttypes", "ContentType").objects
        assert types.filter(app_label="registry", model="campaign").exists()
        assert not types.filter(app_label="campaigns", model="campaign").exists()
        assert "registry_campaign" in connection.introspection.table_names()
        assert "campaigns_campaign" not in connection.introspection.table_names()
