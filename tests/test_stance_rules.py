"""Hand-written sentences (not from any dataset) for newsvoices.stance_rules."""

from __future__ import annotations

import copy
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsvoices.sentiment import vader
from newsvoices.stance_rules import StanceEvidence, news_vader, stance_evidence, stance_toward


def _span(sentence: str, target: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(target, start + 1)
    return start, start + len(target)


def score(sentence: str, target: str, nth: int = 0) -> float:
    return stance_toward(sentence, *_span(sentence, target, nth))


def evidence(sentence: str, target: str) -> list[StanceEvidence]:
    return stance_evidence(sentence, *_span(sentence, target))


def test_favour_cue_toward_target():
    assert score("The governor praised the new hospital plan on Friday.", "hospital plan") > 0.3
    assert score("Unions urged the council to adopt the budget.", "council") > 0.3


def test_against_cue_toward_target():
    assert score("Several senators condemned Mr. Lowell after the vote.", "Mr. Lowell") < -0.3
    assert score("The mayor was sharply criticized for the delay.", "mayor") < -0.3


def test_negation_flips():
    plain = score("The senator condemned Mr. Lowell on Monday.", "Mr. Lowell")
    negated = score("The senator did not condemn Mr. Lowell on Monday.", "Mr. Lowell")
    assert plain < 0 < negated
    ev = evidence("The senator did not condemn Mr. Lowell on Monday.", "Mr. Lowell")
    assert ev[0].negated and not ev[0].fallback


def test_hedge_shrinks_magnitude():
    plain = score("The minister backs the trade plan.", "trade plan")
    hedged = score("The minister appeared to back the trade plan.", "trade plan")
    assert 0 < hedged < plain
    assert evidence("The minister appeared to back the trade plan.", "trade plan")[0].hedged


def test_cue_aimed_at_someone_else_does_not_leak():
    sentence = "The mayor condemned the protesters but praised the police chief."
    assert score(sentence, "police chief") > 0.3
    assert score(sentence, "protesters") < -0.3
    ev = evidence(sentence, "police chief")
    assert [e.cue for e in ev if not e.fallback] == ["praised"]


def test_passive_predicate_and_agent():
    assert score("Clinton's claims are lies, the spokesman said.", "Clinton") < -0.3
    assert score("Gadhafi is lying about the attacks, officials said.", "Gadhafi") < -0.3
    assert score("Such loopholes should not be allowed.", "Such loopholes") < -0.3


def test_outcome_turns_a_favour_cue_against_the_target():
    assert score("Dozens of lawmakers called for Ms. Grant's resignation.", "Ms. Grant") < -0.3
    assert score("The board urged Mr. Hale to step down.", "Mr. Hale") < -0.3


def test_fallback_is_marked():
    ev = evidence("Ms. Ortiz visited the flooded town, which was a terrible sight.", "Ms. Ortiz")
    assert len(ev) == 1 and ev[0].fallback
    assert ev[0].rule == "fallback:clause-sentiment"


def test_fallback_ignores_the_target_words():
    # "Hope" is a positive VADER word; as the target's own name it must not count
    assert score("Hope arrived in the city on Tuesday.", "Hope") == 0


def test_scores_in_range_and_offsets_point_at_cues():
    sentences = [
        ("Critics condemned, denounced, rebuked and attacked the plan again and again.", "plan"),
        ("Everyone praised, applauded, hailed and thanked Dr. Reyes warmly.", "Dr. Reyes"),
        ("Mr. Ames, however, issued a rare rebuke of Mr. Bryce's remarks.", "Mr. Bryce"),
        ("The senator did not condemn Mr. Lowell.", "Mr. Lowell"),
    ]
    for sentence, target in sentences:
        value = score(sentence, target)
        assert -1.0 <= value <= 1.0
        for e in evidence(sentence, target):
            assert sentence[e.cue_start:e.cue_end] == e.cue
            assert -1.0 <= e.direction <= 1.0


def test_curly_quotes_keep_offsets():
    sentence = "Mr. Ames, however, issued a rare rebuke of Mr. Bryce\u2019s \u201cremarks.\u201d"
    for e in evidence(sentence, "Mr. Bryce"):
        assert sentence[e.cue_start:e.cue_end].replace("\u2019", "'") == e.cue.replace("\u2019", "'")


def test_bad_offsets_raise():
    with pytest.raises(ValueError):
        stance_toward("Short.", 3, 99)
    with pytest.raises(ValueError):
        stance_toward("Short.", 4, 4)


# --- the seed article (AP, 22 March 2011)

def test_seed_medvedev_rebukes_putin():
    sentence = ("Mr. Medvedev, however, issued a rare rebuke of Mr. Putin\u2019s statements, saying "
                "that using an expression such as \u201ccrusades\u201d is unacceptable.")
    assert score(sentence, "Mr. Putin") < -0.3


def test_seed_russia_backs_resolution():
    sentence = ("Standing next to Mr. Gates at the end of their meeting, Mr. Serdyukov tiptoed "
                "carefully through the subject, saying through an interpreter that Russia backs the "
                "U.N. resolution, but it envisions only measures to protect civilians.")
    assert score(sentence, "U.N. resolution") > 0.3


def test_seed_call_for_ceasefire():
    sentence = ("MOSCOW (AP) \u2014 Russia\u2018s defense minister on Tuesday called for an immediate "
                "cease-fire in Libya, telling Defense Secretary Robert M. Gates that it is the best "
                "way to avoid civilian casualties.")
    assert score(sentence, "cease-fire") > 0.3
    ev = evidence(sentence, "cease-fire")
    assert ev[0].rule == "lexicon:call for" and ev[0].cue == "called for"


def test_cheap_per_call():
    sentence = ("Mr. Medvedev, however, issued a rare rebuke of Mr. Putin's statements, saying that "
                "it was unacceptable to use expressions that could lead to a clash of civilizations.")
    start, end = _span(sentence, "Mr. Putin")
    stance_toward(sentence, start, end)  # warm the caches
    t0 = time.perf_counter()
    for _ in range(200):
        stance_toward(sentence, start, end)
    assert (time.perf_counter() - t0) / 200 < 0.01


def _toward(sentence: str, target: str) -> float:
    start = sentence.index(target)
    return stance_toward(sentence, start, start + len(target))


def test_name_apposition_keeps_subject_and_predicate_together():
    sentence = "She said the mayor, Dr. Ann Byrd, is lying about the budget."
    assert _toward(sentence, "the mayor") < 0 and _toward(sentence, "Ann Byrd") < 0


def test_possessed_act_noun_reflects_on_the_possessor():
    assert _toward("It was a fair answer to the governor's \u201ccrimes against voters.\u201d", "governor") < 0


_VADER_TEXT = st.lists(st.sampled_from(["good", "bad", "NOT", "very", "but", "kind", "of", "cat", "don't",
                                        "!", "!!", "?!?", ",", ".", "'", '"', ":)", " ", "  ", "-", "lies",
                                        " never ", " so ", " this ", " least ", " at ", " the ", "shit", " kiss ",
                                        "death", " sort ", "EXTREMELY", "GOOD", "\u0130", " isn't ", "yeah right"]),
                       max_size=25).map("".join)


@settings(max_examples=500, deadline=None)
@given(_VADER_TEXT)
def test_news_vader_scores_as_nltk_would(text):
    # The fallback's compound score skips words outside the lexicon, and texts without any,
    # and reads VADER's words more quickly; it must be NLTK's own.
    quick = news_vader()
    nltk_own = copy.copy(vader())
    nltk_own.lexicon = quick.lexicon
    for sample in (text, "Gates said the strikes were 'necessary,' but Putin called them a crusade!!",
                   '"It is evident," he said: "They are lies." Very, VERY bad -- not good?!?',
                   "It is kind of good, kind of bad; good GOOD good but not bad at all?? no!!!",
                   "never so good, not at least bad, this the shit, a kiss of death, sort of nice", "Cat dog.",
                   "We gave him a kiss of death; it was sort of very good.", "we say they cut the mustard"):
        assert quick.compound(sample) == nltk_own.polarity_scores(sample)["compound"]
