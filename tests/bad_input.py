"""Values of the announcement list's parameters that name nothing or cannot be read.

Shared by the tests of the HTML list (test_filters.py) and of its JSON, CSV and Atom
(test_exports.py). Each is (query, the parameter it is bad for, the message, or None where
the exact wording does not matter); the lists they are sent to fit on one page.
"""

BAD_INPUT = [
    ("topic=nope", "topic", "No topic has the slug “nope”."),
    ("service=nope", "service", "No AWS service has the slug “nope”."),
    ("speaker=nobody", "speaker", "No speaker has the slug “nobody”."),
    ("keynote=nope", "keynote", "No keynote has the slug “nope”."),
    ("year=abc", "year", "There is no published edition for the year “abc”."),
    ("year=1999", "year", "There is no published edition for the year “1999”."),
    ("year=99999999999999999999", "year", None),
    ("availability=sold-out", "availability", None),
    ("sort=random", "sort", "“random” is not a sort order; use one of: keynote, title, -year."),
    ("page=abc", "page", "“abc” is not a page number."),
    ("page=0", "page", "“0” is not a page number."),
    ("page=-1", "page", "“-1” is not a page number."),
    ("page=999", "page", "There is no page 999; this list has 1 page."),
    ("page=99999999999999999999", "page", None),
    ("q=" + "x" * 5000, "q", None),
    ("q=a%00b", "q", "The search text contains a null character, so it was ignored."),
]
