from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Catalog"

    def ready(self):
        from .caching import connect_signals

        connect_signals()
