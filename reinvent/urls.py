from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from events.caching import cached_public
from events.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", cached_public(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("events.urls")),
]
