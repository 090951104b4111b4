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


def test_bench_quick_smoke():
    done = subprocess.run([sys.executable, "-m", "newsvoices.cli", "bench", "--quick"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    for needle in ("floor: Punkt + VADER + TextBlob", "analyze / floor", "batch, 1 worker", "batch, 2 workers",
                   "speed-up, 2 workers vs 1", "seed body ×1", "seed body ×3", "per 1,000 words"):
        assert needle in out, out
    assert "Traceback" not in done.stderr
