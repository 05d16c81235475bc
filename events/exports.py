"""The catalog in other formats: CSV and Atom of the filtered list, iCalendar of keynotes.

CSV and Atom take the list's parameters through the same FilterSet as the page and its
JSON, so a filter means the same in every format.
"""

import csv
import datetime as dt

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.db.models.functions import Greatest
from django.http import HttpResponse, JsonResponse
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar, Event, vText

from .filters import ANNOUNCEMENT_ORDER, DEFAULT_SORT, AnnouncementFilter
from .listing import bind_filters, run_listing
from .memo import memo_for
from .models import CONTROL_CHARACTERS

# A cell starting with one of these, after any spaces, is a formula to some spreadsheet
# (CWE-1236); the full-width forms are read as formulas too.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")

CSV_COLUMNS = [
    ("year", lambda a: a.edition.year),
    ("keynote", lambda a: a.keynote.title),
    ("number", lambda a: a.number or ""),
    ("section", lambda a: a.section),
    ("title", lambda a: a.title),
    ("speakers", lambda a: "; ".join(ap.speaker.name for ap in a.keynote.lineup)),
    ("topics", lambda a: "; ".join(t.name for t in a.topic_list)),
    ("services", lambda a: "; ".join(s.name for s in a.service_list)),
    ("availability", lambda a: a.availability),
    ("availability_source", lambda a: a.availability_source.url if a.availability_source else ""),
    ("status", lambda a: a.status),
    ("history", lambda a: "; ".join(f"{c.date} {c.availability}" for c in a.history_list)),
    ("summary", lambda a: a.summary),
    ("official_page", lambda a: a.link),
]


def spreadsheet_safe(value):
    """The value as text that a spreadsheet shows rather than evaluates."""
    text = CONTROL_CHARACTERS.sub("", str(value))
    return "'" + text if text.lstrip().startswith(FORMULA_STARTS) else text


def xml_safe(text):
    """Text without the control characters XML 1.0 cannot carry."""
    return CONTROL_CHARACTERS.sub("", text)


def bad_parameters(errors):
    return JsonResponse(
        {"error": "Some parameters name nothing in the catalog.", "errors": errors},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


class Echo:
    """A file-like object whose write returns the row, so csv.writer hands back text."""

    def write(self, value):
        return value


def announcements_csv(request, queryset):
    """Every announcement the filters select, one row each, as a UTF-8 download."""
    params = request.GET.copy()
    params.pop("page", None)  # the download is the whole list, not one page of it
    filterset = bind_filters(AnnouncementFilter, params, queryset, memo=memo_for(request))
    if filterset.errors:
        return bad_parameters(filterset.messages)
    writer = csv.writer(Echo())
    rows = [writer.writerow(["url", *(name for name, _ in CSV_COLUMNS)])]
    for announcement in filterset.qs:
        url = request.build_absolute_uri(announcement.get_absolute_url())
        cells = [url, *(spreadsheet_safe(value(announcement)) for _, value in CSV_COLUMNS)]
        rows.append(writer.writerow(cells))
    # A byte-order mark lets spreadsheet programs detect UTF-8.
    response = HttpResponse("\ufeff" + "".join(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reinvent-announcements.csv"'
    return response


class PagedAtom1Feed(Atom1Feed):
    """Atom with RFC 5005 paging: a `next` link when the list goes on."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("next_url"):
            handler.addQuickElement("link", "", {"rel": "next", "href": self.feed["next_url"]})


class BadParameters(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


class AnnouncementFeed(Feed):
    """The filtered list as Atom, newest entries first, a page of 100 at a time.

    The filters are the list's own; the order is the feed's. An entry's time (its
    `<updated>`, and the order) is when the announcement or its keynote last changed,
    whichever is later: publishing either makes the entry public, and editing either
    changes what the entry says (its summary, or its speakers and time). Entries changed
    at the same moment follow the list's default order, so the order is total and the
    RFC 5005 pages neither overlap nor leave a gap. The `sort` parameter is checked like
    any other, but a feed reader wants the latest first, so it does not reorder the feed.
    """

    feed_type = PagedAtom1Feed
    author_name = "re:Invent keynotes"
    page_size = 100

    def __init__(self, queryset_factory):
        super().__init__()
        self.queryset_factory = queryset_factory

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except BadParameters as error:
            return bad_parameters(error.errors)

    def get_object(self, request, *args, **kwargs):
        queryset = self.queryset_factory().annotate(
            changed_at=Greatest("updated_at", "keynote__updated_at")
        )
        listing = run_listing(
            AnnouncementFilter,
            request.GET,
            queryset,
            per_page=self.page_size,
            with_facets=False,
            order=("-changed_at", *ANNOUNCEMENT_ORDER[DEFAULT_SORT]),
            memo=memo_for(request),
        )
        if listing.errors:
            raise BadParameters(listing.errors)
        listing.request = request
        return listing

    def title(self, listing):
        described = ", ".join(f"{a.label}: {a.value}" for a in listing.active)
        title = f"re:Invent announcements ({described})" if described else "re:Invent announcements"
        return xml_safe(title)

    def subtitle(self, listing):
        return "Announcements from AWS re:Invent keynotes, as filtered on the site."

    def link(self, listing):
        query = listing.data.urlencode()
        return "/announcements/" + (f"?{query}" if query else "")

    def feed_url(self, listing):
        return listing.request.get_full_path()

    def feed_extra_kwargs(self, listing):
        page = listing.page
        if not page.has_next():
            return {}
        next_path = "/announcements.atom" + listing.url_with(page=str(page.number + 1))
        return {"next_url": listing.request.build_absolute_uri(next_path)}

    def items(self, listing):
        return []  # get_feed adds the entries itself

    def get_feed(self, listing, request):
        """The feed, with its entries added here: the base class looks each of an entry's
        dozen attributes up by introspection, which on a page of a hundred entries costs
        more than writing the feed. What it adds is the same."""
        feed = super().get_feed(listing, request)
        domain, secure = get_current_site(request).domain, request.is_secure()
        for item in listing.page.object_list:
            feed.add_item(
                title=self.item_title(item),
                link=add_domain(domain, self.item_link(item), secure),
                description=self.item_description(item),
                unique_id=self.item_guid(item),
                unique_id_is_permalink=self.item_guid_is_permalink,
                pubdate=self.item_pubdate(item),
                updateddate=self.item_updateddate(item),
                author_name=self.item_author_name(item),
                categories=self.item_categories(item),
            )
        return feed

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        return xml_safe(item.summary)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # Built from the natural key alone: the same whatever the host, and across reloads.
        return f"tag:reinvent-keynotes,{item.edition.year}:announcement/{item.slug}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        """When it was announced: the keynote's start, or its day when no time is known."""
        keynote = item.keynote
        if keynote.start is not None:
            return keynote.start
        return dt.datetime.combine(keynote.day, dt.time(), keynote.edition.time_zone_info)

    def item_updateddate(self, item):
        return item.changed_at

    def item_author_name(self, item):
        return xml_safe(", ".join(a.speaker.name for a in item.keynote.lineup))

    def item_categories(self, item):
        return [xml_safe(topic.name) for topic in item.topic_list]


def keynote_calendar(request, keynotes, name):
    """An iCalendar file with one event per keynote, in the venue's time zone."""
    calendar = Calendar()
    calendar.add("prodid", "-//re:Invent keynotes//catalog//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", vText(name))
    for keynote in keynotes:
        edition = keynote.edition
        zone = edition.time_zone_info
        speakers = ", ".join(f"{a.speaker.name} ({a.held})" for a in keynote.lineup)
        event = Event()
        # The natural key never changes across requests or reloads of the year.
        event.add("uid", f"{edition.year}-{keynote.slug}@reinvent-keynotes")
        event.add("summary", keynote.title)
        if keynote.start is None:
            # No source gives its clock time: an all-day event on its day.
            event.add("dtstart", keynote.day)
            event.add("dtend", keynote.day + dt.timedelta(days=1))
        else:
            event.add("dtstart", keynote.start.astimezone(zone))
            event.add("dtend", keynote.end.astimezone(zone))
        event.add("dtstamp", keynote.updated_at)
        event.add("last-modified", keynote.updated_at)
        event.add("location", ", ".join(filter(None, [keynote.venue, edition.city])))
        event.add("description", f"{keynote.summary}\n\nOn stage: {speakers}")
        event.add("url", request.build_absolute_uri(keynote.get_absolute_url()))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
