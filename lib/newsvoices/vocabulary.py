"""Word-level views of an article: content-word frequencies, collocations, keyword in
context and lexical dispersion. Each takes an :class:`~newsvoices.analysis.Analysis` and
returns a tidy DataFrame.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd
from nltk.collocations import BigramAssocMeasures

from .frames import columns
from .tokenization import normalise

if TYPE_CHECKING:
    from .analysis import Analysis

#: Association measures offered by :func:`collocations` (NLTK's names).
MEASURES = ("likelihood_ratio", "pmi", "chi_sq", "student_t", "raw_freq")


def _content_flags(read: dict[str, list]) -> list[bool]:
    """Per token: a word (alphabetic, longer than one letter) that is not a stop word."""
    return [alpha and not stop and len(low) > 1 for alpha, stop, low in
            zip(read["is_alpha"], read["is_stop"], read["lower"])]


def content_words(analysis: "Analysis") -> pd.DataFrame:
    """Tokens that are words and not stop words (the input to counts and collocations)."""
    t = analysis.tokens
    return t[np.array(_content_flags(columns(t, ["is_alpha", "is_stop", "lower"])), dtype=bool)]


def content_lowers(analysis: "Analysis") -> list[tuple[int, str]]:
    """(sentence, lower-cased word) of every content word, in text order — what
    :func:`content_words` holds, as plain Python for counting."""
    read = columns(analysis.tokens, ["sentence", "lower", "is_alpha", "is_stop"])
    return [(sentence, low) for sentence, low, keep in zip(read["sentence"], read["lower"], _content_flags(read)) if keep]


def word_frequencies(analysis: "Analysis", n: int = 20) -> pd.DataFrame:
    """The ``n`` most frequent content words: columns word, count, share (of content words)."""
    words = content_words(analysis)["lower"]
    counts = words.value_counts().rename_axis("word").reset_index(name="count")
    counts["share"] = counts["count"] / max(len(words), 1)
    return counts.sort_values(["count", "word"], ascending=[False, True]).head(n).reset_index(drop=True)


def collocation_rows(analysis: "Analysis", n: int = 15, measure: str = "likelihood_ratio",
                     min_count: int = 2) -> list[tuple[str, str, int, float, str]]:
    """The rows of :func:`collocations`, as tuples."""
    return ranked_pairs(content_lowers(analysis), n, measure, min_count)


_BOUNDARY = "\x00"  # between two sentences' words: no pair crosses it


def ranked_pairs(lowers: list[tuple[int, str]], n: int = 15, measure: str = "likelihood_ratio",
                 min_count: int = 2) -> list[tuple[str, str, int, float, str]]:
    """The ``n`` adjacent word pairs within a sentence of ``lowers`` ((sentence, word) in
    text order, as :func:`content_lowers` gives) seen at least ``min_count`` times, best
    first by an NLTK association measure: (word1, word2, count, score, measure).

    NLTK's ``BigramCollocationFinder`` ranking (the same counts, scores and order, ties
    by pair), counted with two ``Counter`` objects instead of its frequency distributions,
    which it copies at each filter."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
    sequence: list[str] = []
    current = None
    for sentence, word in sorted(lowers, key=lambda item: item[0]):
        if current is not None and sentence != current:
            sequence.append(_BOUNDARY)
        sequence.append(word)
        current = sentence
    sequence.append(_BOUNDARY)
    words, n_all, score = Counter(sequence), len(sequence), getattr(BigramAssocMeasures, measure)
    # a pair's count is a float in NLTK's scoring (divided by its window size less one)
    scored = [(a, b, count, score(count / 1.0, (words[a], words[b]), n_all), measure)
              for (a, b), count in Counter(zip(sequence, sequence[1:])).items()
              if count >= min_count and _BOUNDARY not in (a, b)]
    scored.sort(key=lambda row: (-row[3], row[0], row[1]))
    return scored[:n]


def collocations(analysis: "Analysis", n: int = 15, measure: str = "likelihood_ratio",
                 min_count: int = 2) -> pd.DataFrame:
    """Top adjacent word pairs by an NLTK association measure.

    Pairs are formed from consecutive content words within a sentence (stop words and
    punctuation removed), so "civilian casualties" survives and "of the" does not.
    Columns: word1, word2, count, score, measure.
    """
    return pd.DataFrame(collocation_rows(analysis, n, measure, min_count),
                        columns=["word1", "word2", "count", "score", "measure"])


def _term_pattern(term: str) -> re.Pattern:
    words = [re.escape(normalise(w)) for w in term.split()]
    if not words:
        raise ValueError(f"a term to look for needs at least one word, not {term!r}")
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _term_matches(analysis: "Analysis", term: str) -> Iterable[tuple[int, int, int]]:
    """(start, end, sentence) of every occurrence of ``term`` inside a sentence."""
    text = analysis.article.normalised
    pattern = _term_pattern(term)
    for sentence, s, e in analysis.sentences[["sentence", "start", "end"]].itertuples(index=False):
        for m in pattern.finditer(text, s, e):
            yield m.start(), m.end(), sentence


def choose_keyword(analysis: "Analysis", keyword: str) -> str | None:
    """``keyword`` if it occurs in the article; otherwise the article's most frequent content
    word; None when the article has no content word at all (only numbers or symbols)."""
    if keyword.strip() and _occurs(analysis, keyword):
        return keyword
    top = key_terms(analysis, 1)
    return top[0] if top else None


def _occurs(analysis: "Analysis", term: str) -> bool:
    return next(iter(_term_matches(analysis, term)), None) is not None


def keyword_in_context(analysis: "Analysis", keyword: str, width: int = 40) -> pd.DataFrame:
    """Every occurrence of ``keyword`` (case-insensitive, whole words, may be several words)
    with ``width`` characters of context each side, within its sentence.

    Columns: sentence, start, end, left, keyword, right.
    """
    text = analysis.article.text
    bounds = analysis.sentences.set_index("sentence")[["start", "end"]]
    rows = []
    for s, e, sentence in _term_matches(analysis, keyword):
        s0, e0 = bounds.loc[sentence]
        left = text[max(s0, s - width):s].replace("\n", " ")
        right = text[e:min(e0, e + width)].replace("\n", " ")
        rows.append((sentence, s, e, left, text[s:e], right))
    return pd.DataFrame(rows, columns=["sentence", "start", "end", "left", "keyword", "right"])


def dispersion(analysis: "Analysis", terms: Iterable[str]) -> pd.DataFrame:
    """Where each term occurs: one row per occurrence.

    Columns: term, start, end, sentence, token_index (position in the body's tokens) and
    position (0 = start of the body, 1 = its end). Terms that never occur get no rows.
    """
    token_starts = analysis.tokens["start"].to_numpy()
    n_tokens = max(len(token_starts), 1)
    rows = []
    for term in terms:
        for s, e, sentence in _term_matches(analysis, term):
            index = int(token_starts.searchsorted(s))
            rows.append((term, s, e, sentence, index, index / n_tokens))
    return pd.DataFrame(rows, columns=["term", "start", "end", "sentence", "token_index", "position"])


def key_terms(analysis: "Analysis", n: int = 8) -> list[str]:
    """The article's ``n`` most frequent content words, each in its most common spelling
    (so names keep their capital), for dispersion plots of an article we know nothing about."""
    words = content_words(analysis)
    top = words["lower"].value_counts().head(n).index
    spelling = words[words["lower"].isin(top)].groupby("lower")["token"].agg(lambda s: s.mode().iloc[0])
    return [spelling[w].rstrip(".") for w in top]


def terms_present(analysis: "Analysis", terms: Iterable[str], fallback_n: int = 8) -> list[str]:
    """``terms`` that occur in the article; if fewer than two do, the article's own key terms.

    Lets a notebook keep the seed article's terms as defaults and still run on any article.
    """
    present = [t for t in terms if t.strip() and _occurs(analysis, t)]
    return present if len(present) >= 2 else key_terms(analysis, fallback_n)
