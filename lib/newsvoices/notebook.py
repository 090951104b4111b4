"""Small helpers for the notebooks: consistent set-up and article display."""

from __future__ import annotations

import html
import sys

import pandas as pd

from .article import Article


def setup() -> None:
    """Check the environment and set plotting and display defaults for a notebook.

    Fails with a message saying what to do when the interpreter is too old or the
    package is not the installed one.
    """
    if sys.version_info < (3, 11):
        raise RuntimeError(f"newsvoices needs Python 3.11+, this kernel runs {sys.version.split()[0]}. "
                           "Select the project's kernel (make lab starts JupyterLab with it).")
    import matplotlib.pyplot as plt
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams["figure.dpi"] = 100
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.max_rows", 80)
    pd.set_option("display.width", 160)


def article_card(article: Article) -> str:
    """HTML summary of an article: metadata, then the body with paragraph breaks."""
    meta = article.metadata()
    rows = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{k}</th><td>{html.escape(str(v or '—'))}</td></tr>"
                   for k, v in meta.items())
    body = "".join(f"<p>{html.escape(article.paragraph_text(i))}</p>" for i in range(len(article.paragraphs)))
    return (f"<table>{rows}</table><div style='max-height:24em;overflow:auto;border-left:3px solid #ccc;"
            f"padding-left:1em;margin-top:.5em'>{body}</div>")
