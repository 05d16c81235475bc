"""Parking: how rows trade positions without breaking a unique constraint.

A load uses it, and so does the admin's inline list of a keynote's announcements when a
curator renumbers them (events/forms.py).

An appearance's or an announcement's position is unique within its keynote, and the
database checks that row by row as an UPDATE runs, so two announcements cannot simply
swap positions, nor one move into a slot another is leaving. So before writing the real
values, a load moves every such row that changes to a spot of its own in the parking
area: positions above the highest one the model accepts (POSITION_RANGE in models.py,
at most 9,999) and within what the column holds (a smallint: 32,767). No valid row can
stand there, so the moves clash with nothing, and the real update then puts each row
where the file says.

Key points need no parking: a key point's position is part of its natural key, so one
that moves is deleted and created again.
"""

from django.core.validators import MaxValueValidator
from django.db.backends.base.operations import BaseDatabaseOperations

from ..models import Announcement, Appearance

PARKED_MODELS = (Appearance, Announcement)


def highest_valid_position(model):
    """The highest position the model's field accepts, from its validators."""
    field = model._meta.get_field("position")
    return min(v.limit_value for v in field.validators if isinstance(v, MaxValueValidator))


def highest_storable_position(model):
    """The largest value the position column holds on every database Django supports.

    The column type's range as Django defines it (SQLite would store more, PostgreSQL not).
    """
    field = model._meta.get_field("position")
    return BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()][1]


def parking_area(model):
    """The positions rows are parked at, highest first: above the valid ones, in the column."""
    return range(highest_storable_position(model), highest_valid_position(model), -1)


def park(model, rows):
    """Move these rows (instances of `model`) each to its own spot in the parking area."""
    area = parking_area(model)
    if len(rows) > len(area):
        raise ValueError(
            f"Cannot park {len(rows)} {model._meta.verbose_name_plural}: "
            f"the parking area holds {len(area)}."
        )
    for obj, position in zip(rows, area, strict=False):
        obj.position = position
    if rows:
        model.objects.bulk_update(rows, ["position"], batch_size=500)
