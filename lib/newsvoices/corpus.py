"""Comparing articles: the logic and figures behind ``notebooks/04_corpus.ipynb``.

A corpus is a folder or glob of articles, analysed with :func:`newsvoices.batch.analyze_many`
(one ``analyze`` per article, tables pooled with an ``article`` column). Every function here
copes with tables that are empty or columns that do not exist (yet): it returns an empty
table whose ``attrs["note"]`` says why, and the figures draw that note instead of failing.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from .batch import BatchResult, analyze_many
from .paths import PROJECT_ROOT
from .plots import _axes, _note_if_empty

NO_SIDE = "(no side)"


# --- Loading ------------------------------------------------------------------------------

def resolve_corpus(corpus: str | Path) -> str:
    """A folder or glob; a relative one is taken from the project root (any cwd works)."""
    text = str(Path(corpus).expanduser())
    return text if Path(text).is_absolute() else str(PROJECT_ROOT / text)


def load_corpus(corpus: str | Path = "data/articles", workers: int = 1) -> BatchResult:
    """Analyse every article of ``corpus`` (folder or glob). ``workers=1`` (the default)
    stays in this process, which suits a notebook kernel; failures are in the result."""
    return analyze_many([resolve_corpus(corpus)], workers=workers, progress=False)


# --- Tables ---------------------------------------------------------------------------------

def _empty(note: str, columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(columns=columns)
    frame.attrs["note"] = note
    return frame


def _table(result: BatchResult, name: str, needed: list[str]) -> pd.DataFrame | str:
    """The pooled table, or a note saying what is missing."""
    table = result.tables.get(name)
    if table is None:
        return f"the analysis has no '{name}' table"
    missing = [c for c in needed if c not in table.columns]
    if missing:
        return f"the '{name}' table has no column {', '.join(repr(m) for m in missing)}"
    if table.empty:
        return f"no rows in the '{name}' table for this corpus"
    return table


def articles_overview(result: BatchResult) -> pd.DataFrame:
    """One row per article: id, title, source, date, sentences, status, error."""
    cols = ["article", "title", "source", "date", "n_sentences", "status", "error"]
    return result.articles[[c for c in cols if c in result.articles.columns]]


def utterances_per_article(result: BatchResult) -> pd.DataFrame:
    """Attributed utterances per article and kind (direct / partial / indirect).

    Articles that were analysed but have no utterance appear with 0, so "nobody is quoted"
    is visible rather than missing.
    """
    cols = ["article", "kind", "utterances"]
    table = _table(result, "utterances", ["article"])
    ok = result.articles.loc[result.articles["status"] == "ok", "article"].tolist()
    if isinstance(table, str):
        if table.startswith("no rows") and ok:
            return pd.DataFrame({"article": ok, "kind": "none", "utterances": 0})[cols]
        return _empty(table, cols)
    kind = table["kind"] if "kind" in table.columns else pd.Series("all", index=table.index)
    counts = table.assign(kind=kind).groupby(["article", "kind"]).size().rename("utterances").reset_index()
    silent = [a for a in ok if a not in set(counts["article"])]
    if silent:
        counts = pd.concat([counts, pd.DataFrame({"article": silent, "kind": "none", "utterances": 0})],
                           ignore_index=True)
    order = {a: i for i, a in enumerate(result.articles["article"])}
    return counts.sort_values(["article", "kind"], key=lambda s: s.map(order) if s.name == "article" else s
                              ).reset_index(drop=True)[cols]


def sides_per_article(result: BatchResult) -> pd.DataFrame:
    """Utterances per side in each article (speakers without a side grouped as ``(no side)``)."""
    cols = ["article", "side", "utterances"]
    table = _table(result, "utterances", ["article", "side"])
    if isinstance(table, str):
        return _empty(table, cols)
    side = table["side"].fillna("").astype(str).str.strip().replace("", NO_SIDE)
    return table.assign(side=side).groupby(["article", "side"]).size().rename("utterances").reset_index()[cols]


def shared_speakers(result: BatchResult, min_articles: int = 2) -> pd.DataFrame:
    """Speakers quoted in at least ``min_articles`` articles, one row per speaker and article,
    with their mean VADER and TextBlob scores there (the ``speakers`` table)."""
    cols = ["speaker", "article", "side", "utterances", "vader_mean", "textblob_mean"]
    table = _table(result, "speakers", ["article", "speaker", "vader_mean"])
    if isinstance(table, str):
        return _empty(table, cols)
    table = table[~table["speaker"].astype(str).str.startswith("[")]  # unresolved pronouns: "[they]"
    n = table.groupby("speaker")["article"].nunique()
    keep = n[n >= min_articles].index
    if not len(keep):
        return _empty(f"no speaker is quoted in {min_articles} or more articles", cols)
    out = table[table["speaker"].isin(keep)]
    return out[[c for c in cols if c in out.columns]].sort_values(["speaker", "article"]).reset_index(drop=True)


def speaker_stance_across(result: BatchResult, min_articles: int = 2) -> pd.DataFrame:
    """Stance of the speakers quoted in ``min_articles``+ articles, per topic and article."""
    cols = ["speaker", "topic", "article", "score", "label"]
    table = _table(result, "stance", ["article", "speaker", "topic", "score"])
    if isinstance(table, str):
        return _empty(table, cols)
    n = table.groupby("speaker")["article"].nunique()
    out = table[table["speaker"].isin(n[n >= min_articles].index)]
    if out.empty:
        return _empty(f"no speaker has a stance in {min_articles} or more articles", cols)
    return out[[c for c in cols if c in out.columns]].sort_values(["speaker", "topic", "article"]).reset_index(drop=True)


# --- Figures --------------------------------------------------------------------------------

def _note(ax: plt.Axes, frame: pd.DataFrame, what: str) -> bool:
    """Write why there is nothing to draw; True when the figure stays empty."""
    return _note_if_empty(ax, frame, what, "Nothing to show: " + frame.attrs.get("note", f"no {what}"))


def _article_bars(frame: pd.DataFrame, column: str, ax: plt.Axes | None, *, what: str, colormap: str,
                  shares: bool, title: str, xlabel: str, legend: dict) -> plt.Axes:
    """One horizontal bar per article (top to bottom in table order), stacked by ``column``:
    utterance counts, or shares of the article's total when ``shares``. A note when empty."""
    ax = _axes(ax, (9, 0.5 * max(frame["article"].nunique() if not frame.empty else 0, 3) + 1.5))
    if not _note(ax, frame, what):
        wide = frame.pivot_table(index="article", columns=column, values="utterances", aggfunc="sum",
                                 fill_value=0, sort=False)
        if shares:
            wide = wide.div(wide.sum(axis=1), axis=0)
        wide.plot.barh(stacked=True, ax=ax, colormap=colormap, width=0.7)
        ax.invert_yaxis()
        if shares:
            ax.set_xlim(0, 1)
        ax.legend(title=column, **legend)
    ax.set(title=title, xlabel=xlabel, ylabel="article")
    return ax


def plot_utterances_per_article(counts: pd.DataFrame, ax: plt.Axes | None = None,
                                title: str = "Attributed utterances per article") -> plt.Axes:
    """Stacked horizontal bars: utterances per article, by kind."""
    return _article_bars(counts, "kind", ax, what="utterances", colormap="tab10", shares=False, title=title,
                         xlabel="utterances (quotes and reported speech)", legend={"loc": "lower right"})


def plot_sides_per_article(sides: pd.DataFrame, ax: plt.Axes | None = None,
                           title: str = "Whose voices: utterances per side in each article") -> plt.Axes:
    """Each article's utterances split by side, as shares of the article's total."""
    return _article_bars(sides, "side", ax, what="sides", colormap="Set2", shares=True, title=title,
                         xlabel="share of the article's attributed utterances",
                         legend={"bbox_to_anchor": (1.01, 1), "loc": "upper left"})


def plot_speaker_sentiment(shared: pd.DataFrame, ax: plt.Axes | None = None,
                           title: str = "The same speaker's sentiment in different reports") -> plt.Axes:
    """One row per speaker, one dot per article: mean VADER compound of their words there."""
    ax = _axes(ax, (9, 0.6 * max(shared["speaker"].nunique() if not shared.empty else 0, 3) + 1.5))
    if not _note(ax, shared, "speaker quoted in several articles"):
        sns.stripplot(data=shared, x="vader_mean", y="speaker", hue="article", size=10, jitter=False,
                      dodge=False, ax=ax, palette="tab10")
        ax.axvline(0, color="grey", linewidth=1)
        ax.set_xlim(-1, 1)
        ax.legend(title="article", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize="small")
    ax.set(title=title, xlabel="mean VADER compound of the speaker's utterances (-1 negative … +1 positive)",
           ylabel="speaker")
    return ax


def plot_speaker_stance(stance: pd.DataFrame, ax: plt.Axes | None = None,
                        title: str = "The same speaker's stance in different reports") -> plt.Axes:
    """Heatmap: rows speaker · topic, columns articles, colour the stance score in [-1, 1]."""
    rows = stance[["speaker", "topic"]].drop_duplicates().shape[0] if not stance.empty else 0
    ax = _axes(ax, (9, 0.4 * max(rows, 4) + 2))
    if not _note(ax, stance, "stance judgments"):
        grid = stance.assign(row=stance["speaker"] + " · " + stance["topic"].astype(str)).pivot_table(
            index="row", columns="article", values="score", aggfunc="mean")
        sns.heatmap(grid, cmap="RdBu", vmin=-1, vmax=1, annot=True, fmt=".2f", ax=ax,
                    cbar_kws={"label": "stance score (-1 against … +1 in favour)"})
        ax.tick_params(axis="x", labelrotation=20)
    ax.set(title=title, xlabel="article (blank: the speaker does not address the topic there)",
           ylabel="speaker · topic")
    return ax
