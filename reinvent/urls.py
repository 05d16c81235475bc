from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponsePermanentRedirect
from django.urls import include, path

from events.caching import public_page
from events.sitemaps import SITEMAPS


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon, the admin's included."""
    return HttpResponsePermanentRedirect(staticfiles_storage.url("favicon.svg"))


urlpatterns = [
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("events.urls")),
]
