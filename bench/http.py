"""HTTP throughput of the site under gunicorn, each page against the static-file ceiling.

A hashed CSS file served by WhiteNoise from the same gunicorn is the fastest thing the
stack can answer, so every page is reported as a ratio to it, measured in the same run.
"Warm" serves pages from the version-keyed page cache (cold pages are bench/cold.py's).
The server runs production settings (debug off, DJANGO_HTTPS on, requests sent as the
proxy would forward them).
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}

PAGES = [
    ("home", "/"),
    ("edition", "/2024/"),
    ("keynote page", "/2024/keynotes/ceo-keynote/"),
    ("announcements", "/announcements/"),
    (
        "announcements, 3 filters + q",
        "/announcements/?year=2024&topic=storage&topic=databases"
        "&availability=preview&service=amazon-s3&q=metadata",
    ),
    ("announcements.json", "/announcements.json"),
    ("announcements.atom", "/announcements.atom"),
]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@contextmanager
def server(env, port):
    process = subprocess.Popen(
        [GUNICORN, "--config", "gunicorn.conf.py", "reinvent.wsgi"],
        cwd=ROOT,
        env={**env, "BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


# As the TLS-terminating proxy would say: the server runs with DJANGO_HTTPS=on.
PROXY_HEADER = ("X-Forwarded-Proto", "https")


def get(url):
    request = urllib.request.Request(url, headers=dict([PROXY_HEADER]))
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def wrk(url, seconds, connections):
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"{PROXY_HEADER[0]}: {PROXY_HEADER[1]}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {}
    for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M):
        latency[percent] = float(value) * UNITS[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{output}")
    return rps, latency["50"], latency["99"]


def stylesheet_url(base):
    return re.search(r'rel="stylesheet" href="([^"]+)"', get(base + "/")).group(1)


def against_static(env, port, pages, seconds, connections):
    """Each page under wrk, after the static file from the same server: {name: (requests/s,
    p50, p99, ratio to the static file)}, the static file under "static"."""
    results = {}
    with server(env, port) as base:
        ceiling = wrk(base + stylesheet_url(base), seconds, connections)
        results["static"] = (*ceiling, 1.0)
        for name, path in pages:
            get(base + path)  # fills the page cache, when it is on
            rps, p50, p99 = wrk(base + path, seconds, connections)
            results[name] = (rps, p50, p99, rps / ceiling[0])
    return results


def run(env, seconds=5, connections=8):
    """Warm pages: each served from the page cache, against the static file."""
    results = against_static({**env, "DJANGO_PAGE_CACHE": "on"}, 8731, PAGES, seconds, connections)
    rows = [("warm", "static CSS (ceiling)", results["static"][:3], 1.0)]
    for name, _ in PAGES:
        *result, ratio = results[name]
        rows.append(("warm", name, tuple(result), ratio))
    return rows


def prepare(workdir, years):
    """A fresh database with 2023, 2024 and generated years, collected static files."""
    from bench.years import write_year

    env = {
        **os.environ,
        "DJANGO_DEBUG": "off",
        "DJANGO_HTTPS": "on",
        "DJANGO_CACHE_DIR": str(workdir / "cache"),
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)),
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    manage(env, "migrate", "--noinput", "-v0")
    # 2024 follows announcements of 2023: the committed years load oldest first.
    for year in ("2023", "2024"):
        manage(env, "load_year", year, "--force", "-v0")
    for year in years:
        path = write_year(workdir / f"reinvent-{year}.json", year, announcements=2000)
        manage(env, "load_year", str(year), "--file", str(path), "--force", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    shutil.rmtree(workdir / "cache", ignore_errors=True)
    return env
