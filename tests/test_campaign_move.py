"""The emulation movement moved from campaigns to registry (registry migration 0022): the
rows, their links and their content type survive the move on an existing database."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("registry", "0021_head_signoff"),
    ("campaigns", "0009_reform"),
    ("reports", "0006_document_render_drafts"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_movement_and_what_points_to_it_survive_the_move():
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
    # A transactional test before this one may have emptied the seeded fields.
    field, _made = Field.objects.get_or_create(
        code="cai-cach-hanh-chinh", defaults={"name": "Cải cách hành chính"}
    )
    campaign.fields.add(field)
    ContentType.objects.get_or_create(app_label="campaigns", model="campaign")
    try:
        latest = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        Campaign = latest.get_model("registry", "Campaign")
        moved = Campaign.objects.get(code="dan-van-kheo")
        assert moved.pk == campaign.pk
        assert list(moved.fields.values_list("pk", flat=True)) == [field.pk]
        types = latest.get_model("contenttypes", "ContentType").objects
        assert types.filter(app_label="registry", model="campaign").exists()
        assert not types.filter(app_label="campaigns", model="campaign").exists()
        assert "registry_campaign" in connection.introspection.table_names()
        assert "campaigns_campaign" not in connection.introspection.table_names()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
