"""Template filters for how the catalog writes dates."""

from django import template
from django.utils.dateformat import format as format_date

register = template.Library()


@register.simple_tag
def date_range(start, end):
    """“2–6 December 2024”, “27 November – 1 December 2023”, or both dates in full."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{format_date(start, 'j')}–{format_date(end, 'j F Y')}"
    if start.year == end.year:
        return f"{format_date(start, 'j F')} – {format_date(end, 'j F Y')}"
    return f"{format_date(start, 'j F Y')} – {format_date(end, 'j F Y')}"
