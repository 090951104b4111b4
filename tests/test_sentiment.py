import math

import numpy as np
import pandas as pd
import pytest

import newsvoices as nv
from newsvoices import sentiment


def test_sentence_sentiment_direction_and_range():
    assert nv.sentence_sentiment("This is a wonderful, generous plan.") > 0.5
    assert nv.sentence_sentiment("These are outright lies and crimes.") < -0.3
    assert nv.sentence_sentiment("The meeting is on Tuesday.") == 0.0
    assert -1 <= nv.sentence_sentiment("good " * 200) <= 1


def test_vader_uses_the_installed_lexicon_and_textblob_its_own():
    assert sentiment.vader().lexicon["lies"] < 0  # loaded from the vaderSentiment package
    assert sentiment.textblob_scores("a legitimate and excellent response")["polarity"] > 0


def test_textblob_scores_equal_textblobs_own_sentiment():
    from textblob import TextBlob

    for text in ("a legitimate and excellent response", "This is not a very good plan!", "Lies.", "", ":)"):
        expected = TextBlob(text).sentiment
        scores = sentiment.textblob_scores(text)
        assert (scores["polarity"], scores["subjectivity"]) == (expected.polarity, expected.subjectivity)


def test_bootstrap_interval_brackets_the_mean_and_needs_two_values():
    values = np.array([-0.5, 0.1, 0.3, 0.7, 0.2])
    low, high = sentiment.bootstrap_ci(values)
    assert low < values.mean() < high
    assert sentiment.bootstrap_ci(values) == (low, high)  # seeded: reproducible
    assert all(math.isnan(x) for x in sentiment.bootstrap_ci(np.array([0.4])))


def test_bootstrap_intervals_are_percentiles_of_resampled_means():
    values = np.array([-0.5, 0.1, 0.3, 0.7, 0.2, -0.1, 0.9])
    resampled = np.random.default_rng(0).choice(values, size=(2000, len(values)), replace=True).mean(axis=1)
    assert np.allclose(sentiment.bootstrap_ci(values), np.percentile(resampled, [2.5, 97.5]), rtol=1e-12)
    # several groups (and paired rows) at once: each as if alone
    other = np.array([0.2, -0.4, 0.6])
    together = sentiment.bootstrap_intervals([np.stack([values, -values]), np.stack([other, other]),
                                              np.array([[0.5], [0.1]])])
    assert np.allclose(together[0, 0], sentiment.bootstrap_ci(values), rtol=1e-12)
    assert np.allclose(together[0, 1], sentiment.bootstrap_ci(-values), rtol=1e-12)
    assert np.allclose(together[1, 0], sentiment.bootstrap_ci(other), rtol=1e-12)
    assert np.isnan(together[2]).all()


@pytest.mark.parametrize("n", [7, sentiment.CACHED_GROUP_SIZE + 6, 3 * sentiment.RESAMPLE_BLOCK + 1])
def test_resample_counts_are_the_same_drawn_or_kept(n):
    """Intervals are those of the reference resampling on every call, whether a group's
    counts are kept (small groups; they cannot be altered by a caller) or counted a block of
    resamples at a time (larger groups)."""
    values = np.linspace(-0.9, 0.8, n)
    resampled = np.random.default_rng(0).choice(values, size=(2000, n), replace=True).mean(axis=1)
    for _ in range(2):
        assert np.allclose(sentiment.bootstrap_ci(values), np.percentile(resampled, [2.5, 97.5]), rtol=1e-12)
    if n <= sentiment.CACHED_GROUP_SIZE:
        counts = sentiment._resample_counts(n, 2000, 0)
        assert counts.sum(axis=1).tolist() == [n] * 2000
        with pytest.raises(ValueError):
            counts[0, 0] = 99.0


@pytest.fixture()
def scored():
    utterances = pd.DataFrame({
        "speaker": ["Ann Lee", "Ann Lee", "Ann Lee", "Bo Park"],
        "side": ["City", "City", "City", "State"],
        "kind": ["direct"] * 4,
        "text": ["This is a wonderful plan.", "We are proud and happy.", "It is terrible news.",
                 "The cruel lies are unacceptable."],
    })
    return sentiment.score_utterances(utterances)


def test_score_utterances_adds_named_columns(scored):
    assert set(sentiment.SCORE_COLUMNS) <= set(scored.columns)
    assert scored.loc[0, "vader_compound"] > 0 > scored.loc[3, "vader_compound"]


def test_summarise_per_speaker_and_side(scored):
    per_speaker = sentiment.summarise(scored, "speaker")
    assert list(per_speaker["speaker"]) == ["Ann Lee", "Bo Park"]  # most utterances first
    ann = per_speaker.iloc[0]
    assert ann["utterances"] == 3 and ann["side"] == "City" and ann["words"] == 14
    assert ann["vader_low"] <= ann["vader_mean"] <= ann["vader_high"]
    assert math.isnan(per_speaker.iloc[1]["vader_low"])  # one utterance: no interval
    per_side = sentiment.summarise(scored, "side")
    assert set(per_side["side"]) == {"City", "State"}


def test_lexicon_drivers_name_the_words(scored):
    drivers = sentiment.lexicon_drivers(scored)
    bo = drivers[drivers["speaker"] == "Bo Park"].set_index("word")
    assert bo.loc["unacceptable", "valence"] < 0 and bo.loc["cruel", "total"] < 0
    ann = drivers[drivers["speaker"] == "Ann Lee"]
    assert ann.iloc[0]["total"] == ann["total"].abs().max() or -ann.iloc[0]["total"] == ann["total"].abs().max()
