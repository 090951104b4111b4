"""Lexicon sentiment: NLTK's VADER (lexicon from the vaderSentiment package) and TextBlob.

Nothing is downloaded. NLTK's ``SentimentIntensityAnalyzer`` normally loads its lexicon
through NLTK's downloader; here it is handed the lexicon file that the vaderSentiment
package installs. TextBlob's scorer uses the pattern lexicon TextBlob ships.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from .errors import MissingResourceError
from .frames import columns, from_rows, transpose, with_columns
from .tokenization import normalise


class _InstalledVader(SentimentIntensityAnalyzer):
    """NLTK's VADER, built from lexicon text instead of an NLTK data path."""

    def __init__(self, lexicon_text: str):  # noqa: D107 - NLTK's own __init__ would look for a downloaded lexicon
        self.lexicon_file = lexicon_text
        self.lexicon = self.make_lex_dict()
        self.constants = VaderConstants()


@cache
def vader() -> SentimentIntensityAnalyzer:
    """The shared VADER analyser (NLTK's implementation, vaderSentiment's lexicon)."""
    try:
        import vaderSentiment
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise MissingResourceError(
            "The VADER lexicon is missing: install it with `pip install vaderSentiment` "
            "(newsvoices never downloads corpora at run time)."
        ) from exc
    lexicon = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    return _InstalledVader(lexicon.read_text(encoding="utf-8").strip())


@cache
def _textblob():
    """TextBlob's pattern-lexicon scorer: the function its ``PatternAnalyzer`` (and
    ``TextBlob(text).sentiment``) wraps, called directly because the wrapper builds a new
    namedtuple class on every call (about a third of its cost)."""
    try:
        from textblob.en import sentiment
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise MissingResourceError("TextBlob is missing: install it with `pip install textblob`.") from exc
    return sentiment


def vader_scores(text: str) -> dict[str, float]:
    """VADER's ``compound`` (in [-1, 1]) and ``pos``/``neu``/``neg`` proportions for ``text``."""
    return vader().polarity_scores(text)


def textblob_scores(text: str) -> dict[str, float]:
    """TextBlob's ``polarity`` (in [-1, 1]) and ``subjectivity`` (in [0, 1]) for ``text``."""
    polarity, subjectivity = _textblob()(text)
    return {"polarity": float(polarity), "subjectivity": float(subjectivity)}


def sentence_sentiment(text: str) -> float:
    """The project's sentence scorer: VADER's compound score of ``text``, in [-1, 1]."""
    return float(vader_scores(text)["compound"])


SCORE_COLUMNS = ["vader_compound", "vader_pos", "vader_neu", "vader_neg", "textblob_polarity", "textblob_subjectivity"]
_SCORE_DTYPES = dict.fromkeys(SCORE_COLUMNS, "float64")


def score_utterances(utterances: pd.DataFrame) -> pd.DataFrame:
    """The utterance table with VADER and TextBlob scores of each utterance's text added.

    A text said twice (the same words attributed to two speakers) is scored once.
    """
    texts = columns(utterances, ["text"])["text"]
    distinct = list(dict.fromkeys(texts))
    # one scorer over every text, then the other: taking turns text by text, each evicts the
    # other's lexicon from the processor's cache (about a tenth slower)
    vader_rows = [vader_scores(text) for text in distinct]
    blob_rows = [textblob_scores(text) for text in distinct]
    scores = {text: (v["compound"], v["pos"], v["neu"], v["neg"], t["polarity"], t["subjectivity"])
              for text, v, t in zip(distinct, vader_rows, blob_rows)}
    table = transpose([scores[text] for text in texts], len(SCORE_COLUMNS))
    return with_columns(utterances, dict(zip(SCORE_COLUMNS, table)), _SCORE_DTYPES)


#: Groups up to this size keep their resample counts for the next group of the same size
#: (2,000 × n floats, 16 KB per group member: 8 MB if every size from 2 to 32 occurs).
CACHED_GROUP_SIZE = 32
#: A larger group's counts are made this many resamples at a time, so that the work stays
#: in the processor's cache however large the group (a side quoted thousands of times).
RESAMPLE_BLOCK = 100


def _draws(n: int, n_resamples: int, seed: int) -> np.ndarray:
    """Which of ``n`` values each of ``n_resamples`` resamples with replacement picks
    (``n_resamples`` × ``n``), from a generator seeded with ``seed``."""
    return np.random.default_rng(seed).integers(0, n, size=(n_resamples, n))


def _counts(draws: np.ndarray, n: int) -> np.ndarray:
    """How often each of ``n`` values is drawn in each resample (row) of ``draws``, as floats."""
    offsets = np.arange(len(draws))[:, None] * n
    return np.bincount((draws + offsets).ravel(), minlength=draws.size).reshape(len(draws), n).astype(float)


@lru_cache(maxsize=CACHED_GROUP_SIZE)
def _resample_counts(n: int, n_resamples: int, seed: int) -> np.ndarray:
    """The counts of :func:`_draws` (``n_resamples`` × ``n``, read-only), for groups up to
    :data:`CACHED_GROUP_SIZE`.

    They depend on nothing but the three numbers, and group sizes recur (most speakers
    have 2 to 20 utterances), so they are drawn once per process and shared by every later
    group of that size, in any article."""
    counts = _counts(_draws(n, n_resamples, seed), n)
    counts.flags.writeable = False
    return counts


def _resampled_means(group: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """The mean of each row of ``group`` (``k`` × ``n``) in each resample of ``draws``
    (``k`` × resamples), counted :data:`RESAMPLE_BLOCK` resamples at a time."""
    n = group.shape[1]
    means = np.empty((group.shape[0], len(draws)))
    for start in range(0, len(draws), RESAMPLE_BLOCK):
        block = draws[start:start + RESAMPLE_BLOCK]
        means[:, start:start + len(block)] = group @ _counts(block, n).T
    return means / n


def bootstrap_intervals(groups: list[np.ndarray], n_resamples: int = 2000, level: float = 0.95,
                        seed: int = 0) -> np.ndarray:
    """Percentile bootstrap intervals of the mean of each row of each array in ``groups``
    (``k`` × ``n``, the same ``k`` for all; a 1-D array is one row), as a ``len(groups)``
    × ``k`` × 2 array of (low, high).

    A group's rows are resampled with the same draws (paired: one resample picks the same
    utterances for every score). Draws are seeded per group size, so the same values always
    get the same interval. NaN for a group of fewer than 2 values.
    """
    groups = [np.atleast_2d(np.asarray(g, dtype=float)) for g in groups]
    k = groups[0].shape[0] if groups else 1
    out = np.full((len(groups), k, 2), np.nan)
    large: dict[int, np.ndarray] = {}  # draws of the larger groups, by size, for this call
    sampled, means = [], []
    for index, group in enumerate(groups):
        n = group.shape[1]
        if n < 2:
            continue
        sampled.append(index)
        if n <= CACHED_GROUP_SIZE:
            means.append(group @ _resample_counts(n, n_resamples, seed).T / n)
        else:
            if n not in large:
                large[n] = _draws(n, n_resamples, seed)
            means.append(_resampled_means(group, large[n]))
    if means:
        tail = (1 - level) / 2
        out[sampled] = _percentiles(np.concatenate(means), (tail, 1 - tail)).reshape(len(sampled), k, 2)
    return out


def _percentiles(rows: np.ndarray, quantiles: tuple[float, ...]) -> np.ndarray:
    """Each row's quantiles (rows × quantiles), linearly interpolated as ``np.percentile``
    does by default; from one sort of all rows, several times faster than its
    per-row selection."""
    ordered = np.sort(rows, axis=1)
    last = ordered.shape[1] - 1
    cols = []
    for q in quantiles:
        position = q * last
        below = int(position)
        above = min(below + 1, last)
        cols.append(ordered[:, below] + (ordered[:, above] - ordered[:, below]) * (position - below))
    return np.stack(cols, axis=1)


def bootstrap_ci(values: np.ndarray, n_resamples: int = 2000, level: float = 0.95,
                 seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (NaN, NaN for fewer than 2)."""
    low, high = bootstrap_intervals([np.asarray(values, dtype=float)], n_resamples, level, seed)[0, 0]
    return float(low), float(high)


SUMMARY_COLUMNS = ["utterances", "words", "vader_mean", "vader_low", "vader_high",
                   "textblob_mean", "textblob_low", "textblob_high"]
_SUMMARY_DTYPES = {"utterances": "int64", "words": "int64"} | dict.fromkeys(SUMMARY_COLUMNS[2:], "float64")


def summarise(scored: pd.DataFrame, by: str | list[str] = "speaker") -> pd.DataFrame:
    """Mean VADER compound and TextBlob polarity per group, with bootstrap 95 % intervals.

    ``by`` is ``"speaker"`` (the side is carried along) or ``"side"``. One row per group,
    most utterances first, then by name; ``words`` counts the words the group is quoted or
    reported as saying. Intervals are NaN for a group with a single utterance — one quote
    is no sample.
    """
    return summarise_each(scored, [by])[0]


def summarise_each(scored: pd.DataFrame, bys: list[str | list[str]]) -> list[pd.DataFrame]:
    """:func:`summarise` by each of ``bys`` (``["speaker", "side"]``), reading the table and
    drawing the resamples once for all of them."""
    keyings = []
    for by in bys:
        keys = [by] if isinstance(by, str) else list(by)
        if by == "speaker" and "side" in scored.columns:
            keys = ["speaker", "side"]
        keyings.append(keys)
    key_names = list(dict.fromkeys(k for keys in keyings for k in keys))
    read = columns(scored, dict.fromkeys(["vader_compound", "textblob_polarity", "text", *key_names]))
    scores = np.array([read["vader_compound"], read["textblob_polarity"]], dtype=float).reshape(2, -1)
    words = [len(text.split()) for text in read["text"]]
    keyed = {k: [None if _is_missing(v) else v for v in read[k]] for k in key_names}
    groupings = []
    for keys in keyings:
        groups: dict[tuple, list[int]] = {}
        for i, key in enumerate(zip(*(keyed[k] for k in keys))):
            groups.setdefault(key, []).append(i)
        groupings.append((keys, sorted(groups.items(), key=lambda item: [_missing_last(k) for k in item[0]])))
    samples = [scores[:, members] for _, ordered in groupings for _, members in ordered]
    per_group = iter(zip(samples, bootstrap_intervals(samples)))
    tables = []
    for keys, ordered in groupings:
        rows = []
        for key, members in ordered:
            sample, ((v_low, v_high), (t_low, t_high)) = next(per_group)
            v_mean, t_mean = sample.sum(axis=1) / len(members)  # what sample.mean(axis=1) computes, without its wrapper
            rows.append((*key, len(members), sum(words[i] for i in members),
                         v_mean, v_low, v_high, t_mean, t_low, t_high))
        rows.sort(key=lambda row: (-row[len(keys)], _missing_last(row[0])))
        tables.append(from_rows(rows, [*keys, *SUMMARY_COLUMNS], _SUMMARY_DTYPES))
    return tables


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _missing_last(value: object) -> tuple[bool, object]:
    """Sort key: missing values (None) after every other value, as pandas sorts them."""
    return (value is None, "" if value is None else value)


def lexicon_drivers(scored: pd.DataFrame, by: str = "speaker") -> pd.DataFrame:
    """The VADER lexicon words behind each group's score.

    One row per group and lexicon word found in its utterances: valence (VADER's rating,
    -4 … 4), count, and total = valence × count. Shows whether a speaker sounds negative
    because of attitude words ("unacceptable") or topic words ("casualties", "killing").
    """
    lexicon = vader().lexicon
    rows = []
    for key, group in scored.groupby(by, sort=True):
        counts: dict[str, int] = {}
        for text in group["text"]:
            for word in _WORD.findall(normalise(text).lower()):
                if word in lexicon:
                    counts[word] = counts.get(word, 0) + 1
        rows.extend((key, w, lexicon[w], c, lexicon[w] * c) for w, c in counts.items())
    table = pd.DataFrame(rows, columns=[by, "word", "valence", "count", "total"])
    return table.sort_values([by, "total"], key=lambda s: s.abs() if s.name == "total" else s,
                             ascending=[True, False]).reset_index(drop=True)


_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
