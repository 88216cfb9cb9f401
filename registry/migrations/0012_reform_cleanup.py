"""Drop the years of units and quota rules once the data moved to dates and plans."""

import django.core.validators
import django.db.models.deletion
import rules.contrib.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0011_reform_data'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='historicalquotarule',
            name='deadline_day',
        ),
        migrations.RemoveField(
            model_name='historicalquotarule',
            name='deadline_month',
        ),
        migrations.RemoveField(
            model_name='historicalquotarule',
            name='valid_from',
        ),
        migrations.RemoveField(
            model_name='historicalquotarule',
            name='valid_to',
        ),
        migrations.RemoveField(
            model_name='historicalunit',
            name='valid_to',
        ),
        migrations.RemoveField(
            model_name='quotarule',
            name='deadline_day',
        ),
        migrations.RemoveField(
            model_name='quotarule',
            name='deadline_month',
        ),
        migrations.RemoveField(
            model_name='quotarule',
            name='valid_from',
        ),
        migrations.RemoveField(
            model_name='quotarule',
            name='valid_to',
        ),
        migrations.RemoveField(
            model_name='unit',
            name='valid_to',
        ),
        migrations.AddConstraint(
            model_name='quotarule',
            constraint=models.UniqueConstraint(fields=('plan', 'unit_kind'), name='quota_rule_one_per_kind'),
        ),
        migrations.RemoveField(
            model_name='unit',
            name='valid_from_year',
        ),
        migrations.RemoveField(
            model_name='historicalunit',
            name='valid_from_year',
        ),
        migrations.AlterField(
            model_name='quotarule',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='quota_rules', to='registry.plan', verbose_name='plan'),
        ),
        migrations.AlterField(
            model_name='historicalquotarule',
            name='plan',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.plan', verbose_name='plan'),
        ),
    ]
