"""The figures draw on any article's tables, however small: labelled, titled, and a note
instead of an error when there is nothing to draw."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from newsvoices import corpus, plots  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bar_heights(ax):
    return [p.get_height() for p in ax.patches]


@pytest.mark.parametrize("lengths", [[9], [9, 9, 9], [7, 8], [0], [3, 9, 31]],
                         ids=["one sentence", "equal lengths", "narrow spread", "empty sentence", "wide spread"])
def test_sentence_lengths_draws_every_sentence_in_five_token_bins(lengths):
    ax = plots.sentence_lengths(pd.DataFrame({"n_tokens": lengths}), title="T")
    assert sum(bar_heights(ax)) == len(lengths)
    widths = {round(p.get_width(), 6) for p in ax.patches}
    assert widths == {plots.SENTENCE_BIN}
    lefts = [p.get_x() for p in ax.patches]
    assert all(left % plots.SENTENCE_BIN == 0 for left in lefts)
    assert min(lefts) <= min(lengths) and max(lefts) + plots.SENTENCE_BIN > max(lengths)
    assert ax.get_title() == "T" and ax.get_xlabel() == "tokens per sentence"


def test_empty_tables_get_a_note_not_an_error():
    ax = plots.sentence_lengths(pd.DataFrame({"n_tokens": pd.Series([], dtype="int64")}))
    assert any("No sentences" in t.get_text() for t in ax.texts)
    ax = plots.word_frequencies(pd.DataFrame(columns=["word", "count", "share"]))
    assert any("No content words" in t.get_text() for t in ax.texts)
    ax = plots.dispersion(pd.DataFrame(columns=["term", "position"]), [])
    assert any("No occurrences" in t.get_text() for t in ax.texts) and ax.get_ylabel() == "term"


def _heatmaps():
    stance = pd.DataFrame({"speaker": ["A", "A", "B"], "topic": ["x", "y", "x"], "score": [-0.5, 0.25, 1.0],
                           "n_evidence": [2, 1, 3]})
    across = stance.assign(article=["one", "two", "one"])
    # blank cells: B has no judgment on y (speaker × topic); each speaker · topic pair is
    # judged in one of the two articles (speaker · topic × article)
    return [(lambda: plots.stance_heatmap(stance), 1), (lambda: corpus.plot_speaker_stance(across), 3)]


@pytest.mark.parametrize(("draw", "blanks"), _heatmaps(), ids=["stance_heatmap", "corpus stance"])
def test_stance_heatmaps_keep_the_scale_and_draw_without_warnings(draw, blanks, recwarn):
    ax = draw()
    plt.gcf().canvas.draw()
    # every warning counts: matplotlib deprecates paths seaborn takes for some arguments
    assert [str(w.message) for w in recwarn] == []
    mesh = ax.collections[0]
    assert mesh.norm.vmin == -1 and mesh.norm.vmax == 1  # one scale for every article: -1 against, +1 favour
    assert mesh.get_array().mask.sum() == blanks  # no judgment: a blank cell, not a colour
