"""The curators' admin forms: keynote times in the venue's zone, announcements entered fast."""

import datetime as dt

from django import forms
from django.contrib.admin import widgets
from django.db.models import Max, URLField
from django.utils import timezone
from django.utils.text import slugify

from . import models
from .loading.parking import park


def https_links(field, **kwargs):
    """A link typed without a scheme is taken as https, as Django 6 will do."""
    if isinstance(field, URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


def edition_zone(edition):
    return edition.time_zone_info if edition else timezone.get_current_timezone()


def edition_named(key):
    """The edition whose primary key `key` is (an Edition, a number or its text), or None."""
    key = getattr(key, "pk", key)
    if key in (None, "") or not str(key).isdecimal():
        return None
    return models.Edition.objects.filter(pk=int(key)).first()


def zone_label(edition):
    return f"{edition.city} time ({edition.time_zone})"


class VenueDateTimeField(forms.SplitDateTimeField):
    """A date and a clock time as typed, naive: the form knows the zone they are in."""

    def compress(self, data_list):
        if data_list and None not in data_list:
            return dt.datetime.combine(*data_list)
        return None


class KeynoteForm(forms.ModelForm):
    """Start and end shown, typed and saved in the edition's time zone, not the server's.

    The zone comes from the keynote's edition, or for a new keynote from the edition
    chosen in the same form (posted, or given as ?edition= to the add page).
    """

    start = VenueDateTimeField(widget=widgets.AdminSplitDateTime, required=False)
    end = VenueDateTimeField(widget=widgets.AdminSplitDateTime, required=False)

    class Meta:
        model = models.Keynote
        fields = [
            "edition",
            "title",
            "slug",
            "published",
            "summary",
            "day",
            "start",
            "end",
            "venue",
            "schedule_source",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        edition = self.shown_edition()
        zone = edition_zone(edition)
        for name in ("start", "end"):
            value = getattr(self.instance, name) if self.instance.pk else None
            if value is not None:
                self.initial[name] = timezone.make_naive(value, zone)
            if edition is not None:
                self.fields[name].help_text = zone_label(edition)
            else:
                self.fields[name].help_text = "Local time at the venue of the edition chosen above"
            self.fields[name].help_text += ". Leave both times blank when no source gives them."
        self.fields["day"].required = False
        self.fields["day"].help_text = "Blank: the day of the start."

    def shown_edition(self):
        """The edition whose zone the times are read in: posted, initial or saved."""
        key = self.data.get(self.add_prefix("edition")) if self.is_bound else None
        chosen = edition_named(key if self.is_bound else self.initial.get("edition"))
        if chosen is None and self.instance.edition_id:
            return self.instance.edition
        return chosen

    def clean(self):
        cleaned = super().clean()
        edition = cleaned.get("edition")
        zone = edition_zone(edition)
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is None or timezone.is_aware(value):
                continue
            aware = value.replace(tzinfo=zone)
            # A clock time the change to or from daylight saving time skips or repeats.
            round_trip = aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
            repeated = value.replace(tzinfo=zone, fold=1).utcoffset() != aware.utcoffset()
            if round_trip != value or repeated:
                self.add_error(
                    name, f"{value:%H:%M} on {value:%d %b %Y} is not one clock time in {zone}."
                )
                cleaned.pop(name, None)
                continue
            cleaned[name] = aware
        start = cleaned.get("start")
        if not cleaned.get("day"):
            if start is not None:
                cleaned["day"] = timezone.localtime(start, zone).date()
            elif "day" not in self.errors:
                self.add_error("day", "Give the keynote's day, or its start.")
        return cleaned


def next_free_position(keynote, taken=()):
    """One after the last position used in the keynote, or 1."""
    last = 0
    if keynote.pk:
        last = keynote.announcements.aggregate(last=Max("position"))["last"] or 0
    return max([last, *taken]) + 1


class AnnouncementFormMixin:
    """The edition comes from the keynote; position and slug fill themselves in when blank."""

    def setup_fields(self):
        if "position" in self.fields:
            position = self.fields["position"]
            position.required = False
            # The inline leaves positions out of the model's checks: the range is checked here.
            position.validators = [*position.validators, *models.POSITION_RANGE]
            low, high = (validator.limit_value for validator in models.POSITION_RANGE)
            position.widget.attrs.update(min=low, max=high)
            position.help_text = "Order within the keynote; blank: the next one."
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Unique within its year; blank: made from the title."

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = slugify(cleaned["title"])[:100]
            if not cleaned["slug"]:
                self.add_error("slug", "Give a slug: the title has no letters or digits for one.")
        keynote = cleaned.get("keynote")
        if keynote is None or not keynote.edition_id:
            return cleaned
        self.instance.edition = keynote.edition
        slug = cleaned.get("slug")
        others = models.Announcement.objects.filter(edition_id=keynote.edition_id, slug=slug)
        if slug and others.exclude(pk=self.instance.pk).exists():
            self.add_error(
                "slug", f"Another announcement of {keynote.edition.year} has the slug “{slug}”."
            )
        return cleaned


ANNOUNCEMENT_FIELDS = [
    "keynote",
    "title",
    "other_names",
    "slug",
    "published",
    "summary",
    "section",
    "number",
    "position",
    "topics",
    "services",
    "availability",
    "availability_source",
    "availability_note",
    "link",
    "follows",
]
INLINE_FIELDS = [
    "position",
    "number",
    "section",
    "title",
    "slug",
    "summary",
    "topics",
    "availability",
    "availability_source",
    "published",
]


class AnnouncementForm(AnnouncementFormMixin, forms.ModelForm):
    class Meta:
        model = models.Announcement
        fields = ANNOUNCEMENT_FIELDS
        formfield_callback = https_links

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_fields()

    def clean(self):
        cleaned = super().clean()
        keynote = cleaned.get("keynote")
        if keynote is not None and cleaned.get("position") is None:
            cleaned["position"] = next_free_position(keynote)
        later = [
            other
            for other in cleaned.get("follows") or []
            if keynote is not None and other.edition.year >= keynote.edition.year
        ]
        if later:
            names = ", ".join(f"{other.title} ({other.edition.year})" for other in later)
            self.add_error(
                "follows",
                f"An announcement follows announcements of earlier years only: {names}.",
            )
        return cleaned


class AnnouncementInlineForm(AnnouncementFormMixin, forms.ModelForm):
    class Meta:
        model = models.Announcement
        fields = INLINE_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 2, "cols": 30})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_fields()

    def _get_validation_exclusions(self):
        # Positions are checked by the formset across the whole keynote at once: checked
        # row by row, two announcements swapping places would each find the other's.
        return super()._get_validation_exclusions() | {"position"}


class AnnouncementInlineFormSet(forms.BaseInlineFormSet):
    """A keynote's announcements: blank positions filled in, renumbering in one save."""

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
            if hasattr(form, "cleaned_data")
        ]
        shown = {form.instance.pk for form in self.forms if form.instance.pk}
        outside = {}
        if self.instance.pk:
            outside = dict(
                self.instance.announcements.exclude(pk__in=shown).values_list("position", "title")
            )
        holders = {}
        slugs = set()
        for form in kept:
            slug = form.cleaned_data.get("slug")
            if slug and slug in slugs:
                form.add_error("slug", f"Another row here also has the slug “{slug}”.")
            slugs.add(slug)
            position = form.cleaned_data.get("position")
            if position is None:
                continue
            if position in outside:
                form.add_error(
                    "position", f"Position {position} is taken by “{outside[position]}”."
                )
            elif position in holders:
                form.add_error(
                    "position",
                    f"Position {position} is also given to “{holders[position]}”.",
                )
            else:
                holders[position] = form.cleaned_data.get("title") or form.instance.title
        position = None  # read from the database once, for the first blank row only
        for form in kept:
            if form.cleaned_data.get("position") is None and not form.errors:
                if position is None:
                    position = next_free_position(self.instance, [*holders, *outside])
                else:
                    position += 1
                form.cleaned_data["position"] = position
                form.instance.position = position

    def save(self, commit=True):
        if commit and self.instance.pk:
            # Renumbered and deleted rows leave their positions first, so the rows saved
            # after them may take those positions in any order.
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk
                and (
                    "position" in form.changed_data
                    or (self.can_delete and self._should_delete_form(form))
                )
            ]
            # They wait in the loader's parking area, above every valid position.
            park(models.Announcement, list(models.Announcement.objects.filter(pk__in=moving)))
        return super().save(commit)
