"""Generated years of any size, as the records of a year file.

Plain data and JSON, with no Django import, so that the benchmarks (bench/years.py) build
their years with the same code as the tests (tests/year_files.py), each around shared rows
of its own.
"""

import datetime as dt
import json
from pathlib import Path

SHARED_MODELS = {"events.topic", "events.service", "events.speaker"}


def write_year_file(path, records):
    """Write records as a year file; return its path."""
    path = Path(path)
    path.write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def generated_year(year, shared, *, keynotes=10, announcements=2000, revision=0):
    """A year of many generated keynotes and announcements, as year-file records.

    `shared` holds the topic, service and speaker records it repeats and uses. Every
    revision words the summaries of its keynotes and announcements differently, so
    loading one revision over another changes every one of those rows.
    """
    topics = [r["fields"]["slug"] for r in shared if r["model"] == "events.topic"]
    services = [r["fields"]["slug"] for r in shared if r["model"] == "events.service"]
    speakers = [r["fields"]["slug"] for r in shared if r["model"] == "events.speaker"]
    wording = f"revision {revision}"
    records = [
        {
            "model": "events.edition",
            "fields": {
                "year": year,
                "name": f"AWS re:Invent {year}",
                "city": "Las Vegas",
                "venue": "The Venetian",
                "time_zone": "America/Los_Angeles",
                "start_date": f"{year}-12-01",
                "end_date": f"{year}-12-05",
                "summary": "A generated edition.",
                "published": True,
            },
        },
        *shared,
    ]
    per_keynote = -(-announcements // keynotes)
    made = 0
    for k in range(1, keynotes + 1):
        slug = f"keynote-{k:02d}"
        start = dt.datetime(year, 12, 1 + k % 5, 8 + k % 9, 0)
        records.append(
            {
                "model": "events.keynote",
                "fields": {
                    "edition": [year],
                    "slug": slug,
                    "title": f"Generated keynote {k} of {year}",
                    "day": start.date().isoformat(),
                    "start": start.isoformat() + "-08:00",
                    "end": (start + dt.timedelta(hours=2)).isoformat() + "-08:00",
                    "venue": "The Venetian",
                    "summary": f"Keynote {k}, generated in {wording}.",
                    "schedule_source": None,
                    "published": True,
                },
            }
        )
        for position, speaker in enumerate(speakers[k % 7 : k % 7 + 3], start=1):
            records.append(
                {
                    "model": "events.appearance",
                    "fields": {
                        "keynote": [year, slug],
                        "speaker": [speaker],
                        "position": position,
                        "role": "host" if position == 1 else "guest",
                        "job_title": "Speaker",
                        "organization": "Example",
                    },
                }
            )
        records.append(
            {
                "model": "events.keypoint",
                "fields": {
                    "keynote": [year, slug],
                    "position": 1,
                    "title": "A point",
                    "body": "Made for tests.",
                },
            }
        )
        for n in range(1, per_keynote + 1):
            if made == announcements:
                break
            made += 1
            records.append(
                {
                    "model": "events.announcement",
                    "fields": {
                        "edition": [year],
                        "keynote": [year, slug],
                        "slug": f"{slug}-item-{n:04d}",
                        "title": f"Generated announcement {n} of keynote {k}",
                        "position": n,
                        "number": n,
                        "section": f"Section {1 + n % 6}",
                        "summary": f"Announcement {n} of keynote {k} in {year}, {wording}.",
                        "published": True,
                        "topics": [[topics[(n + i) % len(topics)]] for i in range(2)],
                        "services": [[services[(n * 3) % len(services)]]],
                        "availability": "unspecified",
                        "availability_source": None,
                        "link": "",
                    },
                }
            )
    return records
