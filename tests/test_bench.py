"""The bench runs (smoke test of `newsvoices bench --quick`) and its pieces measure what they say."""

import subprocess
import sys

from newsvoices import bench
from newsvoices.paths import DEFAULT_ARTICLE
from newsvoices.tokenization import normalise, split_sentences


def test_floor_counts_sentences():
    text = DEFAULT_ARTICLE.read_text(encoding="utf-8")
    assert bench.floor(text) == len(split_sentences(normalise(text))) > 20


def test_format_table():
    rows = [bench.Row("a", "analyze / floor", 0.5, "×", "≥ 0.6×", "MISSED"), bench.Row("b", "x", 2.0, "×")]
    table = bench.format_table(rows)
    assert "(a) analyze / floor" in table and "MISSED" in table and len(table.splitlines()) == 4


def test_bench_quick_smoke(corpus):
    done = subprocess.run([sys.executable, "-m", "newsvoices.cli", "bench", "--quick", "--articles", str(corpus)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    for needle in ("floor: Punkt + VADER + TextBlob", "analyze / floor", "batch, 1 worker", "batch, 2 workers",
                   "speed-up, 2 workers vs 1", "seed body ×1", "seed body ×3", "per 1,000 words",
                   f"(a+) on 2 articles from {corpus} (1 unusable, left out)"):
        assert needle in out, out
    extra = [line for line in out.splitlines() if line.startswith("(a+)")]
    assert len(extra) == 3 and "2 articles, " in extra[0] and "words on average" in extra[0]
    assert "analyze / floor" in extra[2] and ("met" in extra[2] or "MISSED" in extra[2])
    assert "Traceback" not in done.stderr


def test_bench_articles_that_cannot_be_used_end_with_one_line(tmp_path):
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01")
    for paths, problem in (([str(tmp_path / "none-*.txt")], "no article files"),
                           ([str(tmp_path)], "no usable article to measure (1 unusable)")):
        done = subprocess.run([sys.executable, "-m", "newsvoices.cli", "bench", "--articles", *paths],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and problem in done.stderr and "Traceback" not in done.stderr, done.stderr
        assert not done.stdout  # refused before anything was measured


def test_growth_copies_differ_in_text_but_not_in_analysis():
    import pandas as pd
    import pytest

    from newsvoices.analysis import analyze
    from newsvoices.article import load_article, parse_article

    body = load_article(DEFAULT_ARTICLE).body
    copies = [bench.distinct_copy(body, k) for k in (0, 1, 6, 36, 215)]
    assert copies[0] == body
    assert len(set(copies)) == len(copies) and {len(c) for c in copies} == {len(body)}
    assert {normalise(c) for c in copies} == {normalise(body)}
    with pytest.raises(ValueError):
        bench.distinct_copy(body, 216)
    plain, varied = (analyze(parse_article(f"Title: t\n\n{c}\n")) for c in (copies[0], copies[-1]))
    several_words = {t for t in plain.utterances["text"] if " " in t}
    assert several_words and several_words.isdisjoint(varied.utterances["text"])  # not said twice
    numbers = plain.utterances.select_dtypes("number").columns
    pd.testing.assert_frame_equal(plain.utterances[numbers], varied.utterances[numbers])
    pd.testing.assert_frame_equal(plain.stance, varied.stance)
