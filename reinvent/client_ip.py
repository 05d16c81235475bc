"""The address a request came from, for login throttling.

Behind the proxy that DJANGO_HTTPS describes, the client is the last address the proxy
appended to X-Forwarded-For; anything before it was sent by the client and can be forged.
"""

from django.conf import settings


def client_ip(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.HTTPS and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
