"""Curation in the Django admin: every model, drafts, the Curators role, history, throttling."""

import datetime as dt
import os
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import (
    CATALOG_MODELS,
    Announcement,
    Appearance,
    Edition,
    Keynote,
    KeyPoint,
    Service,
    Source,
    Speaker,
    Topic,
    YearLoad,
)

from .admin_posts import announcement_form, keynote_form
from .factories import make_edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

CATALOG = CATALOG_MODELS
PASSWORD = "a-long-passphrase-for-tests"


@pytest.fixture
def curator(monkeypatch):
    monkeypatch.setenv("CURATOR_PASSWORD", PASSWORD)
    call_command("create_curator", "casey", stdout=StringIO())
    return User.objects.get(username="casey")


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


def admin_url(model, view="changelist", *args):
    return reverse(f"admin:events_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", CATALOG, ids=lambda m: m.__name__)
def test_every_catalog_model_has_list_add_and_change_pages(admin_client, model):
    obj = model.objects.first()

    assert admin_client.get(admin_url(model)).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (Announcement, "?year=2024&availability__exact=preview&published__exact=1"),
        (Announcement, "?topics__id__exact={ai_infrastructure}&q=amazon"),
        (Keynote, "?edition__year=2024&published__exact=1"),
        (Edition, ""),
        (Speaker, "?q=brown"),
        (Topic, ""),
        (Service, ""),
        (Source, "?kind__exact=official"),
    ],
)
def test_change_lists_filter_and_search(admin_client, model, query):
    topic = Topic.objects.get(slug="ai-infrastructure")

    response = admin_client.get(admin_url(model) + query.format(ai_infrastructure=topic.pk))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize(
    ("model", "queries"),
    [
        (Announcement, 9),
        (Keynote, 8),
        (Edition, 5),
        (Speaker, 5),
        (Topic, 5),
        (Source, 6),
        (Appearance, 6),
        (KeyPoint, 6),
    ],
)
def test_change_lists_run_no_query_per_row(admin_client, model, queries):
    def count():
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(admin_url(model)).status_code == 200
        return len(context.captured_queries)

    small = count()
    for year in (2030, 2031, 2032):
        make_edition(year, keynotes=4, announcements=20)
    large = count()

    assert small == large == queries


def test_keynote_page_has_ordered_inlines_for_speakers_points_and_announcements(admin_client):
    keynote = Keynote.objects.get(slug="monday-night-live")

    html = admin_client.get(admin_url(Keynote, "change", keynote.pk)).content.decode()

    assert html.index("SVP, Utility Computing") < html.index("VP of Compute and Networking")
    assert html.index("VP of Compute and Networking") < html.index("Co-Founder and Chief Compute")
    assert html.index("An AI-assisted keynote") < html.index("Anthropic on Trainium 2")
    assert html.index("Latency-Optimized Inference") < html.index("Anthropic Claude 3.5 Haiku")
    assert 'id="appearances-group"' in html
    assert 'id="key_points-group"' in html
    assert 'id="announcements-group"' in html


def test_slugs_are_prepopulated_and_pages_link_to_the_site(admin_client):
    announcement = Announcement.objects.get(slug="aurora-dsql")

    add = admin_client.get(admin_url(Announcement, "add")).content.decode()
    change = admin_client.get(admin_url(Announcement, "change", announcement.pk))
    link = reverse("admin:view_on_site", args=[change.context["content_type_id"], announcement.pk])
    view_on_site = admin_client.get(link)

    assert 'id="django-admin-prepopulated-fields-constants"' in add
    assert "&quot;dependency_ids&quot;: [&quot;#id_title&quot;]" in add
    assert f'href="{link}"' in change.content.decode()
    assert view_on_site.status_code == 302
    assert view_on_site["Location"].endswith("/2024/announcements/aurora-dsql/")


def test_speakers_topics_and_services_autocomplete(admin_client):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "events",
            "model_name": "appearance",
            "field_name": "speaker",
            "term": "brown",
        },
    )
    topics = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "events",
            "model_name": "announcement",
            "field_name": "topics",
            "term": "data",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["David Brown", "Tom Brown"]
    assert [r["text"] for r in topics.json()["results"]] == ["Databases"]


def test_publish_and_unpublish_actions_change_many_and_log_each(admin_client, admin_user):
    ids = list(
        Announcement.objects.filter(keynote__slug="monday-night-live").values_list("pk", flat=True)
    )

    response = admin_client.post(
        admin_url(Announcement), {"action": "unpublish", "_selected_action": ids}, follow=True
    )

    assert response.status_code == 200
    assert not Announcement.objects.filter(pk__in=ids, published=True).exists()
    entries = LogEntry.objects.filter(object_id__in=[str(i) for i in ids], user=admin_user)
    assert entries.count() == 2
    assert {e.change_message for e in entries} == {"Unpublished with the list action."}
    admin_client.post(admin_url(Announcement), {"action": "publish", "_selected_action": ids})
    assert Announcement.objects.filter(pk__in=ids, published=True).count() == 2


def test_staff_see_a_draft_with_a_banner_and_visitors_get_404(client, admin_client):
    Keynote.objects.filter(slug="ceo-keynote").update(published=False)
    Announcement.objects.filter(slug="s3-metadata").update(published=False)

    for url in ("/2024/keynotes/ceo-keynote/", "/2024/announcements/s3-metadata/"):
        staff = admin_client.get(url)
        assert staff.status_code == 200
        assert '<p class="draft-banner" role="status"><strong>Draft.</strong>' in (
            staff.content.decode()
        )
        assert client.get(url).status_code == 404
    published = admin_client.get("/2024/announcements/aurora-dsql/").content.decode()
    assert "draft-banner" in published  # its keynote is a draft
    assert (
        "draft-banner" not in admin_client.get("/2024/keynotes/partner-keynote/").content.decode()
    )


def test_curators_group_may_curate_the_catalog_and_nothing_else():
    curators = Group.objects.get(name="Curators")
    granted = set(curators.permissions.values_list("content_type__app_label", "codename"))

    expected = {
        ("events", f"{action}_{model._meta.model_name}")
        for model in CATALOG
        for action in ("add", "change", "delete", "view")
    }
    assert granted == expected
    assert not curators.permissions.filter(content_type__app_label="auth").exists()


def test_create_curator_makes_a_staff_member_of_curators(curator):
    assert curator.is_staff
    assert not curator.is_superuser
    assert list(curator.groups.values_list("name", flat=True)) == ["Curators"]
    assert curator.check_password(PASSWORD)
    assert curator.has_perm("events.change_announcement")
    assert not curator.has_perm("auth.view_user")


def test_create_curator_refuses_weak_passwords_and_duplicates(monkeypatch, curator):
    monkeypatch.setenv("CURATOR_PASSWORD", "123")
    with pytest.raises(CommandError) as weak:
        call_command("create_curator", "robin", stdout=StringIO())
    with pytest.raises(CommandError) as taken:
        call_command("create_curator", "casey", stdout=StringIO())

    assert "too short" in str(weak.value)
    assert str(taken.value) == "A user named 'casey' already exists."
    assert not User.objects.filter(username="robin").exists()


def test_create_curator_without_a_terminal_or_variable_says_how(monkeypatch):
    monkeypatch.delenv("CURATOR_PASSWORD", raising=False)
    monkeypatch.setattr(os, "isatty", lambda fd: False)

    with pytest.raises(CommandError) as refused:
        call_command("create_curator", "robin", stdout=StringIO())

    assert str(refused.value) == "No terminal to ask for a password: set CURATOR_PASSWORD."


def test_a_curator_edits_an_announcement_and_the_history_says_who(curator_client, curator):
    announcement = Announcement.objects.get(slug="aurora-dsql")
    url = admin_url(Announcement, "change", announcement.pk)

    response = curator_client.post(url, announcement_form(announcement, title="Aurora DSQL"))
    history = curator_client.get(admin_url(Announcement, "history", announcement.pk))

    assert response.status_code == 302
    assert Announcement.objects.get(pk=announcement.pk).title == "Aurora DSQL"
    entry = LogEntry.objects.get(object_id=str(announcement.pk))
    assert entry.user == curator
    assert entry.get_change_message() == "Changed Title."
    assert "casey" in history.content.decode()
    assert "Changed Title." in history.content.decode()


def history_row(announcement, source, day, becomes="generally-available"):
    """The announcement's form with one more row in its history inline."""
    data = announcement_form(announcement)
    row = int(data["history-TOTAL_FORMS"])
    data["history-TOTAL_FORMS"] = str(row + 1)
    data.update(
        {
            f"history-{row}-announcement": announcement.pk,
            f"history-{row}-date": day,
            f"history-{row}-availability": becomes,
            f"history-{row}-source": source.pk,
        }
    )
    return data


def official_source(announcement, slug, url, published_on=None):
    return Source.objects.create(
        edition=announcement.edition,
        slug=slug,
        kind="official",
        title=f"Source {slug}",
        author="Amazon Web Services",
        url=url,
        published_on=published_on,
    )


def test_a_curator_records_what_became_of_an_announcement(curator_client, curator):
    announcement = Announcement.objects.get(slug="dynamodb-global-tables-multi-region")
    source = official_source(
        announcement,
        "dynamodb-mrsc-ga",
        "https://aws.amazon.com/about-aws/whats-new/2025/06/dynamodb-mrsc-ga/",
        dt.date(2025, 6, 30),
    )
    url = admin_url(Announcement, "change", announcement.pk)

    response = curator_client.post(url, history_row(announcement, source, "2025-06-30"))

    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.status == "generally-available"
    assert [str(change) for change in announcement.history.all()] == [
        "Generally available on 30 June 2025"
    ]
    entry = LogEntry.objects.get(object_id=str(announcement.pk))
    assert (entry.user, entry.get_change_message()) == (
        curator,
        "Added status change “Generally available on 30 June 2025”.",
    )


def test_a_change_from_an_undated_source_is_refused_in_the_form_and_nothing_saved(admin_client):
    announcement = Announcement.objects.get(slug="dynamodb-global-tables-multi-region")
    undated = official_source(
        announcement,
        "undated-guide",
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/x.html",
    )
    url = admin_url(Announcement, "change", announcement.pk)

    response = admin_client.post(url, history_row(announcement, undated, "2025-06-30"))

    assert response.status_code == 200
    assert "must carry its date" in response.content.decode()
    assert not announcement.history.exists()
    assert Announcement.objects.get(pk=announcement.pk).status == "preview"


def test_a_curator_cannot_open_the_user_list(curator_client):
    assert curator_client.get("/admin/auth/user/").status_code == 403
    assert curator_client.get("/admin/auth/group/").status_code == 403


def test_edition_page_shows_when_the_year_was_last_loaded(admin_client):
    edition = Edition.objects.get(year=2024)
    YearLoad.objects.create(year=2024, loaded_at=timezone.now())  # as load_year records it

    html = admin_client.get(admin_url(Edition, "change", edition.pk)).content.decode()
    listing = admin_client.get(admin_url(Edition)).content.decode()

    assert "from fixtures/reinvent-2024.json" in html
    assert "last loaded from its fixture" in html.lower()
    assert "from fixtures/reinvent-2024.json" in listing


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"slug": "s3-metadata"},
            "slug",
            "Another announcement of 2024 has the slug “s3-metadata”.",
        ),
        ({"title": ""}, "title", "This field is required."),
        (
            {"availability": "preview", "availability_source": ""},
            "availability_source",
            "Say where this availability is stated.",
        ),
    ],
)
def test_announcement_mistakes_are_form_errors(admin_client, changes, field, message):
    announcement = Announcement.objects.get(slug="aurora-dsql")
    data = announcement_form(announcement, **changes)
    if changes.get("availability_source") == "":
        data.pop("availability_source", None)

    response = admin_client.post(admin_url(Announcement, "change", announcement.pk), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in errors[field or "__all__"]


def test_announcement_moved_to_another_years_keynote_takes_that_year(admin_client):
    other = make_edition(2030, keynotes=1, announcements=0).keynotes.get()
    announcement = Announcement.objects.get(slug="sagemaker-studio")

    response = admin_client.post(
        admin_url(Announcement, "change", announcement.pk),
        announcement_form(announcement, keynote=other.pk),
    )

    assert response.status_code == 302
    assert Announcement.objects.get(pk=announcement.pk).edition == other.edition


def test_announcement_moved_to_another_year_may_not_keep_this_years_source(admin_client):
    other = make_edition(2030, keynotes=1, announcements=0).keynotes.get()
    announcement = Announcement.objects.get(slug="aurora-dsql")

    response = admin_client.post(
        admin_url(Announcement, "change", announcement.pk),
        announcement_form(announcement, keynote=other.pk),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["availability_source"] == [
        "The source must belong to the same edition."
    ]
    assert Announcement.objects.get(pk=announcement.pk).keynote.slug == "ceo-keynote"


def test_keynote_ending_before_it_starts_is_a_form_error(admin_client):
    keynote = Keynote.objects.get(slug="werner-vogels-keynote")
    data = keynote_form(
        keynote,
        published="on",
        start_0="2024-12-05",
        start_1="16:30:00",
        end_0="2024-12-05",
        end_1="16:00:00",
    )

    response = admin_client.post(admin_url(Keynote, "change", keynote.pk), data)

    assert response.status_code == 200
    assert (
        "The keynote must end after it starts." in response.context["adminform"].form.errors["end"]
    )


def test_ten_failed_logins_lock_that_user_out_for_fifteen_minutes(client, curator):
    login = "/admin/login/?next=/admin/"
    for _ in range(10):
        failed = client.post(login, {"username": "casey", "password": "wrong"})
        assert failed.status_code in (200, 429)

    right_password = client.post(login, {"username": "casey", "password": PASSWORD})
    other_user = client.post(login, {"username": "someone", "password": "wrong"})

    assert right_password.status_code == 429
    assert "Too many failed sign-ins" in right_password.content.decode()
    assert "fifteen minutes" in right_password.content.decode()
    assert "_auth_user_id" not in client.session
    assert other_user.status_code == 200  # another username is not locked


def test_nine_failed_logins_still_let_the_right_password_in(client, curator):
    login = "/admin/login/?next=/admin/"
    for _ in range(9):
        client.post(login, {"username": "casey", "password": "wrong"})

    response = client.post(login, {"username": "casey", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(curator.pk)
