"""Seaborn figures drawn straight from the tidy tables. Each function returns the Axes,
with a title and labelled axes, and draws on ``ax`` when one is given.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

#: Width of a bar of the sentence-length histogram, in tokens.
SENTENCE_BIN = 5


def _axes(ax: plt.Axes | None, size: tuple[float, float]) -> plt.Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _note_if_empty(ax: plt.Axes, frame: pd.DataFrame, what: str, message: str | None = None) -> bool:
    """Write a note on an empty figure instead of failing; True when there is nothing to draw."""
    if frame.empty:
        ax.text(0.5, 0.5, message or f"No {what} in this article", ha="center", va="center", wrap=True,
                transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
        return True
    return False


def _side_names(sides: pd.Series) -> pd.Series:
    """Sides for legends: a missing or empty side shows as "side unknown"."""
    return sides.replace("", None).fillna("side unknown")


def _bin_edges(values: pd.Series, width: int) -> np.ndarray:
    """Edges of bins ``width`` wide on multiples of ``width``, covering ``values``: at least
    one bin, even when every value is the same (seaborn's own ``binwidth`` fails when the
    values span less than half a bin, as in a one-sentence article)."""
    start = values.min() // width * width
    return np.arange(start, values.max() + width + 1, width)


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
        sns.histplot(data=sentences, x="n_tokens", bins=_bin_edges(sentences["n_tokens"], SENTENCE_BIN),
                     color="slategray", ax=ax)
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


def speaker_sentiment(summary: pd.DataFrame, by: str = "speaker", title: str | None = None) -> plt.Figure:
    """Mean VADER compound and TextBlob polarity per speaker (or side), with bootstrap 95 %
    intervals as error bars, from :func:`newsvoices.sentiment.summarise`. Groups with a single
    utterance show a point without a bar."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 0.45 * max(len(summary), 3) + 1.5), sharey=True, layout="constrained")
    for ax, score, name in zip(axes, ("vader", "textblob"), ("VADER compound", "TextBlob polarity")):
        if _note_if_empty(ax, summary, "attributed speech"):
            continue
        data = summary.iloc[::-1]
        y = range(len(data))
        low, high = data[f"{score}_low"], data[f"{score}_high"]
        mean = data[f"{score}_mean"]
        ax.errorbar(mean, y, xerr=[(mean - low).fillna(0), (high - mean).fillna(0)], fmt="o", color="black",
                    ecolor="gray", capsize=3)
        sns.scatterplot(x=mean, y=list(y), hue=data["utterances"], size=data["utterances"], palette="crest",
                        ax=ax, legend=ax is axes[1], zorder=3)
        ax.axvline(0, color="darkred", linewidth=1)
        ax.set_yticks(list(y), [f"{g} ({n})" for g, n in zip(data[by], data["utterances"])])
        ax.set(xlim=(-1, 1), xlabel="mean score (−1 negative … +1 positive)", title=name)
    axes[0].set_ylabel(f"{by} (utterances)")
    if axes[1].get_legend():
        axes[1].legend(title="utterances", loc="lower right", fontsize="small")
    fig.suptitle(title or f"Sentiment of attributed speech per {by}, with bootstrap 95 % intervals")
    return fig


def vader_vs_textblob(scored: pd.DataFrame, ax: plt.Axes | None = None,
                      title: str = "VADER against TextBlob, one point per utterance") -> plt.Axes:
    """Scatter of the two lexicon scores per utterance, coloured by speaker."""
    ax = _axes(ax, (7.5, 6))
    if not _note_if_empty(ax, scored, "attributed speech"):
        sns.scatterplot(data=scored, x="textblob_polarity", y="vader_compound", hue="speaker", style="kind",
                        s=70, ax=ax)
        ax.axhline(0, color="gray", linewidth=0.8)
        ax.axvline(0, color="gray", linewidth=0.8)
        ax.legend(fontsize="small", bbox_to_anchor=(1.02, 1), loc="upper left")
    ax.set(xlim=(-1.05, 1.05), ylim=(-1.05, 1.05), title=title,
           xlabel="TextBlob polarity", ylabel="VADER compound")
    return ax


def lexicon_drivers(drivers: pd.DataFrame, top: int = 6, by: str = "speaker",
                    title: str = "Lexicon words behind each speaker's VADER score (valence −4 … +4 per word × count)") -> plt.Figure:
    """Per speaker, the VADER lexicon words with the largest total valence (valence × count)."""
    if drivers.empty:
        fig, ax = plt.subplots(figsize=(6, 2))
        _note_if_empty(ax, drivers, "sentiment-bearing words")
        ax.set_title(title)
        return fig
    data = (drivers.assign(magnitude=drivers["total"].abs()).sort_values("magnitude", ascending=False)
            .groupby(by, sort=False).head(top))
    data = data.assign(direction=data["total"].map(lambda t: "positive" if t > 0 else "negative"))
    grid = sns.catplot(data=data, x="total", y="word", col=by, col_wrap=min(3, data[by].nunique()), kind="bar",
                       hue="direction", palette={"positive": "#4c72b0", "negative": "#c44e52"},
                       sharey=False, height=2.6, aspect=1.3, legend=True)
    grid.set_axis_labels("valence × count", "lexicon word")
    grid.set_titles("{col_name}")
    grid.figure.suptitle(title, y=1.03)
    return grid.figure


def stance_heatmap(stance: pd.DataFrame, ax: plt.Axes | None = None,
                   title: str = "Stance per speaker and topic") -> plt.Axes:
    """Speaker × topic heatmap of stance scores: diverging palette centred on 0 (red against,
    blue favour), the number of pieces of evidence written in each cell, blank where none."""
    ax = _axes(ax, (1.3 * max(stance["topic"].nunique(), 3) + 3, 0.6 * max(stance["speaker"].nunique(), 2) + 2))
    if not _note_if_empty(ax, stance, "stance evidence"):
        scores = stance.pivot_table(index="speaker", columns="topic", values="score", aggfunc="first")
        counts = stance.pivot_table(index="speaker", columns="topic", values="n_evidence", aggfunc="first")
        labels = counts.map(lambda n: "" if pd.isna(n) else f"n={int(n)}")
        sns.heatmap(scores, cmap="RdBu", vmin=-1, vmax=1, annot=labels, fmt="", linewidths=0.5,
                    linecolor="white", cbar_kws={"label": "stance (−1 against … +1 favour)"}, ax=ax)
        ax.tick_params(axis="x", rotation=30)
    ax.set(title=title, xlabel="topic", ylabel="speaker")
    return ax


def side_comparison(stance: pd.DataFrame, sides: pd.DataFrame, ax: plt.Axes | None = None,
                    title: str = "Stance per topic: each side's mean (bars) and its speakers (dots)") -> plt.Axes:
    """Diverging bars of each side's mean stance per topic, one dot per speaker on top, so
    disagreement inside a side shows."""
    ax = _axes(ax, (9, 0.7 * max(sides["topic"].nunique() if len(sides) else 0, 3) + 1.5))
    if not _note_if_empty(ax, sides, "stance evidence"):
        order = sorted(sides["topic"].unique())
        sides = sides.assign(side=_side_names(sides["side"]))
        stance = stance.assign(side=_side_names(stance["side"]))
        hue_order = sorted(sides["side"].unique())
        sns.barplot(data=sides, y="topic", x="score", hue="side", order=order, hue_order=hue_order,
                    alpha=0.45, ax=ax, errorbar=None)
        sns.stripplot(data=stance, y="topic", x="score", hue="side", order=order, hue_order=hue_order,
                      dodge=True, jitter=False, size=8, edgecolor="black", linewidth=0.8, ax=ax, legend=False)
        ax.axvline(0, color="black", linewidth=1)
        ax.set_xlim(-1.05, 1.05)
        ax.legend(title="side", fontsize="small", loc="lower right")
    ax.set(title=title, xlabel="stance (−1 against … +1 favour)", ylabel="topic")
    return ax


def relations(rel: pd.DataFrame, ax: plt.Axes | None = None,
              title: str = "Speaker → speaker: who speaks for or against whom") -> plt.Axes:
    """Speakers on a circle; an arrow from source to target, red against, blue favour,
    labelled with the score and the evidence count."""
    import numpy as np

    ax = _axes(ax, (6.5, 6))
    if not _note_if_empty(ax, rel, "speaker-to-speaker stance"):
        names = sorted(set(rel["source"]) | set(rel["target"]))
        angles = np.linspace(0, 2 * np.pi, len(names), endpoint=False) + np.pi / 2
        pos = {n: (np.cos(a), np.sin(a)) for n, a in zip(names, angles)}
        cmap = plt.get_cmap("RdBu")
        for r in rel.itertuples():
            (x0, y0), (x1, y1) = pos[r.source], pos[r.target]
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops=dict(
                arrowstyle="-|>", color=cmap((r.score + 1) / 2), lw=2 + r.n_evidence, shrinkA=22, shrinkB=22,
                connectionstyle="arc3,rad=0.15"))
            ax.text((x0 + x1) / 2, (y0 + y1) / 2, f"{r.score:+.2f} (n={r.n_evidence})", ha="center", fontsize=9,
                    bbox=dict(boxstyle="round", fc="white", alpha=0.8))
        for n, (x, y) in pos.items():
            ax.text(x, y, n, ha="center", va="center", fontsize=10, bbox=dict(boxstyle="round", fc="#eeeeee"))
        ax.set_xlim(-1.6, 1.6)
        ax.set_ylim(-1.4, 1.4)
        ax.axis("off")
    ax.set_title(title)
    return ax
