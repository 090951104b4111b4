"""Many articles at once: ``newsvoices batch`` and :func:`analyze_many`.

Every article is analysed exactly as :func:`newsvoices.analyze` would analyse it alone, in
a pool of worker processes. The per-article tables of :meth:`Analysis.tables` (all but
``sentences`` and ``tokens``, which are too fine-grained to pool) are stacked into one
table each, with the article's id (its file stem) and metadata in front, plus an
``articles`` table with one row per input — ``status`` ``"ok"`` or ``"failed"`` and the
error. A failing article is reported and skipped; it never stops the batch.

The code is generic over ``analysis.tables()``: a table added to :class:`Analysis` later
appears in the batch output without any change here.
"""

from __future__ import annotations

import glob
import os
import signal
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd

from .errors import MissingResourceError, NewsvoicesError
from .frames import frame, plain_columns
from .output import creation_mode
from .paths import path_exists

if TYPE_CHECKING:
    import multiprocessing.context

#: Files picked up from a folder or a glob (a file named explicitly may have any suffix).
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
#: Tables left out of the batch output (one row per sentence / token: too fine to pool).
SKIPPED_TABLES = ("sentences", "tokens")
#: The table written to FILE itself; the first that exists wins (utterances, when attribution exists).
MAIN_TABLES = ("utterances", "sentences")
#: Article metadata put in front of every pooled row (column name, key in the ``articles``
#: row). Prefixed, because article tables have columns of their own called ``title`` (people's titles) etc.
META_COLUMNS = (("article", "article"), ("article_title", "title"), ("article_source", "source"),
                ("article_date", "date"))
ARTICLE_COLUMNS = ["article", "path", "title", "source", "date", "n_sentences", "status", "error"]
OUTPUT_SUFFIXES = (".csv", ".parquet")


class BatchError(NewsvoicesError):
    """The batch cannot run or write its output (no inputs, bad output file name ...)."""


@dataclass
class Failure:
    """An article the batch skipped: its id, its path and the problem (one line)."""

    article: str
    path: str
    error: str


@dataclass
class BatchResult:
    """What :func:`analyze_many` returns.

    Attributes:
        tables: pooled tables by name — ``articles`` first, then every table of
            :meth:`Analysis.tables` except sentences and tokens (and ``sentences`` itself
            when there is no ``utterances`` table), each with ``article``,
            ``article_title``, ``article_source``, ``article_date`` columns in front.
        failures: the articles that could not be analysed.
    """

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def articles(self) -> pd.DataFrame:
        """One row per article (:data:`ARTICLE_COLUMNS`): id, path, metadata, status, error."""
        return self.tables["articles"]

    @property
    def main_table(self) -> str:
        """Name of the one-row-per-utterance table (``sentences`` before attribution existed)."""
        return next((t for t in MAIN_TABLES if t in self.tables), "articles")


# --- Inputs -----------------------------------------------------------------------------

def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named by ``paths``: files as given; folders (recursively, hidden files
    skipped) and glob patterns contribute only article files (``ARTICLE_SUFFIXES``, so
    side files such as ``<stem>.speakers.toml`` are left out). In order, without duplicates.

    A folder or pattern that matches nothing raises :class:`BatchError`, naming it.
    """
    found: list[Path] = []
    for item in paths:
        text = str(item)
        if text == "-":
            raise BatchError("-: batch reads files, folders and globs, not standard input "
                             "(use `newsvoices analyze -` for one article)")
        if any(c in text for c in "*?[") and not path_exists(Path(text)):
            matches = [Path(m) for m in sorted(glob.glob(os.path.expanduser(text), recursive=True))]
            matches = [m for m in matches if not m.is_dir() and m.suffix.lower() in ARTICLE_SUFFIXES]
            if not matches:
                raise BatchError(f"{text}: no article files ({', '.join(ARTICLE_SUFFIXES)}) match this pattern")
            found.extend(matches)
        elif path_exists(Path(text)) and Path(text).is_dir():
            matches = sorted(p for p in Path(text).rglob("*")
                             if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
                             and not any(part.startswith(".") for part in p.relative_to(text).parts))
            if not matches:
                raise BatchError(f"{text}: folder holds no article files ({', '.join(ARTICLE_SUFFIXES)})")
            found.extend(matches)
        else:
            found.append(Path(text))  # missing or unreadable files are reported per article
    seen, unique = set(), []
    for p in found:
        key = os.path.realpath(p)  # a symlink and its target are one article
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _article_ids(paths: list[Path]) -> list[str]:
    """The file stem of each path (see :func:`printable`), made unique with ``-2``, ``-3``
    ... where stems repeat, never equal to another file's own stem (``a``, ``a``, ``a-2``
    give ``a``, ``a-3``, ``a-2``)."""
    stems = [printable(p.stem) for p in paths]
    own, ids = set(stems), []
    for stem in stems:
        candidate, n = stem, 1
        while candidate in ids or (n > 1 and candidate in own):
            n += 1
            candidate = f"{stem}-{n}"
        ids.append(candidate)
    return ids


def printable(text: str) -> str:
    """``text`` (a file name) with any byte that was not UTF-8 shown as ``\\xNN``: Python
    reads such names (e.g. Latin-1 names from an old archive) into characters that cannot
    be written to a UTF-8 file."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# --- One article (runs in a worker) ------------------------------------------------------

def analyze_one(path: str | Path, article_id: str | None = None) -> tuple[dict, dict[str, pd.DataFrame]]:
    """Analyse one article for the batch: its ``articles`` row and its tables to pool (the
    metadata columns are put in front when the tables are pooled, see :func:`_combine`).

    Never raises for a bad article: documented errors become ``status="failed"`` with the
    message; any other exception (a bug) too, with its type, so one article cannot stop a batch.
    """
    from .analysis import analyze

    path = Path(path)
    article_id = article_id or printable(path.stem)
    row = {"article": article_id, "path": printable(str(path)), "title": None, "source": None, "date": None,
           "n_sentences": 0, "status": "ok", "error": None}
    try:
        analysis = analyze(path)
    except NewsvoicesError as exc:
        row.update(status="failed", error=printable(str(exc)))
        return row, {}
    except Exception as exc:  # noqa: BLE001 - a bug in the analysis must not stop the batch
        row.update(status="failed", error=printable(f"{path}: internal error {type(exc).__name__}: {exc}"))
        return row, {}
    meta = analysis.article.metadata()
    row.update(title=meta.get("title"), source=meta.get("source"), date=meta.get("date"),
               n_sentences=len(analysis.sentences))
    tables = analysis.tables()
    keep = [n for n in tables if n not in SKIPPED_TABLES]
    if "utterances" not in tables and "sentences" in tables:
        keep.insert(0, "sentences")
    return row, {name: tables[name] for name in keep}


def _start_worker() -> None:
    """A worker's start: leave Ctrl-C to the parent process (which stops the workers; a
    worker interrupted inside the pool's queue could leave it locked, and each would print
    a traceback), then build every lazily-loaded resource once (lexicons, Punkt, VADER)."""
    from .analysis import analyze
    from .article import parse_article

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the command's own handler, inherited by fork
    try:
        analyze(parse_article('Title: Warm-up\n\nThe mayor said on Monday that "the bridge is safe." '
                              "Residents said they disagreed.\n"))
    except Exception:  # noqa: BLE001 - warm-up is an optimisation only
        pass


@dataclass
class _Columns:
    """A table as plain Python columns and their dtypes: what a worker sends back instead
    of a DataFrame (unpickling one costs the parent about 1.5 ms per article, time taken
    from the workers on a 2-core machine), and what stacks without ``pd.concat``."""

    values: dict[str, list]
    dtypes: dict[str, str]

    def __len__(self) -> int:
        return len(next(iter(self.values.values()), ()))

    def frame(self) -> pd.DataFrame:
        return frame(self.values, self.dtypes)


def _plain(table: pd.DataFrame) -> _Columns | pd.DataFrame:
    """``table`` as :class:`_Columns` when its column names are unique and every column has
    a dtype ``frame`` builds; any other table as it is. (The index is dropped either way
    when tables are pooled.)"""
    plain = plain_columns(table)
    return table if plain is None else _Columns(*plain)


def _job(args: tuple[str, str]) -> tuple[dict, dict[str, _Columns | pd.DataFrame]]:
    row, tables = analyze_one(*args)
    return row, {name: _plain(table) for name, table in tables.items()}


def _jobs(chunk: list[tuple[str, str]]) -> list[tuple[dict, dict[str, _Columns | pd.DataFrame]]]:
    """:func:`_job` for each of a few articles: one task for the pool, one result to send back."""
    return [_job(args) for args in chunk]


#: Most articles a worker takes at once. A task costs the parent process (which shares the
#: cores with the workers) about a millisecond of its own; a few articles per task share it.
MAX_CHUNK = 8


def _chunks(jobs: list, workers: int) -> list[list]:
    """``jobs`` in order, cut into tasks that shrink toward the end: each takes a quarter of
    every worker's share of what is left, at most :data:`MAX_CHUNK` and at least one. The
    last tasks are single articles, so no worker waits long for another to finish."""
    chunks, start = [], 0
    while start < len(jobs):
        size = max(1, min(MAX_CHUNK, (len(jobs) - start) // (4 * workers)))
        chunks.append(jobs[start:start + size])
        start += size
    return chunks


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def mp_context() -> multiprocessing.context.BaseContext | None:
    """fork where available (Linux): workers inherit the imported library instead of importing it again."""
    import multiprocessing as mp

    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp_context(), initializer=_start_worker)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` at once, its workers too, without waiting for their tasks (on Ctrl-C
    or any error): waiting could hang on a worker blocked on the pool's queue."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


def analyze_many(paths: Iterable[str | Path], workers: int | None = None, progress: bool = True) -> BatchResult:
    """Analyse many articles (files, folders, globs) in ``workers`` processes.

    ``workers`` defaults to every core; ``1`` analyses in this process. With ``progress``
    a tqdm bar and one line per failed article go to stderr. Results come back in input
    order and equal one-by-one :func:`newsvoices.analyze`. Raises :class:`BatchError` only
    when there is nothing to analyse.
    """
    from tqdm import tqdm  # plain bar on stderr (tqdm.auto wants ipywidgets in notebooks)

    if workers is not None and workers < 1:
        raise BatchError(f"workers must be at least 1, not {workers}")
    files = expand_paths(paths)
    if not files:
        raise BatchError("no articles given")
    ids = _article_ids(files)
    jobs = [(str(p), i) for p, i in zip(files, ids)]
    workers = max(1, min(workers or default_workers(), len(jobs)))
    results: list[tuple[dict, dict] | None] = [None] * len(jobs)
    bar = tqdm(total=len(jobs), unit="article", desc="analysing", file=sys.stderr,
               disable=not progress, dynamic_ncols=True)

    def done(index: int, result: tuple[dict, dict]) -> None:
        results[index] = result
        row = result[0]
        if row["status"] != "ok" and progress:
            bar.write(f"newsvoices: skipped {row['path']}: {_problem(row)}", file=sys.stderr)
        bar.update()

    try:
        if workers == 1:
            for index, job in enumerate(jobs):
                done(index, _job(job))
        else:
            pool = _pool(workers)
            try:
                chunks = _chunks(list(enumerate(jobs)), workers)
                futures = {pool.submit(_jobs, [job for _, job in chunk]): chunk for chunk in chunks}
                for future in as_completed(futures):
                    for (index, _), result in zip(futures[future], future.result()):
                        done(index, result)
            except BaseException:  # Ctrl-C, termination, a broken pool
                _stop(pool)
                raise
            pool.shutdown()
    finally:
        bar.close()
    return _combine([r for r in results if r is not None])


def _problem(row: dict) -> str:
    error = row["error"] or ""
    prefix = f"{row['path']}: "
    return error[len(prefix):] if error.startswith(prefix) else error


def _combine(results: list[tuple[dict, dict[str, _Columns | pd.DataFrame]]]) -> BatchResult:
    rows = [row for row, _ in results]
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS).astype({"n_sentences": "int64"})
    pooled: dict[str, list[tuple[dict, pd.DataFrame]]] = {}
    for row, tables in results:
        for name, table in tables.items():
            pooled.setdefault(name, []).append((row, table))
    tables = {"articles": articles}
    for name, parts in pooled.items():
        non_empty = [(row, table) for row, table in parts if len(table)]
        tables[name] = _with_metadata(non_empty or parts[:1])
    if not any(name in tables for name in MAIN_TABLES):  # every article failed
        tables[MAIN_TABLES[0]] = pd.DataFrame(columns=[c for c, _ in META_COLUMNS])
    failures = [Failure(r["article"], r["path"], _problem(r)) for r in rows if r["status"] != "ok"]
    return BatchResult(tables=tables, failures=failures)


def _with_metadata(parts: list[tuple[dict, _Columns | pd.DataFrame]]) -> pd.DataFrame:
    """The tables of several articles stacked, each row led by its article's metadata
    (``META_COLUMNS``; a column of the same name already in the table becomes ``<name>_``).
    Given only empty tables, an empty table with the same columns.

    Plain columns of the same names and dtypes are chained into one table directly; any
    other mix is stacked by ``pd.concat`` (which settles differing dtypes)."""
    lengths = [len(table) for _, table in parts]
    meta = {column: np.repeat(np.array([row[key] for row, _ in parts], dtype=object), lengths)
            for column, key in META_COLUMNS}
    first = parts[0][1]
    if all(isinstance(t, _Columns) and t.dtypes == first.dtypes and t.values.keys() == first.values.keys()
           for _, t in parts):
        renamed = {name: f"{name}_" if name in meta else name for name in first.values}
        stacked = {renamed[name]: [v for _, t in parts for v in t.values[name]] for name in first.values}
        return frame({**meta, **stacked}, {renamed[name]: dtype for name, dtype in first.dtypes.items()})
    frames = [t.frame() if isinstance(t, _Columns) else t for _, t in parts]
    stacked = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
    stacked = stacked.rename(columns={name: f"{name}_" for name in meta if name in stacked.columns})
    return pd.concat([frame(meta, {}), stacked], axis=1)


# --- Output ---------------------------------------------------------------------------------

def output_files(result: BatchResult, out: str | Path) -> dict[str, Path]:
    """Where each table goes: the main (utterance) table to ``out``, every other table to
    ``<stem>_<table><suffix>`` beside it (``articles`` included)."""
    out = Path(out)
    files = {}
    for name in result.tables:
        files[name] = out if name == result.main_table else _table_file(out, name)
    return files


def _table_file(out: Path, name: str) -> Path:
    return out.with_name(f"{out.stem}_{name}{out.suffix}")


def _all_table_names() -> list[str]:
    """Every table a batch can write beside its main file: ``articles`` and each table of
    :class:`~newsvoices.analysis.Analysis`."""
    from .analysis import Analysis

    return ["articles", *(f.name for f in fields(Analysis) if f.name != "article")]


def check_output(out: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Raise :class:`BatchError` (or :class:`MissingResourceError` for Parquet without
    pyarrow) when the batch could not write to ``out`` — before any work is done: a wrong
    suffix, a folder, or a name whose tables would replace one of ``inputs``."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        got = f"not {out.suffix!r}" if out.suffix else "such as results.csv"
        raise BatchError(f"{out}: output must end in .csv or .parquet, {got}")
    if out.is_dir():
        raise BatchError(f"{out}: is a folder; give a file name ending in .csv or .parquet")
    if suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise MissingResourceError("Writing Parquet needs pyarrow: `pip install pyarrow`, "
                                       "or give an output file ending in .csv.") from None
    targets = {os.path.realpath(out)} | {os.path.realpath(_table_file(out, n)) for n in _all_table_names()}
    clash = next((p for p in inputs if os.path.realpath(p) in targets), None)
    if clash is not None:
        raise BatchError(f"{out}: the output would overwrite the input {clash}; choose another --out")


def write_result(result: BatchResult, out: str | Path) -> dict[str, Path]:
    """Write every table as CSV or Parquet (by ``out``'s suffix) beside ``out``.

    All files are written under temporary names first and renamed at the end, so a failure
    leaves no partial output. Tables of an earlier batch beside ``out`` that this result
    has not (``<stem>_<table>`` for a table name a batch writes) are removed, so that the
    folder never mixes two runs. Returns the files by table name.
    """
    out = Path(out)
    check_output(out)
    suffix = out.suffix.lower()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"{out.parent}: cannot create the output folder ({exc.strerror or exc})") from None
    files = output_files(result, out)
    written: list[tuple[Path, Path]] = []
    try:
        for name, target in files.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            os.close(fd)
            tmp = Path(tmp_name)
            written.append((tmp, target))
            os.chmod(tmp, creation_mode())
            table = result.tables[name]
            if suffix == ".csv":
                table.to_csv(tmp, index=False)
            else:
                table.to_parquet(tmp, index=False)
        for tmp, target in written:
            os.replace(tmp, target)
        for name in _all_table_names():
            if name not in files:
                _table_file(out, name).unlink(missing_ok=True)
    except (OSError, ValueError, TypeError) as exc:
        raise BatchError(f"{out}: could not write the output ({type(exc).__name__}: {exc})") from None
    finally:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
    return files


def read_result(out: str | Path) -> dict[str, pd.DataFrame]:
    """Read back the tables :func:`write_result` wrote for ``out`` (by table name)."""
    out = Path(out)
    reader = pd.read_csv if out.suffix.lower() == ".csv" else pd.read_parquet
    tables = {}
    for path in sorted(out.parent.glob(f"{glob.escape(out.stem)}_*{out.suffix}")):
        tables[path.stem[len(out.stem) + 1:]] = reader(path)
    if out.exists():
        tables["main"] = reader(out)
    return tables
