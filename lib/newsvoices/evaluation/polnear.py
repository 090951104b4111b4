"""Score speech attribution against PolNeAR (Newell, Margolin and Ruths, LREC 2018).

A PolNeAR-format folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (brat
standoff; an article with several annotators has several files: the first in sorted order is
used). Each ``E`` line ties an attribution together from ``T`` spans (Content, Cue, Source — the
Source may be missing; spans may be discontinuous, ``start end;start end``). The data is read
from the path given at run time and never copied anywhere.

Each text is run through the real pipeline (:func:`~newsvoices.article.load_article`,
:func:`~newsvoices.tokenization.tokenize_article`, :func:`~newsvoices.attribution.attribute`).

**Predicted attributions.** Utterance rows are grouped into attributions: rows sharing the same
cue offsets and speaker are one attribution (a quote split by sentence, a parenthetical cue with
content on both sides, a partial quote inside its reported speech); a row with no cue of its own
(``cue_start == -1``, a continuation quote) joins the attribution it continues (the nearest
earlier one with the same mention offsets). An attribution's content is the union of its rows'
spans; its source is the mention span.

**Matching.** A predicted and a gold attribution are candidates when their contents overlap by at
least one character; pairs are matched one-to-one greedily by decreasing overlap (characters
in common), ties broken by text position.

**Figures.**

* *content*: precision = matched / predicted, recall = matched / gold.
* *joint* (content and source): a matched pair is right when the predicted mention span overlaps
  the gold Source span. Gold attributions without a Source cannot be judged for source: they are
  left out of joint recall's denominator, and a prediction matched to one is left out of joint
  precision's denominator (it is neither right nor wrong).
* *plain-cue recall*: among gold attributions with a Source whose cue is a plain speech cue
  (``data/attribution_plain_cues.txt``: said, says, told, according to, added, ...), the fraction
  matched with the right source.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import ArticleError, InputFileError
from ..lexicons import wordlist

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.+)$")
_CUE_ADVERBS = ("also ", "later ", "then ")


@dataclass
class GoldAttribution:
    """One hand-marked attribution: content spans, source spans (or None) and cue id."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]] | None
    cue: str


@dataclass
class PolnearResult:
    """Attribution scores on a PolNeAR folder (see the module docstring for definitions)."""

    folder: str
    articles: int
    failed: int
    gold: int
    predicted: int
    content_matched: int
    gold_with_source: int
    predicted_judgeable: int
    joint_matched: int
    plain_gold: int
    plain_matched: int
    ms_per_article: float
    per_article: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)

    @staticmethod
    def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def content(self) -> tuple[float, float, float]:
        """(precision, recall, F1) for contents alone."""
        return self._prf(self.content_matched, self.predicted, self.gold)

    @property
    def joint(self) -> tuple[float, float, float]:
        """(precision, recall, F1) for content with the right source."""
        return self._prf(self.joint_matched, self.predicted_judgeable, self.gold_with_source)

    @property
    def plain_cue_recall(self) -> float:
        """Share of plain-cue gold attributions found with the right source."""
        return self.plain_matched / self.plain_gold if self.plain_gold else 0.0

    def summary(self) -> str:
        """The scores as the few lines ``newsvoices evaluate polnear`` prints."""
        cp, cr, cf = self.content
        jp, jr, jf = self.joint
        return (f"PolNeAR {self.folder}: {self.articles} articles ({self.failed} unreadable), "
                f"{self.gold} gold / {self.predicted} predicted attributions\n"
                f"  content          P {cp:.3f}  R {cr:.3f}  F1 {cf:.3f}\n"
                f"  content+source   P {jp:.3f}  R {jr:.3f}  F1 {jf:.3f}\n"
                f"  plain speech cues attributed with the right source: {self.plain_cue_recall:.3f} "
                f"({self.plain_matched}/{self.plain_gold})\n"
                f"  {self.ms_per_article:.1f} ms per article (attribution only)")


def _spans(raw: str) -> list[tuple[int, int]]:
    out = []
    for part in raw.split(";"):
        bits = part.split()
        if len(bits) == 2:
            out.append((int(bits[0]), int(bits[1])))
    return out


def read_ann(path: Path, shift: int = 0) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file (offsets shifted by ``-shift``)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(path, f"cannot be read ({exc.__class__.__name__})") from None
    for line in lines:
        m = _T_LINE.match(line)
        if m:
            spans[m.group(1)] = (m.group(2), [(a - shift, b - shift) for a, b in _spans(m.group(3))])
            continue
        m = _E_LINE.match(line)
        if m:
            roles = dict(x.split(":", 1) for x in m.group(2).split() if ":" in x)
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None or not content[1]:
            continue
        source = spans.get(roles.get("Source", ""))
        cue_id = roles.get("Cue")
        cue = ""
        if cue_id in spans:
            cue = cue_id
        out.append(GoldAttribution(content[1], source[1] if source else None, cue))
    # cue text is filled by the caller (needs the article text)
    return out, spans


def _plain_cue(cue: str) -> bool:
    c = re.sub(r"[^a-z ]+", " ", cue.lower()).strip()
    c = re.sub(r"\s+", " ", c)
    for adv in _CUE_ADVERBS:
        c = c.replace(adv, "")
    return c in wordlist("attribution_plain_cues.txt")


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def predicted_attributions(utterances: pd.DataFrame) -> list[tuple[list[tuple[int, int]], tuple[int, int]]]:
    """Group utterance rows into attributions: ``(content spans, mention span)`` each."""
    groups: dict[tuple, list] = {}
    order = []
    last_by_mention: dict[tuple[int, int], tuple] = {}
    for r in utterances.itertuples(index=False):
        mention = (r.mention_start, r.mention_end)
        if r.cue_start >= 0:
            key = (r.cue_start, r.cue_end, r.speaker)
        else:
            key = last_by_mention.get(mention, ("nocue", r.start))
        if key not in groups:
            groups[key] = [[], mention]
            order.append(key)
        groups[key][0].append((r.start, r.end))
        last_by_mention[mention] = key
    return [(groups[k][0], groups[k][1]) for k in order]


def score_article(gold: list[GoldAttribution], cue_text: list[str], utterances: pd.DataFrame) -> dict:
    """Match one article's predictions to its gold attributions; the counts behind every score."""
    preds = predicted_attributions(utterances)
    pairs = []
    for gi, g in enumerate(gold):
        for pi, (content, _m) in enumerate(preds):
            ov = _overlap(g.content, content)
            if ov > 0:
                pairs.append((-ov, min(s for s, _ in g.content), gi, pi))
    pairs.sort()
    used_g, used_p, matched = set(), set(), {}
    for _ov, _pos, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched[gi] = pi
    joint = 0
    judge_excluded = 0
    plain_gold = plain_hit = 0
    for gi, g in enumerate(gold):
        ok = False
        if gi in matched:
            if g.source is None:
                judge_excluded += 1
            else:
                ms, me = preds[matched[gi]][1]
                ok = _overlap(g.source, [(ms, me)]) > 0
                joint += ok
        if g.source is not None and _plain_cue(cue_text[gi]):
            plain_gold += 1
            plain_hit += ok
    return {"gold": len(gold), "predicted": len(preds), "content_matched": len(matched),
            "gold_with_source": sum(g.source is not None for g in gold),
            "predicted_judgeable": len(preds) - judge_excluded, "joint_matched": joint,
            "plain_gold": plain_gold, "plain_matched": plain_hit}


def evaluate_polnear(folder: str | Path, limit: int | None = None, progress: bool = False) -> PolnearResult:
    """Run attribution on every article of a PolNeAR-format folder and score it.

    Raises :class:`~newsvoices.errors.InputFileError` naming the folder when it is not one.
    """
    from ..article import load_article
    from ..attribution import attribute
    from ..paths import path_exists
    from ..tokenization import tokenize_article

    root = Path(folder)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not path_exists(root) or not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputFileError(root, "is not a PolNeAR folder (needs text/ and attributions/ subfolders)")
    anns: dict[str, Path] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        name = p.stem.rsplit("_", 1)[0]
        anns.setdefault(name, p)
    names = sorted(n for n in anns if (text_dir / f"{n}.txt").is_file())
    if not names:
        raise InputFileError(root, "has no text/NAME.txt with a matching attributions/NAME_*.ann")
    if limit is not None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        names = names[:limit]
    iterator = names
    if progress:
        try:
            from tqdm.auto import tqdm

            iterator = tqdm(names, desc="PolNeAR", unit="article")
        except ImportError:  # pragma: no cover - tqdm is optional
            pass
    rows = []
    elapsed = 0.0
    failed = 0
    for name in iterator:
        text_path = text_dir / f"{name}.txt"
        shift = 1 if text_path.read_bytes()[:3] == b"\xef\xbb\xbf" else 0
        gold, spans = read_ann(anns[name], shift)
        try:
            article = load_article(text_path)
        except ArticleError:
            failed += 1
            utter = pd.DataFrame(columns=["start", "end", "mention_start", "mention_end", "cue_start", "cue_end", "speaker"])
            text = ""
        else:
            text = article.text
            sentences, tokens = tokenize_article(article)
            t0 = time.perf_counter()
            utter, _reg = attribute(article, sentences, tokens=tokens)  # as analyze calls it
            elapsed += time.perf_counter() - t0
        cue_text = [" ".join(text[a:b] for a, b in spans[g.cue][1]) if g.cue in spans else "" for g in gold]
        row = score_article(gold, cue_text, utter)
        row["article"] = name
        rows.append(row)
    per = pd.DataFrame(rows)
    per = per[["article"] + [c for c in per.columns if c != "article"]]
    tot = per.drop(columns="article").sum()
    return PolnearResult(
        folder=str(root), articles=len(names), failed=failed, gold=int(tot["gold"]), predicted=int(tot["predicted"]),
        content_matched=int(tot["content_matched"]), gold_with_source=int(tot["gold_with_source"]),
        predicted_judgeable=int(tot["predicted_judgeable"]), joint_matched=int(tot["joint_matched"]),
        plain_gold=int(tot["plain_gold"]), plain_matched=int(tot["plain_matched"]),
        ms_per_article=1000 * elapsed / max(1, len(names) - failed), per_article=per)
