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

import numpy as np
import pandas as pd

from .article import Article
from .stance_rules import combined_score, stance_evidence
from .tokenization import normalise
from .topics import Topic

STANCE_COLUMNS = ["speaker", "side", "topic", "score", "label", "n_evidence", "n_cued"]
SIDE_STANCE_COLUMNS = ["side", "topic", "score", "label", "n_evidence", "n_cued", "speakers"]
EVIDENCE_COLUMNS = ["speaker", "side", "target", "target_kind", "score", "utterance_start", "utterance_end",
                    "sentence", "target_start", "target_end", "cue", "cue_start", "cue_end", "rule",
                    "negated", "hedged", "fallback", "contribution", "text"]
RELATION_COLUMNS = ["source", "source_side", "target", "target_side", "score", "label", "n_evidence", "n_cued"]

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


def label_for(scores: pd.Series) -> str:
    """favour / against / mixed / none for a group of utterance-level scores."""
    pos, neg = (scores > NEUTRAL_BAND).sum(), (scores < -NEUTRAL_BAND).sum()
    mean = scores.mean() if len(scores) else 0.0
    if pos and neg and abs(mean) < MIXED_MARGIN:
        return "mixed"
    if mean > NEUTRAL_BAND:
        return "favour"
    if mean < -NEUTRAL_BAND:
        return "against"
    return "none"


def _speaker_patterns(registry: pd.DataFrame, speaking: set[str]) -> dict[str, re.Pattern]:
    """A regex per speaker with utterances, from the canonical name, surname and aliases."""
    patterns = {}
    for row in registry.itertuples(index=False):
        if row.speaker not in speaking or getattr(row, "kind", "person") != "person":
            continue
        names = {row.speaker, row.speaker.split()[-1]}
        names |= {a.strip() for a in str(getattr(row, "aliases", "") or "").split(";")}
        names = {n for n in names if len(n) > 2 and n.lower() not in _PRONOUNS}
        if not names:  # "Oh", "Do": an empty alternation would match everywhere, with empty spans
            continue
        alternatives = "|".join(re.escape(normalise(n)) for n in sorted(names, key=len, reverse=True))
        patterns[row.speaker] = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    return patterns


def _outermost(utterances: pd.DataFrame) -> pd.DataFrame:
    """Drop utterances nested inside another of the same speaker (a partial quote inside
    reported speech), so the same words are not judged twice. One pass per speaker over
    spans sorted by start (longest first): a span ending before the furthest end seen so
    far lies inside an earlier one."""
    if utterances.empty:
        return utterances
    ordered = utterances.assign(_length=utterances["end"] - utterances["start"]).sort_values(
        ["speaker", "start", "_length"], ascending=[True, True, False], kind="stable")
    keep, speaker, reach = [], None, -1
    for index, who, end in zip(ordered.index, ordered["speaker"], ordered["end"]):
        if who != speaker:
            speaker, reach = who, -1
        if end <= reach:
            continue
        keep.append(index)
        reach = end
    return utterances.loc[sorted(keep, key=utterances.index.get_loc)]


def compute_stance(article: Article, sentences: pd.DataFrame, utterances: pd.DataFrame,
                   registry: pd.DataFrame, topics: list[Topic]) -> StanceResult:
    """Stance per speaker × topic, per side × topic, the evidence, and speaker relations."""
    text, norm = article.text, article.normalised
    sentence_start = dict(zip(sentences["sentence"], sentences["start"]))
    speaking = set(utterances["speaker"]) if len(utterances) else set()
    people = _speaker_patterns(registry, speaking)
    sides = dict(zip(registry["speaker"], registry["side"])) if len(registry) else {}
    rows = []
    for u in _outermost(utterances).itertuples(index=False):
        has_cue = u.cue_start is not None and u.cue_start >= 0
        r_start = min(u.start, u.cue_start) if has_cue else u.start
        r_end = max(u.end, u.cue_end) if has_cue else u.end
        if 0 <= u.mention_end <= r_start and r_start - u.mention_end <= MAX_SUBJECT_GAP \
                and u.mention_start >= sentence_start.get(u.sentence, r_start):
            r_start = u.mention_start  # the speaker's own predicate: "X issued a rebuke of Y, saying ..."
        region = text[r_start:r_end]
        blocked = [(u.mention_start, u.mention_end)] if u.mention_start is not None and u.mention_start >= 0 else []
        targets = []
        for name, pattern in people.items():
            if name == u.speaker:
                continue
            for m in pattern.finditer(norm, r_start, r_end):
                if not _overlaps(m.span(), blocked):
                    targets.append((name, "speaker", *m.span()))
        person_spans = [(s, e) for _, _, s, e in targets] + blocked
        for topic in topics:
            for s, e in topic.find(norm, r_start, r_end):
                if not _overlaps((s, e), person_spans) and not (has_cue and _overlaps((s, e), [(u.cue_start, u.cue_end)])):
                    targets.append((topic.label, "topic", s, e))
        for target, kind, s, e in targets:
            evidence = stance_evidence(region, s - r_start, e - r_start)
            if not evidence:
                continue
            score = combined_score(evidence)
            for ev in evidence:
                rows.append((u.speaker, u.side, target, kind, score, u.start, u.end, u.sentence, s, e, ev.cue,
                             ev.cue_start + r_start, ev.cue_end + r_start, ev.rule, ev.negated, ev.hedged,
                             ev.fallback, ev.contribution, region))
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    pairs = _pair_scores(evidence)
    topic_pairs = pairs[pairs["target_kind"] == "topic"]
    stance = _aggregate(topic_pairs, ["speaker", "side", "target"]).rename(columns={"target": "topic"})
    side_stance = _aggregate(topic_pairs, ["side", "target"], with_speakers=True).rename(columns={"target": "topic"})
    # Relations rest on directed cues only: the tone of words said *to* or *near* someone
    # ("telling Gates that it is the best way") is no stance toward them.
    cued_people = pairs[(pairs["target_kind"] == "speaker") & pairs["cued"].astype(bool)]
    relations = _aggregate(cued_people, ["speaker", "side", "target"]).rename(
        columns={"speaker": "source", "side": "source_side"})
    relations.insert(3, "target_side", relations["target"].map(sides))
    return StanceResult(stance[STANCE_COLUMNS], side_stance[SIDE_STANCE_COLUMNS], evidence,
                        relations[RELATION_COLUMNS])


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


def _pair_scores(evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per (utterance, target mention): its score, and whether a directed cue applied."""
    keys = ["speaker", "side", "target", "target_kind", "utterance_start", "target_start"]
    if evidence.empty:
        return pd.DataFrame(columns=[*keys, "score", "cued"])
    return (evidence.assign(cued=~evidence["fallback"].astype(bool))
            .groupby(keys, dropna=False, sort=False).agg(score=("score", "first"), cued=("cued", "any"))
            .reset_index())


def _aggregate(pairs: pd.DataFrame, keys: list[str], with_speakers: bool = False) -> pd.DataFrame:
    out = []
    for key, group in pairs.groupby(keys, dropna=False, sort=True):
        row = dict(zip(keys, key))
        row.update(score=float(np.clip(group["score"].mean(), -1, 1)), label=label_for(group["score"]),
                   n_evidence=len(group), n_cued=int(group["cued"].sum()))
        if with_speakers:
            row["speakers"] = "; ".join(sorted(set(group["speaker"])))
        out.append(row)
    columns = [*keys, "score", "label", "n_evidence", "n_cued"] + (["speakers"] if with_speakers else [])
    return pd.DataFrame(out, columns=columns)
