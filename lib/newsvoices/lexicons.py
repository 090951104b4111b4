"""Loading the word lists and lexicons shipped in ``newsvoices/data``.

Every data file starts with ``#`` comment lines saying where it comes from; blank lines
and comments are skipped. Files are read once and cached.
"""

from __future__ import annotations

from functools import cache

from .paths import package_data


def _lines(name: str) -> list[str]:
    text = package_data(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def wordlist(name: str) -> frozenset[str]:
    """A one-entry-per-line word list, lower-cased, as a frozen set."""
    return frozenset(ln.lower() for ln in _lines(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated lexicon: one tuple of stripped fields per entry line."""
    return tuple(tuple(f.strip() for f in ln.split("\t")) for ln in _lines(name))
