"""A small sample catalog for behaviour tests, defined once here.

It is modelled on re:Invent 2024, whose names the tests use (the CEO keynote, Amazon Aurora
DSQL, Tom Brown of Anthropic), but it is written out below and never read from
`fixtures/`: correcting a fact in `fixtures/reinvent-2024.json` changes no test but the
ones that check that file. It is smaller than the real year: the Wednesday keynote keeps
only the six announcements tests ask for, and each keynote only the key points they read.

One definition, two ways in:

- `build()` writes the rows through the ORM, as the admin would (the `sample_catalog`
  fixture in conftest.py calls it once per test module);
- `records()` gives the same catalog as the records of a year file, for tests that run
  the site in real processes (tests/year_files.py writes it for `load_year --file`).
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from events.enums import Availability, Role, SourceKind
from events.models import (
    Announcement,
    Appearance,
    Edition,
    Keynote,
    KeyPoint,
    Service,
    Source,
    Speaker,
    StatusChange,
    Topic,
)

YEAR = 2024
LAS_VEGAS = zoneinfo.ZoneInfo("America/Los_Angeles")
UTC_OFFSET = "-08:00"  # Las Vegas in December

EDITION = {
    "year": YEAR,
    "name": "AWS re:Invent 2024",
    "city": "Las Vegas",
    "venue": "The Venetian",
    "time_zone": "America/Los_Angeles",
    "start_date": dt.date(2024, 12, 2),
    "end_date": dt.date(2024, 12, 6),
    "summary": "A sample edition for tests: five keynotes over four days.",
    "published": True,
}


@dataclass(frozen=True)
class SampleSource:
    slug: str
    kind: str
    title: str
    author: str
    url: str
    published_on: dt.date | None = None


ARTICLE = SampleSource(
    "mabaso-reinvent-2024",
    SourceKind.ARTICLE,
    "AWS re:Invent 2024",
    "Ntombizakhona Mabaso",
    "https://ntombizakhona.medium.com/aws-re-invent-2024-3b508e2380b8",
    dt.date(2024, 12, 30),
)
SCHEDULE = SampleSource(
    "aws-keynote-agenda",
    SourceKind.SCHEDULE,
    "AWS re:Invent 2024 keynotes",
    "Amazon Web Services",
    "https://reinvent.awsevents.com/keynotes/",
)
AURORA_NEWS = SampleSource(
    "aws-news-aurora-dsql-preview",
    SourceKind.OFFICIAL,
    "Introducing Amazon Aurora DSQL",
    "Amazon Web Services",
    "https://aws.amazon.com/blogs/database/introducing-amazon-aurora-dsql/",
    dt.date(2024, 12, 3),
)
AURORA_GA = SampleSource(
    "whats-new-aurora-dsql-ga",
    SourceKind.OFFICIAL,
    "Amazon Aurora DSQL is now generally available",
    "Amazon Web Services",
    "https://aws.amazon.com/about-aws/whats-new/2025/05/amazon-aurora-dsql-generally-available/",
    dt.date(2025, 5, 27),
)
S3_METADATA_NEWS = SampleSource(
    "aws-news-s3-metadata-preview",
    SourceKind.OFFICIAL,
    "Introducing queryable object metadata for Amazon S3 buckets (preview)",
    "Amazon Web Services",
    "https://aws.amazon.com/blogs/aws/introducing-queryable-object-metadata-for-amazon-s3-buckets-preview/",
    dt.date(2024, 12, 3),
)
S3_METADATA_GA = SampleSource(
    "whats-new-s3-metadata-ga",
    SourceKind.OFFICIAL,
    "Amazon S3 Metadata is now generally available",
    "Amazon Web Services",
    "https://aws.amazon.com/about-aws/whats-new/2025/01/amazon-s3-metadata-generally-available/",
    dt.date(2025, 1, 27),
)
SOURCES = (ARTICLE, SCHEDULE, AURORA_NEWS, AURORA_GA, S3_METADATA_NEWS, S3_METADATA_GA)

TOPICS = {
    "ai-infrastructure": "AI infrastructure",
    "analytics": "Analytics",
    "compute": "Compute",
    "databases": "Databases",
    "developer-tools": "Developer tools",
    "education": "Education",
    "generative-ai": "Generative AI",
    "machine-learning": "Machine learning",
    "partners": "Partners",
    "responsible-ai": "Responsible AI",
    "search": "Search and retrieval",
    "security": "Security",
    "startups": "Startups",
    "storage": "Storage",
}
SERVICES = {
    "amazon-aurora": "Amazon Aurora",
    "amazon-bedrock": "Amazon Bedrock",
    "amazon-dynamodb": "Amazon DynamoDB",
    "amazon-ec2": "Amazon EC2",
    "amazon-kendra": "Amazon Kendra",
    "amazon-neptune": "Amazon Neptune",
    "amazon-nova": "Amazon Nova",
    "amazon-q-developer": "Amazon Q Developer",
    "amazon-redshift": "Amazon Redshift",
    "amazon-s3": "Amazon S3",
    "amazon-sagemaker": "Amazon SageMaker",
    "amazon-security-lake": "Amazon Security Lake",
    "aws-glue": "AWS Glue",
    "aws-trainium": "AWS Trainium",
}
SPEAKERS = {
    "andy-jassy": "Andy Jassy",
    "benoit-dupin": "Benoit Dupin",
    "brendan-humphreys": "Brendan Humphreys",
    "david-brown": "David Brown",
    "matt-garman": "Matt Garman",
    "peter-desantis": "Peter DeSantis",
    "ruba-borno": "Ruba Borno",
    "swami-sivasubramanian": "Swami Sivasubramanian",
    "tom-brown": "Tom Brown",
    "werner-vogels": "Werner Vogels",
}


@dataclass(frozen=True)
class SampleAnnouncement:
    slug: str
    title: str
    number: int | None
    section: str
    summary: str
    topics: tuple[str, ...]
    services: tuple[str, ...] = ()
    availability: str = Availability.UNSPECIFIED
    source: SampleSource | None = None  # where the availability is stated
    link: str = ""
    other_names: str = ""
    history: tuple[tuple[dt.date, str, SampleSource], ...] = ()  # (date, becomes, source)


@dataclass(frozen=True)
class SampleKeynote:
    slug: str
    title: str
    day: dt.date
    start: str  # local time at the venue, "HH:MM"
    end: str
    summary: str
    lineup: tuple[tuple[str, str, str, str], ...]  # (speaker, role, job title, organization)
    key_points: tuple[tuple[str, str], ...]  # (title, body)
    announcements: tuple[SampleAnnouncement, ...] = ()

    def at(self, clock):
        hours, minutes = map(int, clock.split(":"))
        return dt.datetime.combine(self.day, dt.time(hours, minutes), tzinfo=LAS_VEGAS)

    @property
    def starts(self):
        return self.at(self.start)

    @property
    def ends(self):
        return self.at(self.end)


A = SampleAnnouncement
MNL_SECTION = "Announcements from Peter DeSantis’s Keynote"

MONDAY_NIGHT_LIVE = SampleKeynote(
    "monday-night-live",
    "Monday Night Live with Peter DeSantis",
    dt.date(2024, 12, 2),
    "19:30",
    "21:00",
    "Custom chips and the infrastructure under large AI models.",
    (
        ("peter-desantis", Role.HOST, "SVP, Utility Computing", "AWS"),
        ("david-brown", Role.GUEST, "VP of Compute and Networking", "AWS"),
        ("tom-brown", Role.GUEST, "Co-Founder and Chief Compute Officer", "Anthropic"),
    ),
    (
        ("An AI-assisted keynote", "The talk opened with a point on how it was prepared."),
        ("Anthropic on Trainium 2", "A guest on training models on AWS chips."),
    ),
    (
        A(
            "bedrock-latency-optimized-inference",
            "Latency-Optimized Inference Option for Amazon Bedrock",
            1,
            MNL_SECTION,
            "Faster answers from some hosted models, in exchange for a higher price.",
            ("ai-infrastructure", "generative-ai"),
            ("amazon-bedrock",),
            Availability.PREVIEW,
            ARTICLE,
        ),
        A(
            "anthropic-claude-3-5-haiku",
            "Anthropic Claude 3.5 Haiku",
            2,
            MNL_SECTION,
            "A small, quick model served on AWS chips.",
            ("ai-infrastructure", "generative-ai"),
            ("amazon-bedrock", "aws-trainium"),
        ),
    ),
)

CEO_KEYNOTE = SampleKeynote(
    "ceo-keynote",
    "CEO Keynote with Matt Garman",
    dt.date(2024, 12, 3),
    "08:00",
    "10:30",
    "Launches across compute, storage, databases, AI and analytics.",
    (
        ("matt-garman", Role.HOST, "CEO", "AWS"),
        ("benoit-dupin", Role.GUEST, "Senior Director of AI and ML", "Apple"),
        ("andy-jassy", Role.GUEST, "President and CEO", "Amazon"),
    ),
    (
        ("A conference for builders", "Why the event exists."),
        ("Customer obsession", "Working backwards from what customers ask for."),
    ),
    (
        A(
            "p6-nvidia-blackwell-gpus",
            "P6 NVIDIA Blackwell GPUs",
            1,
            "Compute",
            "Instances with the newest NVIDIA GPUs, due next year.",
            ("ai-infrastructure", "compute"),
            ("amazon-ec2",),
            Availability.COMING_SOON,
            ARTICLE,
        ),
        A(
            "trainium-2-instances-ultraservers",
            "Trainium 2 Instances and UltraServers",
            2,
            "Compute",
            "Machines built around the second Trainium chip, alone or linked in fours.",
            ("ai-infrastructure", "compute"),
            ("amazon-ec2", "aws-trainium"),
            link="https://aws.amazon.com/ai/machine-learning/trainium/",
        ),
        A(
            "trainium-3",
            "Trainium 3",
            3,
            "Compute",
            "The next training chip, announced ahead of its release.",
            ("ai-infrastructure", "compute"),
            ("aws-trainium",),
            Availability.PREVIEW,
            ARTICLE,
        ),
        A(
            "s3-table-buckets",
            "S3 Table Buckets for Iceberg Tables",
            4,
            "Storage",
            "A bucket type made for Apache Iceberg tables, with upkeep done for you.",
            ("analytics", "storage"),
            ("amazon-s3",),
        ),
        A(
            "s3-metadata",
            "S3 Metadata",
            5,
            "Storage",
            "Object details kept in Iceberg tables that can be queried.",
            ("analytics", "storage"),
            ("amazon-s3",),
            Availability.PREVIEW,
            S3_METADATA_NEWS,
            "https://aws.amazon.com/s3/features/metadata/",
            history=((dt.date(2025, 1, 27), Availability.GENERALLY_AVAILABLE, S3_METADATA_GA),),
        ),
        A(
            "aurora-dsql",
            "Amazon Aurora DSQL",
            6,
            "Database",
            "A serverless, PostgreSQL-compatible database, active in several Regions at once.",
            ("databases",),
            ("amazon-aurora",),
            Availability.PREVIEW,
            AURORA_NEWS,
            "https://aws.amazon.com/blogs/database/introducing-amazon-aurora-dsql/",
            history=((dt.date(2025, 5, 27), Availability.GENERALLY_AVAILABLE, AURORA_GA),),
        ),
        A(
            "dynamodb-global-tables-multi-region",
            "Multi-Region Capabilities on DynamoDB Global Tables",
            7,
            "Database",
            "Strongly consistent reads and writes for tables replicated between Regions.",
            ("databases",),
            ("amazon-dynamodb",),
            Availability.PREVIEW,
            ARTICLE,
        ),
        A(
            "bedrock-distillation-reasoning-multi-agent",
            "Amazon Bedrock: Model Distillation, Automated Reasoning Check and "
            "Multi-Agent Collaboration",
            8,
            "AI and Developer Tools",
            "Smaller copies of large models, checked answers and agents working together.",
            ("generative-ai", "responsible-ai"),
            ("amazon-bedrock",),
        ),
        A(
            "amazon-nova",
            "Amazon Nova: Canvas, Reel, Speech-to-Speech and Any-to-Any",
            9,
            "AI and Developer Tools",
            "A family of foundation models for text, images, video and speech.",
            ("generative-ai",),
            ("amazon-bedrock", "amazon-nova"),
        ),
        A(
            "amazon-q-developer-automation",
            "Amazon Q: automation for unit tests, documentation, code reviews and migrations",
            10,
            "AI and Developer Tools",
            "An assistant that writes tests and documents, reviews code and ports old systems.",
            ("developer-tools", "generative-ai"),
            ("amazon-q-developer",),
        ),
        A(
            "next-generation-sagemaker",
            "The Next Generation of SageMaker",
            11,
            "Analytics",
            "One place for data, analytics and machine learning work.",
            ("analytics", "machine-learning"),
            ("amazon-sagemaker",),
        ),
        A(
            "sagemaker-studio",
            "Amazon SageMaker Unified Studio",
            12,
            "Analytics",
            "A single workspace for building with data and models.",
            ("analytics", "machine-learning"),
            ("amazon-sagemaker",),
            other_names="Amazon SageMaker Studio",
        ),
        A(
            "zero-etl-integrations",
            "Zero-ETL Integrations",
            13,
            "Analytics",
            "Application data copied into analytics without pipelines to maintain.",
            ("analytics",),
            ("aws-glue",),
        ),
        A(
            "sagemaker-lakehouse",
            "Amazon SageMaker Lakehouse",
            14,
            "Analytics",
            "Lakes and warehouses read as one.",
            ("analytics", "machine-learning"),
            ("amazon-sagemaker",),
        ),
    ),
)

SWAMI_KEYNOTE = SampleKeynote(
    "swami-sivasubramanian-keynote",
    "Dr. Swami Sivasubramanian Keynote",
    dt.date(2024, 12, 4),
    "08:30",
    "10:30",
    "Machine learning, new models and retrieval for generative AI.",
    (("swami-sivasubramanian", Role.HOST, "VP, AI and Data", "AWS"),),
    (("More models and tools in Bedrock", "Model makers joining the catalogue."),),
    (
        A(
            "poolside-in-bedrock",
            "Poolside AI",
            1,
            "Amazon Bedrock Updates",
            "Coding models from Poolside, on the way to Bedrock.",
            ("generative-ai",),
            ("amazon-bedrock",),
            Availability.COMING_SOON,
            ARTICLE,
        ),
        A(
            "luma-ai-in-bedrock",
            "Luma AI",
            2,
            "Amazon Bedrock Updates",
            "Video generation models from Luma, on the way to Bedrock.",
            ("generative-ai",),
            ("amazon-bedrock",),
            Availability.COMING_SOON,
            ARTICLE,
        ),
        A(
            "kendra-genai-index",
            "Kendra GenAI Index",
            3,
            "Knowledge Bases",
            "An enterprise search index that assistants can draw on.",
            ("generative-ai", "search"),
            ("amazon-bedrock", "amazon-kendra"),
        ),
        A(
            "knowledge-bases-structured-data-retrieval",
            "Structured Data Retrieval Support",
            4,
            "Knowledge Bases",
            "Questions in plain words answered from tables.",
            ("analytics", "generative-ai", "search"),
            ("amazon-bedrock", "amazon-redshift"),
        ),
        A(
            "knowledge-bases-graphrag",
            "GraphRAG Support",
            5,
            "Knowledge Bases",
            "Answers that follow links between facts in a graph.",
            ("generative-ai", "search"),
            ("amazon-bedrock", "amazon-neptune"),
        ),
        A(
            "education-equity-initiative",
            "AWS Education Equity Initiative",
            6,
            "AI for Business and Education",
            "Funding and credits for groups that teach with AI.",
            ("education",),
            (),
            Availability.PROGRAM,
            ARTICLE,
        ),
    ),
)

SPECIALIZATIONS = "New Specializations"
PARTNER_PROGRAM = "Partner Program Enhancements"


def _programme(slug, title, number, section, summary, topics, services=(), **more):
    return A(
        slug,
        title,
        number,
        section,
        summary,
        topics,
        services,
        Availability.PROGRAM,
        ARTICLE,
        **more,
    )


PARTNER_KEYNOTE = SampleKeynote(
    "partner-keynote",
    "AWS Partner Keynote with Dr. Ruba Borno",
    dt.date(2024, 12, 4),
    "15:00",
    "16:30",
    "News for the companies that build and sell with AWS.",
    (("ruba-borno", Role.HOST, "VP, Global Specialists and Partners", "AWS"),),
    (("Four new specializations", "Areas where partners can prove their skills."),),
    (
        # The source numbers none of the four specializations.
        _programme(
            "ai-security-specialization",
            "AI Security",
            None,
            SPECIALIZATIONS,
            "Partners who secure AI workloads.",
            ("partners", "security"),
        ),
        _programme(
            "digital-sovereignty-specialization",
            "Digital Sovereignty",
            None,
            SPECIALIZATIONS,
            "Partners who keep data under local rules.",
            ("partners", "security"),
        ),
        _programme(
            "security-lake-specialization",
            "Amazon Security Lake",
            None,
            SPECIALIZATIONS,
            "Partners who collect and study security logs.",
            ("partners", "security"),
            ("amazon-security-lake",),
        ),
        _programme(
            "security-incident-reporting-specialization",
            "AWS Security Incident Response",
            None,
            SPECIALIZATIONS,
            "Partners who help respond to incidents.",
            ("partners", "security"),
            other_names="AWS Security Incident Reporting",
        ),
        _programme(
            "saas-co-sell-incentive-startups",
            "SaaS Co-Sell Incentive for Startups",
            1,
            PARTNER_PROGRAM,
            "Rewards for selling young companies' software together.",
            ("partners", "startups"),
        ),
        _programme(
            "buy-with-aws",
            "Buy with AWS",
            2,
            PARTNER_PROGRAM,
            "A button that lets shoppers pay through their AWS account.",
            ("partners",),
        ),
        _programme(
            "partner-connections",
            "Partner Connections",
            3,
            PARTNER_PROGRAM,
            "Help for partners to find each other and work together.",
            ("partners",),
        ),
    ),
)

WERNER_KEYNOTE = SampleKeynote(
    "werner-vogels-keynote",
    "Dr. Werner Vogels Keynote",
    dt.date(2024, 12, 5),
    "08:30",
    "10:30",
    "Lessons in simplexity, with Canva's growth as an example.",
    (
        ("werner-vogels", Role.HOST, "VP and CTO", "Amazon.com"),
        ("brendan-humphreys", Role.GUEST, "CTO", "Canva"),
    ),
    (("Simplexity", "Keeping systems simple as they grow."),),
)

# In time order, as the edition's page lists them.
KEYNOTES = (MONDAY_NIGHT_LIVE, CEO_KEYNOTE, SWAMI_KEYNOTE, PARTNER_KEYNOTE, WERNER_KEYNOTE)
# In keynote order, then by position: the order of the lists sorted by keynote.
ANNOUNCEMENTS = tuple(a for keynote in KEYNOTES for a in keynote.announcements)


def slugs(items):
    return [item.slug for item in items]


def announcements_with(*, topic):
    """The sample's announcements on a topic, in keynote order."""
    return [a for a in ANNOUNCEMENTS if topic in a.topics]


def build():
    """Write the sample catalog through the ORM, as a curator would; return its edition."""
    edition = Edition.objects.create(**EDITION)
    sources = {
        s.slug: Source.objects.create(
            edition=edition,
            slug=s.slug,
            kind=s.kind,
            title=s.title,
            author=s.author,
            url=s.url,
            published_on=s.published_on,
        )
        for s in SOURCES
    }
    topics = {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TOPICS.items()
    }
    services = {
        slug: Service.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in SERVICES.items()
    }
    speakers = {
        slug: Speaker.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in SPEAKERS.items()
    }
    for k in KEYNOTES:
        keynote = Keynote.objects.create(
            edition=edition,
            slug=k.slug,
            title=k.title,
            start=k.starts,
            end=k.ends,
            venue=EDITION["venue"],
            summary=k.summary,
            schedule_source=sources[SCHEDULE.slug],
            published=True,
        )
        for position, (speaker, role, job_title, organization) in enumerate(k.lineup, start=1):
            Appearance.objects.create(
                keynote=keynote,
                speaker=speakers[speaker],
                position=position,
                role=role,
                job_title=job_title,
                organization=organization,
            )
        for position, (title, body) in enumerate(k.key_points, start=1):
            KeyPoint.objects.create(keynote=keynote, position=position, title=title, body=body)
        for position, a in enumerate(k.announcements, start=1):
            announcement = Announcement.objects.create(
                edition=edition,
                keynote=keynote,
                slug=a.slug,
                title=a.title,
                position=position,
                number=a.number,
                section=a.section,
                summary=a.summary,
                availability=a.availability,
                availability_source=sources[a.source.slug] if a.source else None,
                link=a.link,
                other_names=a.other_names,
                published=True,
            )
            announcement.topics.set([topics[t] for t in a.topics])
            announcement.services.set([services[s] for s in a.services])
            for day, becomes, source in a.history:
                StatusChange.objects.create(
                    announcement=announcement,
                    date=day,
                    availability=becomes,
                    source=sources[source.slug],
                )
    return edition


def records():
    """The sample catalog as the records of a year file, with natural keys and no ids."""
    year = [YEAR]

    def record(model, **fields):
        return {"model": f"events.{model}", "fields": fields}

    def source_key(source):
        return [YEAR, source.slug] if source else None

    edition = {k: str(v) if isinstance(v, dt.date) else v for k, v in EDITION.items()}
    result = [record("edition", **edition)]
    result += [
        record(
            "source",
            edition=year,
            slug=s.slug,
            kind=str(s.kind),
            title=s.title,
            author=s.author,
            url=s.url,
            published_on=s.published_on.isoformat() if s.published_on else None,
        )
        for s in SOURCES
    ]
    result += [record("topic", slug=slug, name=name) for slug, name in TOPICS.items()]
    result += [record("service", slug=slug, name=name) for slug, name in SERVICES.items()]
    result += [
        record("speaker", slug=slug, name=name, bio="", link="") for slug, name in SPEAKERS.items()
    ]
    for k in KEYNOTES:
        result.append(
            record(
                "keynote",
                edition=year,
                slug=k.slug,
                title=k.title,
                day=k.day.isoformat(),
                start=k.starts.isoformat(),
                end=k.ends.isoformat(),
                venue=EDITION["venue"],
                summary=k.summary,
                schedule_source=source_key(SCHEDULE),
                published=True,
            )
        )
    for k in KEYNOTES:
        for position, (speaker, role, job_title, organization) in enumerate(k.lineup, start=1):
            result.append(
                record(
                    "appearance",
                    keynote=[YEAR, k.slug],
                    speaker=[speaker],
                    position=position,
                    role=str(role),
                    job_title=job_title,
                    organization=organization,
                )
            )
    for k in KEYNOTES:
        for position, (title, body) in enumerate(k.key_points, start=1):
            result.append(
                record(
                    "keypoint", keynote=[YEAR, k.slug], position=position, title=title, body=body
                )
            )
    for k in KEYNOTES:
        for position, a in enumerate(k.announcements, start=1):
            result.append(
                record(
                    "announcement",
                    edition=year,
                    keynote=[YEAR, k.slug],
                    slug=a.slug,
                    title=a.title,
                    other_names=a.other_names,
                    position=position,
                    number=a.number,
                    section=a.section,
                    summary=a.summary,
                    topics=[[t] for t in a.topics],
                    services=[[s] for s in a.services],
                    availability=str(a.availability),
                    availability_source=source_key(a.source),
                    link=a.link,
                    published=True,
                )
            )
    for k in KEYNOTES:
        for a in k.announcements:
            result += [
                record(
                    "statuschange",
                    announcement=[YEAR, a.slug],
                    date=day.isoformat(),
                    availability=str(becomes),
                    source=source_key(source),
                )
                for day, becomes, source in a.history
            ]
    return result
