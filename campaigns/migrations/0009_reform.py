"""Each regulation requirement under the plan that sets it (the one covering its deadline)."""

import django.db.models.deletion
from django.db import migrations, models


def link_plans(apps, schema_editor):
    Plan = apps.get_model("registry", "Plan")
    RegulationRequirement = apps.get_model("campaigns", "RegulationRequirement")
    for requirement in RegulationRequirement.objects.filter(plan__isnull=True):
        year = requirement.deadline.year
        plan = Plan.objects.filter(period_from__lte=year, period_to__gte=year).first()
        if plan is not None:
            requirement.plan = plan
            requirement.save(update_fields=["plan"])


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0008_movement_files'),
        ('registry', '0010_reform'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalregulationrequirement',
            name='plan',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The plan that sets this requirement and its deadline.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.plan', verbose_name='plan'),
        ),
        migrations.AddField(
            model_name='regulationrequirement',
            name='plan',
            field=models.ForeignKey(blank=True, help_text='The plan that sets this requirement and its deadline.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='regulation_requirements', to='registry.plan', verbose_name='plan'),
        ),
        migrations.RunPython(link_plans, migrations.RunPython.noop),
    ]
