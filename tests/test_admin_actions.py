"""The admin's publish and unpublish actions, on every model that has them."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from events.models import Announcement, Edition, Keynote

from .admin_posts import keynote_form
from .factories import make_edition

pytestmark = pytest.mark.django_db

PUBLISHABLE = [Edition, Keynote, Announcement]


def changelist(model):
    return reverse(f"admin:events_{model._meta.model_name}_changelist")


@pytest.fixture
def catalog():
    make_edition(2032, keynotes=2, announcements=2, published=False)
    make_edition(2033, keynotes=1, announcements=1, published=False)


@pytest.mark.usefixtures("catalog")
@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m._meta.model_name)
def test_publish_then_unpublish_changes_each_record_and_logs_it(admin_client, admin_user, model):
    model.objects.update(published=False)
    ids = [str(pk) for pk in model.objects.values_list("pk", flat=True)]

    published = admin_client.post(
        changelist(model), {"action": "publish", "_selected_action": ids}, follow=True
    )
    all_published = set(model.objects.values_list("published", flat=True))
    unpublished = admin_client.post(
        changelist(model), {"action": "unpublish", "_selected_action": ids}, follow=True
    )

    assert published.status_code == 200
    assert f"Published {len(ids)} records." in published.content.decode()
    assert all_published == {True}
    assert unpublished.status_code == 200
    assert set(model.objects.values_list("published", flat=True)) == {False}
    entries = LogEntry.objects.filter(
        user=admin_user, content_type__model=model._meta.model_name, action_flag=CHANGE
    )
    messages = sorted(entries.values_list("change_message", flat=True))
    assert messages == (
        ["Published with the list action."] * len(ids)
        + ["Unpublished with the list action."] * len(ids)
    )
    assert {entry.object_id for entry in entries} == set(ids)
    assert all(entry.object_repr for entry in entries)


@pytest.mark.usefixtures("catalog")
def test_publishing_again_changes_and_logs_nothing(admin_client):
    ids = [str(pk) for pk in Edition.objects.values_list("pk", flat=True)]
    admin_client.post(changelist(Edition), {"action": "publish", "_selected_action": ids})
    logged = LogEntry.objects.count()

    response = admin_client.post(
        changelist(Edition), {"action": "publish", "_selected_action": ids}, follow=True
    )

    assert "Published 0 records." in response.content.decode()
    assert LogEntry.objects.count() == logged


@pytest.mark.usefixtures("catalog")
def test_publishing_stamps_keynotes_and_announcements_as_changed(admin_client):
    before = dict(Announcement.objects.values_list("pk", "updated_at"))
    ids = [str(pk) for pk in before]

    admin_client.post(changelist(Announcement), {"action": "unpublish", "_selected_action": ids})

    after = dict(Announcement.objects.values_list("pk", "updated_at"))
    assert all(after[pk] > before[pk] for pk in before)


def test_publishing_keynotes_of_a_draft_edition_warns_they_stay_hidden(admin_client):
    make_edition(2034, keynotes=2, announcements=1, published=False)
    keynotes = Keynote.objects.filter(edition__year=2034)
    keynotes.update(published=False)
    ids = [str(pk) for pk in keynotes.values_list("pk", flat=True)]

    response = admin_client.post(
        changelist(Keynote), {"action": "publish", "_selected_action": ids}, follow=True
    )

    levels = {(m.level_tag, m.message) for m in response.context["messages"]}
    assert ("success", "Published 2 records.") in levels
    assert (
        "warning",
        "2 keynotes stay hidden until their edition “AWS re:Invent 2034” is published.",
    ) in levels


def test_publishing_an_announcement_of_a_draft_keynote_warns(admin_client):
    make_edition(2034, keynotes=1, announcements=1)
    Keynote.objects.filter(edition__year=2034).update(published=False)
    announcement = Announcement.objects.get(edition__year=2034)
    Announcement.objects.filter(pk=announcement.pk).update(published=False)

    response = admin_client.post(
        changelist(Announcement),
        {"action": "publish", "_selected_action": [str(announcement.pk)]},
        follow=True,
    )

    warnings = [m.message for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "1 announcement stays hidden until its keynote “Keynote 1 of 2034 (2034)” is published."
    ]


def test_publishing_a_published_editions_keynote_warns_of_nothing(admin_client):
    make_edition(2034, keynotes=1, announcements=0)
    Keynote.objects.update(published=False)

    response = admin_client.post(
        changelist(Keynote),
        {"action": "publish", "_selected_action": [str(Keynote.objects.get().pk)]},
        follow=True,
    )

    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_publishing_an_edition_points_to_its_draft_keynotes_and_announcements(admin_client):
    edition = make_edition(2034, keynotes=2, announcements=3, published=False)
    Keynote.objects.update(published=False)
    Announcement.objects.update(published=False)

    response = admin_client.post(
        changelist(Edition),
        {"action": "publish", "_selected_action": [str(edition.pk)]},
        follow=True,
    )

    warnings = [m.message for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "Still drafts in the published edition: 2 keynotes and 6 announcements. To publish "
        "them too, use the list action “Publish the selected editions with all their keynotes "
        "and announcements”."
    ]
    assert not Keynote.objects.filter(published=True).exists()


def test_publish_with_contents_publishes_the_edition_its_keynotes_and_announcements(
    client, admin_client, admin_user
):
    edition = make_edition(2034, keynotes=2, announcements=3, published=False)
    make_edition(2035, keynotes=1, announcements=1, published=False)
    Keynote.objects.update(published=False)
    Announcement.objects.update(published=False)

    response = admin_client.post(
        changelist(Edition),
        {"action": "publish_with_contents", "_selected_action": [str(edition.pk)]},
        follow=True,
    )

    messages = [m.message for m in response.context["messages"]]
    assert messages == ["Published 1 edition, 2 keynotes and 6 announcements."]
    assert Announcement.objects.published().count() == 6
    assert not Keynote.objects.filter(edition__year=2035, published=True).exists()
    assert client.get("/2034/keynotes/keynote-1/").status_code == 200
    logged = LogEntry.objects.filter(user=admin_user, action_flag=CHANGE)
    assert logged.filter(content_type__model="announcement").count() == 6
    assert logged.filter(content_type__model="keynote").count() == 2


def test_saving_a_published_keynote_in_a_draft_edition_warns(admin_client):
    make_edition(2034, keynotes=1, announcements=0, published=False)
    keynote = Keynote.objects.get()
    Keynote.objects.update(published=False)
    data = keynote_form(
        keynote,
        published="on",
        start_0="2034-12-01",
        start_1="09:00",
        end_0="2034-12-01",
        end_1="11:00",
    )

    response = admin_client.post(
        reverse("admin:events_keynote_change", args=[keynote.pk]), data, follow=True
    )

    warnings = [m.message for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "1 keynote stays hidden until its edition “AWS re:Invent 2034” is published."
    ]
