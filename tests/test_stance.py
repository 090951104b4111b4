"""Stance per speaker × topic on the seed, checked against a hand-written gold file, and
the aggregation rules on an article the test writes."""

import csv
from pathlib import Path

import pandas as pd
import pytest

import newsvoices as nv
import newsvoices.tokenization
from newsvoices.stance import label_for

GOLD = Path(__file__).parent / "gold" / "seed_stance.tsv"


def gold_rows():
    with GOLD.open(encoding="utf-8") as f:
        return [row[:3] for row in csv.reader((ln for ln in f if not ln.startswith("#")), delimiter="\t")]


@pytest.fixture(scope="module")
def seed():
    return nv.analyze(nv.DEFAULT_ARTICLE)


@pytest.mark.parametrize("speaker, target, expected", gold_rows(), ids=lambda x: str(x))
def test_seed_stance_matches_gold(seed, speaker, target, expected):
    if target.startswith("->"):
        table = seed.relations.rename(columns={"source": "speaker"})
        target = target[2:]
    else:
        table = seed.stance.rename(columns={"topic": "target"})
    row = table[(table["speaker"] == speaker) & (table["target"] == target)]
    assert len(row) == 1, f"no stance of {speaker} toward {target}"
    assert row.iloc[0]["label"] == expected
    assert row.iloc[0]["n_evidence"] >= 1


def test_stance_table_shapes(seed):
    assert list(seed.stance.columns) == ["speaker", "side", "topic", "score", "label", "n_evidence", "n_cued"]
    assert seed.stance["score"].between(-1, 1).all()
    assert set(seed.stance["label"]) <= {"favour", "against", "mixed", "none"}
    assert list(seed.relations.columns) == ["source", "source_side", "target", "target_side", "score", "label",
                                            "n_evidence", "n_cued"]
    assert (seed.relations["n_cued"] >= 1).all()  # relations rest on directed cues only


def test_evidence_offsets_and_cues(seed):
    text = seed.article.text
    ev = seed.stance_evidence
    assert len(ev) >= len(seed.stance)
    cued = ev[~ev["fallback"]]
    assert not cued.empty
    for row in cued.itertuples():
        assert nv.tokenization.normalise(text[row.cue_start:row.cue_end]) == nv.tokenization.normalise(row.cue)
        target_words = nv.tokenization.normalise(text[row.target_start:row.target_end])
        assert target_words and target_words in nv.tokenization.normalise(row.text)


def test_rebuke_of_a_speaker_is_an_edge_not_a_topic(seed):
    ev = seed.stance_evidence
    rebuke = ev[ev["rule"].str.contains("rebuke")]
    assert (rebuke["target_kind"] == "speaker").all() and set(rebuke["target"]) == {"Vladimir Putin"}


def test_label_rules():
    assert label_for(pd.Series([0.6, 0.4])) == "favour"
    assert label_for(pd.Series([-0.6])) == "against"
    assert label_for(pd.Series([0.5, -0.5])) == "mixed"
    assert label_for(pd.Series([0.0, 0.01])) == "none"


def test_article_without_quotes_has_empty_stance(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("The bridge opened on Monday. Traffic was light in the morning.\n", encoding="utf-8")
    analysis = nv.analyze(path)
    assert analysis.utterances.empty and analysis.stance.empty and analysis.relations.empty
    assert list(analysis.stance.columns)[:3] == ["speaker", "side", "topic"]


def test_stance_toward_is_exported():
    sentence = "The mayor condemned the new tax."
    start = sentence.index("the new tax")
    assert nv.stance_toward(sentence, start, start + len("the new tax")) < 0


def test_speaker_with_no_usable_name_is_no_target():
    # Attribution sometimes takes a short word for a speaker ("Oh", "Do"); an empty pattern
    # would match the empty string everywhere and crash the evidence search.
    from newsvoices.stance import _speaker_patterns

    registry = pd.DataFrame({"speaker": ["Oh", "Vladimir Putin"], "side": ["", ""], "kind": ["person", "person"]})
    patterns = _speaker_patterns(registry, {"Oh", "Vladimir Putin"})
    assert list(patterns) == ["Vladimir Putin"] and patterns["Vladimir Putin"].find("Mr. Putin said", 0, 14) == [(4, 9)]


def test_shared_mention_index_gives_the_same_tables(seed):
    """analyze builds one MentionIndex for the topic and stance tables; each function
    building its own must give the very same tables."""
    from newsvoices.stance import compute_stance
    from newsvoices.topics import article_topics, topic_table
    topics = article_topics(seed, exclude=seed.people["speaker"])
    pd.testing.assert_frame_equal(topic_table(seed, topics), seed.topics)
    alone = compute_stance(seed.article, seed.sentences, seed.utterances, seed.people, topics)
    pd.testing.assert_frame_equal(alone.stance, seed.stance)
    pd.testing.assert_frame_equal(alone.evidence, seed.stance_evidence)
    pd.testing.assert_frame_equal(alone.relations, seed.relations)
