"""Django in a fresh Python process: settings are read once, at start-up, so a test of
what the environment sets runs a new process with only the variables it names."""

import json
import os
import subprocess
import sys

from django.conf import settings

SETTINGS_VARIABLES = (
    "DATABASE_URL",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DJANGO_HTTPS",
    "DJANGO_HSTS_PRELOAD",
    "DJANGO_CACHE_DIR",
    "DJANGO_STATIC_ROOT",
)


def run_django(code, **env_vars):
    """Run code after django.setup() in a new process with only the given settings set."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(env_vars, DJANGO_SETTINGS_MODULE="reinvent.settings")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(*names, **env_vars):
    code = (
        "import json; from django.conf import settings as s;"
        f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}, default=str))"
    )
    result = run_django(code, **env_vars)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
