"""Evaluation of :func:`newsvoices.stance_rules.stance_toward` on NewsMTSC.

NewsMTSC (Hamborg and Donnay, EACL 2021; MIT license) annotates, for a target mentioned
in a news sentence, whether the sentence is negative (2.0), neutral (4.0) or positive (6.0)
toward it. Each jsonl line holds ``sentence_normalized`` and ``targets`` with ``from``/``to``
character offsets and ``polarity``.

Scores become labels by two thresholds. Those below were tuned on the *tune* part of
train.jsonl (targets of sentences whose line index % 5 != 0); the *held-out* part
(index % 5 == 0) was only measured. The baseline is VADER's compound score of the whole
sentence, ignoring the target, with its own thresholds tuned the same way.

Measured on train.jsonl (8,739 targets): stance_toward macro-F1 0.606 (accuracy 0.610);
tune part 0.604, held-out part 0.614; the VADER baseline 0.537 (0.538 / 0.534).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..paths import path_exists
from ..sentiment import sentence_sentiment
from ..stance_rules import stance_toward

#: NewsMTSC polarity values and their labels.
POLARITY_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
LABELS = ("negative", "neutral", "positive")

#: stance_toward score < NEGATIVE_BELOW -> negative; > POSITIVE_ABOVE -> positive.
NEGATIVE_BELOW = -0.025
POSITIVE_ABOVE = 0.125
#: The same for the baseline (VADER compound of the whole sentence).
BASELINE_NEGATIVE_BELOW = -0.025
BASELINE_POSITIVE_ABOVE = 0.375

#: Every HELDOUT_EVERY-th sentence (line index % HELDOUT_EVERY == 0) is held out of tuning.
HELDOUT_EVERY = 5

PER_CLASS_COLUMNS = ["label", "support", "precision", "recall", "f1", "baseline_f1"]
PART_COLUMNS = ["part", "n", "macro_f1", "accuracy", "baseline_macro_f1", "baseline_accuracy"]


@dataclass
class NewsMTSCResult:
    """Figures of one evaluation run (see :func:`evaluate_newsmtsc`)."""

    path: str
    n: int
    macro_f1: float
    accuracy: float
    baseline_macro_f1: float
    baseline_accuracy: float
    per_class: pd.DataFrame
    by_part: pd.DataFrame = field(repr=False)
    seconds_per_call: float = 0.0

    def summary(self) -> str:
        """A few lines of plain text: overall, per part and per class figures."""
        lines = [
            f"NewsMTSC {Path(self.path).name}: {self.n} targets",
            f"  stance_toward : macro-F1 {self.macro_f1:.3f}  accuracy {self.accuracy:.3f}"
            f"  ({self.seconds_per_call * 1000:.2f} ms per call)",
            f"  VADER sentence: macro-F1 {self.baseline_macro_f1:.3f}  accuracy {self.baseline_accuracy:.3f}",
            "",
            self.by_part.to_string(index=False, float_format=lambda v: f"{v:.3f}"),
            "",
            self.per_class.to_string(index=False, float_format=lambda v: f"{v:.3f}"),
        ]
        return "\n".join(lines)


def read_newsmtsc(path: str | Path, limit: int | None = None) -> pd.DataFrame:
    """One row per target: sentence_index, sentence, start, end, mention, label.

    ``limit`` keeps the first ``limit`` sentences (lines). Raises :class:`InputFileError`
    for a missing or unreadable file, a line that is not JSON, or missing/invalid keys.
    """
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    path = Path(path)
    if not path_exists(path):
        raise InputFileError(path, "NewsMTSC file not found (or a name the system cannot use)")
    if not path.is_file():
        raise InputFileError(path, "is not a file (expected a NewsMTSC .jsonl file)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputFileError(path, "is not UTF-8 text (expected a NewsMTSC .jsonl file)") from None
    except OSError as exc:
        raise InputFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    rows: dict[str, list] = {c: [] for c in ("sentence_index", "sentence", "start", "end", "mention", "label")}
    index = 0
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if limit is not None and index >= limit:
            break
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise InputFileError(path, f"line {line_no} is not JSON (expected NewsMTSC jsonl)") from None
        if not isinstance(record, dict) or "sentence_normalized" not in record or "targets" not in record:
            raise InputFileError(path, f"line {line_no} lacks 'sentence_normalized' or 'targets'")
        sentence = record["sentence_normalized"]
        targets = record["targets"]
        if not isinstance(sentence, str) or not isinstance(targets, list):
            raise InputFileError(path, f"line {line_no}: 'sentence_normalized' must be text and 'targets' a list")
        for target in targets:
            try:
                start, end, polarity = int(target["from"]), int(target["to"]), float(target["polarity"])
            except (KeyError, TypeError, ValueError, OverflowError):  # OverflowError: 1e400
                raise InputFileError(path, f"line {line_no}: a target lacks numeric 'from', 'to' or 'polarity'") from None
            if polarity not in POLARITY_LABELS:
                raise InputFileError(path, f"line {line_no}: polarity {polarity} is not 2.0, 4.0 or 6.0")
            if not 0 <= start < end <= len(sentence):
                raise InputFileError(path, f"line {line_no}: target offsets [{start}, {end}) outside the sentence")
            rows["sentence_index"].append(index)
            rows["sentence"].append(sentence)
            rows["start"].append(start)
            rows["end"].append(end)
            rows["mention"].append(target.get("mention", sentence[start:end]))
            rows["label"].append(POLARITY_LABELS[polarity])
        index += 1
    if not rows["label"]:
        raise InputFileError(path, "holds no NewsMTSC targets")
    return pd.DataFrame(rows)


def score_targets(data: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """``data`` with ``score`` (stance_toward) and ``baseline`` (whole-sentence VADER) columns,
    and the mean seconds one stance_toward call took."""
    out = data.copy()
    t0 = time.perf_counter()
    out["score"] = [stance_toward(s, a, b) for s, a, b in zip(out.sentence, out.start, out.end)]
    per_call = (time.perf_counter() - t0) / max(1, len(out))
    baseline = {s: sentence_sentiment(s) for s in out.sentence.unique()}
    out["baseline"] = out.sentence.map(baseline)
    return out, per_call


def to_labels(scores: pd.Series, negative_below: float, positive_above: float) -> pd.Series:
    """Map scores in [-1, 1] to negative / neutral / positive by two thresholds."""
    labels = pd.Series("neutral", index=scores.index)
    labels[scores < negative_below] = "negative"
    labels[scores > positive_above] = "positive"
    return labels


def per_class_scores(gold: pd.Series, predicted: pd.Series) -> pd.DataFrame:
    """Support, precision, recall and F1 of each label (no sklearn)."""
    rows = []
    for label in LABELS:
        tp = int(((gold == label) & (predicted == label)).sum())
        fp = int(((gold != label) & (predicted == label)).sum())
        fn = int(((gold == label) & (predicted != label)).sum())
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        rows.append((label, tp + fn, precision, recall, f1))
    return pd.DataFrame(rows, columns=["label", "support", "precision", "recall", "f1"])


def macro_f1(gold: pd.Series, predicted: pd.Series) -> float:
    """Unweighted mean of the three labels' F1."""
    return float(per_class_scores(gold, predicted)["f1"].mean())


def accuracy(gold: pd.Series, predicted: pd.Series) -> float:
    """Share of targets whose label is right."""
    return float((gold.values == predicted.values).mean()) if len(gold) else 0.0


def evaluate_scored(scored: pd.DataFrame, path: str = "", seconds_per_call: float = 0.0) -> NewsMTSCResult:
    """Figures for targets already scored by :func:`score_targets`."""
    pred = to_labels(scored["score"], NEGATIVE_BELOW, POSITIVE_ABOVE)
    base = to_labels(scored["baseline"], BASELINE_NEGATIVE_BELOW, BASELINE_POSITIVE_ABOVE)
    gold = scored["label"]
    per_class = per_class_scores(gold, pred)
    per_class["baseline_f1"] = per_class_scores(gold, base)["f1"]
    heldout = (scored["sentence_index"] % HELDOUT_EVERY == 0).values
    parts = []
    for name, mask in (("all", slice(None)), ("tune", ~heldout), ("held-out", heldout)):
        g, p, b = gold[mask], pred[mask], base[mask]
        parts.append((name, len(g), macro_f1(g, p), accuracy(g, p), macro_f1(g, b), accuracy(g, b)))
    return NewsMTSCResult(
        path=str(path), n=len(scored), macro_f1=macro_f1(gold, pred), accuracy=accuracy(gold, pred),
        baseline_macro_f1=macro_f1(gold, base), baseline_accuracy=accuracy(gold, base),
        per_class=per_class[PER_CLASS_COLUMNS], by_part=pd.DataFrame(parts, columns=PART_COLUMNS),
        seconds_per_call=seconds_per_call)


def evaluate_newsmtsc(path: str | Path, limit: int | None = None) -> NewsMTSCResult:
    """Score every target of a NewsMTSC jsonl file and compare with the gold labels.

    ``limit`` evaluates only the first ``limit`` sentences.
    """
    scored, per_call = score_targets(read_newsmtsc(path, limit))
    return evaluate_scored(scored, str(path), per_call)
