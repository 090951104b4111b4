import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import newsvoices as nv
from newsvoices.article import parse_article
from newsvoices.analysis import analyze
from newsvoices.tokenization import _word_regex, is_punct


def sentences_of(text: str) -> list[str]:
    return analyze(parse_article(text)).sentences["text"].tolist()


@pytest.mark.parametrize("abbrev", ["Mr.", "Col.", "Dr.", "Gen.", "Sen.", "Gov.", "Lt."])
def test_no_split_after_titles(abbrev):
    assert len(sentences_of(f"Yesterday {abbrev} Smith spoke to the crowd. It was cold.")) == 2


@pytest.mark.parametrize("phrase", ["the U.S. Army", "the U.N. resolution", "on Sept. 11 last year",
                                    "Robert M. Gates", "the U.K. Treasury"])
def test_no_split_inside_abbreviations(phrase):
    assert len(sentences_of(f"He spoke about {phrase} at length. Then he left.")) == 2


def test_sentence_after_abbreviation_ending_a_sentence():
    assert len(sentences_of("He flew to the U.S. The next day he left.")) == 2


@pytest.mark.parametrize("name", ["George H.W. Bush", "Rep. G.K. Butterfield", "J.R.R. Tolkien"])
def test_initials_without_spaces_do_not_end_a_sentence(name):
    # any run of dotted letters is an abbreviation, not only the listed ones (U.S., D.C.)
    assert sentences_of(f"It was no different, he said, from {name} calling it a mistake. Then he left.") == [
        f"It was no different, he said, from {name} calling it a mistake.", "Then he left."]


def test_curly_quotes_end_sentences_inside_the_quote():
    text = "\u201cIt is evident,\u201d he said. \u201cThey are lies.\u201d Then he left."
    assert sentences_of(text) == ["\u201cIt is evident,\u201d he said.", "\u201cThey are lies.\u201d", "Then he left."]


def test_seed_has_the_hand_counted_number_of_sentences(seed_path):
    # Counted by hand, paragraph by paragraph: 1 2 2 1 2 1 3 1 2 1 2 2 2 2 2 2 1.
    sentences = nv.analyze(seed_path).sentences
    assert len(sentences) == 29
    assert sentences.groupby("paragraph").size().tolist() == [1, 2, 2, 1, 2, 1, 3, 1, 2, 1, 2, 2, 2, 2, 2, 2, 1]


def test_every_sentence_and_token_offset_indexes_the_original_text(seed_path, second_article):
    for path in (seed_path, second_article):
        analysis = nv.analyze(path)
        text = analysis.article.text
        for s, e, t in analysis.sentences[["start", "end", "text"]].itertuples(index=False):
            assert text[s:e] == t
        for s, e, t in analysis.tokens[["start", "end", "token"]].itertuples(index=False):
            assert text[s:e] == t
        counts = analysis.tokens.groupby("sentence").size()
        assert counts.tolist() == analysis.sentences["n_tokens"].tolist()


def test_token_table_columns_and_flags(seed_path):
    tokens = nv.analyze(seed_path).tokens
    assert list(tokens.columns) == ["sentence", "start", "end", "token", "lower", "is_stop", "is_punct", "is_alpha"]
    by_token = dict(zip(tokens["token"], zip(tokens["is_stop"], tokens["is_punct"], tokens["is_alpha"])))
    assert by_token["the"] == (True, False, True)
    assert by_token[","] == (False, True, False)
    assert by_token["cease-fire"] == (False, False, True)
    words = tokens["token"].tolist()
    assert "U.N." in words and "Mr." in words and "\u2018s" in words  # Russia‘s -> Russia | ‘s
    assert "Russia\u2018s" not in words


@given(st.text(max_size=6))
@example("!\n")  # a final newline: "$" in a pattern matches before it
def test_is_punct_means_only_punctuation_or_symbols(token):
    assert is_punct(token) == (re.fullmatch(r"[^\w\s]+", token) is not None)


_FAST_PATH = r"[A-Z]?[a-z]+(?![\w'.-])|"
_PIECES = list("aAbBnNtTsSmMrR.'-_ \n1,\"\u00e9") + ["Mr", "Sen", "n't", "'s", "U.S."]


@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), st.integers(0, 40), st.integers(0, 40))
@example("Mr. Gates", 0, 9)
@example("don't", 0, 5)
@example("a.m. Sen.", 0, 9)
def test_the_plain_word_alternative_only_saves_time(text, start, end):
    """The word pattern's first alternative (a plain word) finds the tokens the other
    alternatives find without it, in a whole text and between any bounds."""
    pattern = _word_regex()
    assert _FAST_PATH in pattern
    with_it, without = re.compile(pattern), re.compile(pattern.replace(_FAST_PATH, "", 1))
    assert [m.span() for m in with_it.finditer(text)] == [m.span() for m in without.finditer(text)]
    assert [m.span() for m in with_it.finditer(text, start, end)] == [m.span() for m in without.finditer(text, start, end)]
