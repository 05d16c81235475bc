"""Django's “Delete selected” action on every model the admin registers: never a 500."""

import pytest
from django.contrib import admin
from django.urls import reverse

from events.models import Announcement, Edition, Keynote, Source, Speaker, Topic

from .factories import make_edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

REGISTERED = [model for model in admin.site._registry if model._meta.app_label == "events"]


def changelist(model):
    return reverse(f"admin:events_{model._meta.model_name}_changelist")


def delete_selected(client, model, objs, confirm):
    data = {"action": "delete_selected", "_selected_action": [str(o.pk) for o in objs]}
    if confirm:
        data["post"] = "yes"
    return client.post(changelist(model), data, follow=True)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.model_name)
def test_delete_selected_asks_then_deletes_or_refuses_on_every_model(admin_client, model):
    objs = list(model.objects.all()[:2])

    asked = delete_selected(admin_client, model, objs, confirm=False)
    confirmed = delete_selected(admin_client, model, objs, confirm=True)

    assert asked.status_code == 200
    assert asked.templates[0].name.endswith("delete_selected_confirmation.html")
    assert confirmed.status_code == 200
    left = model.objects.filter(pk__in=[o.pk for o in objs]).count()
    html = confirmed.content.decode()
    if left:  # refused: the page names what keeps them
        assert left == len(objs)
        assert "would require deleting the following protected related objects" in html
    else:
        assert f"Successfully deleted {len(objs)} " in html


def test_a_source_a_keynote_names_cannot_be_deleted_and_the_page_says_why(admin_client):
    schedule = Source.objects.get(slug="aws-keynote-agenda")

    response = delete_selected(admin_client, Source, [schedule], confirm=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert Source.objects.filter(pk=schedule.pk).exists()
    assert "would require deleting the following protected related objects" in html
    assert "CEO Keynote with Matt Garman (2024)" in html


def test_a_speaker_on_stage_cannot_be_deleted(admin_client):
    speaker = Speaker.objects.get(slug="tom-brown")

    response = delete_selected(admin_client, Speaker, [speaker], confirm=True)

    assert response.status_code == 200
    assert Speaker.objects.filter(pk=speaker.pk).exists()


def test_an_edition_is_deleted_with_its_keynotes_announcements_and_sources(admin_client):
    edition = make_edition(2030, keynotes=2, announcements=2)
    Source.objects.create(
        edition=edition, slug="s", kind="article", title="T", author="A", url="https://a.example/"
    )

    response = delete_selected(admin_client, Edition, [edition], confirm=True)

    assert response.status_code == 200
    assert "Successfully deleted 1 edition." in response.content.decode()
    assert not Keynote.objects.filter(edition__year=2030).exists()
    assert not Announcement.objects.filter(edition__year=2030).exists()
    assert not Source.objects.filter(edition__year=2030).exists()


def test_an_edition_whose_keynotes_cite_its_sources_is_deleted_with_them(admin_client):
    # Sources in use are RESTRICTed, not PROTECTed: they go when their edition goes.
    edition = Edition.objects.get(year=2024)

    response = delete_selected(admin_client, Edition, [edition], confirm=True)

    assert response.status_code == 200
    assert "Successfully deleted 1 edition." in response.content.decode()
    assert not Keynote.objects.filter(edition__year=2024).exists()
    assert not Announcement.objects.filter(edition__year=2024).exists()
    assert not Source.objects.filter(edition__year=2024).exists()


def test_deleting_a_topic_leaves_its_announcements(admin_client):
    topic = Topic.objects.get(slug="education")
    count = Announcement.objects.count()

    response = delete_selected(admin_client, Topic, [topic], confirm=True)

    assert response.status_code == 200
    assert Announcement.objects.count() == count
