"""Robustness: arbitrary text never raises anything but the documented errors, offsets always
index the text, bad files give one clear line naming the file (API, `report`, `batch`),
outputs appear whole or not at all, and inputs are never modified."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import newsvoices as nv
from newsvoices import report as report_module
from newsvoices.article import parse_article
from newsvoices.errors import NewsvoicesError
from newsvoices.paths import DEFAULT_ARTICLE

from conftest import digest

# --- Arbitrary text ---------------------------------------------------------------------------

QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "`"]
PIECES = QUOTES + [
    " ", " ", "\n", "\n\n", "\n \n", ".", ",", "?", "!", ":", ";", " -- ", "\u2014", "...", "(", ")",
    "said", " said ", "he said", "she said", "they said", "Mr. ", "Mrs. Alder", "Gates", "Putin", "the mayor",
    " told reporters ", "according to", " insisted that ", "called for", "We ", "It is ", "U.S.", "Jan. 5",
    "Москва заявила", "北京说", "قال الوزير", "Ελλάδα", "😀", "\u200b", "\ufeff", "\u00a0", "\u202e",
    "\x00", "\x07", "\x1b", "\r", "\t", "\x0b", "\x0c", "\x85", "\u2028",
    "Title: ", "Date: 2011-01-01", "# ", "---", "MOSCOW (AP) \u2014 ", "- Associated Press - Tuesday, March 22, 2011",
    "Click to Read More", "a", "b", "Word", "1,000",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=60).map("".join)
QUOTE_SOUP = st.lists(st.sampled_from(QUOTES + [" ", "\n\n", "word", "said", "."]), min_size=1, max_size=80).map("".join)
LEAD = "The council met on Monday. "

SPANS = [("start", "end"), ("mention_start", "mention_end"), ("cue_start", "cue_end"),
         ("target_start", "target_end"), ("utterance_start", "utterance_end")]
#: Columns holding the text of their own span (table, text column, start, end).
SPAN_TEXT = [("sentences", "text", "start", "end"), ("tokens", "token", "start", "end"),
             ("utterances", "text", "start", "end"), ("utterances", "cue", "cue_start", "cue_end"),
             ("utterances", "mention", "mention_start", "mention_end")]

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def analyze_or_documented_error(article_or_path):
    """The analysis, or None when a documented error was raised; anything else propagates."""
    try:
        return nv.analyze(article_or_path)
    except NewsvoicesError as exc:
        assert "\n" not in str(exc)
        return None


def check_offsets(analysis) -> None:
    text = analysis.article.text
    for name, table in analysis.tables().items():
        for s_col, e_col in SPANS:
            if s_col in table.columns and e_col in table.columns:
                for s, e in zip(table[s_col], table[e_col]):
                    if pd.isna(s) or pd.isna(e) or (s, e) == (-1, -1):  # -1: no such span (e.g. no cue)
                        continue
                    assert 0 <= s <= e <= len(text), (name, s_col, s, e, len(text))
    tables = analysis.tables()
    for name, col, s_col, e_col in SPAN_TEXT:
        table = tables.get(name)
        if table is None or not {col, s_col, e_col} <= set(table.columns):
            continue
        for value, s, e in zip(table[col], table[s_col], table[e_col]):
            if s >= 0 and isinstance(value, str) and value:
                assert text[s:e] == value, (name, col, s, e)


@FAST
@given(TEXT)
def test_arbitrary_text_parse_article(text):
    analysis = analyze_or_documented_error(parse_article(LEAD + text))
    if analysis is not None:
        check_offsets(analysis)


@FAST
@given(TEXT)
def test_arbitrary_text_without_lead(text):
    article = parse_article(text)
    # An article without a word in its body is refused by load_article; given directly it
    # hits a known bug (test_empty_body_through_parse_article), so it is left out here.
    assume(any(ch.isalnum() for ch in article.body))
    analysis = analyze_or_documented_error(article)
    if analysis is not None:
        check_offsets(analysis)


@FAST
@given(QUOTE_SOUP)
def test_unbalanced_and_nested_quotes(text):
    for candidate in (LEAD + text, f"{LEAD}\u201cOuter \u2018inner \"deep {text}\u2019 \u201d said Ann.", f'"{text}'):
        analysis = analyze_or_documented_error(parse_article(candidate))
        if analysis is not None:
            check_offsets(analysis)


def test_empty_body_through_parse_article():
    analysis = analyze_or_documented_error(parse_article(""))
    assert analysis is None or analysis.sentences.empty


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_arbitrary_files(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"article{suffix}"
    path.write_bytes(data)
    before = digest(path)
    try:
        analysis = nv.analyze(path)
    except NewsvoicesError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
    else:
        check_offsets(analysis)
    assert digest(path) == before


# --- Every article notebook on any usable article ------------------------------------------

NAMES = ["Ana Ruiz", "Mayor Ana Ruiz", "Ruiz", "Bo Hart", "the council", "Critics", "he", "she", "they"]
CLAUSES = ["the bridge is safe", "we will not wait", "the plan is a disgrace", "costs rose 5%",
           "nobody asked us", "it is wonderful news", "12 to 7", "the vote was rushed and unfair"]
NEWS_SENTENCE = st.one_of(
    st.builds('"{}," {} said.'.format, st.sampled_from(CLAUSES), st.sampled_from(NAMES)),
    st.builds("{} said {}.".format, st.sampled_from(NAMES), st.sampled_from(CLAUSES)),
    st.builds('{} called the plan "{}."'.format, st.sampled_from(NAMES), st.sampled_from(CLAUSES)),
    st.builds('"{}'.format, st.sampled_from(CLAUSES)),  # a quote never closed
    st.builds("{}.".format, st.sampled_from(CLAUSES)),
    st.just("12 to 7."),
)
NEWS_ARTICLE = st.lists(st.lists(NEWS_SENTENCE, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4).map(
    lambda paragraphs: "Title: Bridge\n\n" + "\n\n".join(paragraphs) + "\n")


def _notebook_code() -> list[tuple[str, list[str]]]:
    """(name, code cells) of each per-article notebook; the first cell is its parameters."""
    import nbformat

    return [(path.name, [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"])
            for path in report_module.article_notebooks()]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(NEWS_ARTICLE, TEXT))
def test_every_article_notebook_runs_on_any_usable_article(tmp_path_factory, text):
    """The notebooks' own code, cell by cell, on short generated articles: one sentence,
    equal lengths, no content word, one speaker, quotes never closed. The fast stand-in for
    a report (``newsvoices report`` runs the same cells in a kernel)."""
    import contextlib
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = tmp_path_factory.mktemp("nb") / "article.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    if analyze_or_documented_error(path) is None:
        return  # refused with one clear line: report does the same before any notebook runs
    for name, (parameters, *cells) in _notebook_code():
        namespace: dict = {}
        exec(parameters, namespace)  # the notebook's defaults, with this article (as papermill does)
        namespace["ARTICLE"] = str(path)
        with contextlib.redirect_stdout(io.StringIO()):
            for index, source in enumerate(cells, 2):
                try:
                    exec(compile(source, f"{name} cell {index}", "exec"), namespace)
                finally:
                    plt.close("all")


@pytest.mark.parametrize("text", [
    "No sentence punctuation at all just words running on and on said the mayor " * 50,
    "\u201c\u201c\u201c\u201d\u201d \u2018\u2019\u2019 \"\"\" ''' \u00ab\u00bb\u00bb",
    "\u201cOnly a quote, never closed,\n\n\u201canother paragraph of it,\n\n\u201cand a third.",
    "Москва заявила: «Это неприемлемо», — сказал министр. 北京说。 The U.S. said \u201cno.\u201d قال الوزير",
    "Control\x00chars\x07 in\x1b the\x0b body\x0c said\x85 Ann\u2028. \u202eReversed\u202c text.",
])
def test_hand_picked_hard_texts(text):
    analysis = analyze_or_documented_error(parse_article(text))
    if analysis is not None:
        check_offsets(analysis)


def test_one_megabyte_paragraph():
    """A single 1 MB paragraph (the seed's sentences run together) completes. Timing recorded
    in the project report: ~70 s on the reference machine, most of it in stance._outermost
    (quadratic over utterances) and attribution._rows / _resolve_speakers."""
    body = nv.load_article(DEFAULT_ARTICLE).body.replace("\n\n", " ")
    text = ("Title: One paragraph\n\n" + (body + " ") * (1_000_000 // len(body) + 1))[:1_000_000]
    start = time.perf_counter()
    analysis = nv.analyze(parse_article(text))
    elapsed = time.perf_counter() - start
    assert analysis.sentences["paragraph"].nunique() == 1 and len(analysis.sentences) > 5000
    check_offsets(analysis)
    assert elapsed < 300, f"1 MB paragraph took {elapsed:.0f} s"


# --- Bad files through the API, `report` and `batch` ---------------------------------------------

BAD = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00",
    "latin1.txt": "Caf\u00e9 owners said prices rose.".encode("latin-1"),
    "dateline-only.txt": "MOSCOW (AP) \u2014 \n\n".encode(),
    "nav-only.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
}


@pytest.fixture()
def bad_files(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    return folder


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsvoices.cli", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_through_api_and_report(bad_files, tmp_path, name):
    path = bad_files / name
    before = digest(path)
    with pytest.raises(nv.ArticleError) as info:
        nv.analyze(path)
    assert str(path) in str(info.value)
    out = tmp_path / "report"
    done = cli("report", str(path), "--out", str(out))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(f"newsvoices: error: {path}: ")
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert digest(path) == before


def test_bad_files_through_batch(bad_files, tmp_path):
    before = {p.name: digest(p) for p in bad_files.iterdir()}
    good = tmp_path / "good.txt"
    good.write_bytes(DEFAULT_ARTICLE.read_bytes())
    done = cli("batch", str(bad_files), str(good), str(tmp_path), "--out", str(tmp_path / "out" / "b.csv"), "--workers", "2")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for name in BAD:
        assert f"{bad_files / name}: " in done.stderr
    articles = pd.read_csv(tmp_path / "out" / "b_articles.csv")
    assert articles.set_index("article").loc["good", "status"] == "ok"
    assert sorted(articles.loc[articles["status"] == "failed", "article"]) == sorted(p.rsplit(".", 1)[0] for p in BAD)
    assert before == {p.name: digest(p) for p in bad_files.iterdir()}


def test_directory_given_as_article(tmp_path):
    with pytest.raises(nv.ArticleError, match="is a directory"):
        nv.analyze(tmp_path)
    done = cli("report", str(tmp_path), "--out", str(tmp_path / "r"))
    assert done.returncode == 2 and f"{tmp_path}: is a directory" in done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    done = cli("batch", str(empty), "--out", str(tmp_path / "b.csv"))
    assert done.returncode == 2 and f"{empty}: folder holds no article files" in done.stderr


def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(DEFAULT_ARTICLE.read_bytes())
    path.chmod(0)
    try:
        readable = os.access(path, os.R_OK)  # root reads anyway: then it must simply work
        if readable:
            assert len(nv.analyze(path).sentences) > 0
        else:
            with pytest.raises(nv.ArticleError, match="permission denied"):
                nv.analyze(path)
        done = cli("batch", str(path), "--out", str(tmp_path / "b.csv"), "--workers", "1")
        assert done.returncode == (0 if readable else 2) and "Traceback" not in done.stderr
        if not readable:
            assert f"{path}: cannot be read (permission denied)" in done.stderr
    finally:
        path.chmod(0o644)


def test_report_folder_whole_or_not_at_all(tmp_path, monkeypatch):
    out = tmp_path / "report"
    out.mkdir()
    (out / "01_previous.html").write_text("an earlier report")
    calls = []
    real = report_module.run_notebook

    def fail_second(notebook, target, parameters):
        calls.append(notebook)
        if len(calls) == 2:
            raise report_module.ReportError(f"{notebook.name} failed (simulated)")
        return real(notebook, target, parameters)

    monkeypatch.setattr(report_module, "run_notebook", fail_second)
    if len(report_module.article_notebooks()) < 2:
        pytest.skip("needs two notebooks")
    with pytest.raises(report_module.ReportError):
        report_module.build_report(DEFAULT_ARTICLE, out, progress=False)
    assert [p.name for p in out.iterdir()] == ["01_previous.html"]  # the old report untouched
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no temporary folder left


def test_analyze_out_folder_whole_or_not_at_all(tmp_path, monkeypatch):
    from newsvoices import output

    calls = []
    real = pd.DataFrame.to_csv

    def fail_third(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", fail_third)
    with pytest.raises(nv.InputFileError, match=r"tables: could not write the output \(No space left"):
        output.write_tables(nv.analyze(DEFAULT_ARTICLE).tables(), tmp_path / "tables")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_outputs_get_the_permissions_of_any_new_file(tmp_path, umask):
    """Written through private temporary files, outputs still get what the umask gives a
    new file (0o644 and 0o755 under 022): a shared report must be readable by others."""
    from newsvoices import output
    from newsvoices.batch import analyze_many, write_result

    old = os.umask(umask)
    try:
        tables = output.write_tables(nv.analyze(DEFAULT_ARTICLE).tables(), tmp_path / "tables")
        files = write_result(analyze_many([DEFAULT_ARTICLE], workers=1, progress=False), tmp_path / "pooled.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE(tables.stat().st_mode) == 0o777 & ~umask
    for path in [*tables.iterdir(), *files.values()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path.name


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "newsvoices.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("command", ["analyze", "report"])
def test_an_output_folder_is_replaced_only_when_it_holds_earlier_output(tmp_path, command):
    """--out never deletes what a user keeps: a file, or a folder with other files in it,
    is refused before any work, untouched, with one line; an earlier output is replaced."""
    article = tmp_path / "brief.txt"
    article.write_text('Brief\n\n"The bridge opens in June," Mayor Ana Ruiz said.\n', encoding="utf-8")
    kept = tmp_path / "notes.txt"
    kept.write_text("my notes", encoding="utf-8")
    done = _cli(command, article, "--out", kept)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith(f"{kept}: exists and is not a folder; give a folder for the output")
    assert kept.read_text(encoding="utf-8") == "my notes"

    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_bytes(b"years of work")
    (home / "survey.csv").write_text("a\n1\n", encoding="utf-8")  # a table, but not one of ours
    done = _cli(command, article, "--out", home)
    assert done.returncode == 2 and "holds files this command does not write (" in done.stderr
    assert "'thesis.docx')" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in home.iterdir()) == ["survey.csv", "thesis.docx"]
    assert (home / "thesis.docx").read_bytes() == b"years of work"

    out = tmp_path / "out"
    assert _cli(command, article, "--out", out).returncode == 0
    first = sorted(p.name for p in out.iterdir())
    assert _cli(command, article, "--out", out).returncode == 0  # an earlier output: replaced
    assert sorted(p.name for p in out.iterdir()) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.txt", "home", "notes.txt", "out"]  # nothing left over
