"""Attachments: a SHA-256 checksum, removal kept for a retention period, and a history that
is the exemplar's timeline of its files.

Existing attachments get their checksum (their stored bytes are read once; one whose file is
missing keeps an empty checksum) and an entry of creation in their history, dated and signed
as their upload, so that the timeline shows them too.
"""

import hashlib

import django.db.models.deletion
import django.db.models.manager
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def backfill(apps, schema_editor):
    Attachment = apps.get_model("registry", "Attachment")
    HistoricalAttachment = apps.get_model("registry", "HistoricalAttachment")
    storage = Attachment._meta.get_field("file").storage
    for row in Attachment.objects.order_by("pk").iterator():
        if not row.sha256 and row.file and storage.exists(row.file.name):
            digest = hashlib.sha256()
            with storage.open(row.file.name, "rb") as stored:
                for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                    digest.update(chunk)
            row.sha256 = digest.hexdigest()
            Attachment.objects.filter(pk=row.pk).update(sha256=row.sha256)
        if HistoricalAttachment.objects.filter(id=row.pk).exists():
            continue
        HistoricalAttachment.objects.create(
            id=row.pk,
            kind=row.kind,
            file=row.file.name,
            thumbnail=row.thumbnail.name or None,
            original_name=row.original_name,
            content_type=row.content_type,
            size=row.size,
            caption=row.caption,
            uploaded_at=row.uploaded_at,
            uploaded_by_id=row.uploaded_by_id,
            sha256=row.sha256,
            deleted_at=row.deleted_at,
            deleted_by_id=row.deleted_by_id,
            exemplar_id=row.exemplar_id,
            history_date=row.uploaded_at,
            history_user_id=row.uploaded_by_id,
            history_type="+",
        )


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0014_user_username_ci_unique'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='attachment',
            options={'base_manager_name': 'all_objects', 'ordering': ['kind', 'uploaded_at'], 'verbose_name': 'attachment', 'verbose_name_plural': 'attachments'},
        ),
        migrations.AlterModelManagers(
            name='attachment',
            managers=[
                ('objects', django.db.models.manager.Manager()),
                ('all_objects', django.db.models.manager.Manager()),
            ],
        ),
        migrations.AddField(
            model_name='attachment',
            name='deleted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed'),
        ),
        migrations.AddField(
            model_name='attachment',
            name='deleted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='removed by'),
        ),
        migrations.AddField(
            model_name='attachment',
            name='sha256',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='SHA-256 checksum'),
        ),
        migrations.CreateModel(
            name='HistoricalAttachment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('photo', 'Photo'), ('document', 'Document')], editable=False, max_length=16, verbose_name='kind')),
                ('file', models.TextField(editable=False, max_length=100, verbose_name='file')),
                ('thumbnail', models.TextField(blank=True, editable=False, max_length=100, null=True, verbose_name='thumbnail')),
                ('original_name', models.CharField(editable=False, max_length=150, verbose_name='file name')),
                ('content_type', models.CharField(editable=False, max_length=100)),
                ('size', models.PositiveIntegerField(editable=False, verbose_name='size')),
                ('caption', models.CharField(blank=True, max_length=255, verbose_name='caption')),
                ('uploaded_at', models.DateTimeField(blank=True, editable=False, verbose_name='uploaded')),
                ('sha256', models.CharField(blank=True, editable=False, max_length=64, verbose_name='SHA-256 checksum')),
                ('deleted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('deleted_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='removed by')),
                ('exemplar', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.exemplar', verbose_name='exemplar')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('uploaded_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'historical attachment',
                'verbose_name_plural': 'historical attachments',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
