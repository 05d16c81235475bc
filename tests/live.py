"""Real processes for tests: a fresh database of the configured kind, manage.py, gunicorn.

The database is a temporary SQLite file, or a new PostgreSQL database on the configured
server when the tests run on PostgreSQL, so subprocesses see exactly what the test sees.
The processes write nothing into the working tree: they get a secret key of the session's
own, the static files the session collected into a temporary folder (conftest.py), and a
temporary page cache; data comes from year files the tests write (tests/year_files.py).
A Redis server, for the page cache shared between machines, is one of the test's own
(`RedisServer`), keeping nothing on disk.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.management.utils import get_random_secret_key

from .catalog import YEAR as SAMPLE_YEAR
from .year_files import write_sample_year

BASE = Path(settings.BASE_DIR)
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SECRET_KEY = get_random_secret_key()


@contextlib.contextmanager
def fresh_database(tmp_path):
    config = settings.DATABASES["default"]
    if config["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'live.sqlite3'}"
        return
    import psycopg

    name = f"reinvent_live_{uuid.uuid4().hex[:12]}"
    server = {
        "host": config["HOST"] or "localhost",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            f"postgres://{server['user']}:{server['password']}@{server['host']}:"
            f"{server['port']}/{name}"
        )
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url, **extra):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "off",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_STATIC_ROOT": str(settings.STATIC_ROOT),
        **extra,
    }


def manage(database_url, *args, check=True, timeout=300, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE,
        env=environment(database_url, **(env or {})),
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


def load_sample(database_url, directory):
    """Load the sample catalog (tests/catalog.py) from a year file written into directory.

    The database must be migrated. Returns the file's path, to load it again.
    """
    path = write_sample_year(Path(directory) / f"sample-{SAMPLE_YEAR}.json")
    manage(database_url, "load_year", str(SAMPLE_YEAR), "--file", str(path), "-v0")
    return path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(database_url, workers=2, env=None, log=None):
    """Serve the site with gunicorn.conf.py on a free loopback port; yield its base URL.

    Its page cache lives in a new temporary folder, unless env names one. Its output
    (access log, errors and warnings) goes to the file log when given, else nowhere.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with contextlib.ExitStack() as stack:
        cache_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="reinvent-cache-"))
        output = stack.enter_context(open(log, "ab")) if log else subprocess.DEVNULL
        server = subprocess.Popen(
            [GUNICORN, "--config", "gunicorn.conf.py", "reinvent.wsgi"],
            cwd=BASE,
            env=environment(
                database_url,
                BIND=f"127.0.0.1:{port}",
                WEB_CONCURRENCY=str(workers),
                **{"DJANGO_CACHE_DIR": cache_dir, **(env or {})},
            ),
            stdout=output,
            stderr=output,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class RedisServer:
    """Debian's redis-server on a free loopback port, in a folder of the test's own.

    It saves nothing (no snapshots, no append-only file). stop() ends it, start() brings it
    back on the same port, empty; leaving the `with` block stops it. A machine without
    redis-server fails the test, as CI must never skip it.
    """

    def __init__(self, directory):
        if not os.access(REDIS_SERVER, os.X_OK):
            pytest.fail(
                f"redis-server is not installed ({REDIS_SERVER}): the shared page cache is "
                "tested against a real one. Install Debian's: apt-get install redis-server",
                pytrace=False,
            )
        self.directory = Path(directory)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        # Its own log, to explain a server that would not start.
        log = self.directory / "redis.log"
        options = {
            "port": self.port,
            "bind": "127.0.0.1",
            "dir": self.directory,
            "save": "",
            "appendonly": "no",
            "daemonize": "no",
            "logfile": log,
        }
        arguments = [part for name, value in options.items() for part in (f"--{name}", value)]
        self.process = subprocess.Popen(
            [REDIS_SERVER, *map(str, arguments)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = self.client()
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    text = log.read_text() if log.exists() else ""
                    raise RuntimeError(f"redis-server did not start:\n{text}") from None
                time.sleep(0.05)

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def client(self):
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
