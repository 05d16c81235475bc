from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Catalog"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .caching import connect_signals

        connect_signals()
        post_migrate.connect(keep_search_index, sender=self)


def keep_search_index(using, **kwargs):
    """Make the search index again after a migrate: on SQLite, a migration that rebuilds
    the announcements table drops the triggers that keep the index."""
    from django.db import connections

    from .models import Announcement
    from .search import install

    connection = connections[using]
    if Announcement._meta.db_table in connection.introspection.table_names():
        install(connection)
