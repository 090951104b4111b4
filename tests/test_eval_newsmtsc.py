"""newsvoices.evaluation.newsmtsc on small files written here, and on the real train split."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from newsvoices.cli import build_parser
from newsvoices.errors import InputFileError
from newsvoices.evaluation.newsmtsc import (
    NewsMTSCResult, evaluate_newsmtsc, macro_f1, per_class_scores, read_newsmtsc)

TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "newsmtsc" / "train.jsonl"


def _target(sentence: str, mention: str, polarity: float) -> dict:
    start = sentence.index(mention)
    return {"from": start, "to": start + len(mention), "mention": mention, "polarity": polarity}


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> Path:
    s1 = "The senator condemned Mr. Lowell after the vote."
    s2 = "The governor praised Dr. Reyes for her work."
    s3 = "Ms. Ortiz arrived in Denver on Tuesday."
    s4 = "The mayor condemned the protesters but praised the police chief."
    return _write(tmp_path / "small.jsonl", [
        {"sentence_normalized": s1, "targets": [_target(s1, "Mr. Lowell", 2.0)]},
        {"sentence_normalized": s2, "targets": [_target(s2, "Dr. Reyes", 6.0)]},
        {"sentence_normalized": s3, "targets": [_target(s3, "Ms. Ortiz", 4.0)]},
        {"sentence_normalized": s4, "targets": [_target(s4, "protesters", 2.0),
                                                _target(s4, "police chief", 6.0)]},
    ])


def test_small_file_counts(small: Path):
    result = evaluate_newsmtsc(small)
    assert isinstance(result, NewsMTSCResult)
    assert result.n == 5
    assert list(result.per_class.columns) == ["label", "support", "precision", "recall", "f1", "baseline_f1"]
    assert result.per_class.set_index("label")["support"].to_dict() == {"negative": 2, "neutral": 1, "positive": 2}
    assert result.per_class["support"].sum() == result.n
    assert result.macro_f1 == pytest.approx(1.0) and result.accuracy == pytest.approx(1.0)
    assert 0 <= result.baseline_macro_f1 <= 1 and 0 <= result.baseline_accuracy <= 1
    parts = result.by_part.set_index("part")
    assert parts.loc["all", "n"] == 5
    assert parts.loc["tune", "n"] + parts.loc["held-out", "n"] == 5
    text = result.summary()
    assert "macro-F1" in text and "small.jsonl" in text and "negative" in text


def test_limit_reads_first_sentences(small: Path):
    assert evaluate_newsmtsc(small, limit=2).n == 2
    assert len(read_newsmtsc(small, limit=3)) == 3


def test_f1_by_hand():
    gold = pd.Series(["negative", "negative", "neutral", "positive"])
    pred = pd.Series(["negative", "neutral", "neutral", "negative"])
    table = per_class_scores(gold, pred).set_index("label")
    assert table.loc["negative", "f1"] == pytest.approx(0.5)
    assert table.loc["neutral", "f1"] == pytest.approx(2 / 3)
    assert table.loc["positive", "f1"] == 0
    assert macro_f1(gold, pred) == pytest.approx((0.5 + 2 / 3) / 3)


@pytest.mark.parametrize("content, problem", [
    (None, "not found"),
    ("sentence,polarity\nHello,4\n", "not JSON"),
    ('{"sentence": "Hi there.", "targets": []}\n', "lacks"),
    ('{"sentence_normalized": "Hi there.", "targets": [{"from": 0, "to": 2}]}\n', "polarity"),
    ('{"sentence_normalized": "Hi there.", "targets": [{"from": 0, "to": 2, "polarity": 5.0}]}\n', "polarity"),
    ('{"sentence_normalized": "Hi there.", "targets": [{"from": 0, "to": 99, "polarity": 4.0}]}\n', "offsets"),
    ("", "no NewsMTSC targets"),
])
def test_bad_files_name_the_file(tmp_path: Path, content, problem):
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        evaluate_newsmtsc(path)
    assert str(path) in str(info.value)
    assert problem in str(info.value)


def test_binary_file_and_directory(tmp_path: Path):
    binary = tmp_path / "model.bin"
    binary.write_bytes(b"\xff\xfe\x00\x01" * 10)
    with pytest.raises(InputFileError, match="model.bin"):
        evaluate_newsmtsc(binary)
    with pytest.raises(InputFileError, match="not a file"):
        evaluate_newsmtsc(tmp_path)


def test_real_train_split_reaches_target():
    if not TRAIN.is_file():
        pytest.skip(f"NewsMTSC train split not present at {TRAIN}")
    result = evaluate_newsmtsc(TRAIN)
    assert result.n == 8739
    assert result.macro_f1 >= 0.60
    assert result.macro_f1 > result.baseline_macro_f1
    held_out = result.by_part.set_index("part").loc["held-out", "macro_f1"]
    assert held_out >= 0.58


def test_an_offset_too_large_for_a_number_and_a_limit_below_one(tmp_path):
    path = tmp_path / "inf.jsonl"
    path.write_text('{"sentence_normalized": "Mayor Quill spoke.", "targets": '
                    '[{"from": 1e400, "to": 11, "polarity": 4.0}]}\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="line 1: a target lacks numeric"):
        read_newsmtsc(path)
    with pytest.raises(ValueError, match="limit must be at least 1"):
        read_newsmtsc(path, limit=0)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["evaluate", "newsmtsc", str(path), "--limit", "0"])
