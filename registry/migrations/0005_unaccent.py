from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL's unaccent for accent-insensitive full-text search (no-op elsewhere)."""

    dependencies = [("registry", "0004_quotarule_deadline")]

    operations = [UnaccentExtension()]
