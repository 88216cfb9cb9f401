from django.db import migrations, models

# PostgreSQL only: the full-text vector of the folded search text, the expression
# ``exemplar_portal.base.search.folded_vector`` builds, so that a search over every record of the
# province reads an index instead of folding each row. SQLite searches with LIKE.
SEARCH_INDEX = "registry_exemplar_search_idx"


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON registry_exemplar USING gin "
            "(to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0009_reform"),
        ("registry", "0017_importjob_heartbeat"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="exemplar",
            index=models.Index(
                fields=["status", "status_changed_at"], name="registry_ex_status_1707ee_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="exemplar",
            index=models.Index(fields=["-updated_at"], name="registry_ex_updated_79a477_idx"),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
