"""Sentence and word tokenization that needs no downloaded corpus.

Sentences come from NLTK's Punkt given news abbreviations in code (no ``punkt_tab``
download); words from one regular expression of the project's own, run with the standard
library's ``re``. Both run on a *normalised* copy of the
text in which curly quotes and apostrophes become straight ones and odd spaces become
plain spaces, one character for one, so every offset is an offset into the original text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .frames import frame, from_rows
from .lexicons import wordlist

if TYPE_CHECKING:
    from .article import Article

#: One-for-one character replacements applied before tokenizing (offsets are preserved).
#: No replacement is itself replaced, so making them one after another is one translation.
_NORMALISE = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u0060": "'",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\t": " ",
}


def normalise(text: str) -> str:
    """Straighten quotes and apostrophes and plain odd spaces, keeping the length unchanged.

    One ``str.replace`` per character, not ``str.translate``: a replace scans in C and
    returns at once when its character cannot be in the text, where translate looks up
    every character of a non-ASCII text in the table (40 times the time on a news article).
    """
    for odd, plain in _NORMALISE.items():
        text = text.replace(odd, plain)
    return text


class _Abbreviations(set):
    """Punkt's abbreviation types (lower case, without the final period): the listed news
    abbreviations, and by rule any letter or run of dotted letters: an initial (the "M."
    of Robert M. Gates), initials ("H.W.", "J.R.R."), "U.S.", "a.m.". Punkt still ends
    the sentence at one when the next word starts sentences ("... in the U.S. He said")."""

    _DOTTED = re.compile(r"[a-z](?:\.[a-z])*")

    def __contains__(self, typ: object) -> bool:
        return super().__contains__(typ) or (isinstance(typ, str) and self._DOTTED.fullmatch(typ) is not None)


@cache
def _sentence_splitter() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = _Abbreviations(wordlist("abbreviations.txt"))
    params.sent_starters = set(wordlist("sentence_starters.txt"))
    return PunktSentenceTokenizer(params)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text[start:end]``, as offsets into ``text``.

    ``text`` should already be normalised (see :func:`normalise`).
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    return [(start + s, start + e) for s, e in _sentence_splitter().span_tokenize(chunk)]


def _word_regex() -> str:
    titles = [t.capitalize() for t in sorted((a for a in wordlist("abbreviations.txt") if "." not in a),
                                             key=len, reverse=True)]
    # The lookaheads in front only fail fast where an alternative cannot match: every token
    # starts with a non-space (so a space is passed over with one test, not one per
    # alternative); a title starts with one of the titles' first letters; "n't" follows a
    # run of word characters directly ('don' of "don't"), so the run is followed by an
    # apostrophe.
    pattern = r"(?=\S)(?:%s)" % "|".join([
        # most tokens: a plain word with no period, hyphen, apostrophe or other word
        # character after it, where every other alternative fails or ends at the same
        # place; tried first, it spares them a try each
        r"[A-Z]?[a-z]+(?![\w'.-])",
        r"(?:[A-Za-z]\.){2,}(?![A-Za-z])",            # U.S., U.N., a.m.
        r"(?=[%s])(?:%s)\.(?=\s+[A-Z])" % ("".join(sorted({t[0] for t in titles})), "|".join(titles)),  # Mr. Col.
        r"(?=\w++')\w+(?=n't\b)",                      # have|n't
        r"n't\b",
        r"'(?:s|re|ve|ll|d|m)\b(?!')",                  # clitics: Russia|'s
        r"\d+(?:[.,:]\d+)*%?",                         # 1,000  3.5  10:30  5%
        r"[A-Z]\.(?=\s)",                               # initials: Robert M. Gates
        r"\w+(?:-\w+|'(?!(?:s|re|ve|ll|d|m)\b)\w+)*",   # cease-fire, o'clock
        r"\.{3}|--+|\S",                               # ellipsis, dashes, any other symbol
    ])
    return pattern


@cache
def word_pattern() -> re.Pattern:
    """The word-token expression, compiled with ``re`` (NLTK's ``RegexpTokenizer`` would run
    it through its ReDoS guard, the ``regex`` engine under a timeout: several times slower
    on a pattern that is the project's own)."""
    return re.compile(_word_regex())


def stopwords() -> frozenset[str]:
    """The shipped English stop-word list (lower case)."""
    return wordlist("stopwords.txt")


_PUNCT = re.compile(r"[^\w\s]+")


def is_punct(token: str) -> bool:
    """True for tokens made only of punctuation or symbols."""
    if not token or token[0].isalnum() or token[-1].isalnum():  # most tokens: settled without the regex
        return False
    return _PUNCT.fullmatch(token) is not None  # not match with "$": it passes a final newline


SENTENCE_COLUMNS = ["paragraph", "sentence", "start", "end", "text", "n_tokens"]
TOKEN_COLUMNS = ["sentence", "start", "end", "token", "lower", "is_stop", "is_punct", "is_alpha"]
_SENTENCE_DTYPES = {"paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64", "n_tokens": "int64"}
_TOKEN_DTYPES = {"sentence": "int64", "start": "int64", "end": "int64", "is_stop": "bool", "is_punct": "bool",
                 "is_alpha": "bool"}


def tokenize_article(article: "Article") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sentence table and token table of an article's body.

    Sentences never cross paragraphs. Token text is taken from ``article.text`` (original
    characters); ``lower`` is the normalised, lower-cased form used for counting.
    """
    text = article.text
    norm = article.normalised
    words = word_pattern()
    sentences: list[tuple] = []
    tok_sentence: list[int] = []
    spans: list[tuple[int, int]] = []
    for p_index, (p_start, p_end) in enumerate(article.paragraphs):
        p_start = max(p_start, article.body_start) if p_index == 0 else p_start
        for s, e in split_sentences(norm, p_start, p_end):
            n_before = len(spans)
            spans += [m.span() for m in words.finditer(norm, s, e)]
            n_tok = len(spans) - n_before
            tok_sentence += [len(sentences)] * n_tok
            sentences.append((p_index, len(sentences), s, e, text[s:e], n_tok))
    lower = [norm[s:e].lower() for s, e in spans]
    stop = stopwords()
    starts, ends = zip(*spans) if spans else ((), ())
    tokens = frame({
        "sentence": tok_sentence, "start": starts, "end": ends,
        "token": [text[s:e] for s, e in spans], "lower": lower,
        "is_stop": [w in stop or w.rstrip(".") in stop for w in lower],
        # the plain tests first settle most tokens without a call (a word: alphabetic, not punctuation)
        "is_punct": [not w[0].isalnum() and is_punct(w) for w in lower],
        "is_alpha": [w.isalpha() or w.replace("-", "").replace(".", "").isalpha() for w in lower],
    }, _TOKEN_DTYPES)
    return from_rows(sentences, SENTENCE_COLUMNS, _SENTENCE_DTYPES), tokens
