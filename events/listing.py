"""Runs a FilterSet over request parameters: messages, facets, active filters and pages.

The HTML lists and their JSON share this, so a parameter means the same everywhere.
"""

import math
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator

from .filters import Options


class CountedPaginator(Paginator):
    """A paginator told its count, when the facet counts already gave it."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


@dataclass
class ActiveFilter:
    name: str
    label: str
    value: str
    remove_url: str


@dataclass
class Listing:
    filterset: object
    data: object
    errors: dict
    facets: list = field(default_factory=list)
    page: object = None

    @property
    def total(self):
        return self.page.paginator.count

    def url_with(self, **changes):
        params = self.data.copy()
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = value
        query = params.urlencode()
        return f"?{query}" if query else "?"

    @property
    def querystring(self):
        """The cleaned parameters without the page, for links that keep the filters."""
        return self.url_with(page=None)

    @property
    def active(self):
        filters = []
        options = self.filterset.options
        for name, values in self.data.lists():
            if name in ("page", "sort"):
                continue
            for value in values:
                params = self.data.copy()
                params.setlist(name, [v for v in values if v != value])
                params.pop("page", None)
                query = params.urlencode()
                if name == "q":
                    label, shown = "Search", f"“{value}”"
                else:
                    heading, kind, _ = self.filterset.facets[name]
                    label, shown = heading, options.label(kind, value)
                filters.append(ActiveFilter(name, label, shown, f"?{query}" if query else "?"))
        return filters

    @property
    def page_links(self):
        """(number, url, is_current) for the pages around the current one."""
        page = self.page
        last = page.paginator.num_pages
        numbers = sorted({1, last, *range(max(1, page.number - 2), min(last, page.number + 2) + 1)})
        links, previous = [], 0
        for number in numbers:
            if number - previous > 1:
                links.append((None, None, False))
            links.append((number, self.url_with(page=str(number)), number == page.number))
            previous = number
        return links

    @property
    def previous_url(self):
        page = self.page
        return self.url_with(page=str(page.number - 1)) if page.has_previous() else None

    @property
    def next_url(self):
        page = self.page
        return self.url_with(page=str(page.number + 1)) if page.has_next() else None

    @property
    def messages(self):
        return [message for messages in self.errors.values() for message in messages]


def apply_filters(filterset_class, params, queryset):
    """(filterset, cleaned data, errors) for request parameters; the page is not read."""
    options = Options(filterset_class.option_kinds())
    data, errors = filterset_class.check_params(params, options)
    filterset = filterset_class(data, queryset, options=options)
    if not filterset.is_valid():  # check_params only lets valid values through
        raise AssertionError(filterset.errors)
    return filterset, data, errors


def run_listing(filterset_class, params, queryset, *, per_page, with_facets):
    filterset, data, errors = apply_filters(filterset_class, params, queryset)
    results = filterset.qs

    counts = filterset.facet_counts() if with_facets else None
    if counts is not None and filterset.count_facet:
        chosen = data.getlist(filterset.count_facet)
        per_key = counts[filterset.count_facet]
        total = sum(n for key, n in per_key.items() if not chosen or key in chosen)
        paginator = CountedPaginator(results, per_page, total)
    else:
        paginator = Paginator(results, per_page)

    raw_page = params.get("page", "1").strip() or "1"
    number = 1
    if raw_page.isdecimal() and len(raw_page) < 10 and int(raw_page) >= 1:
        number = int(raw_page)
        last = max(1, math.ceil(paginator.count / per_page))
        if number > last:
            errors["page"] = [
                f"There is no page {number}; this list has {last} page{'s' if last > 1 else ''}."
            ]
            number = 1
    else:
        errors["page"] = [f"“{raw_page[:20]}” is not a page number."]
    if number > 1:
        data["page"] = str(number)

    listing = Listing(filterset, data, errors, page=paginator.page(number))
    if counts is not None:
        listing.facets = filterset.facet_list(counts)
    return listing
