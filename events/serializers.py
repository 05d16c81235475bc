"""The JSON shape of SPEC's data endpoints, one function per kind of record."""


def source_json(source):
    return {
        "title": source.title,
        "url": source.url,
        "date": source.published_on.isoformat() if source.published_on else None,
    }


def announcement_json(announcement):
    keynote = announcement.keynote
    return {
        "slug": announcement.slug,
        "title": announcement.title,
        "year": announcement.edition.year,
        "number": announcement.number,
        "section": announcement.section,
        "keynote": {
            "slug": keynote.slug,
            "title": keynote.title,
            "url": keynote.get_absolute_url(),
        },
        "speakers": [appearance.speaker.slug for appearance in keynote.lineup],
        "topics": [topic.slug for topic in announcement.topic_list],
        "services": [service.slug for service in announcement.service_list],
        "availability": announcement.availability,
        "availability_source": (
            source_json(announcement.availability_source)
            if announcement.availability_source
            else None
        ),
        "availability_note": announcement.availability_note,
        "status": announcement.status,
        "history": [
            {
                "date": change.date.isoformat(),
                "availability": change.availability,
                "source_url": change.source.url,
            }
            for change in announcement.history_list
        ],
        "other_names": announcement.other_names,
        "follows": [other.get_absolute_url() for other in announcement.follows_list],
        "follow_ups": [other.get_absolute_url() for other in announcement.follow_ups_list],
        "summary": announcement.summary,
        "official_url": announcement.link or None,
        "link": announcement.link or None,
        "url": announcement.get_absolute_url(),
    }


def keynote_json(keynote):
    zone = keynote.edition.time_zone_info
    return {
        "slug": keynote.slug,
        "title": keynote.title,
        "year": keynote.edition.year,
        "date": keynote.day.isoformat(),
        "start": keynote.start.astimezone(zone).isoformat() if keynote.start else None,
        "end": keynote.end.astimezone(zone).isoformat() if keynote.end else None,
        "venue": keynote.venue,
        "summary": keynote.summary,
        "speakers": [
            {
                "slug": appearance.speaker.slug,
                "name": appearance.speaker.name,
                "role": appearance.role,
                "job_title": appearance.job_title,
                "organization": appearance.organization,
            }
            for appearance in keynote.lineup
        ],
        "announcement_count": keynote.announcement_count,
        "url": keynote.get_absolute_url(),
    }
