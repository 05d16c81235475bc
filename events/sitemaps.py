"""Every public page, for search engines, through django.contrib.sitemaps.

Each section's items are a list, so the sitemap's paginator counts them without a query.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import KEYNOTE_ORDER, Announcement, Edition, Keynote, Speaker


class ListSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["events:home", "events:announcements", "events:keynotes", "events:speakers"]

    def location(self, item):
        return reverse(item)


class EditionSitemap(Sitemap):
    def items(self):
        return list(Edition.objects.published().order_by("-year"))


class KeynoteSitemap(Sitemap):
    def items(self):
        return list(Keynote.objects.published().select_related("edition").order_by(*KEYNOTE_ORDER))

    def lastmod(self, keynote):
        return keynote.updated_at


class AnnouncementSitemap(Sitemap):
    def items(self):
        return list(
            Announcement.objects.published()
            .select_related("edition")
            .order_by("edition__year", "slug")
        )

    def lastmod(self, announcement):
        return announcement.updated_at


class SpeakerSitemap(Sitemap):
    def items(self):
        return list(Speaker.objects.public().order_by("slug"))


SITEMAPS = {
    "lists": ListSitemap,
    "editions": EditionSitemap,
    "keynotes": KeynoteSitemap,
    "announcements": AnnouncementSitemap,
    "speakers": SpeakerSitemap,
}
