"""Generated year files of any size, for benchmarks and scale tests.

A generated year reuses the 2024 file's topics, services and speakers, so it also
exercises rows shared between years.
"""

import datetime as dt
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_2024 = ROOT / "fixtures" / "reinvent-2024.json"


def generated_year(year, *, keynotes=10, announcements=2000):
    base = json.loads(FIXTURE_2024.read_text(encoding="utf-8"))
    shared = {
        kind: [r for r in base if r["model"] == f"events.{kind}"]
        for kind in ("topic", "service", "speaker")
    }
    topics = [r["fields"]["slug"] for r in shared["topic"]]
    services = [r["fields"]["slug"] for r in shared["service"]]
    speakers = [r["fields"]["slug"] for r in shared["speaker"]]
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
        *shared["topic"],
        *shared["service"],
        *shared["speaker"],
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
                    "start": start.isoformat() + "-08:00",
                    "end": (start + dt.timedelta(hours=2)).isoformat() + "-08:00",
                    "venue": "The Venetian",
                    "summary": f"Keynote {k}, generated for measuring.",
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
                    "body": "Made for measuring.",
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
                        "summary": f"Announcement {n} of keynote {k} in {year}, about storage "
                        "and databases and generative AI.",
                        "published": True,
                        "topics": [[topics[(n + i) % len(topics)]] for i in range(2)],
                        "services": [[services[(n * 3) % len(services)]]],
                    },
                }
            )
    return records


def write_year(path, year, **sizes):
    path = Path(path)
    path.write_text(
        json.dumps(generated_year(year, **sizes), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return path
