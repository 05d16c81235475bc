"""Runs a FilterSet over request parameters: messages, facets, active filters and pages.

The HTML lists and their data formats share this, so a parameter means the same
everywhere.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from .filters import Options, shown_value
from .memo import no_memo


class CountedPaginator(Paginator):
    """A paginator told its count, when the facet counts already gave it."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


class InOrder(Sequence):
    """A list known by its primary keys in order: a slice reads just those rows, through
    the list's queryset with its joins and prefetches."""

    def __init__(self, ids, queryset):
        self.ids = ids
        self.queryset = queryset

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        chosen = self.ids[index]
        if not chosen:
            return []
        rows = {row.pk: row for row in self.queryset.filter(pk__in=chosen).order_by()}
        return [rows[pk] for pk in chosen if pk in rows]


@dataclass
class ActiveFilter:
    name: str
    label: str
    value: str
    remove_url: str


@dataclass
class Listing:
    filterset: object
    data: object  # the parameters as applied, without the page: links keep these
    errors: dict
    facets: list = field(default_factory=list)
    page: object = None

    @property
    def total(self):
        return self.page.paginator.count

    def url_with(self, **changes):
        """The query string of this list with some parameters changed (None removes)."""
        params = self.data.copy()
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = value
        query = params.urlencode()
        return f"?{query}" if query else "?"

    @property
    def next_url(self):
        page = self.page
        return self.url_with(page=str(page.number + 1)) if page.has_next() else None

    @property
    def active(self):
        filters = []
        options = self.filterset.options
        for name, values in self.data.lists():
            if name == "sort":
                continue
            for value in values:
                params = self.data.copy()
                params.setlist(name, [v for v in values if v != value])
                query = params.urlencode()
                if name == "q":
                    label, shown = "Search", f"“{value}”"
                else:
                    facet = self.filterset.filters[name]
                    label, shown = facet.label, options.label(facet.kind, value)
                filters.append(ActiveFilter(name, label, shown, f"?{query}" if query else "?"))
        return filters

    @property
    def page_numbers(self):
        """The page numbers to link around the current one, None where some are left out."""
        page = self.page
        last = page.paginator.num_pages
        numbers = sorted({1, last, *range(max(1, page.number - 2), min(last, page.number + 2) + 1)})
        shown, previous = [], 0
        for number in numbers:
            if number - previous > 1:
                shown.append(None)
            shown.append(number)
            previous = number
        return shown

    @property
    def messages(self):
        return [message for messages in self.errors.values() for message in messages]


def bind_filters(filterset_class, params, queryset, memo=no_memo):
    """The FilterSet bound to request parameters; its form reports what it cannot use."""
    kinds = filterset_class.option_kinds()
    options = memo(f"options:{','.join(kinds)}", lambda: Options(kinds))
    filterset = filterset_class(params, queryset, options=options, memo=memo)
    filterset.is_valid()
    return filterset


def _page(paginator, raw):
    """(page, problem): the page asked for, or the first page and why."""
    try:
        return paginator.page(raw), None
    except PageNotAnInteger:
        problem = f"“{shown_value(raw)}” is not a page number."
    except EmptyPage:
        if int(raw) < 1:
            problem = f"“{shown_value(raw)}” is not a page number."
        else:
            pages = paginator.num_pages
            problem = (
                f"There is no page {shown_value(raw.strip())}; "
                f"this list has {pages} page{'s' if pages > 1 else ''}."
            )
    return paginator.page(1), problem


def run_listing(
    filterset_class, params, queryset, *, per_page, with_facets, order=None, memo=no_memo
):
    """The page of the filtered list that the parameters ask for; `order`, when given,
    replaces the list's own sort (the Atom feed lists the latest changes first).

    `memo(name, compute)` keeps what does not depend on the filters (the options, the
    unfiltered counts and order) for as long as the catalog is unchanged."""
    filterset = bind_filters(filterset_class, params, queryset, memo=memo)
    errors = filterset.messages
    data = filterset.cleaned_params
    results = filterset.qs if order is None else filterset.qs.order_by(*order)

    counts = filterset.facet_counts(memo) if with_facets else None
    if not filterset.active_filters():
        # The whole list: its order is read once per catalog version, a page by its keys.
        order_by = hashlib.sha256(repr(results.query.order_by).encode()).hexdigest()[:16]
        key = f"order:{filterset_class.__name__}:{order_by}"
        ids = memo(key, lambda: list(results.values_list("pk", flat=True)))
        paginator = Paginator(InOrder(ids, results), per_page)
    elif counts is not None and filterset.count_facet:
        chosen = data.getlist(filterset.count_facet)
        per_key = counts[filterset.count_facet]
        total = sum(n for key, n in per_key.items() if not chosen or key in chosen)
        paginator = CountedPaginator(results, per_page, total)
    else:
        paginator = Paginator(results, per_page)

    page, problem = _page(paginator, params.get("page", "").strip() or "1")
    if problem:
        errors["page"] = [problem]

    listing = Listing(filterset, data, errors, page=page)
    if counts is not None:
        listing.facets = filterset.facet_list(counts)
    return listing
