"""The figures draw on any article's tables, however small: labelled, titled, and a note
instead of an error when there is nothing to draw."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from newsvoices import plots  # noqa: E402


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
