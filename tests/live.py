"""Real processes for tests: a fresh database of the configured kind, manage.py, gunicorn.

The database is a temporary SQLite file, or a new PostgreSQL database on the configured
server when the tests run on PostgreSQL, so subprocesses see exactly what the test sees.
"""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


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
    return {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "off", **extra}


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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(database_url, workers=2, env=None):
    """Serve the site with gunicorn.conf.py on a free loopback port; yield its base URL.

    Its page cache lives in a new folder, unless env names one.
    """
    port = free_port()
    env = {"DJANGO_CACHE_DIR": tempfile.mkdtemp(prefix="reinvent-cache-"), **(env or {})}
    server = subprocess.Popen(
        [GUNICORN, "--config", "gunicorn.conf.py", "reinvent.wsgi"],
        cwd=BASE,
        env=environment(
            database_url,
            BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY=str(workers),
            **env,
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
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
