"""Plain admin registrations so staff can reach every record from the start."""

from django.contrib import admin

from .models import (
    Announcement,
    Appearance,
    Edition,
    Keynote,
    KeyPoint,
    Service,
    Source,
    Speaker,
    Topic,
)

for model in (
    Edition,
    Source,
    Topic,
    Service,
    Speaker,
    Keynote,
    Appearance,
    KeyPoint,
    Announcement,
):
    admin.site.register(model)
