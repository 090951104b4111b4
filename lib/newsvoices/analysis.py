"""``analyze``: one article in, tidy tables out.

The :class:`Analysis` object is what every notebook, the CLI and the batch runner work
from. Each table is a pandas DataFrame with named columns, and every span in it carries
``start``/``end`` character offsets into ``analysis.article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .article import Article, load_article
from .tokenization import tokenize_article


@dataclass
class Analysis:
    """The result of :func:`analyze` for one article.

    Attributes:
        article: the loaded :class:`~newsvoices.article.Article`.
        sentences: one row per sentence — paragraph, sentence, start, end, text, n_tokens.
        tokens: one row per token — sentence, start, end, token, lower, is_stop,
            is_punct, is_alpha.
    """

    article: Article
    sentences: pd.DataFrame
    tokens: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, in pipeline order (what the CLI writes)."""
        return {"sentences": self.sentences, "tokens": self.tokens}


def analyze(source: str | Path | Article) -> Analysis:
    """Analyse an article given as a path (``"-"`` for stdin) or an :class:`Article`.

    Raises :class:`~newsvoices.errors.ArticleError` for unusable input.
    """
    article = source if isinstance(source, Article) else load_article(source)
    sentences, tokens = tokenize_article(article)
    return Analysis(article=article, sentences=sentences, tokens=tokens)
