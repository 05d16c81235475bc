"""Settings come from the environment as the README's table says.

Each case runs a fresh Python process, since settings are read once at start-up.
"""

import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings

from reinvent.settings import read_or_create_secret_key

from .fresh_process import SETTINGS_VARIABLES, read_settings, run_django


@pytest.fixture
def scratch(tmp_path):
    """Settings that keep a process's database and page cache out of the working tree."""
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
    }


def test_defaults_are_safe():
    values = read_settings(
        "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SECURE_SSL_REDIRECT", "DATABASES"
    )

    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    assert values["CSRF_TRUSTED_ORIGINS"] == []
    assert values["SECURE_SSL_REDIRECT"] is False
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(settings.BASE_DIR / "var" / "db.sqlite3")


def test_environment_overrides_each_setting():
    values = read_settings(
        "DEBUG",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "SECRET_KEY",
        "DATABASES",
        DJANGO_DEBUG="on",
        DJANGO_ALLOWED_HOSTS="keynotes.example, www.keynotes.example",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://keynotes.example",
        DJANGO_SECRET_KEY="k" * 60,
        DATABASE_URL="postgres://reader:pw@db.internal:5433/catalog",
    )

    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == ["keynotes.example", "www.keynotes.example"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://keynotes.example"]
    assert values["SECRET_KEY"] == "k" * 60
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5433,
        "catalog",
    )


def test_unreadable_boolean_is_refused_with_a_clear_message():
    result = run_django("", DJANGO_DEBUG="maybe")

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of on/off" in result.stderr


def test_secret_key_is_generated_once_and_kept_private(tmp_path):
    path = tmp_path / "var" / "secret_key"

    first = read_or_create_secret_key(path)
    second = read_or_create_secret_key(path)

    assert first == second
    assert len(first) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_secret_key_without_the_variable_comes_from_var():
    values = read_settings("SECRET_KEY")

    assert values["SECRET_KEY"] == (settings.BASE_DIR / "var" / "secret_key").read_text().strip()


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    database = tmp_path / "wal.sqlite3"
    code = (
        "from django.db import connection, transaction;"
        "c = connection.cursor();"
        "mode = c.execute('PRAGMA journal_mode').fetchone()[0];"
        "timeout = c.execute('PRAGMA busy_timeout').fetchone()[0];"
        "print(mode, timeout, connection.transaction_mode)"
    )

    result = run_django(code, DATABASE_URL=f"sqlite:///{database}")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"]


@pytest.mark.parametrize(("https", "passes"), [("on", True), ("off", False)])
def test_https_mode_passes_the_deployment_check(scratch, https, passes):
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(DJANGO_HTTPS=https, **scratch)  # the key generated into var/ is strong enough

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert (result.returncode == 0) is passes, result.stderr


def test_https_mode_sets_hsts_secure_cookies_and_trusts_the_proxy():
    values = read_settings(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        DJANGO_HTTPS="on",
    )

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_secret_key_created_by_racing_processes_is_one_key(tmp_path):
    path = tmp_path / "var" / "secret_key"
    code = (
        "import sys; from pathlib import Path;"
        "from reinvent.settings import read_or_create_secret_key;"
        "print(read_or_create_secret_key(Path(sys.argv[1])))"
    )
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env["DJANGO_SECRET_KEY"] = "only-for-importing-settings"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(path)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]

    keys = {process.communicate(timeout=60)[0].strip() for process in processes}

    assert keys == {path.read_text().strip()}
    assert sorted(p.name for p in path.parent.iterdir()) == ["secret_key"]


def test_https_mode_redirects_pages_but_not_the_health_check(scratch):
    code = (
        "from django.test import Client; c = Client();"
        "page = c.get('/', HTTP_HOST='localhost');"
        "health = c.get('/healthz', HTTP_HOST='localhost');"
        "proxied = c.get('/healthz', HTTP_HOST='localhost', HTTP_X_FORWARDED_PROTO='https');"
        "print(page.status_code, page.get('Location'), health.status_code,"
        " proxied.has_header('Strict-Transport-Security'))"
    )

    result = run_django(code, DJANGO_HTTPS="on", **scratch)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["301", "https://localhost/", "200", "True"]


def test_redis_url_selects_the_shared_cache_and_files_are_the_default(tmp_path):
    shared = read_settings("CACHES", REDIS_URL="redis://cache.internal:6379/0")
    local = read_settings("CACHES", DJANGO_CACHE_DIR=str(tmp_path / "pages"))

    assert shared["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert local["CACHES"]["default"]["BACKEND"] == (
        "django.core.cache.backends.filebased.FileBasedCache"
    )
    assert local["CACHES"]["default"]["LOCATION"] == str(tmp_path / "pages")


@pytest.mark.parametrize(("preload", "header"), [(None, False), ("off", False), ("on", True)])
def test_hsts_preload_is_opt_in(scratch, preload, header):
    env = {"DJANGO_HTTPS": "on"} | ({"DJANGO_HSTS_PRELOAD": preload} if preload else {})
    code = (
        "from django.core.management import call_command;"
        "from django.test import Client;"
        "call_command('check', deploy=True, fail_level='WARNING');"
        "r = Client().get('/healthz', HTTP_HOST='localhost', HTTP_X_FORWARDED_PROTO='https');"
        "print(r['Strict-Transport-Security'])"
    )

    result = run_django(code, **env, **scratch)

    assert result.returncode == 0, result.stderr
    hsts = result.stdout.strip().splitlines()[-1]
    assert hsts.startswith("max-age=31536000; includeSubDomains")
    assert hsts.endswith("; preload") is header


def test_each_process_keeps_recent_pages_in_memory():
    values = read_settings("CACHES")

    assert values["CACHES"]["local"]["BACKEND"] == ("django.core.cache.backends.locmem.LocMemCache")


def test_static_root_comes_from_the_environment(tmp_path):
    default = read_settings("STATIC_ROOT")
    moved = read_settings("STATIC_ROOT", DJANGO_STATIC_ROOT=str(tmp_path / "static"))

    assert default["STATIC_ROOT"] == str(settings.BASE_DIR / "staticfiles")
    assert moved["STATIC_ROOT"] == str(tmp_path / "static")
