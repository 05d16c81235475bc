"""gunicorn's settings for `make run`, `make bench` and production (see docs/deploy.md).

Every value can be changed through the environment named beside it.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers: each request is short and the page cache absorbs repeated work.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = 50000
max_requests_jitter = 5000
# Long filtered URLs (a 5,000-character search) must reach Django, which explains itself.
limit_request_line = 8190
# Access log to stdout: time taken in milliseconds at the end of each line.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# The proxy in front (see DJANGO_HTTPS) may tell us the original scheme and client.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
