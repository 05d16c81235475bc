"""Public pages: the edition overview, keynotes, announcements and speakers."""

from django.db import DatabaseError, connection
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from .enums import SourceKind
from .models import Announcement, Appearance, Edition, Keynote, Source, Speaker

CREDITED_KINDS = [SourceKind.ARTICLE, SourceKind.SCHEDULE]


def _appearances(prefix=""):
    """Each keynote's speakers in stage order, as `keynote.lineup`."""
    return Prefetch(
        f"{prefix}appearances",
        queryset=Appearance.objects.select_related("speaker").order_by("position"),
        to_attr="lineup",
    )


def _credits(prefix=""):
    """The sources an edition credits on every page, as `edition.credits`."""
    return Prefetch(
        f"{prefix}sources",
        queryset=Source.objects.filter(kind__in=CREDITED_KINDS).order_by("kind", "slug"),
        to_attr="credits",
    )


def _edition_context(edition):
    keynotes = (
        edition.keynotes.published()
        .prefetch_related(_appearances())
        .annotate(
            announcement_count=Count("announcements", filter=Q(announcements__published=True))
        )
        .order_by("start", "slug")
    )
    return {"edition": edition, "keynotes": keynotes}


def _published_editions():
    return Edition.objects.published().prefetch_related(_credits())


def home(request):
    edition = _published_editions().order_by("-year").first()
    context = _edition_context(edition) if edition else {"edition": None}
    return render(request, "events/home.html", context)


def edition_detail(request, year):
    edition = get_object_or_404(_published_editions(), year=year)
    return render(request, "events/edition_detail.html", _edition_context(edition))


def keynote_detail(request, year, slug):
    keynote = get_object_or_404(
        Keynote.objects.published()
        .select_related("edition", "schedule_source")
        .prefetch_related(
            _appearances(),
            _credits("edition__"),
            Prefetch(
                "announcements",
                queryset=Announcement.objects.filter(published=True)
                .select_related("edition")
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
        {"keynote": keynote, "edition": keynote.edition, "sections": list(sections.items())},
    )


def announcement_detail(request, year, slug):
    announcement = get_object_or_404(
        Announcement.objects.published()
        .select_related("edition", "keynote__edition", "availability_source")
        .prefetch_related(
            "topics",
            "services",
            _appearances("keynote__"),
            _credits("edition__"),
        ),
        edition__year=year,
        slug=slug,
    )
    return render(
        request,
        "events/announcement_detail.html",
        {
            "announcement": announcement,
            "keynote": announcement.keynote,
            "edition": announcement.edition,
        },
    )


def speaker_detail(request, slug):
    appearances = Prefetch(
        "appearances",
        queryset=Appearance.objects.filter(
            keynote__published=True, keynote__edition__published=True
        )
        .select_related("keynote__edition")
        .order_by("-keynote__start"),
        to_attr="public_appearances",
    )
    speaker = get_object_or_404(Speaker.objects.prefetch_related(appearances), slug=slug)
    if not speaker.public_appearances:
        raise Http404("This speaker has no public appearance.")
    return render(
        request,
        "events/speaker_detail.html",
        {"speaker": speaker, "latest": speaker.public_appearances[0]},
    )


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
