"""Topics: the issues an article is about, and where each is mentioned.

A topic comes from an optional ``<article>.topics.toml`` (or ``.yaml``) beside the article::

    [cease-fire]
    label = "cease-fire"                 # optional, defaults to the table name
    terms = ["cease-fire", "ceasefire"]  # words or phrases, matched case-insensitively
    patterns = ['stop(ping)? the fighting']  # optional regular expressions

Without one, topics are suggested from the article itself (recurring word pairs and
frequent content words that are not speakers), so the stance notebook runs on any article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import pandas as pd

from .errors import InputFileError
from .frames import columns, from_rows
from .lexicons import wordlist
from .sidefiles import check_settings, find_side_file, read_side_file
from .tokenization import normalise

if TYPE_CHECKING:
    from .analysis import Analysis

TOPIC_COLUMNS = ["topic", "terms", "origin", "mentions"]
MENTION_COLUMNS = ["topic", "start", "end", "mention", "sentence"]
#: What a topic's table in a topics file may set.
TOPIC_SETTINGS = frozenset({"label", "terms", "patterns"})


@dataclass(frozen=True)
class Topic:
    """A topic: its label and the regular expression that finds its mentions."""

    label: str
    terms: tuple[str, ...]
    pattern: re.Pattern
    origin: str  # "file" or "suggested"
    #: Lower-cased first words of the terms, one of which every mention contains (None when
    #: a pattern or a non-ASCII term could match otherwise): a quick test before the regex.
    first_words: tuple[str, ...] | None = None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Mention spans in ``text[start:end]`` (``text`` normalised)."""
        return [(s, e) for _, s, e in find_mentions([self], text, start, end)]


#: The only non-ASCII characters ``re.IGNORECASE`` matches to ASCII ones: İ ı ſ and the
#: Kelvin sign (checked over all of Unicode in the tests). İ is also the only character
#: that ``str.lower`` turns into two.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def find_mentions(topics: Iterable[Topic], text: str, start: int = 0,
                  end: int | None = None) -> list[tuple[Topic, int, int]]:
    """(topic, start, end) of every mention in ``text[start:end]`` (``text`` normalised),
    topic by topic, as ``topic.pattern.finditer`` finds them."""
    end = len(text) if end is None else end
    return MentionIndex(topics, text, start, end).find(start, end)


class MentionIndex:
    """:func:`find_mentions` for many windows of ``text[start:end]`` (sentences, utterances):
    where the topics' first words occur is found once, and a window tries a topic's
    pattern only there, left to right as ``finditer`` goes (a scan tries every alternative
    at every character). ``text`` is normalised."""

    def __init__(self, topics: Iterable[Topic], text: str, start: int = 0, end: int | None = None):
        self.topics, self.text = list(topics), text
        chunk = text[start:len(text) if end is None else end]
        # Without those four characters, IGNORECASE matching of an ASCII word is plain
        # lower-casing, offset for offset: every mention starts where one of its topic's
        # first words does in the lower-cased text (curly quotes and dashes do not matter).
        low = chunk.lower() if chunk.isascii() or not _FOLDS_TO_ASCII.search(chunk) else None
        # the topics that may match elsewhere (a pattern, a non-ASCII word) are scanned
        self._scanned = {t for t, topic in enumerate(self.topics) if low is None or topic.first_words is None}
        self._starts = sorted({(start + k, t) for t, topic in enumerate(self.topics) if t not in self._scanned
                               for k in _word_starts(low, topic.first_words)})
        self._at = [k for k, _ in self._starts]

    def find(self, start: int, end: int) -> list[tuple[Topic, int, int]]:
        """(topic, start, end) of every mention in ``text[start:end]`` (a window of the part
        indexed), topic by topic."""
        starts: dict[int, list[int]] = {}
        for k, t in self._starts[bisect_left(self._at, start):bisect_left(self._at, end)]:
            starts.setdefault(t, []).append(k)
        found = []
        for t in range(len(self.topics)) if self._scanned else sorted(starts):
            topic = self.topics[t]
            if t in self._scanned:
                found.extend((topic, *m.span()) for m in topic.pattern.finditer(self.text, start, end))
                continue
            reach = start
            for k in starts.get(t, ()):
                if k >= reach and (m := topic.pattern.match(self.text, k, end)):
                    found.append((topic, *m.span()))
                    reach = m.end()
        return found


def _word_starts(text: str, words: tuple[str, ...]) -> list[int]:
    """Offsets in ``text`` where one of ``words`` begins (overlaps included)."""
    starts = []
    for word in words:
        k = text.find(word)
        while k >= 0:
            starts.append(k)
            k = text.find(word, k + 1)
    return starts


_PLURALISABLE = re.compile(r"[A-Za-z-]+")


def _term_regex(words: list[str]) -> str:
    plural = r"(?:s|es)?" if _PLURALISABLE.fullmatch(words[-1]) else ""
    if "".join(words).isalnum():  # most terms: nothing to escape
        return r"\s+".join(words) + plural
    # re.escape of the words joined by single spaces escapes each space as "\ " (a space
    # is never otherwise preceded by a backslash): one call for all the words
    return re.escape(" ".join(words)).replace("\\ ", r"\s+") + plural


def make_topic(label: str, terms: Iterable[str], patterns: Iterable[str] = (), origin: str = "file") -> Topic:
    """Build a :class:`Topic`; terms match whole words, with an optional plural ending."""
    terms = tuple(t for t in terms if t.strip())
    patterns = list(patterns)
    words = {term: normalise(term).split() for term in terms}  # normalising keeps every space a space
    # One word-boundary check around all the terms (longest first), not one per term:
    # the same matches, several times faster to scan for.
    alternatives = "|".join(_term_regex(words[t]) for t in sorted(terms, key=len, reverse=True))
    parts = ([rf"(?<![\w-])(?:{alternatives})(?![\w-])"] if terms else []) + patterns
    if not parts:
        raise ValueError(f"topic {label!r} has no terms or patterns (blank terms do not count)")
    first_words = tuple(sorted({term_words[0].lower() for term_words in words.values()}))
    quick = not patterns and all(w.isascii() for w in first_words)
    return Topic(label, terms, re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE), origin,
                 first_words if quick else None)


def read_topics(path: str | Path) -> list[Topic]:
    """Topics from a TOML or YAML topics file; :class:`InputFileError` names a bad entry."""
    data = read_side_file(path)
    topics = []
    for key, spec in data.items():
        if isinstance(spec, list):
            spec = {"terms": spec}
        if not isinstance(spec, dict):
            raise InputFileError(path, f"topic {key!r} must be a table with 'terms' (a list of words or phrases)")
        check_settings(path, f"topic {key!r}", spec, TOPIC_SETTINGS)
        terms, patterns = spec.get("terms", []), spec.get("patterns", [])
        if not isinstance(terms, list) or not isinstance(patterns, list) or not (terms or patterns):
            raise InputFileError(path, f"topic {key!r} needs 'terms' and/or 'patterns' as lists")
        try:
            for pattern in map(str, patterns):
                if re.fullmatch(pattern, "", re.IGNORECASE):  # it would find a mention between every two characters
                    raise InputFileError(path, f"topic {key!r}: pattern {pattern!r} matches an empty string")
            topics.append(make_topic(str(spec.get("label", key)), map(str, terms), map(str, patterns)))
        except re.error as exc:  # also a flag such as (?i) inside the patterns joined into one
            raise InputFileError(path, f"topic {key!r} has an invalid pattern: {exc}") from None
        except ValueError as exc:  # nothing left to match: every term blank
            raise InputFileError(path, str(exc)) from None
    return topics


def suggest_topics(analysis: "Analysis", n: int = 8, exclude: Iterable[str] = ()) -> list[Topic]:
    """Topics suggested from the article: recurring adjacent word pairs first, then frequent
    content words (seen at least twice), skipping speaker names in ``exclude`` and words such
    as *said* or weekdays. Each word appears in at most one suggested topic."""
    from .vocabulary import content_lowers, ranked_pairs  # local: vocabulary imports nothing from here

    banned = {w.lower() for name in exclude for w in re.findall(r"[\w.'-]+", name)} | wordlist("topic_stoplist.txt")
    used: set[str] = set()
    labels: list[str] = []
    lowers = content_lowers(analysis)
    for word1, word2, *_ in ranked_pairs(lowers, n=3 * n, min_count=2):
        if not {word1, word2} & (banned | used):
            labels.append(f"{word1} {word2}")
            used |= {word1, word2}
    words = Counter(word for _, word in lowers)
    for word, count in words.most_common():
        if len(labels) >= n or count < 2:
            break
        if word not in banned and word not in used and word.isalpha():
            labels.append(word)
            used.add(word)
    return [make_topic(label, [label], origin="suggested") for label in labels[:n]]


def article_topics(analysis: "Analysis", topics_file: str | Path | None = None,
                   exclude: Iterable[str] = ()) -> list[Topic]:
    """The topics file beside the article (or ``topics_file``), else suggested topics."""
    path = topics_file or find_side_file(analysis.article.path, "topics")
    return read_topics(path) if path else suggest_topics(analysis, exclude=exclude)


def _mention_rows(analysis: "Analysis", topics: list[Topic],
                  mentions: MentionIndex | None = None) -> list[tuple[str, int, int, str, int]]:
    """(topic, start, end, mention, sentence) of every mention, sentence by sentence."""
    text = analysis.article.text
    mentions = mentions if mentions is not None else MentionIndex(topics, analysis.article.normalised)
    rows = []
    for sentence, s, e in zip(*columns(analysis.sentences, ["sentence", "start", "end"]).values()):
        rows.extend((topic.label, a, b, text[a:b], sentence) for topic, a, b in mentions.find(s, e))
    return rows


def topic_mentions(analysis: "Analysis", topics: list[Topic]) -> pd.DataFrame:
    """Every mention of every topic in the body: topic, start, end, mention, sentence."""
    return from_rows(_mention_rows(analysis, topics), MENTION_COLUMNS,
                     {"start": "int64", "end": "int64", "sentence": "int64"})


def topic_table(analysis: "Analysis", topics: list[Topic], mentions: MentionIndex | None = None) -> pd.DataFrame:
    """One row per topic: topic, terms (joined by "; "), origin, mentions (count in the body).

    ``mentions`` is the :class:`MentionIndex` of ``topics`` over the article's normalised
    text when the caller has built it already (:func:`~newsvoices.analysis.analyze` shares
    one with :func:`~newsvoices.stance.compute_stance`)."""
    counts = Counter(label for label, *_ in _mention_rows(analysis, topics, mentions))
    return from_rows([(t.label, "; ".join(t.terms), t.origin, counts[t.label]) for t in topics],
                     TOPIC_COLUMNS, {"mentions": "int64"})
