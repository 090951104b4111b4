"""``newsvoices bench`` / ``make bench``: how fast is the analysis, measured in one run.

(a) **Floor vs analyze.** The floor is the least any analysis of an article must do here:
    NLTK Punkt sentence split of the normalised text plus VADER and TextBlob scores of
    every sentence. :func:`newsvoices.analyze` does that and more (tokens, attribution,
    per-speaker sentiment, topics, stance). Both run on the same articles, already loaded
    in memory (neither reads the article file or extracts HTML; ``analyze`` still reads the
    article's side files, as it does on every call), taking turns round by round so that
    both see the same machine, in articles per second.
(b) **Batch scaling.** :func:`newsvoices.batch.analyze_many` on copies of the seed article
    in a temporary folder, with 1 worker (in-process) and 2 worker processes, each twice
    (1, 2, 2, 1 workers, so that a drift in the machine's speed evens out). Each worker
    starts and warms up once; enough copies that this does not dominate. A control runs the
    same analysis in two bare processes vs one: the best speed-up the machine allows right
    now (on a shared machine it can be far below 2).
(c) **Growth.** ``analyze`` on one article made of the seed's body repeated 1×, 10×, 100×:
    time per 1,000 words should stay flat (linear growth). Each length is timed as the mean
    of runs over at least 2 s, so that all see a like stretch of the machine. The copies
    differ only in which of six kinds of space separate their words (all read as a plain
    space), so the analysis of each copy is the same, but no text recurs: ``analyze``
    scores a text said twice in one article once, and plain copies would make the long
    articles look cheaper.

``--articles PATHS`` measures (a) once more on other articles (files, folders, globs; e.g.
a researcher's own corpus), as section (a+): the shipped articles are short, and per-article
fixed costs (eleven tables, side files) weigh more on them than on full-length news.

Targets: analyze ≥ 0.6× the floor; 2 workers ≥ 1.7× 1 worker. The bench reports whether
each target is met; it does not fail when one is missed (exit status 0).
"""

from __future__ import annotations

import platform
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Callable, TextIO

from .errors import NewsvoicesError
from .paths import ARTICLES_DIR, DEFAULT_ARTICLE

FLOOR_TARGET = 0.6
SPEEDUP_TARGET = 1.7


class BenchError(NewsvoicesError):
    """The bench cannot run as asked (e.g. ``--articles`` names no usable article)."""


@dataclass
class Row:
    """One line of the bench table."""

    section: str
    measure: str
    value: float
    unit: str
    target: str = ""
    verdict: str = ""


def floor(text: str) -> int:
    """The floor's work on one article: Punkt split of the normalised text, VADER and
    TextBlob on every sentence. Returns the number of sentences."""
    from .sentiment import textblob_scores, vader_scores
    from .tokenization import normalise, split_sentences

    norm = normalise(text)
    sentences = [norm[s:e] for s, e in split_sentences(norm)]
    # one scorer over every sentence, then the other, as analyze scores its utterances
    # (faster than taking turns sentence by sentence, which evicts each lexicon from the cache)
    for sentence in sentences:
        vader_scores(sentence)
    for sentence in sentences:
        textblob_scores(sentence)
    return len(sentences)


def _rates(works: list[Callable[[], None]], n_items: int, min_seconds: float, min_rounds: int) -> list[float]:
    """Items per second of each of ``works`` (each processes ``n_items``), run in turn —
    one round of each, then again — until each has run ``min_rounds`` times and all
    together for ``min_seconds``. Taking turns exposes each to the same machine: on a
    shared machine whose speed drifts, timing one after the other would not."""
    spent = [0.0] * len(works)
    rounds, start = 0, time.perf_counter()
    while rounds < min_rounds or time.perf_counter() - start < min_seconds:
        for i, work in enumerate(works):
            t = time.perf_counter()
            work()
            spent[i] += time.perf_counter() - t
        rounds += 1
    return [n_items * rounds / t for t in spent]


def bench_articles() -> list:
    """The bench's articles: every article file in ``data/articles/``, loaded once."""
    from .article import load_article
    from .batch import ARTICLE_SUFFIXES

    paths = sorted(p for p in ARTICLES_DIR.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES) or [DEFAULT_ARTICLE]
    return [load_article(p) for p in paths]


def measure_floor(articles: list, quick: bool = False, section: str = "a", what: str = "") -> list[Row]:
    """Rows (a): the floor and ``analyze`` on ``articles``, taking turns, and their ratio.
    ``what`` names the articles in the table (default: how many)."""
    from .analysis import analyze

    for article in articles:  # warm every lazily built resource before timing
        analyze(article)
    seconds, rounds = (0.0, 1) if quick else (6.0, 3)
    # analyze gets a fresh copy each round: nothing computed in an earlier round (the
    # article's normalised text is cached on the Article) is reused, as the floor reuses nothing
    floor_rate, analyze_rate = _rates([lambda: [floor(a.text) for a in articles],
                                       lambda: [analyze(replace(a)) for a in articles]],
                                      len(articles), seconds, rounds)
    ratio = analyze_rate / floor_rate
    what = what or f"{len(articles)} articles"
    return [
        Row(section, f"floor: Punkt + VADER + TextBlob ({what})", floor_rate, "articles/s"),
        Row(section, "analyze (same articles)", analyze_rate, "articles/s"),
        Row(section, "analyze / floor", ratio, "×", f"≥ {FLOOR_TARGET}×", _verdict(ratio >= FLOOR_TARGET)),
    ]


def corpus_articles(paths: list[str]) -> tuple[list, int]:
    """The articles named by ``paths`` (files, folders, globs, as ``batch`` reads them),
    loaded, and how many could not be used (they are left out)."""
    from .article import load_article
    from .batch import expand_paths

    articles, unusable = [], 0
    for path in expand_paths(paths):
        try:
            articles.append(load_article(path))
        except NewsvoicesError:
            unusable += 1
    return articles, unusable


@cache
def _seed():
    from .article import load_article

    return load_article(DEFAULT_ARTICLE)


def _repeat(work: Callable[[], object], seconds: float) -> tuple[int, float]:
    """Run ``work`` once and again until ``seconds`` of wall time have passed: the number of
    runs and the time they took."""
    runs, start = 0, time.perf_counter()
    while runs == 0 or time.perf_counter() - start < seconds:
        work()
        runs += 1
    return runs, time.perf_counter() - start


def _analyze_for(seconds: float) -> int:
    """How many times ``analyze`` runs on the seed in ``seconds`` of wall time."""
    from .analysis import analyze

    return _repeat(lambda: analyze(_seed()), seconds)[0]


def parallel_control(seconds: float) -> float:
    """The ideal 2-vs-1 speed-up on this machine right now: seed analyses done by two
    independent processes vs one, over the same wall time — no pool, no queue, no results
    sent back. 2.0 on two idle cores; less when the machine is shared. Puts the batch
    speed-up in context: batch / control is the pool's own efficiency."""
    from concurrent.futures import ProcessPoolExecutor

    from .batch import mp_context

    _analyze_for(0.05)  # warm (forked workers inherit it)
    alone = _analyze_for(seconds)
    with ProcessPoolExecutor(max_workers=2, mp_context=mp_context()) as pool:
        list(pool.map(_analyze_for, [0.01, 0.01]))  # both workers started before timing
        both = sum(pool.map(_analyze_for, [seconds, seconds]))
    return both / max(alone, 1)


def measure_batch(copies: int, quick: bool = False) -> list[Row]:
    """Rows (b): ``batch`` on ``copies`` of the seed with 1 and 2 workers, and the control."""
    from .batch import analyze_many, default_workers

    tmp = Path(tempfile.mkdtemp(prefix="newsvoices-bench-"))
    try:
        data = DEFAULT_ARTICLE.read_bytes()
        for i in range(copies):
            (tmp / f"seed-{i:04d}.txt").write_bytes(data)
        spent = {1: 0.0, 2: 0.0}
        for workers in (1, 2, 2, 1):  # in the order A B B A, so that a drift in the machine's speed evens out
            start = time.perf_counter()
            result = analyze_many([tmp], workers=workers, progress=False)
            spent[workers] += time.perf_counter() - start
            if result.failures:
                raise RuntimeError(f"bench batch failed on {result.failures[0].path}: {result.failures[0].error}")
        rates = {workers: 2 * copies / seconds for workers, seconds in spent.items()}
        rows = [Row("b", f"batch, {workers} worker{'s' if workers > 1 else ''} ({copies} seed copies, twice)",
                    rate, "articles/s") for workers, rate in rates.items()]
        speedup = rates[2] / rates[1]
        control = parallel_control(0.3 if quick else 3.0)
        rows.append(Row("b", "control: 2 bare processes analysing vs 1 (ideal now)", control, "×"))
        cores = default_workers()
        note = _verdict(speedup >= SPEEDUP_TARGET) if cores >= 2 else f"n/a ({cores} core)"
        if quick:
            note = "(too few copies to judge)"
        rows.append(Row("b", "speed-up, 2 workers vs 1", speedup, "×", f"≥ {SPEEDUP_TARGET}×", note))
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


#: Spaces that tokenization reads as a plain one (see :func:`newsvoices.tokenization.normalise`).
_SPACES = (" ", "\u00a0", "\u2009", "\u202f", "\u2007", "\u200a")


def distinct_copy(body: str, k: int) -> str:
    """Copy ``k`` (0 to 215) of ``body``: its j-th space becomes the one of :data:`_SPACES`
    given by the (j mod 3)-th base-6 digit of ``k``. Copy 0 is ``body``; any two copies
    differ in every stretch of text with three spaces or more."""
    if not 0 <= k < len(_SPACES) ** 3:
        raise ValueError(f"copy number {k} out of range 0-{len(_SPACES) ** 3 - 1}")
    spaces = [_SPACES[k // len(_SPACES) ** d % len(_SPACES)] for d in range(3)]
    parts = body.split(" ")
    return parts[0] + "".join(spaces[j % 3] + part for j, part in enumerate(parts[1:]))


def measure_growth(factors: tuple[int, ...], min_seconds: float = 2.0) -> list[Row]:
    """Rows (c): seconds per 1,000 words of the seed's body repeated ``factors`` times."""
    from .analysis import analyze
    from .article import load_article, parse_article

    body = load_article(DEFAULT_ARTICLE).body
    rows, per_k = [], {}
    for factor in factors:
        copies = [distinct_copy(body, k) for k in range(factor)]
        text = f"Title: The seed's body {factor} times\n\n" + "\n\n".join(copies) + "\n"
        words = len(text.split())
        article = parse_article(text)
        # the mean of runs over at least min_seconds (one run of the longest article takes
        # longer): every length averaged over a like stretch of the machine's drifting speed;
        # each run on a fresh copy, nothing cached from the one before
        runs, spent = _repeat(lambda: analyze(replace(article)), min_seconds)
        elapsed = spent / runs
        per_k[factor] = elapsed / words * 1000
        rows.append(Row("c", f"analyze, seed body ×{factor} ({words:,} words): {elapsed:.2f} s",
                        per_k[factor], "s / 1,000 words"))
    lo, hi = min(factors), max(factors)
    if hi > lo:
        growth = per_k[hi] / per_k[lo]
        rows.append(Row("c", f"time per 1,000 words, ×{hi} vs ×{lo}", growth, "×", "≈ 1× or less (linear)",
                        _verdict(growth <= 1.5)))
    return rows


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def format_table(rows: list[Row]) -> str:
    """The bench rows as a plain-text table with each target and whether it was met."""
    width = max(len(r.measure) for r in rows) + 2
    lines = [f"{'':4}{'measure':<{width}}{'value':>10}  {'unit':<16}{'target':<22}result",
             "-" * (width + 60)]
    for r in rows:
        lines.append(f"({r.section}) {r.measure:<{width}}{r.value:>10.3g}  {r.unit:<16}{r.target:<22}{r.verdict}")
    return "\n".join(lines)


def run_bench(quick: bool = False, out: TextIO | None = None, articles: list[str] | None = None) -> int:
    """Run (a), (b), (c) and print the table; ``quick`` is a small smoke run; ``articles``
    (paths, folders, globs) adds (a+), the floor and ``analyze`` on those. Returns 0."""
    from .batch import default_workers

    out = out or sys.stdout
    start = time.perf_counter()
    shipped = bench_articles()
    extra, unusable = corpus_articles(articles) if articles else ([], 0)
    if articles and not extra:
        raise BenchError(f"{', '.join(articles)}: no usable article to measure ({unusable} unusable)")
    header = (f"newsvoices bench{' --quick' if quick else ''}: Python {platform.python_version()}, "
              f"{default_workers()} cores, {len(shipped)} articles from {ARTICLES_DIR}")
    if extra:
        header += f"; (a+) on {len(extra)} articles from {', '.join(articles)}"
        header += f" ({unusable} unusable, left out)" if unusable else ""
    print(header, file=out, flush=True)
    rows = measure_floor(shipped, quick)
    if extra:
        words = sum(len(a.body.split()) for a in extra) // len(extra)
        rows += measure_floor(extra, quick, "a+", f"{len(extra)} articles, {words:,} words on average")
    rows += measure_batch(8 if quick else 200, quick)
    rows += measure_growth((1, 3), 0.0) if quick else measure_growth((1, 10, 100))
    print(format_table(rows), file=out)
    print(f"total bench time {time.perf_counter() - start:.1f} s", file=out)
    return 0
