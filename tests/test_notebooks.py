"""Every notebook runs headless from a fresh kernel — on the seed (through the same
report command as `make report`) and on a second article the tests write — with no errors."""

import os

import nbformat
import papermill as pm
import pytest

from newsvoices.paths import NOTEBOOKS_DIR
from newsvoices.report import article_notebooks, build_report, kernel_config

NOTEBOOKS = article_notebooks()


def error_outputs(path):
    nb = nbformat.read(path, as_version=4)
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr" and "Error" in o.text)]


def test_article_notebooks_are_found():
    names = [p.name for p in NOTEBOOKS]
    assert names[0] == "01_tokenization.ipynb"
    assert names == sorted(names)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    return build_report(NOTEBOOKS_DIR.parent / "data" / "articles" / "ap-2011-03-22-gates-moscow-libya.txt",
                        tmp_path_factory.mktemp("reports") / "seed", progress=False)


def test_report_on_seed_renders_every_notebook(seed_report):
    for notebook in NOTEBOOKS:
        executed = seed_report / notebook.name
        assert executed.exists() and not error_outputs(executed)
        html = (seed_report / notebook.with_suffix(".html").name).read_text(encoding="utf-8")
        assert html.count("data:image/png;base64") >= 1  # figures embedded
        assert "notebook.setup()" not in html  # setup cells hidden
    index = (seed_report / "index.html").read_text(encoding="utf-8")
    assert "Associated Press" in index and "2011-03-22" in index
    assert all(n.with_suffix(".html").name in index for n in NOTEBOOKS)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_a_second_article(notebook, second_article, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # papermill runs from the caller's directory: must not matter
    out = tmp_path / notebook.name
    pm.execute_notebook(str(notebook), str(out), parameters={"ARTICLE": str(second_article)},
                        kernel_name="python3", progress_bar=False, config=kernel_config())
    assert not error_outputs(out)


@pytest.mark.skipif(os.name != "posix", reason="IPC transport is POSIX only")
def test_report_kernels_talk_over_local_sockets_not_tcp():
    assert kernel_config().KernelManager.transport == "ipc"
