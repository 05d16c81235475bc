"""Fast live entry: announcements added and reordered on their keynote's page."""

import pytest
from django.urls import reverse

from events.models import Announcement, Edition, Keynote, Topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]


def keynote_page(keynote):
    return reverse("admin:events_keynote_change", args=[keynote.pk])


def keynote_data(keynote, rows, new=()):
    """The keynote's form as posted: its announcements as rows (changes applied), then new."""
    start, end = (
        t.astimezone(keynote.edition.time_zone_info) for t in (keynote.start, keynote.end)
    )
    data = {
        "edition": keynote.edition_id,
        "title": keynote.title,
        "slug": keynote.slug,
        "published": "on" if keynote.published else "",
        "summary": keynote.summary,
        "venue": keynote.venue,
        "start_0": f"{start:%d/%m/%Y}",
        "start_1": f"{start:%H:%M}",
        "end_0": f"{end:%d/%m/%Y}",
        "end_1": f"{end:%H:%M}",
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
        "key_points-TOTAL_FORMS": "0",
        "key_points-INITIAL_FORMS": "0",
        "announcements-TOTAL_FORMS": str(len(rows) + len(new)),
        "announcements-INITIAL_FORMS": str(len(rows)),
    }
    for i, row in enumerate([*rows, *new]):
        for name, value in row.items():
            if isinstance(value, list):
                data[f"announcements-{i}-{name}"] = value
            elif value not in ("", None, False):
                data[f"announcements-{i}-{name}"] = "on" if value is True else str(value)
    return {k: v for k, v in data.items() if v != ""}


def row(a, **changes):
    values = {
        "id": a.pk,
        "keynote": a.keynote_id,
        "position": a.position,
        "number": a.number,
        "section": a.section,
        "title": a.title,
        "slug": a.slug,
        "summary": a.summary,
        "topics": [t.pk for t in a.topics.all()],
        "availability": a.availability,
        "availability_source": a.availability_source_id,
        "published": a.published,
    }
    values.update(changes)
    return values


def new_row(title, **values):
    topic = Topic.objects.get(slug="compute")
    return {
        "title": title,
        "section": "Compute",
        "summary": "Said on stage.",
        "topics": [topic.pk],
        "availability": "unspecified",
        **values,
    }


@pytest.fixture
def mnl():
    return Keynote.objects.get(slug="monday-night-live")


def rows_of(keynote):
    return [row(a) for a in keynote.announcements.order_by("position")]


def test_announcements_are_added_on_the_keynote_page_with_position_and_slug_filled(
    admin_client, mnl
):
    data = keynote_data(mnl, rows_of(mnl), [new_row("Graviton 5"), new_row("Nitro v6")])

    response = admin_client.post(keynote_page(mnl), data)

    assert response.status_code == 302
    added = Announcement.objects.filter(keynote=mnl).order_by("position")
    assert [(a.position, a.slug, a.edition_id) for a in added][2:] == [
        (3, "graviton-5", mnl.edition_id),
        (4, "nitro-v6", mnl.edition_id),
    ]


def test_two_announcements_swap_positions_in_one_save(admin_client, mnl):
    first, second = mnl.announcements.order_by("position")
    rows = [row(first, position=2), row(second, position=1)]

    response = admin_client.post(keynote_page(mnl), keynote_data(mnl, rows))

    assert response.status_code == 302
    assert list(mnl.announcements.order_by("position").values_list("slug", flat=True)) == [
        second.slug,
        first.slug,
    ]


def test_a_deleted_announcement_gives_up_its_position_in_the_same_save(admin_client, mnl):
    first, second = mnl.announcements.order_by("position")
    rows = [row(first, DELETE=True), row(second, position=1)]

    response = admin_client.post(keynote_page(mnl), keynote_data(mnl, rows))

    assert response.status_code == 302
    assert list(mnl.announcements.values_list("slug", "position")) == [(second.slug, 1)]


def test_two_announcements_on_one_position_is_a_clear_error(admin_client, mnl):
    first, second = mnl.announcements.order_by("position")
    rows = [row(first), row(second, position=1)]

    response = admin_client.post(keynote_page(mnl), keynote_data(mnl, rows))

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][2].formset
    assert formset.forms[1].errors["position"] == [f"Position 1 is also given to “{first.title}”."]


def test_a_new_announcement_may_not_take_a_slug_of_its_year(admin_client, mnl):
    data = keynote_data(mnl, rows_of(mnl), [new_row("Aurora", slug="aurora-dsql")])

    response = admin_client.post(keynote_page(mnl), data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][2].formset
    assert formset.forms[2].errors["slug"] == [
        "Another announcement of 2024 has the slug “aurora-dsql”."
    ]


def test_an_announcement_stated_in_preview_needs_its_source_inline(admin_client, mnl):
    data = keynote_data(mnl, rows_of(mnl), [new_row("Graviton 5", availability="preview")])

    response = admin_client.post(keynote_page(mnl), data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][2].formset
    assert formset.forms[2].errors["availability_source"] == [
        "Say where this availability is stated."
    ]


def test_a_new_keynote_gets_its_announcements_in_the_same_save(admin_client):
    edition = Edition.objects.get(year=2024)
    draft = Keynote(edition=edition, title="Late addition", slug="late", summary="S.")
    draft.start = draft.end = Keynote.objects.get(slug="ceo-keynote").start
    data = keynote_data(draft, [], [new_row("One"), new_row("Two")])
    data["end_1"] = "11:00"

    response = admin_client.post(reverse("admin:events_keynote_add"), data)

    assert response.status_code == 302
    keynote = Keynote.objects.get(slug="late")
    assert list(keynote.announcements.values_list("position", "slug", "edition__year")) == [
        (1, "one", 2024),
        (2, "two", 2024),
    ]


def test_standalone_form_takes_the_edition_from_the_keynote_and_the_next_position(
    admin_client, mnl
):
    data = {
        "keynote": mnl.pk,
        "title": "Graviton 5",
        "section": "Compute",
        "summary": "Said on stage.",
        "topics": [Topic.objects.get(slug="compute").pk],
        "availability": "unspecified",
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
        "_addanother": "Save and add another",
    }

    response = admin_client.post(reverse("admin:events_announcement_add"), data)
    next_form = admin_client.get(response["Location"])

    announcement = Announcement.objects.get(slug="graviton-5")
    assert (announcement.edition_id, announcement.position) == (mnl.edition_id, 3)
    assert response["Location"] == (
        reverse("admin:events_announcement_add") + f"?keynote={mnl.pk}&section=Compute"
    )
    form = next_form.context["adminform"].form
    assert (form.initial["keynote"], form.initial["section"]) == (str(mnl.pk), "Compute")
    assert "edition" not in form.fields


def test_save_and_add_another_keynote_keeps_the_edition(admin_client):
    edition = Edition.objects.get(year=2024)
    draft = Keynote(edition=edition, title="Late addition", slug="late", summary="S.")
    draft.start = draft.end = Keynote.objects.get(slug="ceo-keynote").start
    data = {**keynote_data(draft, []), "end_1": "11:00", "_addanother": "1"}

    response = admin_client.post(reverse("admin:events_keynote_add"), data)

    assert response["Location"] == reverse("admin:events_keynote_add") + f"?edition={edition.pk}"


def test_a_new_editions_page_names_no_fixture(admin_client):
    html = admin_client.get(reverse("admin:events_edition_add")).content.decode()

    assert "reinvent-None" not in html
    assert "last loaded" not in html.lower()


def test_an_editions_page_lists_its_keynotes_and_offers_to_add_one(admin_client):
    edition = Edition.objects.get(year=2024)

    html = admin_client.get(reverse("admin:events_edition_change", args=[edition.pk]))

    content = html.content.decode()
    assert f'href="/admin/events/keynote/add/?edition={edition.pk}"' in content
    assert "Monday Night Live with Peter DeSantis" in content


@pytest.mark.parametrize("position", ["0", "10000"])
def test_an_inline_position_outside_1_to_9999_is_a_form_error(admin_client, mnl, position):
    first, second = mnl.announcements.order_by("position")
    rows = [row(first, position=position), row(second)]

    response = admin_client.post(keynote_page(mnl), keynote_data(mnl, rows))

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][2].formset.forms[0].errors["position"]
    assert len(errors) == 1
    assert first.position == Announcement.objects.get(pk=first.pk).position
