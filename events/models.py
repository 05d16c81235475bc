"""The catalog: editions of re:Invent, their keynotes, speakers and announcements.

Every model a fixture holds has a natural key, so `fixtures/reinvent-<year>.json`
carries no database ids and loads the same into any database.
"""

import datetime
import functools
import re
import zoneinfo
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from .enums import Availability, Role, SourceKind


def time_zone_choices():
    """IANA zones of the form Area/Location, read from the machine's tz database at run time.

    A callable, so migrations do not depend on the tzdata installed where they were made.
    """
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


# Positions and numbers stay far below the column's limit, which the loader parks rows above.
POSITION_RANGE = [MinValueValidator(1), MaxValueValidator(9999)]
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def printable_text(value):
    """No control characters (line breaks and tabs aside): feeds and XML cannot carry them."""
    match = CONTROL_CHARACTERS.search(value)
    if match:
        raise ValidationError(
            f"Remove the invisible control character U+{ord(match.group()):04X}.",
            code="control_character",
        )


# A path segment that names a locale, e.g. /ja_jp/ or /pt-br/ in AWS documentation, or an
# aws.amazon.com country site such as /jp/ or /de/.
LOCALE_SEGMENT = re.compile(r"^[a-z]{2}[_-][a-z]{2}$", re.IGNORECASE)
AWS_COUNTRY_SITES = frozenset(
    {"ar", "cn", "de", "es", "fr", "id", "it", "jp", "kr", "pt", "ru", "th", "tr", "tw", "vi"}
)


def is_locale_copy(url):
    """Whether a URL is a copy of a page in another locale rather than the original."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    if any(LOCALE_SEGMENT.match(segment) for segment in segments):
        return True
    host = parts.hostname or ""
    return host.endswith("aws.amazon.com") and bool(segments) and segments[0] in AWS_COUNTRY_SITES


def status_source_problem(source):
    """Why a source cannot state an availability, or None: it must carry its date and be
    the original, not a copy in another locale (those are living pages that change)."""
    if source.published_on is None:
        return "A source of an availability must carry its date: give the date it was published."
    if is_locale_copy(source.url):
        return "Use the original page, not a copy in another locale."
    return None


def _is_set(obj, name):
    """Whether a foreign key holds an object, saved or not yet saved, without a query."""
    field = obj._meta.get_field(name)
    if getattr(obj, field.attname) is not None:
        return True
    return field.is_cached(obj) and field.get_cached_value(obj) is not None


def _sources_of_other_editions(obj, *names):
    """{field: message} for each source field of obj that names another edition's source."""
    return {
        name: "The source must belong to the same edition."
        for name in names
        if getattr(obj, f"{name}_id")
        and obj.edition_id
        and getattr(obj, name).edition_id != obj.edition_id
    }


@functools.lru_cache(maxsize=100_000)
def _reversed(prefix, name, arguments):
    return reverse(name, kwargs=dict(arguments))


def page_url(name, **kwargs):
    """reverse(), kept for each page: a list of a hundred items asks for two hundred
    addresses, and each is the same until the URLconf or the script prefix changes."""
    return _reversed(get_script_prefix(), name, tuple(sorted(kwargs.items())))


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def get_by_natural_key(self, year):
        return self.get(year=year)


class Edition(models.Model):
    """One year of the conference."""

    year = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(validators=[printable_text], max_length=100)
    city = models.CharField(validators=[printable_text], max_length=100)
    venue = models.CharField(
        validators=[printable_text],
        max_length=200,
        help_text="Where the keynotes are held, e.g. “The Venetian”.",
    )
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        default="America/Los_Angeles",
        help_text="The venue's time zone; keynote times are shown in it.",
    )
    start_date = models.DateField("first day")
    end_date = models.DateField("last day")
    summary = models.TextField(validators=[printable_text], blank=True)
    published = models.BooleanField(default=False, help_text="Drafts are visible to staff only.")

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="edition_ends_on_or_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_url("events:edition", year=self.year)

    def natural_key(self):
        return (self.year,)

    @property
    def time_zone_info(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The last day cannot be before the first day."})


class YearSlugQuerySet(models.QuerySet):
    """Rows named by their edition's year and a slug unique within it."""

    def for_year(self, year):
        return self.filter(edition__year=year)

    def get_by_natural_key(self, year, slug):
        return self.get(edition__year=year, slug=slug)


class Source(models.Model):
    """A public document a fact in the catalog comes from, credited on the site."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sources")
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    title = models.CharField(validators=[printable_text], max_length=300)
    author = models.CharField(
        validators=[printable_text], max_length=200, help_text="A person or the publisher."
    )
    url = models.URLField("link", max_length=500)
    published_on = models.DateField(null=True, blank=True)

    objects = YearSlugQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "kind", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"], name="source_slug_unique_per_edition"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.author})"

    def natural_key(self):
        return (*self.edition.natural_key(), self.slug)

    natural_key.dependencies = ["events.edition"]


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SharedRow(models.Model):
    """A row that every year may use, named by a slug: a topic, a service, a speaker."""

    slug = models.SlugField(max_length=100, unique=True)

    objects = SlugQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Topic(SharedRow):
    name = models.CharField(validators=[printable_text], max_length=100)


class Service(SharedRow):
    """An AWS service, e.g. Amazon Aurora."""

    name = models.CharField(validators=[printable_text], max_length=150)


class SpeakerQuerySet(SlugQuerySet):
    def public(self):
        """Speakers with at least one published appearance."""
        on_stage = Appearance.objects.published().filter(speaker=models.OuterRef("pk"))
        return self.filter(models.Exists(on_stage))


class Speaker(SharedRow):
    """A person on stage. Their job title belongs to each appearance, not to them."""

    slug = models.SlugField(max_length=100, unique=True, help_text="Stable across years.")
    name = models.CharField(validators=[printable_text], max_length=150)
    bio = models.TextField(validators=[printable_text], blank=True)
    link = models.URLField(max_length=500, blank=True)

    objects = SpeakerQuerySet.as_manager()

    def get_absolute_url(self):
        return page_url("events:speaker", slug=self.slug)

    @property
    def earlier_appearances(self):
        """On the speaker list, which shows only the latest appearances: how many more
        there are (`appearance_count` and `public_appearances` come from the list)."""
        return self.appearance_count - len(self.public_appearances)


# Keynotes in time order: by day, then by start (a keynote with no clock time last on
# its day, on every database), then by slug.
KEYNOTE_ORDER = ["day", models.F("start").asc(nulls_last=True), "slug"]


class KeynoteQuerySet(YearSlugQuerySet):
    def published(self):
        return self.filter(published=True, edition__published=True)


class Keynote(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="keynotes")
    slug = models.SlugField(max_length=100, help_text="Unique within its year.")
    title = models.CharField(validators=[printable_text], max_length=200)
    day = models.DateField(help_text="The keynote's day at the venue.")
    # A keynote whose clock time no source gives keeps its day and no times.
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    venue = models.CharField(
        validators=[printable_text], max_length=200, blank=True, help_text="Building or room."
    )
    summary = models.TextField(validators=[printable_text])
    # RESTRICT, not PROTECT: a source in use cannot be deleted on its own, but an edition
    # is deleted with its keynotes and the sources they cite.
    schedule_source = models.ForeignKey(
        Source,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where the start and end times come from.",
    )
    published = models.BooleanField(default=False, help_text="Drafts are visible to staff only.")
    speakers = models.ManyToManyField(Speaker, through="Appearance", related_name="keynotes")
    # When the record last changed, for feeds and calendars: every save() sets it, and
    # the year loader's bulk writes set it themselves.
    updated_at = models.DateTimeField(auto_now=True)

    objects = KeynoteQuerySet.as_manager()

    class Meta:
        ordering = KEYNOTE_ORDER
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"], name="keynote_slug_unique_per_edition"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="keynote_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False),
                name="keynote_times_both_or_neither",
            ),
        ]
        indexes = [models.Index(fields=["edition", "day"], name="keynote_edition_day")]

    def __str__(self):
        return f"{self.title} ({self.edition.year})"

    def save(self, *args, **kwargs):
        if self.day is None and self.start is not None:
            self.day = self.local_start.date()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return page_url("events:keynote", year=self.edition.year, slug=self.slug)

    def natural_key(self):
        return (*self.edition.natural_key(), self.slug)

    natural_key.dependencies = ["events.edition", "events.source"]

    def clean(self):
        errors = _sources_of_other_editions(self, "schedule_source")
        if (self.start is None) != (self.end is None):
            missing = "end" if self.end is None else "start"
            errors[missing] = (
                "Give both the start and the end, or neither when no source states them."
            )
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The keynote must end after it starts."
        if (
            self.start
            and self.day
            and _is_set(self, "edition")
            and self.local_start.date() != self.day
        ):
            errors["start"] = (
                f"The keynote's day is {self.day:%-d %B %Y}; the start is on another day."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def local_start(self):
        """The start in the venue's time zone."""
        return self.start.astimezone(self.edition.time_zone_info)


class AppearanceQuerySet(models.QuerySet):
    def published(self):
        """Appearances the public sees: on a published keynote of a published edition."""
        return self.filter(keynote__published=True, keynote__edition__published=True)

    def get_by_natural_key(self, year, keynote_slug, speaker_slug):
        return self.get(
            keynote__edition__year=year, keynote__slug=keynote_slug, speaker__slug=speaker_slug
        )


class Appearance(models.Model):
    """A speaker on a keynote's stage, with the title they held at the time."""

    keynote = models.ForeignKey(Keynote, on_delete=models.CASCADE, related_name="appearances")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="appearances")
    position = models.PositiveSmallIntegerField(
        validators=POSITION_RANGE, help_text="Order on stage, from 1."
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.GUEST)
    job_title = models.CharField(
        validators=[printable_text],
        max_length=200,
        blank=True,
        help_text="The title held then; blank when no source states it.",
    )
    organization = models.CharField(validators=[printable_text], max_length=200)

    objects = AppearanceQuerySet.as_manager()

    class Meta:
        ordering = ["keynote", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["keynote", "speaker"], name="appearance_speaker_once_per_keynote"
            ),
            models.UniqueConstraint(
                fields=["keynote", "position"], name="appearance_position_unique"
            ),
        ]

    def __str__(self):
        return f"{self.speaker.name}, {self.held}"

    @property
    def held(self):
        """The title and organization held then, e.g. “CEO, AWS”; the title when known."""
        return ", ".join(part for part in (self.job_title, self.organization) if part)

    def natural_key(self):
        return (*self.keynote.natural_key(), self.speaker.slug)

    natural_key.dependencies = ["events.keynote", "events.speaker"]


class KeyPointQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, keynote_slug, position):
        return self.get(keynote__edition__year=year, keynote__slug=keynote_slug, position=position)


class KeyPoint(models.Model):
    """One of a keynote's main points, in the order they were made."""

    keynote = models.ForeignKey(Keynote, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveSmallIntegerField(
        validators=POSITION_RANGE, help_text="Order in the keynote, from 1."
    )
    title = models.CharField(validators=[printable_text], max_length=200)
    body = models.TextField(validators=[printable_text])

    objects = KeyPointQuerySet.as_manager()

    class Meta:
        ordering = ["keynote", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["keynote", "position"], name="key_point_position_unique"
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.keynote.natural_key(), self.position)

    natural_key.dependencies = ["events.keynote"]


# How far from its edition's dates a source of the availability at announcement may be
# dated: it reports what was said that week, not what became of it.
ANNOUNCEMENT_WEEKS = datetime.timedelta(days=31)


class AnnouncementQuerySet(YearSlugQuerySet):
    def published(self):
        return self.filter(published=True, keynote__published=True, edition__published=True)

    def refresh_status(self):
        """Set each announcement's status from its history: the availability of its latest
        change, or the availability it was announced with when nothing changed since."""
        latest = StatusChange.objects.filter(announcement=models.OuterRef("pk")).order_by("-date")
        return self.update(
            status=Coalesce(
                models.Subquery(latest.values("availability")[:1]), models.F("availability")
            )
        )


class Announcement(models.Model):
    """Something announced on a keynote's stage, as its source numbers and files it."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="announcements")
    keynote = models.ForeignKey(Keynote, on_delete=models.CASCADE, related_name="announcements")
    slug = models.SlugField(max_length=100, help_text="Unique within its year.")
    title = models.CharField(validators=[printable_text], max_length=200)
    other_names = models.CharField(
        validators=[printable_text],
        max_length=300,
        blank=True,
        help_text="Other names it was called by, e.g. in the source article; "
        "searches find it by these too.",
    )
    position = models.PositiveSmallIntegerField(
        validators=POSITION_RANGE, help_text="Order within the keynote, from 1."
    )
    number = models.PositiveSmallIntegerField(
        validators=POSITION_RANGE,
        null=True,
        blank=True,
        help_text="The item's number in the source, if it has one.",
    )
    section = models.CharField(
        validators=[printable_text],
        max_length=200,
        help_text="The source's heading, e.g. “Storage”.",
    )
    summary = models.TextField(validators=[printable_text])
    topics = models.ManyToManyField(Topic, related_name="announcements")
    services = models.ManyToManyField(Service, related_name="announcements", blank=True)
    # Links across years are kept by the later year: its file names the announcements of
    # earlier years that it carries on, which its load finds already in the database.
    follows = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="follow_ups",
        blank=True,
        help_text="Announcements of earlier years that this one carries on.",
    )
    availability = models.CharField(
        max_length=20, choices=Availability.choices, default=Availability.UNSPECIFIED
    )
    availability_source = models.ForeignKey(
        Source,
        on_delete=models.RESTRICT,  # as Keynote.schedule_source
        null=True,
        blank=True,
        related_name="+",
        help_text="Where the availability is stated, dated in the weeks of the event. "
        "Required unless it is “not stated”.",
    )
    availability_note = models.TextField(
        "note on the sources",
        validators=[printable_text],
        blank=True,
        help_text="How the sources were read: where they disagree or say nothing, and which "
        "one the record follows.",
    )
    # As it stands now: the latest change in its history, or its availability. Derived,
    # never typed: refresh_status() keeps it, after every change to the history.
    status = models.CharField(
        max_length=20,
        choices=Availability.choices,
        default=Availability.UNSPECIFIED,
        editable=False,
    )
    link = models.URLField("official page", max_length=500, blank=True)
    published = models.BooleanField(default=False, help_text="Drafts are visible to staff only.")
    # When the record last changed, for feeds and calendars: every save() sets it, and
    # the year loader's bulk writes set it themselves.
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["keynote__day", models.F("keynote__start").asc(nulls_last=True), "position"]
        indexes = [
            models.Index(fields=["keynote", "position"], name="announcement_keynote_pos"),
            models.Index(fields=["availability"], name="announcement_availability"),
            models.Index(fields=["status"], name="announcement_status"),
            models.Index(fields=["title"], name="announcement_title"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"], name="announcement_slug_unique_per_edition"
            ),
            models.UniqueConstraint(
                fields=["keynote", "position"], name="announcement_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(availability__in=Availability.values),
                name="announcement_availability_valid",
            ),
            models.CheckConstraint(
                condition=Q(availability=Availability.UNSPECIFIED)
                | Q(availability_source__isnull=False),
                name="announcement_availability_has_source",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        latest = self.history.order_by("-date").first() if self.pk else None
        self.status = latest.availability if latest else self.availability
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "availability" in update_fields:
            kwargs["update_fields"] = {*update_fields, "status"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return page_url("events:announcement", year=self.edition.year, slug=self.slug)

    def natural_key(self):
        return (*self.edition.natural_key(), self.slug)

    natural_key.dependencies = [
        "events.keynote",
        "events.source",
        "events.topic",
        "events.service",
    ]

    def clean(self):
        errors = _sources_of_other_editions(self, "availability_source")
        if self.keynote_id and self.edition_id and self.keynote.edition_id != self.edition_id:
            errors["keynote"] = "This keynote belongs to another year."
        if self.availability != Availability.UNSPECIFIED and not _is_set(
            self, "availability_source"
        ):
            errors["availability_source"] = "Say where this availability is stated."
        elif _is_set(self, "availability_source"):
            problem = status_source_problem(self.availability_source)
            if problem is None and _is_set(self, "edition"):
                problem = self._outside_event_weeks(self.availability_source.published_on)
            if problem:
                errors.setdefault("availability_source", problem)
        if errors:
            raise ValidationError(errors)

    def _outside_event_weeks(self, day):
        edition = self.edition
        if not (edition.start_date and edition.end_date):
            return None
        if edition.start_date - ANNOUNCEMENT_WEEKS <= day <= edition.end_date + ANNOUNCEMENT_WEEKS:
            return None
        return (
            f"This source is dated {day:%-d %B %Y}: the availability at announcement needs a "
            "source from the weeks of the event. Record later news in the history."
        )


class StatusChangeQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, slug, date):
        return self.get(announcement__edition__year=year, announcement__slug=slug, date=date)


class StatusChange(models.Model):
    """A later change in an announcement's availability, e.g. generally available after a
    preview, on the date a source gives."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="history")
    date = models.DateField(help_text="When the change took effect, as the source says.")
    availability = models.CharField(
        "becomes",
        max_length=20,
        choices=[c for c in Availability.choices if c[0] != Availability.UNSPECIFIED],
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.RESTRICT,  # as Keynote.schedule_source
        related_name="+",
        help_text="A dated source that states the change.",
    )

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["announcement", "date"]
        verbose_name = "status change"
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "date"], name="status_change_once_a_day"
            ),
            models.CheckConstraint(
                condition=Q(availability__in=Availability.values)
                & ~Q(availability=Availability.UNSPECIFIED),
                name="status_change_availability_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_availability_display()} on {self.date:%-d %B %Y}"

    # The announcement's status follows, within the same change of the catalog, so that
    # no page is cached between the two writes.
    def save(self, *args, **kwargs):
        from .caching import one_change

        with transaction.atomic(), one_change():
            super().save(*args, **kwargs)
            self._announcement_changed()

    def delete(self, *args, **kwargs):
        from .caching import one_change

        with transaction.atomic(), one_change():
            result = super().delete(*args, **kwargs)
            self._announcement_changed()
        return result

    def natural_key(self):
        return (*self.announcement.natural_key(), self.date.isoformat())

    natural_key.dependencies = ["events.announcement", "events.source"]

    def clean(self):
        errors = {}
        if _is_set(self, "source"):
            problem = status_source_problem(self.source)
            if problem is None and _is_set(self, "announcement"):
                edition_id = self.announcement.edition_id
                if self.source.edition_id and self.source.edition_id != edition_id:
                    problem = "The source must belong to the same edition."
            if problem:
                errors["source"] = problem
        if self.date and _is_set(self, "announcement") and _is_set(self.announcement, "edition"):
            start = self.announcement.edition.start_date
            if start and self.date < start:
                errors["date"] = (
                    f"A change comes after the announcement: give a date from {start:%-d %B %Y} on."
                )
        if errors:
            raise ValidationError(errors)

    def _announcement_changed(self):
        """The announcement's status follows its history, and it counts as changed."""
        announcements = Announcement.objects.filter(pk=self.announcement_id)
        announcements.refresh_status()
        announcements.update(updated_at=timezone.now())


class YearLoad(models.Model):
    """When a year was last loaded from its fixture, and a hash of every record it wrote.

    Comparing the database with these hashes shows which records were edited since.
    """

    year = models.PositiveSmallIntegerField(unique=True)
    loaded_at = models.DateTimeField()
    record_hashes = models.JSONField(default=dict)
    # {model label: field names} hashed by that load; a kind not named hashes every field.
    hashed_fields = models.JSONField(default=dict)

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}, loaded {self.loaded_at:%Y-%m-%d %H:%M}"


class CatalogVersion(models.Model):
    """A number that goes up with every change to the catalog, and when it last did.

    Cached pages are stored under it and ETags are made from it, so all workers on all
    machines stop serving a page the moment the data it shows changes.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"catalog version {self.version}"

    @classmethod
    def bump(cls):
        now = timezone.now()
        if not cls.objects.filter(pk=1).update(version=models.F("version") + 1, changed_at=now):
            cls.objects.get_or_create(pk=1, defaults={"version": 1, "changed_at": now})


# Every kind of record a year's fixture holds, in dependency order: a record only refers
# to kinds listed before it. Loading, exporting, caching and the Curators group use it.
CATALOG_MODELS = [
    Edition,
    Source,
    Topic,
    Service,
    Speaker,
    Keynote,
    Appearance,
    KeyPoint,
    Announcement,
    StatusChange,
]
