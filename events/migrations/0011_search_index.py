"""A trigram index of each announcement's own words, for search (see events/search.py)."""

from django.db import migrations


def make_index(apps, schema_editor):
    from events.search import install

    install(schema_editor.connection)


def drop_index(apps, schema_editor):
    from events.search import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("events", "0010_appearance_title_may_be_unknown")]

    operations = [migrations.RunPython(make_index, drop_index, elidable=False)]
