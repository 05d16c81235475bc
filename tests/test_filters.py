"""Filtering the lists: every parameter, OR within one, AND across, facets, bad input."""

import pytest

from events.enums import Availability
from events.models import Announcement, Appearance, Keynote, Service, Topic

from . import catalog as sample
from .bad_input import BAD_INPUT
from .factories import make_edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample_catalog")]

ALL = sample.slugs(sample.ANNOUNCEMENTS)
MNL_ORDER = sample.slugs(sample.MONDAY_NIGHT_LIVE.announcements)
CEO_ORDER = sample.slugs(sample.CEO_KEYNOTE.announcements)
PARTNER_ORDER = sample.slugs(sample.PARTNER_KEYNOTE.announcements)
GENERATIVE_AI = len(sample.announcements_with(topic="generative-ai"))
SPEAKERS = len(sample.SPEAKERS)
PER_PAGE = 20


def slugs(client, query=""):
    response = client.get(f"/announcements.json?{query}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    return [item["slug"] for item in body["results"]]


def html_slugs(client, query=""):
    response = client.get(f"/announcements/?{query}")
    assert response.status_code == 200
    return [a.slug for a in response.context["listing"].page.object_list]


def test_unfiltered_list_of_one_year_has_every_announcement_in_keynote_order(client):
    result = slugs(client)

    assert len(result) == len(sample.ANNOUNCEMENTS)
    assert result[: len(MNL_ORDER)] == MNL_ORDER
    assert result[-len(PARTNER_ORDER) :] == PARTNER_ORDER
    assert result == ALL  # keynotes in time order, each keynote's in its own order


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=aurora", ["aurora-dsql"]),
        ("q=AURORA", ["aurora-dsql"]),
        ("q=Redshift", ["knowledge-bases-structured-data-retrieval"]),  # a service's name
        ("q=Borno", PARTNER_ORDER),  # the keynote's title
        ("q=Jassy", CEO_ORDER),  # a speaker's name
        ("q=Vogels", []),
        ("q=Iceberg+metadata", ["s3-metadata"]),  # every word must match
        ("q=Knowledge+Bases", None),  # a section heading; checked below
        ("keynote=partner-keynote", PARTNER_ORDER),
        ("speaker=tom-brown", MNL_ORDER),
        ("speaker=tom-brown&speaker=ruba-borno", MNL_ORDER + PARTNER_ORDER),
        ("topic=storage", ["s3-table-buckets", "s3-metadata"]),
        (
            "topic=storage&topic=databases",
            [
                "s3-table-buckets",
                "s3-metadata",
                "aurora-dsql",
                "dynamodb-global-tables-multi-region",
            ],
        ),
        ("service=amazon-s3", ["s3-table-buckets", "s3-metadata"]),
        ("service=amazon-aurora&service=amazon-dynamodb", CEO_ORDER[5:7]),
        (
            "availability=coming-soon",
            ["p6-nvidia-blackwell-gpus", "poolside-in-bedrock", "luma-ai-in-bedrock"],
        ),
        ("topic=storage&availability=preview", ["s3-metadata"]),
        ("topic=databases&service=amazon-aurora&year=2024", ["aurora-dsql"]),
        ("keynote=ceo-keynote&topic=partners", []),
    ],
)
def test_each_parameter_filters_the_list(client, query, expected):
    result = slugs(client, query)

    if expected is None:
        assert {"kendra-genai-index", "knowledge-bases-graphrag"} <= set(result)
    else:
        assert result == expected
    assert html_slugs(client, query) == result


def test_year_filters_and_repeats_as_or(client):
    make_edition(2025, keynotes=1, announcements=2)

    assert slugs(client, "year=2025") == ["k1-item-1", "k1-item-2"]
    assert len(slugs(client, "year=2024")) == len(ALL)
    assert len(slugs(client, "year=2024&year=2025")) == len(ALL) + 2


def test_availability_values_repeat_as_or(client):
    preview = slugs(client, "availability=preview")
    program = slugs(client, "availability=program")

    both = slugs(client, "availability=preview&availability=program")

    assert set(both) == set(preview) | set(program)
    assert len(both) == len(preview) + len(program)


def test_sort_orders(client):
    make_edition(2025, keynotes=1, announcements=2)

    by_title = slugs(client, "sort=title")
    newest_first = slugs(client, "sort=-year")
    oldest_first = slugs(client, "sort=keynote")

    titles = [a.title for a in Announcement.objects.order_by("title", "keynote__start", "position")]
    assert [Announcement.objects.get(slug=s).title for s in by_title] == titles
    assert newest_first == ["k1-item-1", "k1-item-2", *ALL]
    assert oldest_first == [*ALL, "k1-item-1", "k1-item-2"]


def test_default_order_is_newest_edition_first_then_keynote_time_then_number(client):
    make_edition(2023, keynotes=2, announcements=2)
    make_edition(2025, keynotes=2, announcements=2)
    # Numbers, not the order items were placed in, decide within a keynote.
    Announcement.objects.filter(edition__year=2025, slug="k1-item-1").update(position=9)

    result = slugs(client)

    assert result == [
        *["k1-item-1", "k1-item-2", "k2-item-1", "k2-item-2"],  # 2025
        *ALL,  # 2024
        *["k1-item-1", "k1-item-2", "k2-item-1", "k2-item-2"],  # 2023
    ]
    assert [a["year"] for a in client.get("/announcements.json").json()["results"]] == (
        [2025] * 4 + [2024] * len(ALL) + [2023] * 4
    )
    assert html_slugs(client) == result[:PER_PAGE]
    assert result == slugs(client, "sort=-year")


def test_unnumbered_items_come_first_in_their_keynote_in_placed_order(client):
    result = slugs(client, "keynote=partner-keynote")

    assert result == PARTNER_ORDER
    assert [a.number for a in sample.PARTNER_KEYNOTE.announcements] == [None] * 4 + [1, 2, 3]


def test_sort_select_shows_the_default_first(client):
    html = client.get("/announcements/").content.decode()
    select = html[html.index('<select id="filter-sort"') : html.index("</select>")]

    assert select.index('value="-year"') < select.index('value="keynote"')
    assert select.index('value="keynote"') < select.index('value="title"')


def test_facet_counts_follow_the_other_filters(client):
    response = client.get("/announcements/?topic=storage")
    facets = {
        f.name: {o.key: o.count for o in f.options} for f in response.context["listing"].facets
    }

    # The topic facet ignores the topic filter itself: each option's own count.
    assert facets["topic"]["storage"] == 2
    assert facets["topic"]["databases"] == 2
    assert facets["topic"]["generative-ai"] == GENERATIVE_AI
    # Other facets count within the topic filter, and list every option, zero or not.
    assert facets["year"] == {"2024": 2}
    assert facets["availability"] == {
        "generally-available": 0,
        "preview": 1,
        "coming-soon": 0,
        "program": 0,
        "unspecified": 1,
    }
    assert facets["keynote"]["ceo-keynote"] == 2
    assert facets["keynote"]["partner-keynote"] == 0
    assert facets["service"]["amazon-s3"] == 2
    assert facets["speaker"]["matt-garman"] == 2
    assert facets["speaker"]["tom-brown"] == 0


def test_facets_mark_chosen_options_and_zero_options(client):
    response = client.get("/announcements/?topic=storage&topic=databases")
    html = response.content.decode()
    topic = next(f for f in response.context["listing"].facets if f.name == "topic")

    assert {o.key for o in topic.options if o.selected} == {"storage", "databases"}
    assert topic.selected_count == 2
    assert 'value="storage" checked' in html
    assert '<li class="empty">' in html


def test_result_count_and_active_filters_each_removable(client):
    response = client.get("/announcements/?topic=storage&topic=databases&q=iceberg")
    listing = response.context["listing"]
    html = response.content.decode()

    assert listing.total == 2
    assert "<strong>2</strong> announcements" in html
    assert [(a.label, a.value, a.remove_url) for a in listing.active] == [
        ("Search", "“iceberg”", "?topic=storage&topic=databases"),
        ("Topic", "Storage", "?q=iceberg&topic=databases"),
        ("Topic", "Databases", "?q=iceberg&topic=storage"),
    ]
    assert 'href="?q=iceberg&amp;topic=databases"' in html


def test_pagination_keeps_the_filters(client):
    response = client.get("/announcements/?sort=title&topic=generative-ai")
    listing = response.context["listing"]

    assert listing.total == GENERATIVE_AI
    assert listing.page.paginator.num_pages == 1
    response = client.get("/announcements/?sort=title")
    listing = response.context["listing"]
    html = response.content.decode()

    assert PER_PAGE < len(ALL) <= 2 * PER_PAGE
    assert listing.page.paginator.num_pages == 2
    assert len(listing.page.object_list) == PER_PAGE
    assert 'href="?sort=title&amp;page=2" rel="next nofollow"' in html
    second = client.get("/announcements/?sort=title&page=2").context["listing"]
    assert len(second.page.object_list) == len(ALL) - PER_PAGE
    last_on_first_page = list(listing.page.object_list)[-1]
    assert second.page.object_list[0].title.lower() >= last_on_first_page.title.lower()


@pytest.mark.parametrize(("query", "parameter", "message"), BAD_INPUT)
def test_bad_input_on_the_page_is_a_message_and_the_rest_applies(client, query, parameter, message):
    response = client.get(f"/announcements/?{query}&topic=storage")
    listing = response.context["listing"]

    assert response.status_code == 200
    assert list(listing.errors) == [parameter]
    if message:
        assert listing.errors[parameter] == [message]
    assert [a.slug for a in listing.page.object_list] == ["s3-table-buckets", "s3-metadata"]
    assert 'class="notice"' in response.content.decode()


@pytest.mark.parametrize(("query", "parameter", "message"), BAD_INPUT)
def test_bad_input_to_the_json_is_a_400_naming_the_parameter(client, query, parameter, message):
    response = client.get(f"/announcements.json?{query}&topic=storage")

    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [parameter]
    if message:
        assert body["errors"][parameter] == [message]


def test_a_long_bad_value_is_shortened_in_the_message(client):
    response = client.get("/announcements.json?topic=" + "z" * 3000)

    message = response.json()["errors"]["topic"][0]
    assert len(message) < 120
    assert message.endswith("…”.")


def test_a_good_value_beside_a_bad_one_still_applies(client):
    response = client.get("/announcements/?topic=storage&topic=nope")

    assert [a.slug for a in response.context["listing"].page.object_list] == [
        "s3-table-buckets",
        "s3-metadata",
    ]
    assert response.context["listing"].data.getlist("topic") == ["storage"]


def test_unknown_parameters_are_ignored(client):
    assert len(slugs(client, "utm_source=newsletter&fbclid=x")) == len(ALL)


def test_drafts_never_reach_the_lists(client):
    Announcement.objects.filter(slug="aurora-dsql").update(published=False)
    Keynote.objects.filter(slug="partner-keynote").update(published=False)
    make_edition(2025, published=False)

    result = slugs(client)
    keynotes = [k["slug"] for k in client.get("/keynotes.json").json()["results"]]
    speakers = client.get("/speakers/").context["listing"].page.object_list

    assert "aurora-dsql" not in result
    assert not set(PARTNER_ORDER) & set(result)
    assert len(result) == len(ALL) - 1 - len(PARTNER_ORDER)
    assert "partner-keynote" not in keynotes
    assert "ruba-borno" not in {s.slug for s in speakers}
    assert client.get("/announcements.json?year=2025").status_code == 400  # names nothing public


def test_keynote_list_filters(client):
    def keynote_slugs(query):
        response = client.get(f"/keynotes.json?{query}")
        assert response.status_code == 200
        return [k["slug"] for k in response.json()["results"]]

    assert keynote_slugs("") == sample.slugs(sample.KEYNOTES)
    assert keynote_slugs("topic=storage") == ["ceo-keynote"]
    assert keynote_slugs("topic=storage&topic=education") == [
        "ceo-keynote",
        "swami-sivasubramanian-keynote",
    ]
    assert keynote_slugs("speaker=tom-brown") == ["monday-night-live"]
    assert keynote_slugs("speaker=tom-brown&topic=storage") == []
    assert keynote_slugs("q=simplexity") == ["werner-vogels-keynote"]
    assert keynote_slugs("q=canva") == ["werner-vogels-keynote"]  # a speaker's name
    assert keynote_slugs("year=2024") == keynote_slugs("")
    response = client.get("/keynotes.json?keynote=ceo-keynote&availability=preview")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "keynote": ["“keynote” does not filter keynotes; it was ignored."],
        "availability": ["“availability” does not filter keynotes; it was ignored."],
    }


def test_keynote_topic_ignores_draft_announcements(client):
    draft = Announcement.objects.get(slug="buy-with-aws")
    draft.topics.add(Topic.objects.get(slug="storage"))
    Announcement.objects.filter(pk=draft.pk).update(published=False)

    response = client.get("/keynotes/?topic=storage")
    topic = next(f for f in response.context["listing"].facets if f.name == "topic")

    assert [k.slug for k in response.context["listing"].page.object_list] == ["ceo-keynote"]
    assert {o.key: o.count for o in topic.options}["storage"] == 1


def test_keynote_list_bad_input(client):
    page = client.get("/keynotes/?topic=nope&year=2024")
    data = client.get("/keynotes.json?speaker=nobody")

    assert page.status_code == 200
    assert page.context["listing"].errors == {"topic": ["No topic has the slug “nope”."]}
    assert len(page.context["listing"].page.object_list) == len(sample.KEYNOTES)
    assert data.status_code == 400
    assert data.json()["errors"] == {"speaker": ["No speaker has the slug “nobody”."]}


def test_speaker_list_filters(client):
    def speaker_slugs(query):
        response = client.get(f"/speakers/?{query}")
        assert response.status_code == 200
        return [s.slug for s in response.context["listing"].page.object_list]

    assert len(speaker_slugs("")) == SPEAKERS
    assert speaker_slugs("q=brown") == ["david-brown", "tom-brown"]
    assert speaker_slugs("q=anthropic") == ["tom-brown"]  # an organization
    assert len(speaker_slugs("year=2024")) == SPEAKERS
    assert speaker_slugs("q=brown&year=2024") == ["david-brown", "tom-brown"]


def test_speaker_year_facet_counts_public_appearances_only(client):
    edition = make_edition(2025, keynotes=1, announcements=1)
    draft = edition.keynotes.get()
    draft.published = False
    draft.save()
    Appearance.objects.create(
        keynote=draft,
        speaker=Appearance.objects.get(speaker__slug="matt-garman").speaker,
        position=2,
        job_title="CEO",
        organization="AWS",
    )

    response = client.get("/speakers/")
    year = next(f for f in response.context["listing"].facets if f.name == "year")

    assert {o.key: o.count for o in year.options} == {"2025": 0, "2024": SPEAKERS}


def test_speaker_list_bad_year(client):
    response = client.get("/speakers/?year=abc")

    assert response.context["listing"].errors == {
        "year": ["There is no published edition for the year “abc”."]
    }
    assert len(response.context["listing"].page.object_list) == SPEAKERS


def test_every_availability_is_a_facet_option(client):
    response = client.get("/announcements/")
    availability = next(f for f in response.context["listing"].facets if f.name == "availability")

    assert [o.key for o in availability.options] == Availability.values
    assert sum(o.count for o in availability.options) == len(ALL)


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("q=&topic=storage&sort=-year", "/announcements/?topic=storage"),
        ("q=&sort=-year", "/announcements/"),
        ("q=&sort=keynote", "/announcements/?sort=keynote"),
        ("q=+&year=&topic=storage&topic=&sort=title", "/announcements/?topic=storage&sort=title"),
    ],
)
def test_submitted_form_redirects_to_the_short_address(client, query, target):
    response = client.get(f"/announcements/?{query}")

    assert response.status_code == 302
    assert response["Location"] == target


def test_short_address_is_served_directly(client):
    assert client.get("/announcements/?topic=storage&sort=title").status_code == 200
    assert client.get("/announcements/?sort=keynote").status_code == 200


def test_a_keynote_slug_shared_by_two_years_is_one_option(client):
    make_edition(2030, keynotes=1, announcements=2)
    make_edition(2031, keynotes=1, announcements=3)

    both = client.get("/announcements/?keynote=keynote-1")
    one_year = slugs(client, "keynote=keynote-1&year=2031")
    keynote = next(f for f in both.context["listing"].facets if f.name == "keynote")
    options = [o for o in keynote.options if o.key == "keynote-1"]

    assert both.context["listing"].total == 5
    assert len(one_year) == 3
    assert [(o.label, o.year, o.count, o.selected) for o in options] == [
        ("Keynote 1 of 2031", "2031, 2030", 5, True)
    ]
    html = both.content.decode()
    assert html[html.index('<aside class="filters"') :].count('value="keynote-1"') == 1


def test_topics_and_services_only_drafts_use_stay_unseen(client):
    secret_topic = Topic.objects.create(slug="secret-topic", name="Secret Topic")
    secret_service = Service.objects.create(slug="amazon-secret", name="Amazon Secret")
    draft = Announcement.objects.get(slug="aurora-dsql")
    draft.topics.add(secret_topic)
    draft.services.add(secret_service)
    Announcement.objects.filter(pk=draft.pk).update(published=False)

    page = client.get("/announcements/").content.decode()
    keynotes = client.get("/keynotes/").content.decode()

    assert "Secret Topic" not in page
    assert "Amazon Secret" not in page
    assert "Secret Topic" not in keynotes
    assert client.get("/announcements.json?topic=secret-topic").status_code == 400
    assert client.get("/announcements.json?service=amazon-secret").status_code == 400


def test_speaker_search_ignores_titles_held_in_draft_keynotes(client):
    Appearance.objects.filter(speaker__slug="matt-garman").update(job_title="Zorgmaster")
    Keynote.objects.filter(slug="ceo-keynote").update(published=False)

    response = client.get("/speakers/?q=zorgmaster")

    assert list(response.context["listing"].page.object_list) == []


@pytest.mark.parametrize(
    ("url", "parameter", "noun"),
    [
        ("/keynotes/?service=amazon-s3", "service", "keynotes"),
        ("/speakers/?topic=storage", "topic", "speakers"),
        ("/speakers/?sort=title", "sort", "speakers"),
    ],
)
def test_a_parameter_another_list_takes_is_reported(client, url, parameter, noun):
    response = client.get(url)

    assert response.context["listing"].errors == {
        parameter: [f"“{parameter}” does not filter {noun}; it was ignored."]
    }
