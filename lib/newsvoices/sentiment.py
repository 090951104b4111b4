"""Lexicon sentiment: NLTK's VADER (lexicon from the vaderSentiment package) and TextBlob.

Nothing is downloaded. NLTK's ``SentimentIntensityAnalyzer`` normally loads its lexicon
through NLTK's downloader; here it is handed the lexicon file that the vaderSentiment
package installs. TextBlob's ``PatternAnalyzer`` uses the pattern lexicon TextBlob ships.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from .errors import MissingResourceError


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
