"""Notebook 04 (corpus comparison) runs headless from any directory, and its library
functions cope with empty tables and missing columns."""

import matplotlib

matplotlib.use("Agg")

import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import papermill as pm  # noqa: E402
import pytest  # noqa: E402

from newsvoices import corpus  # noqa: E402
from newsvoices.batch import BatchResult, analyze_many  # noqa: E402
from newsvoices.paths import NOTEBOOKS_DIR  # noqa: E402
from newsvoices.report import article_notebooks, kernel_config  # noqa: E402

from conftest import SECOND_ARTICLE  # noqa: E402

NOTEBOOK = NOTEBOOKS_DIR / "04_corpus.ipynb"


def problems(path):
    nb = nbformat.read(path, as_version=4)
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]


def test_notebook_is_committed_clean():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is None and not c.outputs for c in code)
    assert "parameters" in code[0].metadata.tags and 'CORPUS = "data/articles"' in code[0].source
    assert "setup" in code[1].metadata.tags and "notebook.setup()" in code[1].source
    assert NOTEBOOK not in article_notebooks()  # a corpus notebook, not run per article by `report`


def test_runs_headless_on_default_corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative CORPUS resolves from the project root, not the cwd
    out = tmp_path / "04.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(out), kernel_name="python3", progress_bar=False,
                        config=kernel_config())
    assert not problems(out)
    nb = nbformat.read(out, as_version=4)
    images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert images >= 4


@pytest.mark.parametrize("kind", ["one article, no quotes", "bad files only"])
def test_runs_on_corpus_without_speakers(tmp_path, kind):
    folder = tmp_path / "corpus"
    folder.mkdir()
    if kind == "one article, no quotes":
        (folder / "brief.txt").write_text("Title: Brief\n\nThe bridge closed on Monday. It reopens in June.\n")
    else:
        (folder / "broken.txt").write_bytes(b"\x00\x01")
    out = tmp_path / "04.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(out), parameters={"CORPUS": str(folder)},
                        kernel_name="python3", progress_bar=False, config=kernel_config())
    assert not problems(out)


def test_functions_cope_with_missing_tables_and_columns(tmp_path):
    (tmp_path / "a.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    real = analyze_many([tmp_path], workers=1, progress=False)
    stripped = BatchResult(tables={"articles": real.articles,
                                   "utterances": real["utterances"].drop(columns=["side", "kind"], errors="ignore")})
    for result in (real, stripped, BatchResult(tables={"articles": real.articles})):
        for table_fn, plot_fn in [(corpus.utterances_per_article, corpus.plot_utterances_per_article),
                                  (corpus.sides_per_article, corpus.plot_sides_per_article),
                                  (corpus.shared_speakers, corpus.plot_speaker_sentiment),
                                  (corpus.speaker_stance_across, corpus.plot_speaker_stance)]:
            table = table_fn(result)
            assert isinstance(table, pd.DataFrame)
            assert not table.empty or table.attrs.get("note")
            ax = plot_fn(table)
            assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
            matplotlib.pyplot.close("all")
    assert "no 'stance' table" in corpus.speaker_stance_across(stripped).attrs["note"]
    assert "no column 'side'" in corpus.sides_per_article(stripped).attrs["note"]
    assert "quoted in 2 or more" in corpus.shared_speakers(real).attrs["note"]  # one article only
