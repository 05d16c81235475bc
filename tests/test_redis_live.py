"""Several machines sharing one Redis: two gunicorns, one database, one real Redis server.

Each gunicorn stands for an app machine: its own processes, its own memory, the page cache
shared through REDIS_URL, and the database of the run (a fresh SQLite file or PostgreSQL
database, tests/live.py). Edits are made as a curator makes them, through the admin of
one machine, and read through the other. Redis is then stopped and started again under
them. The same failures without real processes are in test_cache_errors.py.
"""

import contextlib
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from .live import RedisServer, fresh_database, gunicorn, load_sample, manage

pytestmark = pytest.mark.live

PASSWORD = "a-long-passphrase-for-two-machines"
HOST = "keynotes.example"
ANNOUNCEMENT = "aurora-dsql"
# Pages that show the announcement's title.
PAGES = [
    f"/2024/announcements/{ANNOUNCEMENT}/",
    "/2024/keynotes/ceo-keynote/",
    "/announcements/?year=2024",
    "/announcements.json?year=2024",
]


def fetch(url):
    """(status, body) of an anonymous GET, with no cookies, for the site's public name.

    The load balancer in front passes every machine the same Host; pages are cached for
    the host they were made for, so that is what lets one machine serve another's.
    """
    request = urllib.request.Request(url, headers={"Host": HOST})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


class FormFields(HTMLParser):
    """What a browser submits from the form with the given id, in document order."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self.select = None
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        elif not self.inside:
            return
        elif tag == "input":
            kind, name = attrs.get("type", "text"), attrs.get("name")
            if not name or kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind not in ("checkbox", "radio"):
                self.fields.append((name, attrs.get("value") or ""))
            elif "checked" in attrs:
                self.fields.append((name, attrs.get("value") or "on"))
        elif tag == "select":
            self.select = {"name": attrs.get("name"), "multiple": "multiple" in attrs}
            self.select["options"] = []
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "selected": "selected" in attrs}
            self.option["text"] = ""
            self.select["options"].append(self.option)
        elif tag == "textarea":
            self.textarea = [attrs.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and not self.select["multiple"] and options:
                chosen = options[:1]
            for option in chosen:
                value = option["text"] if option["value"] is None else option["value"]
                self.fields.append((self.select["name"], value))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the newline that opens a textarea, as Django writes it.
            self.fields.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self.textarea = None


class Curator:
    """A curator signed in at one machine's admin, with cookies of their own."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def form(self, path, form_id):
        with self.opener.open(self.base + path, timeout=30) as response:
            html = response.read().decode()
        parser = FormFields(form_id)
        parser.feed(html)
        return parser.fields

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.base + path, data=data, timeout=30) as response:
            return response.url, response.read().decode()

    def sign_in(self):
        fields = self.form("/admin/login/", "login-form")
        fields = [(n, v) for n, v in fields if n not in ("username", "password")]
        fields += [("username", "casey"), ("password", PASSWORD)]
        url, _ = self.post("/admin/login/?next=/admin/", fields)
        assert url == self.base + "/admin/", "the curator could not sign in"
        return self

    def rename(self, pk, title):
        """Change the announcement's title in its admin form, as a curator does."""
        path = f"/admin/events/announcement/{pk}/change/"
        fields = self.form(path, "announcement_form")
        assert ("title", title) not in fields
        fields = [(n, title if n == "title" else v) for n, v in fields] + [("_save", "Save")]
        url, html = self.post(path, fields)
        assert url == self.base + "/admin/events/announcement/", html
        assert "was changed successfully" in html


@dataclass
class Machines:
    a: str
    b: str
    curator_a: Curator
    curator_b: Curator
    redis: RedisServer
    logs: list
    pk: str
    title: str = "Amazon Aurora DSQL"

    def rename(self, curator):
        self.title = f"Aurora DSQL, renamed {uuid.uuid4().hex[:8]}"
        curator.rename(self.pk, self.title)
        return self.title


@pytest.fixture(scope="module")
def machines(tmp_path_factory):
    directory = tmp_path_factory.mktemp("machines")
    with contextlib.ExitStack() as stack:
        redis_server = stack.enter_context(RedisServer(directory / "redis"))
        database_url = stack.enter_context(fresh_database(directory))
        manage(database_url, "migrate", "--noinput", "-v0")
        load_sample(database_url, directory)
        curator = {"CURATOR_PASSWORD": PASSWORD}
        manage(database_url, "create_curator", "casey", "-v0", env=curator)
        find = (
            "from events.models import Announcement;"
            f"print(Announcement.objects.get(slug={ANNOUNCEMENT!r}).pk)"
        )
        pk = manage(database_url, "shell", "-v0", "-c", find).stdout.split()[-1]
        env = {
            "REDIS_URL": redis_server.url,
            "DJANGO_PAGE_CACHE": "on",
            # The public name, and the machine's own address (health checks, the admin).
            "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        }
        logs = [directory / "a.log", directory / "b.log"]
        a = stack.enter_context(gunicorn(database_url, workers=2, env=env, log=logs[0]))
        b = stack.enter_context(gunicorn(database_url, workers=2, env=env, log=logs[1]))
        yield Machines(
            a=a,
            b=b,
            curator_a=Curator(a).sign_in(),
            curator_b=Curator(b).sign_in(),
            redis=redis_server,
            logs=logs,
            pk=pk,
        )


def redis_counts(client):
    """(keys held, SETs served, reads that found their key) of the Redis server."""
    sets = client.info("commandstats").get("cmdstat_set", {}).get("calls", 0)
    return len(client.keys("*")), sets, client.info("stats")["keyspace_hits"]


def read_everywhere(machines, pages=PAGES, times=4):
    """Every page from both machines, several times (each machine has two workers)."""
    results = []
    for base in (machines.a, machines.b):
        for page in pages:
            for _ in range(times):
                results.append((base, page, *fetch(base + page)))
    return results


def stale(results, title):
    """The reads that failed or did not show title."""
    return [(base, page, status) for base, page, status, body in results if title not in body]


def test_a_page_rendered_on_one_machine_is_served_from_redis_on_the_other(machines):
    client = machines.redis.client()
    page = f"/announcements/?year=2024&q=dsql&unique={uuid.uuid4().hex}"  # never seen before
    before = redis_counts(client)

    status_a, body_a = fetch(machines.a + page)
    after_a = redis_counts(client)
    status_b, body_b = fetch(machines.b + page)
    after_b = redis_counts(client)

    assert status_a == status_b == 200
    assert machines.title in body_a
    # A rendered it and stored it in Redis (the page and the list of headers it varies on).
    assert after_a[0] >= before[0] + 2
    assert after_a[1] >= before[1] + 2
    # B found both keys in Redis and wrote nothing back: it served A's page.
    assert after_b[0] == after_a[0]
    assert after_b[1] == after_a[1]
    assert after_b[2] >= after_a[2] + 2
    assert body_b == body_a


def test_an_edit_through_either_machine_is_never_served_stale_by_the_other(machines):
    # Both machines hold every page, in their workers' memory and in Redis.
    assert stale(read_everywhere(machines), machines.title) == []
    held = redis_counts(machines.redis.client())[0]

    through_a = machines.rename(machines.curator_a)
    read_after_a = read_everywhere(machines)
    through_b = machines.rename(machines.curator_b)
    read_after_b = read_everywhere(machines)

    assert stale(read_after_a, through_a) == []
    assert stale(read_after_b, through_b) == []
    assert not any(through_a in body for *_, body in read_after_b)
    # The pages of each new version went to Redis too.
    assert redis_counts(machines.redis.client())[0] > held


def test_without_redis_pages_render_current_and_with_it_back_it_is_shared_again(machines):
    assert stale(read_everywhere(machines, times=2), machines.title) == []

    machines.redis.stop()
    try:
        started = time.monotonic()
        while_down = read_everywhere(machines)
        slowest = time.monotonic() - started
        renamed = machines.rename(machines.curator_a)
        after_edit = read_everywhere(machines)
    finally:
        machines.redis.start()  # empty, on the same port

    # Every answer was whole and current, and quick: a dead Redis costs each worker one
    # refused connection every few seconds, not one per request.
    assert {status for _, _, status, _ in while_down + after_edit} == {200}
    assert stale(while_down, "Aurora DSQL") == []
    assert stale(after_edit, renamed) == []
    assert slowest < 10
    for log in machines.logs:
        text = Path(log).read_text()
        assert "The shared page cache failed" in text
        assert "Traceback" not in text
        assert '" 500 ' not in text

    # Back again: after their rest, the machines share pages through Redis once more.
    client = machines.redis.client()
    deadline = time.monotonic() + 20
    page = None
    while redis_counts(client)[0] == 0:
        assert time.monotonic() < deadline, "the machines never used Redis again"
        page = f"/announcements/?year=2024&unique={uuid.uuid4().hex}"
        assert fetch(machines.a + page)[0] == 200
        time.sleep(0.25)
    stored = redis_counts(client)
    status, body = fetch(machines.b + page)
    assert status == 200
    assert renamed in body
    assert redis_counts(client)[1] == stored[1]  # B served A's page from Redis
