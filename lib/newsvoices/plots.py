"""Seaborn figures drawn straight from the tidy tables. Each function returns the Axes,
with a title and labelled axes, and draws on ``ax`` when one is given.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns


def _axes(ax: plt.Axes | None, size: tuple[float, float]) -> plt.Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _note_if_empty(ax: plt.Axes, frame: pd.DataFrame, what: str) -> bool:
    """Write a note on an empty figure instead of failing; True when there is nothing to draw."""
    if frame.empty:
        ax.text(0.5, 0.5, f"No {what} in this article", ha="center", va="center", transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
        return True
    return False


def word_frequencies(freq: pd.DataFrame, ax: plt.Axes | None = None,
                     title: str = "Most frequent content words") -> plt.Axes:
    """Horizontal bars of a :func:`newsvoices.vocabulary.word_frequencies` table."""
    ax = _axes(ax, (7, 0.3 * max(len(freq), 4) + 1))
    if not _note_if_empty(ax, freq, "content words"):
        sns.barplot(data=freq, y="word", x="count", color="steelblue", ax=ax)
    ax.set(title=title, xlabel="occurrences in the article body", ylabel="word (lower-cased)")
    return ax


def sentence_lengths(sentences: pd.DataFrame, ax: plt.Axes | None = None,
                     title: str = "Sentence length") -> plt.Axes:
    """Histogram of tokens per sentence (punctuation included), with the median marked."""
    ax = _axes(ax, (7, 3.5))
    if not _note_if_empty(ax, sentences, "sentences"):
        sns.histplot(data=sentences, x="n_tokens", binwidth=5, color="slategray", ax=ax)
        median = sentences["n_tokens"].median()
        ax.axvline(median, color="darkred", linestyle="--", label=f"median {median:g} tokens")
        ax.legend()
    ax.set(title=title, xlabel="tokens per sentence", ylabel="sentences")
    return ax


def dispersion(disp: pd.DataFrame, terms: list[str], ax: plt.Axes | None = None,
               title: str = "Where each term occurs in the article") -> plt.Axes:
    """Lexical dispersion: one row per term, one tick per occurrence along the body."""
    ax = _axes(ax, (9, 0.45 * max(len(terms), 3) + 1))
    order = list(terms)
    if not _note_if_empty(ax, disp, "occurrences of these terms"):
        sns.stripplot(data=disp, x="position", y="term", order=order, marker="|", size=18,
                      linewidth=2, jitter=False, hue="term", hue_order=order, palette="tab10",
                      legend=False, ax=ax)
        ax.set_xlim(0, 1)
    ax.set(title=title, xlabel="position in the article body (0 = first word, 1 = last)", ylabel="term")
    return ax
