"""Lexicon sentiment: NLTK's VADER (lexicon from the vaderSentiment package) and TextBlob.

Nothing is downloaded. NLTK's ``SentimentIntensityAnalyzer`` normally loads its lexicon
through NLTK's downloader; here it is handed the lexicon file that the vaderSentiment
package installs. TextBlob's ``PatternAnalyzer`` uses the pattern lexicon TextBlob ships.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from .errors import MissingResourceError
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
    try:
        from textblob.en.sentiments import PatternAnalyzer
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise MissingResourceError("TextBlob is missing: install it with `pip install textblob`.") from exc
    return PatternAnalyzer()


def vader_scores(text: str) -> dict[str, float]:
    """VADER's ``compound`` (in [-1, 1]) and ``pos``/``neu``/``neg`` proportions for ``text``."""
    return vader().polarity_scores(text)


def textblob_scores(text: str) -> dict[str, float]:
    """TextBlob's ``polarity`` (in [-1, 1]) and ``subjectivity`` (in [0, 1]) for ``text``."""
    result = _textblob().analyze(text)
    return {"polarity": float(result.polarity), "subjectivity": float(result.subjectivity)}


def sentence_sentiment(text: str) -> float:
    """The project's sentence scorer: VADER's compound score of ``text``, in [-1, 1]."""
    return float(vader_scores(text)["compound"])


SCORE_COLUMNS = ["vader_compound", "vader_pos", "vader_neu", "vader_neg", "textblob_polarity", "textblob_subjectivity"]


def score_utterances(utterances: pd.DataFrame) -> pd.DataFrame:
    """The utterance table with VADER and TextBlob scores of each utterance's text added."""
    rows = []
    for text in utterances["text"]:
        v, t = vader_scores(text), textblob_scores(text)
        rows.append((v["compound"], v["pos"], v["neu"], v["neg"], t["polarity"], t["subjectivity"]))
    scores = pd.DataFrame(rows, columns=SCORE_COLUMNS, index=utterances.index, dtype="float64")
    return pd.concat([utterances, scores], axis=1)


def bootstrap_ci(values: np.ndarray, n_resamples: int = 2000, level: float = 0.95,
                 seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (NaN, NaN for fewer than 2)."""
    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = rng.choice(values, size=(n_resamples, len(values)), replace=True).mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


SUMMARY_COLUMNS = ["utterances", "words", "vader_mean", "vader_low", "vader_high",
                   "textblob_mean", "textblob_low", "textblob_high"]


def summarise(scored: pd.DataFrame, by: str | list[str] = "speaker") -> pd.DataFrame:
    """Mean VADER compound and TextBlob polarity per group, with bootstrap 95 % intervals.

    ``by`` is ``"speaker"`` (the side is carried along) or ``"side"``. One row per group;
    ``words`` counts the words the group is quoted or reported as saying. Intervals are NaN
    for a group with a single utterance — one quote is no sample.
    """
    keys = [by] if isinstance(by, str) else list(by)
    if by == "speaker" and "side" in scored.columns:
        keys = ["speaker", "side"]
    rows = []
    for key, group in scored.groupby(keys, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        v, t = group["vader_compound"].to_numpy(), group["textblob_polarity"].to_numpy()
        rows.append((*key, len(group), int(group["text"].str.split().str.len().sum()),
                     v.mean(), *bootstrap_ci(v), t.mean(), *bootstrap_ci(t)))
    table = pd.DataFrame(rows, columns=[*keys, *SUMMARY_COLUMNS])
    return table.sort_values(["utterances", keys[0]], ascending=[False, True]).reset_index(drop=True)


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
