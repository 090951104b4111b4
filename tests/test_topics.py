import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsvoices as nv
from newsvoices.errors import InputFileError
from newsvoices.topics import (_FOLDS_TO_ASCII, MentionIndex, article_topics, find_mentions, make_topic, read_topics,
                               suggest_topics, topic_mentions)


def test_terms_match_whole_words_case_insensitively_with_plurals():
    topic = make_topic("strikes", ["air strike", "cease-fire"])
    text = "Air strikes continued; the cease-fire failed; no ceasefires; airstrike."
    found = [text[s:e] for s, e in topic.find(text)]
    assert found == ["Air strikes", "cease-fire"]


def test_seed_topics_file_is_read_and_mentions_offset_the_text(seed_path):
    analysis = nv.analyze(seed_path)
    topics = article_topics(analysis)
    assert [t.label for t in topics][:3] == ["cease-fire", "civilian casualties", "military action"]
    assert all(t.origin == "file" for t in topics)
    mentions = topic_mentions(analysis, topics)
    text = analysis.article.text
    assert all(text[s:e] == m for s, e, m in mentions[["start", "end", "mention"]].itertuples(index=False))
    assert (mentions["topic"] == "cease-fire").sum() == 2


def test_suggested_topics_without_a_file(second_article):
    analysis = nv.analyze(second_article)
    topics = article_topics(analysis, exclude=["Jane Q. Alder"])
    assert topics and all(t.origin == "suggested" for t in topics)
    labels = " ".join(t.label for t in topics)
    assert "said" not in labels.split() and "alder" not in labels


def test_suggestions_skip_speaker_names(seed_path):
    analysis = nv.analyze(seed_path)
    labels = [t.label for t in suggest_topics(analysis, exclude=["Robert M. Gates", "Vladimir Putin"])]
    assert "gates" not in labels and "putin" not in labels
    assert "civilian casualties" in labels


@pytest.mark.parametrize("content, problem", [
    ("[a]\nterms = 'x'\n", "needs 'terms'"),
    ("[a]\npatterns = ['(unclosed']\n", "invalid pattern"),
    ("not = [valid\n", "not valid TOML"),
    ("[a]\nterm = ['x']\n", "unknown setting(s) 'term'"),  # a typo is not silently a topic without terms
    ("[a]\nterms = ['', ' ']\n", "topic 'a' has no terms or patterns (blank terms do not count)"),
    ("[a]\npatterns = ['x*']\n", "matches an empty string"),
    ("[a]\nterms = ['x']\npatterns = ['(?i)y']\n", "invalid pattern"),  # valid alone, not once joined
])
def test_bad_topics_files_name_the_file(tmp_path, content, problem):
    path = tmp_path / "a.topics.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        read_topics(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_yaml_topics_file(tmp_path):
    path = tmp_path / "a.topics.yaml"
    path.write_text("budget:\n  terms: [budget, taxes]\nwall: [sea wall]\n", encoding="utf-8")
    assert [t.label for t in read_topics(path)] == ["budget", "wall"]


@pytest.mark.parametrize("text", ["Truce talks; a TRUCE; truces.", "No such word here.", "İstanbul hosted the truce.",
                                  "The cease-\u00adfire held", "Ceasefire, ceasefires and cease - fire.",
                                  "\u201cA truce\u201d \u2014 the TRUCE\u2019s end",
                                  "A cease-f\u0130re \u2014 CEASEF\u0131RE \u2014 \u212a",
                                  "Ceaſefire \u2014 ceaſe-fire", "\u0130 TRUCE, a truce\u0131"])
def test_quick_first_word_test_finds_what_the_pattern_finds(text):
    topic = make_topic("cease-fire", ["cease-fire", "ceasefire", "truce"])
    assert topic.first_words == ("cease-fire", "ceasefire", "truce")
    assert topic.find(text) == [m.span() for m in topic.pattern.finditer(text)]
    for start in range(0, len(text), 3):
        assert topic.find(text, start, len(text) - 2) == [m.span() for m in topic.pattern.finditer(text, start, len(text) - 2)]
    assert make_topic("x", ["x"], patterns=["y+"]).first_words is None


_TOPIC_TEXT = st.lists(st.sampled_from(["air", "Air", "strike", "STRIKES", "airstrikes", "military", "action", "U.N.",
                                         "u.n", "resolution", "-", " ", "  ", "\n", ".", "'s", "\u2014", "\u201c", "a",
                                         "\u0130", "\u017f", "res", "olution", "x"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TOPIC_TEXT, st.integers(0, 40), st.integers(0, 40), st.booleans())
def test_mentions_are_what_the_pattern_finds(text, start, cut, with_pattern):
    topics = [make_topic("military action", ["military action", "air strikes", "airstrikes", "strikes"]),
              make_topic("U.N. resolution", ["U.N. resolution", "resolution"])]
    topics += [make_topic("strike", ["strike"], patterns=["air-?strike"])] if with_pattern else []
    start, end = min(start, len(text)), max(min(start, len(text)), len(text) - cut)
    expected = [(t, *m.span()) for t in topics for m in t.pattern.finditer(text, start, end)]
    assert find_mentions(topics, text, start, end) == expected
    assert MentionIndex(topics, text).find(start, end) == expected  # a window of a longer text


def test_only_four_characters_fold_to_ascii_ignoring_case():
    # find_mentions lower-cases a text for its quick test unless it holds one of these
    matches_ascii = re.compile("[\x00-\x7f]", re.IGNORECASE).fullmatch
    folding = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if matches_ascii(chr(c)))
    assert folding == _FOLDS_TO_ASCII.pattern.strip("[]")


def test_terms_with_regex_characters_match_literally():
    topic = make_topic("odd", ["C++ code", "U.N. move", "a|b", "(50%) cut"])
    text = "C++\u00a0 code, U.N. moves, aXb, a|b and (50%)  cuts; UxNx move."
    assert [text[s:e] for s, e in topic.find(text)] == ["C++\u00a0 code", "U.N. moves", "a|b", "(50%)  cuts"]


def test_terms_written_with_odd_spaces_or_curly_apostrophes_match_plain_text():
    topic = make_topic("no-fly", ["no-fly\u00a0zone", "Gadhafi\u2019s\tforces"])
    text = "A no-fly zone, two no-fly zones, and Gadhafi's forces."
    assert [text[s:e] for s, e in topic.find(text)] == ["no-fly zone", "no-fly zones", "Gadhafi's forces"]
