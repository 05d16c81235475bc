from django.urls import path, register_converter

from . import views
from .converters import YearConverter

register_converter(YearConverter, "year")

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("announcements/", views.announcement_list, name="announcements"),
    path("announcements.json", views.announcements_json, name="announcements-json"),
    path("announcements.csv", views.announcements_csv, name="announcements-csv"),
    path("announcements.atom", views.announcements_atom, name="announcements-atom"),
    path("keynotes/", views.keynote_list, name="keynotes"),
    path("keynotes.json", views.keynotes_json, name="keynotes-json"),
    path("speakers/", views.speaker_list, name="speakers"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("<year:year>/", views.edition_detail, name="edition"),
    path("<year:year>/keynotes.ics", views.edition_calendar, name="edition-calendar"),
    path("<year:year>/keynotes/<slug:slug>.ics", views.keynote_calendar, name="keynote-calendar"),
    path("<year:year>/keynotes/<slug:slug>/", views.keynote_detail, name="keynote"),
    path(
        "<year:year>/announcements/<slug:slug>/",
        views.announcement_detail,
        name="announcement",
    ),
]
