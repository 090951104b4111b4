import pytest

import newsvoices as nv
from newsvoices import vocabulary
from newsvoices.article import parse_article


@pytest.fixture(scope="module")
def seed_analysis():
    return nv.analyze(nv.DEFAULT_ARTICLE)


def test_word_frequencies_are_content_words_in_order(seed_analysis):
    freq = vocabulary.word_frequencies(seed_analysis, n=10)
    assert list(freq.columns) == ["word", "count", "share"]
    assert freq["count"].is_monotonic_decreasing
    assert freq.iloc[0]["word"] == "gates"
    assert not set(freq["word"]) & {"the", "mr.", "said", ",", "'s"}


def test_collocations_find_the_issues(seed_analysis):
    coll = vocabulary.collocations(seed_analysis, n=30)
    pairs = set(zip(coll["word1"], coll["word2"]))
    assert ("civilian", "casualties") in pairs and ("immediate", "cease-fire") in pairs
    assert (coll["count"] >= 2).all()
    with pytest.raises(ValueError, match="unknown measure"):
        vocabulary.collocations(seed_analysis, measure="nonsense")


def _nltk_pairs(lowers, n, measure, min_count):
    """What collocation_rows computed with NLTK's BigramCollocationFinder."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    sequence, current = [], None
    for sentence, word in sorted(lowers, key=lambda item: item[0]):
        if current is not None and sentence != current:
            sequence.append("\x00")
        sequence.append(word)
        current = sentence
    sequence.append("\x00")
    finder = BigramCollocationFinder.from_words(sequence)
    finder.apply_word_filter(lambda w: w == "\x00")
    finder.apply_freq_filter(min_count)
    scored = finder.score_ngrams(getattr(BigramAssocMeasures, measure))
    return [(a, b, finder.ngram_fd[(a, b)], score, measure) for (a, b), score in scored[:n]]


@pytest.mark.parametrize("measure", vocabulary.MEASURES)
def test_ranked_pairs_rank_as_nltk_does(seed_analysis, measure):
    lowers = vocabulary.content_lowers(seed_analysis)
    # sentences out of order, pairs repeated across a sentence boundary, ties of score
    made = [(2, "cease"), (2, "fire"), (1, "cease"), (1, "fire"), (1, "now"), (3, "fire"), (4, "now"),
            (3, "cease"), (3, "fire"), (5, "a"), (5, "b"), (6, "b"), (6, "a"), (6, "b")]
    for words in (lowers, made, made[:1], []):
        for n, min_count in ((15, 2), (100, 1), (3, 3)):
            assert vocabulary.ranked_pairs(words, n, measure, min_count) == _nltk_pairs(words, n, measure, min_count)
    assert vocabulary.ranked_pairs(made, 100, measure, 1)[0][:3] in {("cease", "fire", 3), ("a", "b", 2)}
    assert vocabulary.collocation_rows(seed_analysis, 30, measure) == _nltk_pairs(lowers, 30, measure, 2)


def test_keyword_in_context(seed_analysis):
    kwic = vocabulary.keyword_in_context(seed_analysis, "civilian", width=30)
    assert len(kwic) == 6  # "civilian" (not "civilians") six times in the seed
    text = seed_analysis.article.text
    for row in kwic.itertuples():
        assert text[row.start:row.end].lower() == "civilian"
        assert len(row.left) <= 30 and len(row.right) <= 30


def test_dispersion_positions(seed_analysis):
    disp = vocabulary.dispersion(seed_analysis, ["Gates", "NATO", "U.N. resolution", "absent-term"])
    assert set(disp["term"]) == {"Gates", "NATO", "U.N. resolution"}
    assert disp["position"].between(0, 1).all()
    gates = disp[disp["term"] == "Gates"]
    assert gates["position"].min() < 0.1 and gates["position"].max() > 0.9  # runs through the story


def test_terms_present_falls_back_to_key_terms(seed_analysis):
    assert vocabulary.terms_present(seed_analysis, ["Gates", "NATO", "zebra"]) == ["Gates", "NATO"]
    fallback = vocabulary.terms_present(seed_analysis, ["zebra"])
    assert "Gates" in fallback and len(fallback) == 8


def test_an_article_without_words_gives_empty_tables_with_their_columns():
    analysis = nv.analyze(parse_article("Title: Dots\n\n... -- ... !\n"))
    assert vocabulary.content_words(analysis).empty
    assert list(vocabulary.content_words(analysis).columns) == list(analysis.tokens.columns)
    assert vocabulary.content_lowers(analysis) == []
    assert list(vocabulary.word_frequencies(analysis).columns) == ["word", "count", "share"]


def test_choose_keyword_falls_back_to_the_top_word_then_to_none(seed_analysis):
    assert vocabulary.choose_keyword(seed_analysis, "cease-fire") == "cease-fire"
    top = vocabulary.key_terms(seed_analysis, 1)[0]
    assert vocabulary.choose_keyword(seed_analysis, "zebra") == top == "Gates"
    assert vocabulary.choose_keyword(seed_analysis, "  ") == top  # a blank parameter is no keyword
    numbers_only = nv.analyze(parse_article("Title: Scores\n\n12 to 7.\n\n3 - 1.\n"))
    assert vocabulary.key_terms(numbers_only) == []
    assert vocabulary.choose_keyword(numbers_only, "civilian") is None


def test_blank_terms_are_refused_or_skipped(seed_analysis):
    with pytest.raises(ValueError, match="at least one word"):
        vocabulary.keyword_in_context(seed_analysis, "")  # would otherwise match between every two letters
    assert vocabulary.terms_present(seed_analysis, ["Gates", "", "NATO"]) == ["Gates", "NATO"]
