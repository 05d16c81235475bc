"""One FilterSet per list, shared by the HTML page and every data format of it.

Each FilterSet's form checks the request's parameters against the catalog: a value that
names nothing gets a message naming its parameter, and every good value still applies.
Facet options and their counts come from two UNION queries, so a list page costs the same
number of queries whatever the size of the catalog.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Cast
from django.http import QueryDict
from django_filters.fields import ChoiceField, MultipleChoiceField

from .enums import Availability
from .memo import no_memo
from .models import Announcement, Appearance, Edition, Keynote, Service, Speaker, Topic
from .search import Names, announcements_matching, few_found, matches

MAX_SEARCH_LENGTH = 200
# A search with a word that finds this many announcements or fewer passes their keys to
# every query of the page; one whose words all find more is checked row by row.
FOUND_INLINE = 1000
SHOWN_VALUE_LENGTH = 60

DEFAULT_SORT = "-year"
# The default first: the sort select lists them in this order.
ANNOUNCEMENT_SORTS = [
    ("-year", "Newest edition first"),
    ("keynote", "Oldest edition first"),
    ("title", "Title"),
]
# Within a keynote, items follow their number in the source. Items the source leaves
# unnumbered come first, in the order they were placed: the 2024 article lists the partner
# keynote's four unnumbered specializations before its numbered items. Position is unique
# within a keynote, so every order below is total and pages never overlap.
_WITHIN_KEYNOTE = ("keynote__slug", F("number").asc(nulls_first=True), "position")
# Keynotes by day, then start; one with no clock time comes last on its day.
_KEYNOTE_TIME = ("keynote__day", F("keynote__start").asc(nulls_last=True))
ANNOUNCEMENT_ORDER = {
    "keynote": ("edition__year", *_KEYNOTE_TIME, *_WITHIN_KEYNOTE),
    "title": ("title", "edition__year", *_KEYNOTE_TIME, *_WITHIN_KEYNOTE),
    "-year": ("-edition__year", *_KEYNOTE_TIME, *_WITHIN_KEYNOTE),
}


def shown_value(value):
    """A user's value, cut short enough to repeat in a message."""
    printable = "".join(ch if ch.isprintable() else "�" for ch in value)
    if len(printable) > SHOWN_VALUE_LENGTH:
        return printable[: SHOWN_VALUE_LENGTH - 1] + "…"
    return printable


def _invalid_choice(field, value):
    return ValidationError(
        field.error_messages["invalid_choice"],
        code="invalid_choice",
        params={"value": shown_value(value)},
    )


class FacetField(MultipleChoiceField):
    """Any number of one facet's values. Each value that names nothing gets its own
    message; CatalogFilterForm keeps the values that do."""

    def to_python(self, value):
        # A submitted form sends its empty fields too: a blank value asks for nothing.
        return list(dict.fromkeys(v for v in super().to_python(value) if v.strip()))

    def validate(self, value):
        unknown = [v for v in value if not self.valid_value(v)]
        if unknown:
            raise ValidationError([_invalid_choice(self, v) for v in unknown])


class FacetFilter(django_filters.MultipleChoiceFilter):
    """A filter on one facet; `kind` names the catalog's options it takes (see Options)."""

    field_class = FacetField

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind


class SortField(ChoiceField):
    def validate(self, value):
        if value and not self.valid_value(value):
            raise _invalid_choice(self, value)


class SortFilter(django_filters.ChoiceFilter):
    field_class = SortField


class SearchField(forms.CharField):
    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_SEARCH_LENGTH:
            raise ValidationError(
                f"The search text is {len(value):,} characters long; "
                f"at most {MAX_SEARCH_LENGTH} are searched, so it was ignored."
            )
        if "\x00" in value:
            raise ValidationError("The search text contains a null character, so it was ignored.")


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class NotFilteredField(forms.Field):
    """A parameter another list takes: reported when given, never applied."""

    def __init__(self, message):
        super().__init__(required=False)
        self.message = message

    def validate(self, value):
        if value is not None:
            raise ValidationError(self.message)


class CatalogFilterForm(forms.Form):
    """Reports every bad parameter under its name, and keeps every good value, so that a
    mistake in one filter never hides the others."""

    not_filtered = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.not_filtered:
            cleaned.pop(name, None)
        for name, facet in self.fields.items():
            if isinstance(facet, FacetField) and name in self.errors:
                given = facet.widget.value_from_datadict(self.data, self.files, name)
                known = [v for v in facet.to_python(given) if facet.valid_value(v)]
                if known:
                    cleaned[name] = known
        return cleaned


@dataclass
class Option:
    key: str
    label: str
    year: str = ""
    when: object = None


class Options:
    """Every value a facet can take, for the facets a list uses, read in one query."""

    KINDS = ("year", "keynote", "speaker", "topic", "service")

    def __init__(self, kinds):
        self.by_kind = defaultdict(list)
        kinds = [kind for kind in kinds if kind in self.KINDS]
        if kinds:
            parts = [self._rows(kind) for kind in kinds]
            query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
            for kind, key, label, year, when in query:
                self.by_kind[kind].append(Option(key, label, year, when))
        self.by_kind["availability"] = self.by_kind["status"] = [
            Option(value, label) for value, label in Availability.choices
        ]
        self.by_kind["year"].sort(key=lambda o: o.key, reverse=True)
        self.by_kind["keynote"] = self._one_per_slug(self.by_kind["keynote"])
        for kind in ("speaker", "topic", "service"):
            self.by_kind[kind].sort(key=lambda o: o.label.lower())

    @staticmethod
    def _one_per_slug(keynotes):
        """A keynote slug is unique within a year only, and the parameter takes a slug:
        one option per slug, titled after its latest keynote, naming every year it spans."""
        merged = {}
        for option in sorted(keynotes, key=lambda o: (-int(o.year), o.when, o.key)):
            if option.key in merged:
                merged[option.key].year += f", {option.year}"
            else:
                merged[option.key] = Option(option.key, option.label, option.year, option.when)
        return list(merged.values())

    @staticmethod
    def _rows(kind):
        no_year = Value("", output_field=CharField())
        no_time = Value(None, output_field=DateField())
        name = Value(kind, output_field=CharField())
        if kind == "year":
            qs = Edition.objects.published()
            columns = (Cast("year", CharField()), F("name"), no_year, no_time)
        elif kind == "keynote":
            qs = Keynote.objects.published()
            columns = (F("slug"), F("title"), Cast("edition__year", CharField()), F("day"))
        elif kind == "speaker":
            qs = Speaker.objects.public()
            columns = (F("slug"), F("name"), no_year, no_time)
        else:
            # Only names the public can see: a draft's new topic or service stays unseen.
            public = Announcement.objects.published()
            if kind == "topic":
                qs = Topic.objects.filter(Exists(public.filter(topics=OuterRef("pk"))))
            else:
                qs = Service.objects.filter(Exists(public.filter(services=OuterRef("pk"))))
            columns = (F("slug"), F("name"), no_year, no_time)
        return qs.order_by().values_list(name, *columns)

    def label(self, kind, key):
        for option in self.by_kind[kind]:
            if option.key == key:
                return f"{option.label} ({option.year})" if option.year else option.label
        return key


@dataclass
class FacetOption:
    key: str
    label: str
    count: int
    selected: bool
    year: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def selected_count(self):
        return sum(1 for option in self.options if option.selected)


class CatalogFilterSet(django_filters.FilterSet):
    """A FilterSet whose choices come from the catalog and that can count its facets."""

    # facet filter name -> the expression its counts group by
    facets = {}
    # a facet every item has exactly one value of, so its counts add up to the total
    count_facet = None

    def __init__(self, data, queryset, *, options, memo=no_memo, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.options = options
        self.memo = memo
        for name in self.facets:
            facet = self.filters[name]
            facet.extra["choices"] = [
                (option.key, option.label) for option in options.by_kind[facet.kind]
            ]

    @classmethod
    def option_kinds(cls):
        return [cls.base_filters[name].kind for name in cls.facets]

    def get_form_class(self):
        """The filters' fields, and one that reports each parameter only other lists take."""
        fields = {name: each.field for name, each in self.filters.items()}
        others = sorted(CATALOG_PARAMETERS - set(fields))
        noun = self._meta.model._meta.verbose_name_plural
        for name in others:
            message = f"“{name}” does not filter {noun}; it was ignored."
            fields[name] = NotFilteredField(message)
        form_name = f"{type(self).__name__}Form"
        return type(form_name, (CatalogFilterForm,), {**fields, "not_filtered": tuple(others)})

    @property
    def messages(self):
        """{parameter: [message, ...]} for every parameter that could not be used."""
        return {name: list(errors) for name, errors in self.errors.items()}

    @property
    def cleaned_params(self):
        """The parameters as the filters apply them, for links that keep them."""
        params = QueryDict(mutable=True)
        for name, value in self.form.cleaned_data.items():
            if isinstance(value, list):
                params.setlist(name, value)
            elif value:
                params[name] = value
        return params

    def filter_queryset_except(self, queryset, excluded):
        """The queryset with every active filter applied but one, for that facet's counts."""
        for name, value in self.form.cleaned_data.items():
            if name not in (excluded, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def active_filters(self):
        """The names of the filters this request applies (a sort filters nothing)."""
        return {name for name, value in self.form.cleaned_data.items() if value and name != "sort"}

    def facet_counts(self, memo=no_memo):
        """{facet: {key: count}} under the other active filters, in at most one query.

        A facet no other filter narrows has the same counts as on the unfiltered list:
        those are counted once per catalog version, for every request to share."""
        active = self.active_filters()
        shared = [name for name in self.facets if not active - {name}]
        counts = defaultdict(dict)
        if shared:
            everything = memo(
                f"facets:{type(self).__name__}",
                lambda: self._count(dict.fromkeys(self.facets, self.queryset)),
            )
            for name in shared:
                counts[name] = dict(everything[name])
        narrowed = {
            name: self.filter_queryset_except(self.facet_base(), name)
            for name in self.facets
            if name not in shared
        }
        counts.update(self._count(narrowed))
        return counts

    def facet_base(self):
        """The queryset a narrowed facet's counts start from."""
        return self.queryset

    def _count(self, querysets):
        """{facet: {key: count}} for each facet over its queryset, in one UNION query."""
        parts = [self.facet_rows(name, queryset) for name, queryset in querysets.items()]
        counts = {name: {} for name in querysets}
        if parts:
            for name, key, n in parts[0].union(*parts[1:], all=True):
                if key is not None:
                    counts[name][str(key)] = n
        return counts

    def facet_rows(self, name, queryset):
        """(facet, key, count) rows for one facet over the queryset its counts start from."""
        return (
            queryset.order_by()
            .values(facet=Value(name, output_field=CharField()), key=self.facets[name])
            .annotate(n=Count("pk", distinct=True))
            .values_list("facet", "key", "n")
        )

    def facet_list(self, counts):
        selected = self.form.cleaned_data
        facets = []
        for name in self.facets:
            heading, kind = self.filters[name].label, self.filters[name].kind
            chosen = set(selected.get(name) or [])
            facets.append(
                Facet(
                    name,
                    heading,
                    [
                        FacetOption(
                            option.key,
                            option.label,
                            counts[name].get(option.key, 0),
                            option.key in chosen,
                            option.year,
                        )
                        for option in self.options.by_kind[kind]
                    ],
                )
            )
        return facets

    def search_terms(self, value):
        return [term for term in value.split() if term]


# Many-valued relations filter through `pk IN (subquery)`: an announcement is never
# listed twice, and the database runs each subquery once rather than once per row.


def _with_topics(slugs):
    through = Announcement.topics.through.objects.filter(topic__slug__in=slugs)
    return through.values("announcement_id")


def _with_services(slugs):
    through = Announcement.services.through.objects.filter(service__slug__in=slugs)
    return through.values("announcement_id")


def _keynotes_with_speakers(**lookup):
    return Appearance.objects.filter(**lookup).values("keynote_id")


# What a value that names nothing is told, per kind of facet.
UNKNOWN_VALUE = {
    "year": "There is no published edition for the year “%(value)s”.",
    "keynote": "No keynote has the slug “%(value)s”.",
    "speaker": "No speaker has the slug “%(value)s”.",
    "topic": "No topic has the slug “%(value)s”.",
    "service": "No AWS service has the slug “%(value)s”.",
    "availability": (
        "“%(value)s” is not an availability; use one of: " + ", ".join(Availability.values) + "."
    ),
    "status": ("“%(value)s” is not a status; use one of: " + ", ".join(Availability.values) + "."),
}


def facet_filter(kind, label, field_name, **kwargs):
    """A filter on one facet: any of its values, each checked against the catalog."""
    if "method" not in kwargs:
        kwargs.update(lookup_expr="exact", distinct=False)
    return FacetFilter(
        kind=kind,
        field_name=field_name,
        label=label,
        error_messages={"invalid_choice": UNKNOWN_VALUE[kind]},
        **kwargs,
    )


class AnnouncementFilter(CatalogFilterSet):
    q = SearchFilter(method="search", label="Search")
    year = facet_filter("year", "Year", "edition__year")
    keynote = facet_filter("keynote", "Keynote", "keynote__slug")
    speaker = facet_filter("speaker", "Speaker", "speaker", method="filter_speaker")
    topic = facet_filter("topic", "Topic", "topics__slug", method="filter_topic")
    service = facet_filter("service", "AWS service", "services__slug", method="filter_service")
    availability = facet_filter("availability", "Availability when announced", "availability")
    status = facet_filter("status", "Status now", "status")
    sort = SortFilter(
        method="apply_sort",
        choices=ANNOUNCEMENT_SORTS,
        empty_label=None,
        label="Sort by",
        error_messages={
            "invalid_choice": "“%(value)s” is not a sort order; use one of: "
            + ", ".join(ANNOUNCEMENT_ORDER)
            + "."
        },
    )

    facets = {
        "year": Cast("edition__year", CharField()),
        "keynote": F("keynote__slug"),
        "speaker": F("keynote__appearances__speaker__slug"),
        "topic": F("topics__slug"),
        "service": F("services__slug"),
        "availability": F("availability"),
        "status": F("status"),
    }
    count_facet = "year"

    class Meta:
        model = Announcement
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # q's value -> its condition, and the keys of a search that finds few (found()).
        self._found, self._keys = {}, {}

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(keynote__in=_keynotes_with_speakers(speaker__slug__in=value))

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=_with_topics(value))

    def filter_service(self, queryset, name, value):
        return queryset.filter(pk__in=_with_services(value))

    def search(self, queryset, name, value):
        """Every word must match the title or another name, the summary, section, keynote,
        a speaker or a service (see search.py)."""
        return queryset.filter(self.found(value))

    def found(self, value):
        """The search as a condition, worked out once for all the page's queries.

        When a word finds few announcements (FOUND_INLINE or fewer), the published ones
        the whole search finds are read once, and every query starts from their keys.
        When every word finds many, each query checks its rows, after the other filters
        have narrowed them."""
        if value not in self._found:
            names = self.memo("names", Names)
            terms = self.search_terms(value)
            few = {term: few_found(term, names, FOUND_INLINE) for term in terms}
            few = {term: keys for term, keys in few.items() if keys is not None}
            if few:
                found = Announcement.objects.published().order_by()
                for term in terms:
                    if term in few:
                        found = found.filter(pk__in=announcements_matching(term, names, few[term]))
                    else:
                        found = found.filter(matches(term))
                keys = list(found.values_list("pk", flat=True))
                self._keys[value] = keys
                self._found[value] = Q(pk__in=keys)
            else:
                condition = Q()
                for term in terms:
                    condition &= matches(term)
                self._found[value] = condition
        return self._found[value]

    def facet_base(self):
        """What a search found by keys is published already: they need no join to check
        it again, so the counts under such a search start from the bare table."""
        value = self.form.cleaned_data.get("q")
        if value:
            self.found(value)
            if value in self._keys:
                return Announcement.objects.all()
        return self.queryset

    def apply_sort(self, queryset, name, value):
        return queryset.order_by(*ANNOUNCEMENT_ORDER[value])


class KeynoteFilter(CatalogFilterSet):
    q = SearchFilter(method="search", label="Search")
    year = facet_filter("year", "Year", "edition__year")
    speaker = facet_filter("speaker", "Speaker", "speaker", method="filter_speaker")
    topic = facet_filter("topic", "Topic", "topic", method="filter_topic")

    facets = {
        "year": Cast("edition__year", CharField()),
        "speaker": F("appearances__speaker__slug"),
        "topic": F("public_announcements__topics__slug"),
    }
    count_facet = "year"

    class Meta:
        model = Keynote
        fields = []

    def __init__(self, data, queryset, **kwargs):
        # Topic counts look only at announcements the public can see.
        queryset = queryset.alias(
            public_announcements=FilteredRelation(
                "announcements", condition=Q(announcements__published=True)
            )
        )
        super().__init__(data, queryset, **kwargs)

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(pk__in=_keynotes_with_speakers(speaker__slug__in=value))

    def filter_topic(self, queryset, name, value):
        published = Announcement.objects.filter(published=True, pk__in=_with_topics(value))
        return queryset.filter(pk__in=published.values("keynote_id"))

    def search(self, queryset, name, value):
        """Every word must match the title, summary, or a speaker's name."""
        for term in self.search_terms(value):
            queryset = queryset.filter(
                Q(title__icontains=term)
                | Q(summary__icontains=term)
                | Q(pk__in=_keynotes_with_speakers(speaker__name__icontains=term))
            )
        return queryset


class SpeakerFilter(CatalogFilterSet):
    q = SearchFilter(method="search", label="Search")
    year = facet_filter("year", "Year", "year", method="filter_year")

    facets = {
        "year": Cast("keynote__edition__year", CharField()),
    }

    class Meta:
        model = Speaker
        fields = []

    def facet_rows(self, name, queryset):
        # Count through public appearances only: a draft keynote adds no year.
        return (
            Appearance.objects.published()
            .filter(speaker__in=queryset.order_by().values("pk"))
            .values(facet=Value(name, output_field=CharField()), key=self.facets[name])
            .annotate(n=Count("speaker", distinct=True))
            .values_list("facet", "key", "n")
        )

    def filter_year(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Appearance.objects.published().filter(
                    speaker=OuterRef("pk"), keynote__edition__year__in=value
                )
            )
        )

    def search(self, queryset, name, value):
        """Every word must match the name, the bio, or a job title or organization."""
        for term in self.search_terms(value):
            queryset = queryset.filter(
                Q(name__icontains=term)
                | Q(bio__icontains=term)
                | Exists(
                    Appearance.objects.published().filter(
                        Q(job_title__icontains=term) | Q(organization__icontains=term),
                        speaker=OuterRef("pk"),
                    )
                )
            )
        return queryset


# Every parameter some list takes: naming one on a list it does not filter is reported,
# while parameters no list knows (utm_source and the like) are left alone.
CATALOG_PARAMETERS = {
    name
    for filterset in (AnnouncementFilter, KeynoteFilter, SpeakerFilter)
    for name in filterset.base_filters
}
