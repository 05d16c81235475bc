from django.urls import path, register_converter

from . import views
from .converters import YearConverter

register_converter(YearConverter, "year")

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("<year:year>/", views.edition_detail, name="edition"),
    path("<year:year>/keynotes/<slug:slug>/", views.keynote_detail, name="keynote"),
    path(
        "<year:year>/announcements/<slug:slug>/",
        views.announcement_detail,
        name="announcement",
    ),
]
