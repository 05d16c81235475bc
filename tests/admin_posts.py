"""What the admin's change forms post for a keynote or an announcement, as the form shows
it, with some fields changed; blank fields are left out, as a browser leaves them empty."""


def keynote_form(keynote, **changes):
    data = {
        "edition": keynote.edition_id,
        "title": keynote.title,
        "slug": keynote.slug,
        "published": "on" if keynote.published else "",
        "summary": keynote.summary,
        "venue": keynote.venue,
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
        "key_points-TOTAL_FORMS": "0",
        "key_points-INITIAL_FORMS": "0",
        "announcements-TOTAL_FORMS": "0",
        "announcements-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def announcement_form(announcement, **changes):
    data = {
        "keynote": announcement.keynote_id,
        "title": announcement.title,
        "slug": announcement.slug,
        "published": "on" if announcement.published else "",
        "summary": announcement.summary,
        "section": announcement.section,
        "number": announcement.number or "",
        "position": announcement.position,
        "topics": [t.pk for t in announcement.topics.all()],
        "services": [s.pk for s in announcement.services.all()],
        "availability": announcement.availability,
        "availability_source": announcement.availability_source_id or "",
        "link": announcement.link,
        "other_names": announcement.other_names,
    }
    changes_history = list(announcement.history.all()) if announcement.pk else []
    data["history-TOTAL_FORMS"] = str(len(changes_history))
    data["history-INITIAL_FORMS"] = str(len(changes_history))
    for i, change in enumerate(changes_history):
        data[f"history-{i}-id"] = change.pk
        data[f"history-{i}-announcement"] = announcement.pk
        data[f"history-{i}-date"] = change.date.isoformat()
        data[f"history-{i}-availability"] = change.availability
        data[f"history-{i}-source"] = change.source_id
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}
