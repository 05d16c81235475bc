"""The Curators group: may add, change, delete and view the catalog, and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATALOG_MODELS = [
    "edition",
    "source",
    "topic",
    "service",
    "speaker",
    "keynote",
    "appearance",
    "keypoint",
    "announcement",
]
ACTIONS = ["add", "change", "delete", "view"]


def create_curators(apps, schema_editor):
    # Permissions are normally made after all migrations run; make them now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    curators, _ = Group.objects.get_or_create(name="Curators")
    codenames = [f"{action}_{model}" for model in CATALOG_MODELS for action in ACTIONS]
    curators.permissions.set(
        Permission.objects.filter(content_type__app_label="events", codename__in=codenames)
    )


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Curators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_curators, remove_curators)]
