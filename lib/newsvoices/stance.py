"""Where each speaker and each side stands on each topic, and toward each other.

For every utterance, each topic it mentions (in its content or as the object of its cue)
is scored with :func:`newsvoices.stance_rules.stance_evidence` on the utterance's words
(cue and content together). Mentions of another *speaker* become speaker → speaker
relations instead of topic stance, so "Medvedev rebuked Putin's statements" is an edge
from Medvedev to Putin and says nothing about a topic. Every judgment keeps its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import fmean
from typing import Callable, NamedTuple, Sequence

import pandas as pd

from .article import Article
from .frames import columns, from_rows
from .stance_rules import Sentence, combined_score, stance_evidence
from .tokenization import normalise
from .topics import MentionIndex, Topic

STANCE_COLUMNS = ["speaker", "side", "topic", "score", "label", "n_evidence", "n_cued"]
SIDE_STANCE_COLUMNS = ["side", "topic", "score", "label", "n_evidence", "n_cued", "speakers"]
EVIDENCE_COLUMNS = ["speaker", "side", "target", "target_kind", "score", "utterance_start", "utterance_end",
                    "sentence", "target_start", "target_end", "cue", "cue_start", "cue_end", "rule",
                    "negated", "hedged", "fallback", "contribution", "text"]
RELATION_COLUMNS = ["source", "source_side", "target", "target_side", "score", "label", "n_evidence", "n_cued"]
_DTYPES = {"score": "float64", "n_evidence": "int64", "n_cued": "int64", "utterance_start": "int64",
           "utterance_end": "int64", "sentence": "int64", "target_start": "int64", "target_end": "int64",
           "cue_start": "int64", "cue_end": "int64", "negated": "bool", "hedged": "bool", "fallback": "bool",
           "contribution": "float64"}
_UTTERANCE_FIELDS = ("speaker", "side", "start", "end", "cue_start", "cue_end", "mention_start", "mention_end",
                     "sentence")

#: Utterance-level scores closer to 0 than this count as neither for nor against.
NEUTRAL_BAND = 0.05
#: A group whose evidence points both ways is "mixed" unless its mean is beyond this.
MIXED_MARGIN = 0.25
#: Most characters between a speaker's mention and the cue for the words between them to
#: count as the speaker's act ("Mr. Medvedev issued a rare rebuke of Mr. Putin's statements, saying").
MAX_SUBJECT_GAP = 120
_PRONOUNS = frozenset("he she they him her them his hers their it we i you".split())


@dataclass
class StanceResult:
    """The stance tables of one article (see :func:`compute_stance`)."""

    stance: pd.DataFrame
    sides: pd.DataFrame
    evidence: pd.DataFrame
    relations: pd.DataFrame


def label_for(scores: Sequence[float]) -> str:
    """favour / against / mixed / none for a group of utterance-level scores."""
    scores = list(scores)
    return _label(scores, fmean(scores) if scores else 0.0)


def _label(scores: list[float], mean: float) -> str:
    if abs(mean) < MIXED_MARGIN and any(s > NEUTRAL_BAND for s in scores) and any(s < -NEUTRAL_BAND for s in scores):
        return "mixed"
    if mean > NEUTRAL_BAND:
        return "favour"
    if mean < -NEUTRAL_BAND:
        return "against"
    return "none"


class _Names(NamedTuple):
    """A speaker's names (normalised) and the regex that finds any of them as a whole word."""

    names: tuple[str, ...]
    pattern: re.Pattern

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of the names in ``text[start:end]``; every match is one of the names, so a
        range without any of them as a substring is not scanned."""
        for name in self.names:
            if text.find(name, start, end) >= 0:
                return [m.span() for m in self.pattern.finditer(text, start, end)]
        return []


def _speaker_patterns(registry: pd.DataFrame, speaking: set[str]) -> dict[str, _Names]:
    """The names of each speaker with utterances: the canonical name, surname and aliases."""
    patterns = {}
    n_rows = len(registry)
    if not n_rows:
        return patterns
    people = columns(registry, [c for c in ("speaker", "kind", "aliases") if c in registry])
    kinds = people.get("kind", ["person"] * n_rows)
    aliases = people.get("aliases", [""] * n_rows)
    for speaker, kind, alias_list in zip(people["speaker"], kinds, aliases):
        if speaker not in speaking or kind != "person":
            continue
        names = {speaker, speaker.split()[-1]}
        names |= {a.strip() for a in str(alias_list or "").split(";")}
        names = {n for n in names if len(n) > 2 and n.lower() not in _PRONOUNS}
        if not names:  # "Oh", "Do": an empty alternation would match everywhere, with empty spans
            continue
        ordered = tuple(normalise(n) for n in sorted(names, key=len, reverse=True))
        alternatives = "|".join(map(re.escape, ordered))
        patterns[speaker] = _Names(ordered, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"))
    return patterns


def _outermost(utterances: dict[str, list]) -> list[int]:
    """Row numbers of the utterances (columns as lists) not nested inside another of the
    same speaker (a partial quote inside reported speech), so the same words are not judged
    twice; of two rows with the very same span, one is kept. One pass per speaker over spans
    sorted by start (longest first): a span ending no later than the furthest end seen so
    far lies inside an earlier one."""
    speakers, starts, ends = utterances["speaker"], utterances["start"], utterances["end"]
    ordered = sorted(range(len(starts)), key=lambda i: (speakers[i], starts[i], starts[i] - ends[i]))
    keep, speaker, reach = [], None, -1
    for i in ordered:
        if speakers[i] != speaker:
            speaker, reach = speakers[i], -1
        if ends[i] <= reach:
            continue
        keep.append(i)
        reach = ends[i]
    return sorted(keep)


def compute_stance(article: Article, sentences: pd.DataFrame, utterances: pd.DataFrame,
                   registry: pd.DataFrame, topics: list[Topic],
                   mentions: MentionIndex | None = None) -> StanceResult:
    """Stance per speaker × topic, per side × topic, the evidence, and speaker relations.

    ``mentions`` is the :class:`~newsvoices.topics.MentionIndex` of ``topics`` over
    ``article.normalised`` when the caller has built it already."""
    text, norm = article.text, article.normalised
    sentence_start = dict(zip(*columns(sentences, ["sentence", "start"]).values()))
    u = columns(utterances, _UTTERANCE_FIELDS)
    people = _speaker_patterns(registry, set(u["speaker"]))
    sides = dict(zip(*columns(registry, ["speaker", "side"]).values())) if len(registry) else {}
    mentions = mentions if mentions is not None else MentionIndex(topics, norm)
    rows = []
    pairs: dict[tuple, _Pair] = {}  # one per (utterance, target mention)
    for i in _outermost(u):
        speaker, side, start, end = u["speaker"][i], u["side"][i], u["start"][i], u["end"][i]
        cue_start, cue_end = u["cue_start"][i], u["cue_end"][i]
        mention_start, mention_end = u["mention_start"][i], u["mention_end"][i]
        has_cue = cue_start is not None and cue_start >= 0
        r_start = min(start, cue_start) if has_cue else start
        r_end = max(end, cue_end) if has_cue else end
        if 0 <= mention_end <= r_start and r_start - mention_end <= MAX_SUBJECT_GAP \
                and mention_start >= sentence_start.get(u["sentence"][i], r_start):
            r_start = mention_start  # the speaker's own predicate: "X issued a rebuke of Y, saying ..."
        blocked = [(mention_start, mention_end)] if mention_start is not None and mention_start >= 0 else []
        targets = []
        for name, names in people.items():
            if name == speaker:
                continue
            for span in names.find(norm, r_start, r_end):
                if not _overlaps(span, blocked):
                    targets.append((name, "speaker", *span))
        person_spans = [(s, e) for _, _, s, e in targets] + blocked
        for topic, s, e in mentions.find(r_start, r_end):
            if not _overlaps((s, e), person_spans) and not (has_cue and _overlaps((s, e), [(cue_start, cue_end)])):
                targets.append((topic.label, "topic", s, e))
        if not targets:
            continue
        region = Sentence(text[r_start:r_end], norm[r_start:r_end])
        for target, kind, s, e in targets:
            evidence = stance_evidence(region, s - r_start, e - r_start)
            score = combined_score(evidence)
            cued = any(not ev.fallback for ev in evidence)
            known = pairs.get(key := (speaker, side, target, kind, start, s))
            pairs[key] = (_Pair(speaker, side, target, kind, score, cued) if known is None
                          else known._replace(cued=known.cued or cued))
            for ev in evidence:
                rows.append((speaker, side, target, kind, score, start, end, u["sentence"][i], s, e, ev.cue,
                             ev.cue_start + r_start, ev.cue_end + r_start, ev.rule, ev.negated, ev.hedged,
                             ev.fallback, ev.contribution, region.text))
    topic_pairs = [p for p in pairs.values() if p.kind == "topic"]
    # Relations rest on directed cues only: the tone of words said *to* or *near* someone
    # ("telling Gates that it is the best way") is no stance toward them.
    cued_people = [p for p in pairs.values() if p.kind == "speaker" and p.cued]
    stance = _aggregate(topic_pairs, lambda p: (p.speaker, p.side, p.target))
    side_stance = _aggregate(topic_pairs, lambda p: (p.side, p.target), with_speakers=True)
    relations = [(*row[:3], sides.get(row[2]), *row[3:])
                 for row in _aggregate(cued_people, lambda p: (p.speaker, p.side, p.target))]
    return StanceResult(from_rows(stance, STANCE_COLUMNS, _DTYPES), from_rows(side_stance, SIDE_STANCE_COLUMNS, _DTYPES),
                        from_rows(rows, EVIDENCE_COLUMNS, _DTYPES), from_rows(relations, RELATION_COLUMNS, _DTYPES))


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


class _Pair(NamedTuple):
    """One (utterance, target mention): its score, and whether a directed cue applied."""

    speaker: str
    side: str
    target: str
    kind: str
    score: float
    cued: bool


def _aggregate(pairs: list[_Pair], key: Callable[[_Pair], tuple],
               with_speakers: bool = False) -> list[tuple]:
    """One row per group of pairs, sorted by group: (*key, score, label, n_evidence,
    n_cued[, speakers])."""
    groups: dict[tuple, list[_Pair]] = {}
    for pair in pairs:
        groups.setdefault(key(pair), []).append(pair)
    out = []
    for group_key in sorted(groups):
        group = groups[group_key]
        scores = [p.score for p in group]
        mean = fmean(scores)
        row = (*group_key, min(1.0, max(-1.0, mean)), _label(scores, mean), len(group), sum(p.cued for p in group))
        if with_speakers:
            row += ("; ".join(sorted({p.speaker for p in group})),)
        out.append(row)
    return out
