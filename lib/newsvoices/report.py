"""Rendered reports: run every notebook headless on one article and render HTML.

``newsvoices report ARTICLE`` and ``make report`` call :func:`build_report`. The article is
checked before any notebook runs; the output folder is written whole or not at all.
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .article import Article, load_article
from .errors import NewsvoicesError
from .output import atomic_folder
from .paths import NOTEBOOKS_DIR, REPORTS_DIR

if TYPE_CHECKING:
    from traitlets.config import Config

#: Tag of notebook cells left out of the rendered HTML (imports, display settings).
HIDDEN_TAG = "setup"
#: The files a report folder holds (an earlier report's folder may be replaced, nothing else).
REPORT_FILES = ("[0-9][0-9]_*.ipynb", "[0-9][0-9]_*.html", "index.html", "article.txt")


class ReportError(NewsvoicesError):
    """A notebook failed while building a report."""


def article_notebooks() -> list[Path]:
    """The per-article notebooks, in reading order (``NN_name.ipynb`` with one ``ARTICLE`` parameter)."""
    import nbformat

    found = []
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        params = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        if params and "ARTICLE =" in params[0].source:
            found.append(path)
    return found


def render_html(executed: Path, target: Path) -> None:
    """Render an executed notebook to standalone HTML, figures embedded, setup cells hidden."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = {HIDDEN_TAG}
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=config)
    body, _ = exporter.from_filename(str(executed))
    target.write_text(body, encoding="utf-8")


def kernel_config() -> "Config":
    """Settings for the headless kernels: on POSIX systems the kernel talks over local
    sockets (IPC) rather than unencrypted TCP on localhost, which ipykernel warns about."""
    from traitlets.config import Config

    config = Config()
    if os.name == "posix":
        config.KernelManager.transport = "ipc"
    return config


def run_notebook(notebook: Path, target: Path, parameters: dict) -> None:
    """Execute ``notebook`` with papermill into ``target``; failures become :class:`ReportError`."""
    import papermill as pm

    try:
        pm.execute_notebook(str(notebook), str(target), parameters=parameters, kernel_name="python3",
                            cwd=str(NOTEBOOKS_DIR), progress_bar=False, config=kernel_config())
    except pm.PapermillExecutionError as exc:
        raise ReportError(f"{notebook.name} failed on {parameters.get('ARTICLE')}: {exc.ename}: {exc.evalue}") from None


def _index_html(article: Article, pages: list[Path]) -> str:
    meta = article.metadata()
    title = meta["title"] or article.name
    facts = " · ".join(html.escape(str(meta[k])) for k in ("source", "date", "dateline") if meta[k])
    items = "\n".join(f'<li><a href="{p.name}">{html.escape(p.stem.replace("_", " "))}</a></li>' for p in pages)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body style='font-family:sans-serif;max-width:48em;margin:2em auto'>"
            f"<h1>{html.escape(title)}</h1><p>{facts or 'no source or date stated'}</p>"
            f"<p>Article file: <code>{html.escape(str(article.path or 'stdin'))}</code></p>"
            f"<h2>Notebooks</h2><ol>{items}</ol></body></html>")


def build_report(article_path: str | Path, out: str | Path | None = None, progress: bool = True) -> Path:
    """Run every article notebook on ``article_path`` and render HTML into ``out``.

    ``out`` defaults to ``reports/<article-slug>/``. Returns the folder, which holds each
    executed ``.ipynb``, its ``.html`` and an ``index.html`` linking them.
    """
    article = load_article(article_path)  # fail fast, before any kernel starts
    out = Path(out) if out else REPORTS_DIR / article.slug
    notebooks = article_notebooks()
    with atomic_folder(out, REPORT_FILES) as tmp:
        if article.path is None:  # stdin: the notebooks need a file; keep it with the report
            source = tmp / "article.txt"
            source.write_text(article.text, encoding="utf-8")
        else:
            source = article.path.resolve()
        pages = []
        for i, notebook in enumerate(notebooks, 1):
            if progress:
                print(f"[{i}/{len(notebooks)}] running {notebook.name} on {article.name}", file=sys.stderr)
            executed = tmp / notebook.name
            run_notebook(notebook, executed, {"ARTICLE": str(source)})
            render_html(executed, executed.with_suffix(".html"))
            pages.append(executed.with_suffix(".html"))
        (tmp / "index.html").write_text(_index_html(article, pages), encoding="utf-8")
    return out
