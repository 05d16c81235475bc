import zoneinfo

from django.db import migrations, models


def day_from_start(apps, schema_editor):
    """Every keynote so far has a start: its day is that start's date at the venue."""
    Keynote = apps.get_model("events", "Keynote")
    for keynote in Keynote.objects.select_related("edition"):
        zone = zoneinfo.ZoneInfo(keynote.edition.time_zone)
        keynote.day = keynote.start.astimezone(zone).date()
        keynote.save(update_fields=["day"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_announcement_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="keynote",
            name="day",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(day_from_start, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="keynote",
            name="day",
            field=models.DateField(help_text="The keynote's day at the venue."),
        ),
        migrations.AlterField(
            model_name="keynote",
            name="start",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="keynote",
            name="end",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RemoveIndex(
            model_name="keynote",
            name="keynote_edition_start",
        ),
        migrations.AddIndex(
            model_name="keynote",
            index=models.Index(fields=["edition", "day"], name="keynote_edition_day"),
        ),
        migrations.AddConstraint(
            model_name="keynote",
            constraint=models.CheckConstraint(
                condition=models.Q(("end__isnull", True), ("start__isnull", True))
                | models.Q(("end__isnull", False), ("start__isnull", False)),
                name="keynote_times_both_or_neither",
            ),
        ),
        migrations.AlterModelOptions(
            name="keynote",
            options={"ordering": ["day", models.F("start").asc(nulls_last=True), "slug"]},
        ),
        migrations.AlterModelOptions(
            name="announcement",
            options={
                "ordering": [
                    "keynote__day",
                    models.F("keynote__start").asc(nulls_last=True),
                    "position",
                ]
            },
        ),
    ]
