"""Public pages: the edition overview, keynotes, announcements and speakers."""

import datetime as dt
from collections import defaultdict
from urllib.parse import urlencode

from django.db import DatabaseError, connection
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from . import exports
from .caching import public_page
from .enums import Availability, SourceKind
from .filters import (
    ANNOUNCEMENT_ORDER,
    ANNOUNCEMENT_SORTS,
    DEFAULT_SORT,
    AnnouncementFilter,
    KeynoteFilter,
    SpeakerFilter,
)
from .listing import run_listing
from .memo import memo_for, per_catalog_version
from .models import (
    KEYNOTE_ORDER,
    Announcement,
    Appearance,
    Edition,
    Keynote,
    Source,
    Speaker,
    StatusChange,
)
from .serializers import announcement_json, keynote_json

HTML_PAGE_SIZE = 20
JSON_PAGE_SIZE = 100

# Credited on every page of a year: its main accounts, its schedule and the keynotes'
# videos, where 2023's and 2025's keynotes are taken from.
CREDITED_KINDS = [SourceKind.ARTICLE, SourceKind.SCHEDULE, SourceKind.VIDEO]


def _appearances(prefix=""):
    """Each keynote's speakers in stage order, as `keynote.lineup`."""
    return Prefetch(
        f"{prefix}appearances",
        queryset=Appearance.objects.select_related("speaker").order_by("position"),
        to_attr="lineup",
    )


SPEAKER_LIST_APPEARANCES = 3


def _public_appearances(latest=None):
    """A speaker's appearances on published keynotes, newest first, as `public_appearances`;
    only the `latest` few when given."""
    appearances = (
        Appearance.objects.published()
        .select_related("keynote__edition")
        .order_by("-keynote__day", F("keynote__start").desc(nulls_last=True), "pk")
    )
    if latest is not None:
        appearances = appearances[:latest]
    return Prefetch("appearances", queryset=appearances, to_attr="public_appearances")


def _credits(prefix=""):
    """The sources an edition credits on every page, as `edition.credits`."""
    return Prefetch(
        f"{prefix}sources",
        queryset=Source.objects.filter(kind__in=CREDITED_KINDS).order_by("kind", "slug"),
        to_attr="credits",
    )


def _all_credits(request):
    """The credited sources of every published edition, for lists that span years."""
    return per_catalog_version(request, "credits", _credits_of_every_year)


def _credits_of_every_year():
    return list(
        Source.objects.filter(kind__in=CREDITED_KINDS, edition__published=True)
        .select_related("edition")
        .order_by("-edition__year", "kind", "slug")
    )


def _history(to_attr=None):
    """Each announcement's later changes of status, oldest first, with their sources."""
    return Prefetch(
        "history",
        queryset=StatusChange.objects.select_related("source").order_by("date"),
        to_attr=to_attr,
    )


def _across_years(*, drafts=False):
    """The announcements of other years an announcement follows, and those that follow it,
    each with its edition, oldest first; the public sees published ones only."""
    linked = Announcement.objects.all() if drafts else Announcement.objects.published()
    linked = linked.select_related("edition").order_by(*ANNOUNCEMENT_ORDER["keynote"])
    return [
        Prefetch("follows", queryset=linked),
        Prefetch("follow_ups", queryset=linked),
    ]


def _bar(count, largest):
    """A bar's length out of 100, the largest count of its chart drawn full."""
    return round(100 * count / largest)


def _status_chart(edition, *, drafts=False):
    """Rows of the edition's chart: for each availability, how many of its announcements
    had it when announced and how many have it now, with bar lengths out of the largest."""
    announcements = Announcement.objects.all() if drafts else Announcement.objects.published()
    counts = announcements.filter(edition=edition).aggregate(
        total=Count("pk"),
        **{
            f"{when}_{i}": Count("pk", filter=Q(**{field: value}))
            for i, value in enumerate(Availability.values)
            for when, field in (("announced", "availability"), ("now", "status"))
        },
    )
    if not counts["total"]:
        return None
    rows = [
        {
            "value": value,
            "label": label,
            "announced": counts[f"announced_{i}"],
            "now": counts[f"now_{i}"],
        }
        for i, (value, label) in enumerate(Availability.choices)
    ]
    largest = max(max(row["announced"], row["now"]) for row in rows)
    for row in rows:
        row["announced_bar"] = _bar(row["announced"], largest)
        row["now_bar"] = _bar(row["now"], largest)
    return {"total": counts["total"], "rows": rows, "available": rows[0]}


def _topics_by_year(editions):
    """The home page's picture: for each topic, how many published announcements each
    published edition made on it, in one grouped count. Bars are out of the largest."""
    years = sorted(edition.year for edition in editions)
    counts = (
        Announcement.topics.through.objects.filter(
            announcement__in=Announcement.objects.published()
        )
        .values("topic__slug", "topic__name", "announcement__edition__year")
        .annotate(n=Count("announcement"))
        .order_by()
    )
    names, by_topic = {}, defaultdict(dict)
    for row in counts:
        names[row["topic__slug"]] = row["topic__name"]
        by_topic[row["topic__slug"]][row["announcement__edition__year"]] = row["n"]
    if not by_topic:
        return None
    largest = max(n for per_year in by_topic.values() for n in per_year.values())
    rows = []
    for slug, per_year in by_topic.items():
        cells = [
            {
                "year": year,
                "count": per_year.get(year, 0),
                "bar": _bar(per_year.get(year, 0), largest),
            }
            for year in years
        ]
        total = sum(per_year.values())
        rows.append({"slug": slug, "name": names[slug], "cells": cells, "total": total})
    rows.sort(key=lambda row: (-row["total"], row["name"].lower()))
    return {"years": years, "rows": rows}


def _previews_drafts(request):
    """Staff see drafts on their public URLs, under a banner; everyone else gets 404."""
    return request.user.is_staff


def _edition_context(edition, editions, *, drafts=False):
    """An edition's page; `editions` are every published one, newest first, for the
    links to the other years."""
    keynotes = edition.keynotes.all() if drafts else edition.keynotes.published()
    keynotes = (
        keynotes.prefetch_related(_appearances())
        .annotate(
            announcement_count=Count("announcements", filter=Q(announcements__published=True))
        )
        .order_by(*KEYNOTE_ORDER)
    )
    return {
        "edition": edition,
        "editions": editions,
        "keynotes": keynotes,
        "status_chart": _status_chart(edition, drafts=drafts),
        "credit_sources": edition.credits,
        "is_draft": not edition.published,
    }


def _published_editions():
    """Every published edition, newest first, with its credits: one read serves the page's
    edition and the links to the others."""
    return list(Edition.objects.published().prefetch_related(_credits()).order_by("-year"))


@public_page
def home(request):
    editions = _published_editions()
    if not editions:
        return render(request, "events/home.html", {"edition": None})
    context = _edition_context(editions[0], editions)
    context["topics_by_year"] = per_catalog_version(
        request, "topics-by-year", lambda: _topics_by_year(editions)
    )
    return render(request, "events/home.html", context)


@public_page
def edition_detail(request, year):
    drafts = _previews_drafts(request)
    editions = _published_editions()
    edition = next((edition for edition in editions if edition.year == year), None)
    if edition is None:
        if not drafts:
            raise Http404("No published edition has this year.")
        edition = get_object_or_404(Edition.objects.prefetch_related(_credits()), year=year)
    context = _edition_context(edition, editions, drafts=drafts)
    return render(request, "events/edition_detail.html", context)


@public_page
def keynote_detail(request, year, slug):
    drafts = _previews_drafts(request)
    announcements = (
        Announcement.objects.all() if drafts else Announcement.objects.filter(published=True)
    )
    keynote = get_object_or_404(
        (Keynote.objects.all() if drafts else Keynote.objects.published())
        .select_related("edition", "schedule_source")
        .prefetch_related(
            _appearances(),
            _credits("edition__"),
            Prefetch(
                "announcements",
                queryset=announcements.select_related("edition")
                .prefetch_related("topics")
                .order_by("position"),
                to_attr="published_announcements",
            ),
            "key_points",
        ),
        edition__year=year,
        slug=slug,
    )
    # Group by section in order of first appearance, so an item a curator appends
    # later still lands under its section's single heading.
    sections = {}
    for announcement in keynote.published_announcements:
        sections.setdefault(announcement.section, []).append(announcement)
    return render(
        request,
        "events/keynote_detail.html",
        {
            "keynote": keynote,
            "edition": keynote.edition,
            "sections": list(sections.items()),
            "credit_sources": keynote.edition.credits,
            "is_draft": not (keynote.published and keynote.edition.published),
        },
    )


@public_page
def announcement_detail(request, year, slug):
    drafts = _previews_drafts(request)
    announcement = get_object_or_404(
        (Announcement.objects.all() if drafts else Announcement.objects.published())
        .select_related("edition", "keynote__edition", "availability_source")
        .prefetch_related(
            "topics",
            "services",
            _history(),
            *_across_years(drafts=drafts),
            _appearances("keynote__"),
            _credits("edition__"),
        ),
        edition__year=year,
        slug=slug,
    )
    history = list(announcement.history.all())
    return render(
        request,
        "events/announcement_detail.html",
        {
            "announcement": announcement,
            "latest_change": history[-1] if history else None,
            "keynote": announcement.keynote,
            "edition": announcement.edition,
            "credit_sources": announcement.edition.credits,
            "is_draft": not (
                announcement.published
                and announcement.keynote.published
                and announcement.edition.published
            ),
        },
    )


@public_page
def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker.objects.prefetch_related(_public_appearances()), slug=slug)
    if not speaker.public_appearances:
        raise Http404("This speaker has no public appearance.")
    years = {appearance.keynote.edition_id for appearance in speaker.public_appearances}
    credits = [source for source in _all_credits(request) if source.edition_id in years]
    return render(
        request,
        "events/speaker_detail.html",
        {"speaker": speaker, "latest": speaker.public_appearances[0], "credit_sources": credits},
    )


ANNOUNCEMENT_RELATED = {
    "topics": lambda: Prefetch("topics", to_attr="topic_list"),
    "services": lambda: Prefetch("services", to_attr="service_list"),
    "lineup": lambda: _appearances("keynote__"),
}


def _announcements(*related):
    """Published announcements for lists and their data formats, with the related rows
    each shows (ANNOUNCEMENT_RELATED; all of them when none is named). They come as plain
    lists (`topic_list`, `service_list`, `keynote.lineup`): a page of a hundred then
    builds no queryset per row and relation."""
    return (
        Announcement.objects.published()
        .select_related("edition", "keynote__edition", "availability_source")
        .prefetch_related(
            *(ANNOUNCEMENT_RELATED[name]() for name in related or ANNOUNCEMENT_RELATED)
        )
        .order_by(*ANNOUNCEMENT_ORDER[DEFAULT_SORT])
    )


def _count(rows, outer):
    """How many of `rows` (filtered on OuterRef) each outer row has, 0 when none."""
    counted = rows.order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def _keynotes():
    # A subquery, not a join: the facet counts start from this queryset, and a join to
    # announcements would multiply every row they group.
    published = Announcement.objects.filter(keynote=OuterRef("pk"), published=True)
    return (
        Keynote.objects.published()
        .select_related("edition")
        .prefetch_related(_appearances())
        .annotate(announcement_count=_count(published, "keynote"))
        .order_by("-edition__year", *KEYNOTE_ORDER)
    )


def _speakers():
    """Public speakers with their latest appearances, and how many they have in all: a
    speaker on stage every year is one line of the list, however many years there are."""
    appearances = Appearance.objects.published().filter(speaker=OuterRef("pk"))
    return (
        Speaker.objects.public()
        .prefetch_related(_public_appearances(latest=SPEAKER_LIST_APPEARANCES))
        .annotate(appearance_count=_count(appearances, "speaker"))
        .order_by("name", "slug")
    )


def _without_blank_values(request):
    """The query string without blank values and the default sort, or None if it has none.

    A submitted filter form sends every field, empty or not; dropping those keeps the
    address people copy short and the same as the one the page's own links use.
    """
    pairs = [(name, value) for name, values in request.GET.lists() for value in values]
    kept = [
        (name, value)
        for name, value in pairs
        if value.strip() and (name, value) != ("sort", DEFAULT_SORT)
    ]
    if kept == pairs:
        return None
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def _list_page(request, filterset_class, queryset, template, **context):
    canonical = _without_blank_values(request)
    if canonical is not None:
        return redirect(canonical)
    listing = run_listing(
        filterset_class,
        request.GET,
        queryset,
        per_page=HTML_PAGE_SIZE,
        with_facets=True,
        memo=memo_for(request),
    )
    # A filtered or re-sorted list repeats the unfiltered one: search engines are asked not
    # to index it, and pointed at the list it narrows.
    filtered = any(name != "page" for name in request.GET)
    context.update(
        listing=listing,
        credit_sources=_all_credits(request),
        filtered=filtered,
        canonical_url=request.build_absolute_uri(request.path) if filtered else None,
    )
    return render(request, template, context)


@public_page
def announcement_list(request):
    return _list_page(
        request,
        AnnouncementFilter,
        _announcements("topics"),
        "events/announcement_list.html",
        sorts=ANNOUNCEMENT_SORTS,
    )


@public_page
def keynote_list(request):
    return _list_page(request, KeynoteFilter, _keynotes(), "events/keynote_list.html")


@public_page
def speaker_list(request):
    return _list_page(request, SpeakerFilter, _speakers(), "events/speaker_list.html")


def _json_page(request, filterset_class, queryset, serialize, prepare=None):
    """A page of the list as JSON; `prepare(items)` adds what the queryset does not read."""
    listing = run_listing(
        filterset_class,
        request.GET,
        queryset,
        per_page=JSON_PAGE_SIZE,
        with_facets=False,
        memo=memo_for(request),
    )
    if listing.errors:
        return exports.bad_parameters(listing.errors)
    page = listing.page
    items = list(page.object_list)
    if prepare is not None:
        prepare(items)
    next_url = (
        request.build_absolute_uri(request.path + listing.url_with(page=str(page.number + 1)))
        if page.has_next()
        else None
    )
    return JsonResponse(
        {
            "count": page.paginator.count,
            "next": next_url,
            "results": [serialize(item) for item in items],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@public_page
def announcements_json(request):
    announcements = _announcements().prefetch_related(_history("history_list"))
    return _json_page(
        request,
        AnnouncementFilter,
        announcements,
        announcement_json,
        prepare=lambda items: _attach_across_years(request, items),
    )


def _linked_ids():
    """Every announcement that follows another or is followed: few, in any catalog."""
    links = Announcement.follows.through.objects.values_list(
        "from_announcement_id", "to_announcement_id"
    )
    return frozenset(pk for link in links for pk in link)


def _announcement_order(announcement):
    """ANNOUNCEMENT_ORDER["keynote"] in Python: year, keynote time, then place."""
    keynote = announcement.keynote
    return (
        announcement.edition.year,
        keynote.day,
        keynote.start is None,
        keynote.start or dt.datetime.min.replace(tzinfo=dt.UTC),
        keynote.slug,
        announcement.number is not None,
        announcement.number or 0,
        announcement.position,
    )


def _attach_across_years(request, announcements):
    """Each announcement's `follows_list` and `follow_ups_list`, as _across_years gives
    them (published, oldest first): the links of the few that have any, in one query."""
    linked = per_catalog_version(request, "linked", _linked_ids)
    wanted = {}
    for announcement in announcements:
        announcement.follows_list, announcement.follow_ups_list = [], []
        if announcement.pk in linked:
            wanted[announcement.pk] = announcement
    if not wanted:
        return
    public = {"published": True, "keynote__published": True, "edition__published": True}
    links = Announcement.follows.through.objects.filter(
        Q(from_announcement__in=wanted, **{f"to_announcement__{k}": v for k, v in public.items()})
        | Q(to_announcement__in=wanted, **{f"from_announcement__{k}": v for k, v in public.items()})
    ).select_related(
        "from_announcement__edition",
        "from_announcement__keynote",
        "to_announcement__edition",
        "to_announcement__keynote",
    )
    for link in links:
        if link.from_announcement_id in wanted:
            wanted[link.from_announcement_id].follows_list.append(link.to_announcement)
        if link.to_announcement_id in wanted:
            wanted[link.to_announcement_id].follow_ups_list.append(link.from_announcement)
    for announcement in wanted.values():
        announcement.follows_list.sort(key=_announcement_order)
        announcement.follow_ups_list.sort(key=_announcement_order)


@public_page
def keynotes_json(request):
    return _json_page(request, KeynoteFilter, _keynotes(), keynote_json)


@public_page
def announcements_csv(request):
    return exports.announcements_csv(
        request, _announcements().prefetch_related(_history("history_list"))
    )


_announcement_feed = exports.AnnouncementFeed(lambda: _announcements("topics", "lineup"))


@public_page
def announcements_atom(request):
    response = _announcement_feed(request)
    # The feed writer hands over thousands of small pieces, each of which the server
    # would send on its own: send the feed as one.
    response.content = response.content
    return response


def _calendar_response(request, keynotes, name, filename):
    response = HttpResponse(
        exports.keynote_calendar(request, keynotes, name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_page
def edition_calendar(request, year):
    edition = get_object_or_404(Edition.objects.published(), year=year)
    keynotes = (
        edition.keynotes.published().prefetch_related(_appearances()).order_by(*KEYNOTE_ORDER)
    )
    return _calendar_response(
        request, keynotes, f"{edition.name} keynotes", f"reinvent-{year}-keynotes.ics"
    )


@public_page
def keynote_calendar(request, year, slug):
    keynote = get_object_or_404(
        Keynote.objects.published().select_related("edition").prefetch_related(_appearances()),
        edition__year=year,
        slug=slug,
    )
    return _calendar_response(
        request, [keynote], keynote.title, f"reinvent-{year}-{keynote.slug}.ics"
    )


ROBOTS = """User-agent: *
Disallow: /admin/
Sitemap: {sitemap}
"""


@public_page
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain; charset=utf-8")


@csrf_exempt  # read-only: a POST gets 405 from require_safe, not a CSRF page
@require_safe
@never_cache
def healthz(request):
    """Answer `ok` only when the database answers too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(
            "database unavailable", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
