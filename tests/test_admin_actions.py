"""The admin's publish and unpublish actions, on every model that has them."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from events.models import Announcement, Edition, Keynote

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
