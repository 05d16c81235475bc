"""Fingerprints of source texts, to check our summaries do not copy their sentences.

A fingerprint is a short hash of a run of consecutive words (six for the 2024 article,
eight for the sources of the other years), so the repository keeps no copy of the text.
Regenerate after a source changes:

    python -m tests.own_words 6 ../shared/seed/reinvent-2024-keynotes-article.md \
        > tests/data/reinvent-2024-article.fingerprints
    python -m tests.own_words 8 sources/*.txt > tests/data/reinvent-2025-sources.fingerprints
"""

import hashlib
import re
import sys

RUN = 6


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def fingerprints(text, run=RUN):
    w = words(text)
    return {
        hashlib.blake2b(" ".join(w[i : i + run]).encode(), digest_size=8).hexdigest()
        for i in range(len(w) - run + 1)
    }


if __name__ == "__main__":
    run, *paths = sys.argv[1:]
    found = set()
    for path in paths:
        with open(path, encoding="utf-8") as source:
            found |= fingerprints(source.read(), int(run))
    print("\n".join(sorted(found)))
