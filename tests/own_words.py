"""Fingerprints of a source text, to check our summaries do not copy its sentences.

A fingerprint is a short hash of six consecutive words, so the repository keeps no
copy of the source's text. Regenerate after the source changes:

    python -m tests.own_words ../shared/seed/reinvent-2024-keynotes-article.md \
        > tests/data/reinvent-2024-article.fingerprints
"""

import hashlib
import re
import sys

RUN = 6


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def fingerprints(text):
    w = words(text)
    return {
        hashlib.blake2b(" ".join(w[i : i + RUN]).encode(), digest_size=8).hexdigest()
        for i in range(len(w) - RUN + 1)
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        print("\n".join(sorted(fingerprints(source.read()))))
