"""Template tags for how the catalog writes dates and facets."""

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def date_range(start, end):
    """“2–6 December 2024”, “27 November – 1 December 2023”, or both dates in full."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{format_date(start, 'j')}–{format_date(end, 'j F Y')}"
    if start.year == end.year:
        return f"{format_date(start, 'j F')} – {format_date(end, 'j F Y')}"
    return f"{format_date(start, 'j F Y')} – {format_date(end, 'j F Y')}"


@register.simple_tag
def facet_options(facet, noun):
    """A facet's options as checkboxes, each with its count: the longest loop of a list
    page, written here rather than in the template so that a cold page renders fast."""
    name = escape(facet.name)
    hidden_noun = escape(noun)
    items = []
    for number, option in enumerate(facet.options, start=1):
        field = f"filter-{name}-{number}"
        year = f' <span class="option-year">{escape(option.year)}</span>' if option.year else ""
        empty = "" if option.count else ' class="empty"'
        items.append(
            f"<li{empty}>"
            f'<input type="checkbox" id="{field}" name="{name}" value="{escape(option.key)}"'
            f"{' checked' if option.selected else ''}>"
            f'<label for="{field}">{escape(option.label)}{year} '
            f'<span class="facet-count">{option.count}'
            f'<span class="visually-hidden"> {hidden_noun}</span></span></label></li>'
        )
    return mark_safe('<ul class="options">' + "".join(items) + "</ul>")  # noqa: S308


@register.simple_tag
def keynote_when(keynote):
    """When and where a keynote is, in its venue's time zone: its day and clock times, or
    its day alone when no source gives the time."""
    edition = keynote.edition
    if keynote.start is not None:
        zone = edition.time_zone_info
        start, end = keynote.start.astimezone(zone), keynote.end.astimezone(zone)
        when = (
            f'<time datetime="{format_date(start, "c")}">{format_date(start, "l j F Y")}, '
            f"{format_date(start, 'H:i')}</time>"
            f'<span class="until">–<time datetime="{format_date(end, "c")}">'
            f"{format_date(end, 'H:i')}</time> "
            f'<abbr title="{escape(edition.time_zone)}">{escape(format_date(start, "T"))}</abbr>'
            "</span>"
        )
    else:
        day = keynote.day
        when = (
            f'<time datetime="{format_date(day, "Y-m-d")}">{format_date(day, "l j F Y")}</time>'
            '<span class="until"> · time not published</span>'
        )
    where = f'<span class="where">{escape(keynote.venue)}</span>' if keynote.venue else ""
    return mark_safe(f'<p class="when">{when}{where}</p>')  # noqa: S308


@register.simple_tag
def speaker_line(keynote):
    """A keynote's speakers in stage order (`keynote.lineup`), each with what they held."""
    items = []
    for appearance in keynote.lineup:
        speaker = appearance.speaker
        guest = ' <span class="tag">Guest</span>' if appearance.role == "guest" else ""
        items.append(
            f'<li><a href="{escape(speaker.get_absolute_url())}">{escape(speaker.name)}</a>'
            f'<span class="speaker-title">{escape(appearance.held)}</span>{guest}</li>'
        )
    return mark_safe('<ul class="speakers">' + "".join(items) + "</ul>")  # noqa: S308
