"""Choices shared by models, filters and exports (kept apart to avoid import cycles)."""

from django.db import models


class Availability(models.TextChoices):
    GENERALLY_AVAILABLE = "generally-available", "Generally available"
    PREVIEW = "preview", "Preview"
    COMING_SOON = "coming-soon", "Coming soon"
    PROGRAM = "program", "Programme or initiative"
    UNSPECIFIED = "unspecified", "Not stated"


class Role(models.TextChoices):
    HOST = "host", "Host"
    GUEST = "guest", "Guest"


class SourceKind(models.TextChoices):
    # The edition's main account, credited on every page of the year.
    ARTICLE = "article", "Article"
    SCHEDULE = "schedule", "Official schedule"
    OFFICIAL = "official", "Official announcement"
    VIDEO = "video", "Video of the keynote"
    REPORT = "report", "Third-party report"
