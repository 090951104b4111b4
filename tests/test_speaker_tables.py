"""The tables notebook 02 is built on: scored utterances, speakers, sides, the annotated view."""

import re

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices.annotate import annotated_html
from newsvoices.cli import main


@pytest.fixture(scope="module")
def seed():
    return nv.analyze(nv.DEFAULT_ARTICLE)


def test_utterances_are_scored_and_offset(seed):
    u = seed.utterances
    assert {"vader_compound", "textblob_polarity"} <= set(u.columns)
    assert u["vader_compound"].between(-1, 1).all() and u["textblob_polarity"].between(-1, 1).all()
    text = seed.article.text
    assert all(text[s:e] == t for s, e, t in u[["start", "end", "text"]].itertuples(index=False))


def test_speakers_summarise_the_utterances(seed):
    speakers = seed.speakers.set_index("speaker")
    counts = seed.utterances["speaker"].value_counts()
    assert (speakers["utterances"] == counts.reindex(speakers.index)).all()
    gates = speakers.loc["Robert M. Gates"]
    assert gates["side"] == "United States" and gates["utterances"] >= 10
    mean = seed.utterances.loc[seed.utterances["speaker"] == "Robert M. Gates", "vader_compound"].mean()
    assert gates["vader_mean"] == pytest.approx(mean)
    assert gates["vader_low"] <= gates["vader_mean"] <= gates["vader_high"]
    assert set(seed.sides["side"]) >= {"United States", "Russia"}


def test_annotated_view_highlights_every_utterance_and_leaves_narration_plain(seed):
    page = annotated_html(seed.article, seed.utterances)
    titles = re.findall(r'<span title="([^"]*)"', page)
    assert len(titles) >= seed.utterances["speaker"].nunique()
    assert any(t.startswith("Robert M. Gates (United States)") for t in titles)
    assert "<script" not in page  # survives the HTML export of a notebook
    narration = "Turkey blocked NATO\u2019s participation in the operation"
    assert narration in page and f">{narration}" in page.replace("<p style='line-height:1.6'>", ">")
    assert "No attributed speech found." in annotated_html(seed.article, seed.utterances.iloc[0:0])


def test_cli_writes_utterance_and_speaker_tables(tmp_path, seed_path):
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "out")]) == 0
    for name in ("utterances", "speakers", "sides", "stance", "stance_evidence", "relations", "topics"):
        assert (tmp_path / "out" / f"{name}.csv").exists(), name
    speakers = pd.read_csv(tmp_path / "out" / "speakers.csv")
    assert "Robert M. Gates" in set(speakers["speaker"])
