"""Loading the word lists and lexicons shipped in ``newsvoices/data``, and the part-of-speech
lexicon TextBlob installs.

Every data file starts with ``#`` comment lines saying where it comes from; blank lines
and comments are skipped. Files are read once and cached.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import MissingResourceError
from .paths import package_data


def _lines(name: str) -> list[str]:
    text = package_data(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def wordlist(name: str) -> frozenset[str]:
    """A one-entry-per-line word list, lower-cased, as a frozen set."""
    return frozenset(ln.lower() for ln in _lines(name))


@cache
def cased_wordlist(name: str) -> frozenset[str]:
    """A one-entry-per-line word list as written (case kept), as a frozen set: names,
    places and capitalised words whose case matters."""
    return frozenset(_lines(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated lexicon: one tuple of stripped fields per entry line."""
    return tuple(tuple(f.strip() for f in ln.split("\t")) for ln in _lines(name))


#: Part-of-speech tags of proper nouns in the Penn Treebank tag set.
PROPER_TAGS = frozenset({"NNP", "NNPS"})


@cache
def brill_tags() -> dict[str, str]:
    """Every word of the Brill lexicon shipped with TextBlob (``textblob/en/en-lexicon.txt``,
    Brill's tagger v1.14 trained on the Brown corpus and Penn Treebank), case kept, with its
    most frequent Penn Treebank tag: "businessman" NN, "began" VBD, "Explain" VB. Read from
    the installed package, not copied."""
    try:
        import textblob
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise MissingResourceError("TextBlob is missing: install it with `pip install textblob`.") from exc
    path = Path(textblob.__file__).parent / "en" / "en-lexicon.txt"
    words = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, tag = line.partition(" ")
        tag = tag.strip()
        if tag and not word.startswith(";"):  # ";" opens a comment line
            words[word] = tag
    return words


def common_in_lower_case(word: str) -> bool:
    """Whether the Brill lexicon (:func:`brill_tags`) knows ``word``, in lower case, as
    anything but a proper noun: "Social" ("social" JJ), "Watch" ("watch" VB); not "Obama"."""
    return brill_tags().get(word.lower(), "NNP") not in PROPER_TAGS


#: Penn Treebank tags of closed-class words (and adverbs): prepositions, determiners,
#: conjunctions, modals, pronouns, wh-words, interjections.
_FUNCTION_TAGS = frozenset({"IN", "TO", "DT", "PDT", "CC", "MD", "EX", "PRP", "PRP$", "WDT", "WP",
                            "WP$", "WRB", "UH", "RB"})


@cache
def function_words() -> frozenset[str]:
    """Capitalised forms of the words the Brill lexicon (:func:`brill_tags`) tags, in lower
    case, as function words or adverbs, and never as a proper noun when capitalised: "To",
    "The", "With", "Maybe", "Neither". Inside a run of capitalised words they mark a
    headline ("Pence Endorses Paul Ryan With Trump") or a sentence opener ("Maybe Trump"),
    not part of a name."""
    tags = brill_tags()
    return frozenset(word.capitalize() for word, tag in tags.items()
                     if tag in _FUNCTION_TAGS and word.isalpha() and word.islower()
                     and tags.get(word.capitalize()) not in PROPER_TAGS)


@cache
def common_capitalised() -> dict[str, str]:
    """Capitalised words that the Brill lexicon (:func:`brill_tags`) tags as anything but a
    proper noun, with that tag: "Explain" VB, "Well" UH, "Voters" NNS, "Perhaps" RB. In news
    copy they are capitalised because they open a sentence or a quote, not because they name
    someone."""
    return {word: tag for word, tag in brill_tags().items() if word[:1].isupper() and tag not in PROPER_TAGS}
