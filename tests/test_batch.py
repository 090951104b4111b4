"""Batch analysis: many articles, pooled tables, failures reported and skipped."""

import os
import subprocess
import sys

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices import analysis as analysis_module
from newsvoices.batch import (ARTICLE_COLUMNS, MAX_CHUNK, BatchError, _chunks, analyze_many, expand_paths,
                              read_result, write_result)
from newsvoices.paths import ARTICLES_DIR, DEFAULT_ARTICLE

from conftest import SECOND_ARTICLE, digest

META = ["article", "article_title", "article_source", "article_date"]


def strip_meta(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop(columns=[c for c in META if c in table.columns]).reset_index(drop=True)


def test_expand_paths_folders_globs_files(corpus, tmp_path):
    files = expand_paths([corpus, str(corpus / "h*.txt"), corpus / "missing.txt"])
    assert [p.name for p in files] == ["broken.txt", "harbor.txt", "seed.txt", "missing.txt"]
    with pytest.raises(BatchError, match="no article files .* match"):
        expand_paths([str(tmp_path / "*.nothing")])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BatchError, match="no article files"):
        expand_paths([empty])
    with pytest.raises(BatchError, match="not standard input"):
        expand_paths(["-"])


@pytest.mark.parametrize("workers", [1, 2])
def test_results_equal_one_by_one_analyze(corpus, workers, capsys):
    result = analyze_many([corpus], workers=workers, progress=True)
    articles = result.articles
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert list(articles["article"]) == ["broken", "harbor", "seed"]
    assert list(articles["status"]) == ["failed", "ok", "ok"]
    assert "binary" in articles.loc[0, "error"] and str(corpus / "broken.txt") in articles.loc[0, "error"]
    assert [f.article for f in result.failures] == ["broken"]
    assert f"{corpus / 'broken.txt'}: looks like binary" in capsys.readouterr().err
    for stem in ("harbor", "seed"):
        alone = nv.analyze(corpus / f"{stem}.txt")
        row = articles.set_index("article").loc[stem]
        assert row["n_sentences"] == len(alone.sentences)
        assert row["title"] == alone.article.title or (pd.isna(row["title"]) and alone.article.title is None)
        for name, table in alone.tables().items():
            if name in ("sentences", "tokens"):
                continue
            pooled = result.tables[name]
            mine = pooled[pooled["article"] == stem]
            assert list(mine.columns[:4]) == META
            pd.testing.assert_frame_equal(strip_meta(mine), table.reset_index(drop=True), check_dtype=False)


def test_workers_agree(corpus):
    one = analyze_many([corpus], workers=1, progress=False)
    two = analyze_many([corpus], workers=2, progress=False)
    assert one.tables.keys() == two.tables.keys()
    for name in one.tables:
        pd.testing.assert_frame_equal(one.tables[name], two.tables[name])


def test_generic_over_analysis_tables(corpus, monkeypatch):
    """A table added to Analysis.tables() later appears in the batch output unchanged."""
    original = analysis_module.Analysis.tables

    def with_extra(self):
        return {**original(self), "quotes_per_paragraph": self.sentences.groupby("paragraph").size()
                .rename("n").reset_index()}

    monkeypatch.setattr(analysis_module.Analysis, "tables", with_extra)
    result = analyze_many([corpus / "harbor.txt"], workers=1, progress=False)
    assert "quotes_per_paragraph" in result.tables and "tokens" not in result.tables
    assert set(result.tables["quotes_per_paragraph"]["article"]) == {"harbor"}


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_cli_writes_every_table(corpus, tmp_path, suffix):
    before = {p.name: digest(p) for p in corpus.iterdir()}
    out = tmp_path / "out" / f"pooled{suffix}"
    done = subprocess.run([sys.executable, "-m", "newsvoices.cli", "batch", str(corpus), str(ARTICLES_DIR / "*.md"),
                           "--out", str(out), "--workers", "2"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # one article failed, the others were written
    assert "broken.txt: looks like binary data" in done.stderr and "Traceback" not in done.stderr
    tables = read_result(out)
    main = tables.pop("main")
    assert "articles" in tables and len(tables["articles"]) == 4
    assert list(main.columns[:4]) == META and set(main["article"]) <= {"harbor", "seed"}
    assert set(main["article"]) == {"harbor", "seed"} or "utterances" not in nv.analyze(DEFAULT_ARTICLE).tables()
    expected = {n for n in nv.analyze(DEFAULT_ARTICLE).tables() if n not in ("sentences", "tokens", "utterances")}
    assert expected <= set(tables)
    assert before == {p.name: digest(p) for p in corpus.iterdir()}
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_cli_all_failed_and_bad_output(corpus, tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "newsvoices.cli", "batch", *a],  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    done = run(str(corpus / "broken.txt"), str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o.csv"), "--workers", "1")
    assert done.returncode == 2 and "nope.txt: no such file" in done.stderr
    assert pd.read_csv(tmp_path / "o_articles.csv")["status"].tolist() == ["failed", "failed"]
    done = run(str(corpus), "--out", str(tmp_path / "o.xlsx"))
    assert done.returncode == 2 and done.stderr.strip().endswith("must end in .csv or .parquet, not '.xlsx'")
    assert "Traceback" not in done.stderr
    done = run(str(tmp_path / "*.none"), "--out", str(tmp_path / "o.csv"))
    assert done.returncode == 2 and "match this pattern" in done.stderr
    done = run(str(corpus), "--out", str(tmp_path / "o.csv"), "--workers", "0")
    assert done.returncode == 2 and "at least 1" in done.stderr


def test_write_result_is_all_or_nothing(corpus, tmp_path, monkeypatch):
    result = analyze_many([corpus / "harbor.txt"], workers=1, progress=False)
    calls = []

    def failing_to_csv(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return original(self, path, *args, **kwargs)

    original = pd.DataFrame.to_csv
    monkeypatch.setattr(pd.DataFrame, "to_csv", failing_to_csv)
    with pytest.raises(BatchError, match="No space left"):
        write_result(result, tmp_path / "o.csv")
    assert list(tmp_path.glob("*o*.csv")) == [] and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_tables_of_differing_dtypes_stack_as_pandas_would():
    from newsvoices.batch import _plain, _with_metadata

    first = pd.DataFrame({"n": [1, 2], "who": ["a", "b"]}).astype({"who": object})
    second = pd.DataFrame({"n": [0.5], "who": ["c"]}).astype({"who": object})  # float where the first has int
    odd = pd.DataFrame({"n": [3], "who": pd.Categorical(["d"])})  # a dtype sent as a DataFrame
    assert _plain(odd) is odd and not isinstance(_plain(first), pd.DataFrame)
    rows = [{"article": x, "title": None, "source": None, "date": None} for x in "xyz"]
    stacked = _with_metadata(list(zip(rows, [_plain(first), _plain(second), _plain(odd)])))
    expected = pd.concat([first, second, odd], ignore_index=True)
    pd.testing.assert_frame_equal(stacked.drop(columns=META), expected)
    assert list(stacked["article"]) == ["x", "x", "y", "z"]
    same = _with_metadata(list(zip(rows, [_plain(first), _plain(first)])))
    pd.testing.assert_frame_equal(same.drop(columns=META), pd.concat([first, first], ignore_index=True))


def test_chunks_keep_order_and_size():
    jobs = list(range(203))
    chunks = _chunks(jobs, 2)
    assert [j for chunk in chunks for j in chunk] == jobs
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) == MAX_CHUNK and sizes == sorted(sizes, reverse=True) and sizes[-8:] == [1] * 8
    assert _chunks(jobs[:5], 2) == [[0], [1], [2], [3], [4]]  # few articles: one per task


def test_articles_taken_a_few_at_a_time_come_back_in_order(tmp_path):
    """With enough articles that workers take several per task, a failing one is still
    reported alone and every table equals the one-worker run."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"a{i:02d}.txt").write_text(SECOND_ARTICLE.replace("Alder", f"Alder{i}"), encoding="utf-8")
    (folder / "a17x.txt").write_bytes(b"\x00\x01binary")
    assert max(map(len, _chunks(list(range(41)), 2))) > 1
    one = analyze_many([folder], workers=1, progress=False)
    two = analyze_many([folder], workers=2, progress=False)
    assert [f.article for f in two.failures] == ["a17x"]
    assert list(two.articles["article"]) == sorted(p.stem for p in folder.iterdir())
    for name in one.tables:
        pd.testing.assert_frame_equal(one.tables[name], two.tables[name])


def test_article_ids_are_unique_and_files_are_read_once(tmp_path):
    for folder, name in (("x", "a.txt"), ("y", "a.txt"), ("z", "a-2.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(SECOND_ARTICLE, encoding="utf-8")
    (tmp_path / "x" / "link.txt").symlink_to(tmp_path / "x" / "a.txt")  # the same article again
    files = expand_paths([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["x/a.txt", "y/a.txt", "z/a-2.txt"]
    ids = analyze_many(files, workers=1, progress=False).articles["article"].tolist()
    assert ids[0] == "a" and ids[2] == "a-2" and len(set(ids)) == 3  # y/a.txt does not take z's own id


def test_a_file_name_that_is_not_utf8_is_shown_with_escapes(tmp_path):
    name = tmp_path / os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name from an old archive
    name.write_text(SECOND_ARTICLE, encoding="utf-8")
    result = analyze_many([name], workers=1, progress=False)
    files = write_result(result, tmp_path / "out" / "o.csv")
    articles = pd.read_csv(files["articles"])
    assert articles["article"].tolist() == ["caf\\xe9"] and articles["status"].tolist() == ["ok"]


def test_the_output_is_checked_before_any_work(corpus, tmp_path, monkeypatch, capsys):
    from newsvoices import batch as batch_module
    from newsvoices.cli import main

    monkeypatch.setattr(batch_module, "analyze_many", lambda *a, **k: pytest.fail("analysed before checking --out"))
    assert main(["batch", str(corpus), "--out", str(tmp_path / "o.xlsx")]) == 2
    assert "must end in .csv or .parquet, not '.xlsx'" in capsys.readouterr().err
    notes, table = corpus / "notes.csv", corpus / "o_people.csv"  # files named explicitly may have any suffix
    table.write_text("kept,by,the,user\n", encoding="utf-8")
    before = {p: digest(p) for p in (notes, table)}
    assert main(["batch", str(notes), "--out", str(notes)]) == 2  # the output is an input
    assert main(["batch", str(table), "--out", str(corpus / "o.csv")]) == 2  # a table beside it is one
    err = capsys.readouterr().err
    assert err.count("would overwrite the input") == 2 and "Traceback" not in err
    assert before == {p: digest(p) for p in (notes, table)}


def test_tables_of_an_earlier_batch_are_not_left_beside_a_new_one(corpus, tmp_path):
    out = tmp_path / "o.csv"
    first = write_result(analyze_many([corpus / "harbor.txt"], workers=1, progress=False), out)
    assert "people" in first and first["people"].exists()
    second = write_result(analyze_many([corpus / "broken.txt"], workers=1, progress=False), out)
    assert "people" not in second and not first["people"].exists()
    assert set(read_result(out)) == {"main", *second} - {"utterances"}


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_an_interrupted_batch_stops_its_workers_and_writes_nothing(tmp_path, signal_name):
    import signal
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"a{i:04d}.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    out = tmp_path / "out" / "o.csv"
    proc = subprocess.Popen([sys.executable, "-m", "newsvoices.cli", "batch", str(folder), "--out", str(out),
                             "--workers", "2", "--quiet"], stderr=subprocess.PIPE, text=True, start_new_session=True)
    workers: list[str] = []
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:  # signal once the pool is at work, not after a guess
        time.sleep(0.1)
        workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    time.sleep(0.5)
    if signal_name == "SIGINT":
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal reaches the whole process group
    else:
        proc.send_signal(signal.SIGTERM)  # `kill PID` reaches the main process only
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"batch still running 30 s after {signal_name}")
    if proc.returncode == 0:
        pytest.skip("the batch finished before the signal")
    assert proc.returncode == 130 and err.strip().splitlines()[-1] == "newsvoices: interrupted", err
    assert "Traceback" not in err and not out.exists()
    time.sleep(0.5)
    assert workers and not [w for w in workers if os.path.exists(f"/proc/{w}")], "workers left running"
