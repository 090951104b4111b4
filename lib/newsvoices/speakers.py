"""Who is speaking: mentions of people and groups, titles, canonical speakers and their sides.

Everything runs on the normalised article text (offsets are shared with ``Article.text``) with
rules and shipped word lists only:

* **names** are runs of capitalised words within one line, with an optional title before them
  from ``data/titles.txt`` ("Defense Secretary Robert M. Gates", "Col. Moammar Gadhafi"), cut
  at capitalised function words of headlines and sentence openers ("... Paul Ryan With
  Trump", "Maybe Trump"), at a verb opening the run ("Is Sanders") and at headline words
  after a full name ("Ted Cruz Hints Trump"); common words before a first name are dropped
  ("Crooked Hillary Clinton") or, before a title, join it ("Labor Secretary" Thomas Perez);
  a run is a person when it has a title or two or more name words,
  and is not a place or institution (``data/affiliations.tsv``, organisation words); a lone
  untitled word that TextBlob's shipped Brill lexicon knows as a common word ("Explain",
  "Well", "Voters"; in lower case, when it only ever opens sentences: "Social media", or is
  joined by "of", "for" or "and" to another capitalised word: "Department of Education"), an
  untitled run of such words ("World War", "Judicial Watch"), or a city name alone
  ("Cleveland"), is no name;
* **canonical speakers**: the longest full name seen, preferring one with a first name or a
  title ("Donald Trump" before the headline words "Black Lawmakers Rip Donald Trump"), without
  common words before the surname, without "Jr." (:func:`_canonical_order`); later
  mentions by surname, with or without a courtesy title, possessive or not ("Mr. Gates",
  "Gates", "Gates'") map to it;
* **roles before names**: a noun phrase naming a role ("Russia's defense minister") is the person
  whose title has that role and whose side agrees, anywhere in the article, unless another
  name follows the role;
* **pronouns** (he, she, they, who) are resolved by :func:`resolve_pronoun` from the recent
  speakers and sentence subjects, using the gender courtesy titles tell (Mr./Mrs./Ms.) or,
  failing that, a first name nearly always given to one sex (``data/first_names.tsv``);
* **groups** ("U.S. officials", "French diplomats", "the White House") are speakers of kind group;
* **sides** come from descriptors in or next to a mention ("Russian President", "the Libyan
  leader, Col. ...", "U.S. officials") through ``data/affiliations.tsv``; a speakers side file
  (``<article>.speakers.toml``) overrides them and adds aliases.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputFileError
from .lexicons import (PROPER_TAGS, brill_tags, cased_wordlist, common_capitalised, common_in_lower_case,
                       function_words, table, wordlist)
from .sidefiles import check_settings, read_side_file

PRONOUNS = {"he": "m", "she": "f", "they": "p", "i": "", "we": "p", "who": "", "it": "n", "you": ""}


#: Capital and small letters of the Latin script, for a regular expression's character class:
#: ASCII, Latin-1 and Latin Extended-A and -B ("José Rodríguez", "Recep Tayyip Erdoğan").
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_LOWER = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.islower())
_CAP = (rf"(?:[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}]?[{_LOWER}]+)*|[{_UPPER}]'[{_UPPER}][{_LOWER}]+"
        rf"|Mc[{_UPPER}][{_LOWER}]+|[{_UPPER}][{_LOWER}]?[{_UPPER}][{_LOWER}]+|(?:[{_UPPER}]\.)+)")
_COURTESY = frozenset({"Mr.", "Mrs.", "Ms.", "Miss", "Dr."})
_LINK = r"(?:de|da|del|van|von|der|bin|al|el|la|le|di|Jr\.|Sr\.|II|III)"
_PARTICLE = re.compile(_LINK, re.IGNORECASE)  # "Bin Laden", "Van Voorhis"
#: Contractions after an apostrophe ("We're", "Don't"): the word before is no name.
_CONTRACTION = r"(?:re|ve|ll|d|m|t)\b"


@dataclass
class Speaker:
    """One canonical speaker of an article."""

    name: str
    kind: str = "person"  # person / group
    side: str = ""
    title: str = ""
    gender: str = ""
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    side_fixed: bool = False


@dataclass(frozen=True, slots=True)
class NameMention:
    """A person's name in the text, with the title written before it."""

    start: int  # including the title
    end: int
    name_start: int
    title: str
    name: str
    side: str
    gender: str


@cache
def _titles() -> tuple[dict[str, str], re.Pattern]:
    rows = table("titles.txt")
    genders = {r[0]: (r[1] if len(r) > 1 else "") for r in rows}
    alts = "|".join(re.escape(t) for t in sorted(genders, key=len, reverse=True))
    return genders, re.compile(rf"(?:{alts})(?=\s)")


@cache
def _title_first_words() -> frozenset[str]:
    """The words titles open with ("Attorney" of "Attorney General")."""
    return frozenset(t.split()[0] for t in _titles()[0])


@cache
def _affiliations() -> tuple[dict[str, str], re.Pattern]:
    rows = {r[0]: r[1] for r in table("affiliations.tsv") if len(r) > 1}
    alts = "|".join(re.escape(k) for k in sorted(rows, key=len, reverse=True))
    return rows, re.compile(rf"(?<![A-Za-z])(?:{alts})(?![A-Za-z])")


def _nonnames() -> frozenset[str]:
    """Capitalised words that open or make up a capitalised run but name no speaker."""
    return cased_wordlist("attribution_nonnames.txt")


#: Word lists (case kept) of what a capitalised name must not be: words that make it an
#: institution, place or outlet; large cities (a place when named alone); U.S. states and
#: their abbreviations.
_INSTITUTION_WORDS, _CITIES, _US_STATES = "institution_words.txt", "cities.txt", "us_states.txt"


#: One capital and a hyphen before a capitalised word: a party-and-state label after a
#: lawmaker's name ("Sen. Susan Collins, R-Maine") or a brand ("T-Mobile"), never a name.
_PARTY_LABEL = re.compile(r"(?<![\w-])[A-Z]-")


@cache
def group_nouns() -> frozenset[str]:
    """Lower-case nouns that head a speaking person or group ("officials", "spokesman")."""
    return wordlist("attribution_groups.txt")


@cache
def _name_pattern() -> re.Pattern:
    _, title_re = _titles()
    aff, _ = _affiliations()
    word = rf"{_CAP}(?:'(?!s\b|{_CONTRACTION})[{_LOWER}]+)?"  # Ma'ale; not the 's of Russia's
    return re.compile(
        rf"(?=[{_UPPER}])(?<![{_UPPER}{_LOWER}])"  # a capital that starts a word: not the "Fact" of "PolitiFact"
        rf"(?P<title>(?:(?:{title_re.pattern})[^\S\n]+)*)"
        rf"(?P<name>{word}(?:[^\S\n]+(?:{_LINK}[^\S\n]+)*{word})*)"
        rf"(?![{_UPPER}{_LOWER}]|'{_CONTRACTION})")


def side_of(phrase: str) -> str:
    """The side a descriptive phrase implies ("Russia's defense minister" -> "Russia"), or ""."""
    aff, pattern = _affiliations()
    m = pattern.search(phrase)
    return aff[m.group(0)] if m else ""


def title_gender(title: str) -> str:
    """The sex ``titles.txt`` gives a word of ``title`` (Mr. and Mrs., not Sen.), else ""."""
    genders, _ = _titles()
    for t in title.split():
        if genders.get(t):
            return genders[t]
    return genders.get(title, "")


@cache
def _first_names() -> dict[str, str]:
    return dict(row[:2] for row in table("first_names.tsv"))


def name_gender(title: str, name: str) -> str:
    """The gender (m / f / "") a mention tells: its title's ("Mrs."), else that of the first
    word of a full name when nearly everyone so named is a man or a woman ("Mark Weddle";
    ``data/first_names.tsv``, U.S. Census first names)."""
    words = name.split()
    return title_gender(title) or (_first_names().get(words[0], "") if len(words) > 1 else "")


def find_names(norm: str, start: int, end: int) -> list[NameMention]:
    """People's names (with titles) in ``norm[start:end]``; places and institutions left out."""
    aff, _ = _affiliations()
    nonnames = _nonnames()
    institutions = cased_wordlist(_INSTITUTION_WORDS)
    titles, title_re = _titles()
    states = cased_wordlist(_US_STATES)
    out = []
    for run_start, title, n_start, run_end in _runs(norm, start, end):
        titled_run = bool(title)
        words = norm[n_start:run_end].split()
        # Drop sentence openers and descriptors (nationality, title words) at the front.
        side, lead = "", -1  # lead: where common words before a title and name begin
        while words:
            w = words[0]
            if w in aff and len(words) > 1:
                side = side or aff[w]
            elif w in nonnames or (w.rstrip(".") in nonnames):
                pass
            elif w.endswith(".") and w[:-1] in states and len(words) > 1:
                pass  # "... at Bedminster, N.J. Roger Ailes said": the state ends the sentence before
            # (the two tests below need several words, which few runs have: the title is matched after them)
            elif _leads_to_first_name(words) and not title_re.match(norm, n_start):
                lead = n_start if lead < 0 else lead  # "Follow Pam Key", "World Bank President Jim Kim"
            elif (k := _descriptor_length(words)) and not title_re.match(norm, n_start):
                lead = n_start if lead < 0 else lead  # "Texas Senator Ted Cruz"
                for w in words[:k - 1]:
                    n_start = _after_word(norm, n_start, w)
                words, w = words[k - 1:], words[k - 1]
            else:
                break
            n_start = _after_word(norm, n_start, w)
            words = words[1:]
        if not words:
            continue
        # A title may follow the descriptor ("Russian President Dmitry Medvedev"); a name follows it.
        tm = title_re.match(norm, n_start) if len(words) > 1 else None
        while tm and norm[tm.end():tm.end() + 1].isspace() and tm.end() < run_end:
            title = (title + " " + (norm[lead:tm.end()] if lead >= 0 else tm.group(0))).strip()
            n_start, lead = tm.end() + 1, -1
            tm = title_re.match(norm, n_start)
        name = norm[n_start:run_end].strip()
        words = name.split()
        # a place ends a titled person's name only as a surname: "Rep. Jim Jordan", "Rep. Steve Israel"
        placed = words[:-1] if title and len(words) > 1 else words
        if not words or not institutions.isdisjoint(words) or not aff.keys().isdisjoint(placed) or name in states:
            continue
        if not title and len(words) > 1 and _common_words_only(words):
            continue
        if norm.startswith(".", run_end) and words[-1] + "." in titles:
            continue  # "Pennsylvania Gov.": a title ends the run; the name after it is a match of its own
        if not title and len(words) == 1 and _ends_title(norm, n_start, run_end, titles):
            continue  # "the First Lady said": the end of a title, no name
        if not title and len(words) == 1 and (words[0] in nonnames or len(words[0]) < 2 or words[0].endswith(".")
                                              or words[0].endswith("ing") or (
                                                  norm[run_end:run_end + 1] == "." and words[0] + "." in nonnames)):
            continue
        s = run_start if titled_run else n_start
        if title:
            title_start = norm.find(title.split()[0], run_start, n_start)
            s = title_start if title_start != -1 else s
        if side == "":
            side = aff.get(title, "")
        out.append(NameMention(s, run_end, n_start, title, name, side, name_gender(title, name)))
    return out


_WORD = re.compile(r"\S+")


def _runs(norm: str, start: int, end: int) -> Iterator[tuple[int, str, int, int]]:
    """The runs of capitalised words in ``norm[start:end]`` that may be names, as (start,
    title, name start, end): the matches of :func:`_name_pattern`, cut at words no name holds
    (:func:`_cuts`): "Pence Endorses Paul Ryan With Trump" gives "Pence", "Paul Ryan" and
    "Trump"; "Maybe Trump" gives "Trump". A cut-off part keeps no title."""
    for m in _name_pattern().finditer(norm, start, end):
        run_start = m.start()
        if run_start >= 2 and norm[run_start - 1] == "-" and _PARTY_LABEL.match(norm, run_start - 2, run_start):
            continue  # "R-Maine": a state, not a person
        title, name = m.group("title", "name")
        title = title.strip()
        cut = _cuts(name.split(), bool(title))
        if not any(cut):
            yield run_start, title, m.start("name"), m.end()
            continue
        if all(cut):
            continue  # mostly a function word alone: "The", "But"
        piece = None
        for w, is_cut in zip(_WORD.finditer(norm, m.start("name"), m.end()), cut):
            if is_cut:
                if piece is not None:
                    yield run_start, title, piece[0], piece[1]
                run_start, title, piece = w.end(), "", None
            elif piece is None:
                piece = (w.start(), w.end())
                run_start = run_start if title else w.start()
            else:
                piece = (piece[0], w.end())
        if piece is not None:
            yield run_start, title, piece[0], piece[1]


#: Brill tags of verbs that open a question or a headline before a name ("Is Sanders", "Does
#: Rubio", "Said Ellis").
_OPENING_VERB_TAGS = frozenset({"VBZ", "VBD"})


def _cuts(words: list[str], titled: bool) -> list[bool]:
    """Which words of a run of capitalised words no name holds:

    * capitalised function words and adverbs (:func:`~newsvoices.lexicons.function_words`:
      "With", "Maybe"), less the first names among them ("Will", "May");
    * an untitled run's first word when it is a verb in the third person or the past ("Is
      Sanders", "Does Rubio");
    * after a person's full name (a first name and a word more), a word that headline case
      capitalises: one the Brill lexicon knows in lower case as a common word and
      capitalised as no proper noun ("Ted Cruz Hints Trump", "Carly Fiorina Endorses Ted
      Cruz"), unless it may still be part of the name: a first name, a title, or a word right
      after a first name, a particle or an initial ("Mary Kay Henry", "Osama bin Laden").
    """
    cuts = _cut_words()
    if len(words) == 1:
        return [words[0] in cuts]
    first_names, titles, tags = _first_names(), _titles()[0], brill_tags()
    out = []
    after_first = 0  # how many words since the last first name (0: none seen)
    for i, w in enumerate(words):
        cut = w in cuts
        if not cut and i == 0 and not titled and w not in first_names:
            cut = tags.get(w.lower()) in _OPENING_VERB_TAGS and tags.get(w) not in PROPER_TAGS
        first = w in first_names and w not in titles
        if not cut and after_first >= 2 and not first and w not in titles and not _PARTICLE.fullmatch(w):
            prev = words[i - 1]
            cut = (not _PARTICLE.fullmatch(prev) and not prev.endswith(".")
                   and tags.get(w) not in PROPER_TAGS and common_in_lower_case(w))
        out.append(cut)
        if cut:
            after_first = 0
        elif first:
            after_first = 1
        elif after_first:
            after_first += 1
    return out


@cache
def _cut_words() -> frozenset[str]:
    """Capitalised function words (:func:`~newsvoices.lexicons.function_words`) that no
    name holds, less the first names among them ("Will", "May")."""
    return function_words() - frozenset(_first_names())


def _leads_to_first_name(words: list[str]) -> bool:
    """Whether a run of capitalised words opens with common words (each known to the Brill
    lexicon in lower case, none a first name) before a first name that starts a full name:
    "Crooked Hillary Clinton", "Follow Pam Key", "Agriculture Secretary Tom Vilsack"; not
    "South Carolina Saturday" (a place)."""
    first_names = _first_names()
    for k, w in enumerate(words[:-1]):
        if w in first_names:
            return k > 0 and not _is_place(words[:k + 1])
        if not common_in_lower_case(w):
            return False
    return False


#: The most words a descriptor before a title or a role noun holds ("Clark County Police Chief").
MAX_DESCRIPTOR = 4


def _descriptor_length(words: list[str]) -> int:
    """How many words open a run of capitalised words as a descriptor (a place, an
    organisation, a person's name) before a title or a role noun and a name, or 0:
    "New York" (2) before the title in "New York Attorney General Eric Schneiderman",
    "Texas" (1) in "Texas Senator Ted Cruz", "Clinton Senior Adviser" (3) with its role
    noun in "Clinton Senior Adviser Sidney Blumenthal".

    A role noun (:func:`_role_noun`) stands just before a first name that does not make a
    place with it ("West Virginia") and does not end a title. The name after the title or
    role is not made only of common words ("Ohio Governor Mansion Tour") nor a suffix alone
    ("Martin Luther King Jr."). Of several, the one nearest the name counts ("Larry King
    Live Host Dale Ormsby": not the title "King").
    """
    if len(words) < 3:
        return 0
    first_names = _first_names()
    _, title_re = _titles()
    opening = _title_first_words()
    titles = {k: len(m.group(0).split()) for k in range(len(words))
              if words[k] in opening and (m := title_re.match(" ".join(words[k:]) + " "))}
    title_ends = {k + n for k, n in titles.items()}
    best = 0
    for k in range(1, min(MAX_DESCRIPTOR, len(words) - 2) + 1):
        if k in titles:
            rest = words[k + titles[k]:]
        elif (words[k] in first_names and k not in title_ends and _role_noun(words[k - 1])
              and not _is_place(words[:k + 1])):
            rest = words[k:]
        else:
            continue
        rest = [w for w in rest if w.rstrip(".") not in _SUFFIXES]
        if rest and not _common_words_only(rest):
            best = k
    return best


def _after_word(norm: str, start: int, word: str) -> int:
    """Where the next word begins after ``word``, which is the next word at or after ``start``."""
    end = norm.find(word, start) + len(word)
    while end < len(norm) and norm[end].isspace():  # not norm[end:]: a copy of the rest
        end += 1
    return end


#: Brill tags (in lower case) of a role noun before a name: "Challenger", "Widow", "Democrat".
_ROLE_NOUN_TAGS = frozenset({"NN", "JJ"})


def _role_noun(word: str) -> bool:
    """Whether a capitalised word before a first name is a role: a singular noun or an
    adjective in lower case, not a first name itself ("John Paul"), nor a pronoun ("Ye")
    or a headline verb ("Slams", "Claims")."""
    return word not in _first_names() and brill_tags().get(word.lower()) in _ROLE_NOUN_TAGS


def _is_place(words: list[str]) -> bool:
    """Whether ``words`` are a U.S. state or a city ("South Carolina", "New York")."""
    place = " ".join(words)
    return place in cased_wordlist(_US_STATES) or place in cased_wordlist(_CITIES)


def _common_words_only(words: list[str]) -> bool:
    """Whether an untitled run of capitalised words is made only of common words, each
    known in lower case to the Brill lexicon, and not a proper noun there ("World War",
    "Social Security", "Judicial Watch"): a thing or an organisation, hardly ever a person.
    A run that opens with a first name ("Bill Gray") or holds a name particle ("Bin
    Laden") is kept."""
    if words[0] in _first_names() or any(_PARTICLE.fullmatch(w) for w in words):
        return False
    return all(common_in_lower_case(w) for w in words)


def _ends_title(norm: str, start: int, end: int, titles: dict[str, str]) -> bool:
    """Whether the word ``norm[start:end]`` ends a two-word title with the word before it
    ("the First Lady said", "the Attorney General")."""
    before = norm.rfind(" ", 0, max(0, start - 1)) + 1
    return before < start and norm[before:end] in titles


#: Generational suffixes after a surname.
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III"})


def surname(name: str) -> str:
    """The last word of ``name`` that is not a suffix (Jr., III)."""
    words = [w for w in name.split() if w.rstrip(".") not in _SUFFIXES]
    return words[-1] if words else name


#: A capitalised word joined to the next by "of", "for" or "and": the first part of an
#: organisation's name ("Department of Education", "Democrats for Life", "Science and Technology").
_JOINED_BEFORE = re.compile(rf"[{_UPPER}][\w.'-]*[^\S\n]+(?:of|for|and)[^\S\n]+$")
_JOINED_AFTER = re.compile(rf"[^\S\n]+(?:of|for|and)[^\S\n]+[{_UPPER}]")


def _without_lone_non_names(norm: str, names: list[NameMention], openers: set[int]) -> list[NameMention]:
    """``names`` less the untitled ones that name no person when they stand alone:

    * a city ("Cleveland", "Las Vegas"; ``data/cities.txt``);
    * a word the Brill lexicon knows, capitalised, as a common word ("Explain", "Well",
      "Voters"; see :func:`~newsvoices.lexicons.common_capitalised`);
    * a word that opens its sentence (``openers``: offsets of sentences' first words) and is
      a common word in lower case ("Big legislation eludes him", "Social media has ..."),
      unless it is a first name ("Penny") or the article also writes it capitalised inside a
      sentence;
    * a common word in lower case joined by "of", "for" or "and" to another capitalised
      word: part of an organisation's name ("Department of Education", "Freedom of
      Information Act"), unless a first name;

    none of them when the article also writes the word inside a longer name ("Jessica Ditto"
    ... "Ditto said")."""
    common, cities, first_names = common_capitalised(), cased_wordlist(_CITIES), _first_names()
    in_longer = {w for nm in names if " " in nm.name for w in nm.name.split()}
    inside = {nm.name for nm in names if nm.start not in openers}

    def lone_non_name(nm: NameMention) -> bool:
        if nm.title or nm.name in in_longer:
            return False
        if nm.name in cities:
            return True
        if " " in nm.name:
            return False
        if nm.name in common:
            return True
        if nm.name in first_names or not common_in_lower_case(nm.name):
            return False
        return ((nm.start in openers and nm.name not in inside)
                or bool(_JOINED_BEFORE.search(norm, max(0, nm.start - 40), nm.start))
                or bool(_JOINED_AFTER.match(norm, nm.end)))

    return [nm for nm in names if not lone_non_name(nm)]


_FIRST_WORD = re.compile(r"[^\W_]")
_CAPITAL = re.compile(rf"[{_UPPER}]")


def _canonical_order(names: list[NameMention]) -> Callable[[NameMention], tuple]:
    """The sort key that puts first the mention whose name a surname should map to. Full
    names come first, so "Gates" maps to "Robert M. Gates" whatever the order; first of all
    those that look like a person's (a title other than "Mr.", or a first name) and are not
    another full name of the article with words before it ("Star Norbert Leo Butz" when the
    article also writes "Norbert Leo Butz"; but "Marine Le Pen"); then those with fewer words
    before the surname that are common words and no first names, initials or particles
    ("Barack Obama" before the headline words "Star Mom Corners Obama"); then those without
    "Jr." or "Sr." ("Donald Trump" before his son "Donald Trump Jr."); then the longest
    ("Robert M. Gates"); then the first written."""
    first_names = _first_names()
    full = {nm.name for nm in names if " " in nm.name and nm.name.split()[0] in first_names}
    personal = {nm.name for nm in names if (nm.title and nm.title not in _COURTESY) or nm.name.split()[0] in first_names}

    def key(nm: NameMention) -> tuple:
        words = nm.name.split()
        padded = any(" ".join(words[i:]) in full and not _PARTICLE.fullmatch(words[i]) for i in range(1, len(words) - 1))
        last = surname(nm.name)
        common = sum(w != last and w.isalpha() and w not in first_names and not _PARTICLE.fullmatch(w)
                     and common_in_lower_case(w) for w in words)
        return nm.name not in personal or padded, common, last != words[-1], -len(words)

    return key


#: What an entry of a speakers side file may set, and the kinds of speaker it may declare.
SPEAKER_SETTINGS = frozenset({"aliases", "side", "kind", "title"})
SPEAKER_KINDS = ("person", "group")


def _check_speaker_entry(path: Path, name: str, conf: object) -> list[str]:
    """The entry's aliases (one string given alone becomes a list of one), after raising
    :class:`InputFileError` naming ``path`` for an entry of a speakers file that would be
    silently misread: a blank name, a misspelt setting, a list where a word belongs."""
    if not name.strip():
        raise InputFileError(path, "an entry has a blank name; the table name is the speaker's name")
    if not isinstance(conf, dict):
        raise InputFileError(path, f"entry {name!r} must be a table of settings ({', '.join(sorted(SPEAKER_SETTINGS))})")
    check_settings(path, f"entry {name!r}", conf, SPEAKER_SETTINGS)
    aliases = conf.get("aliases", [])
    aliases = [aliases] if isinstance(aliases, str) else aliases
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise InputFileError(path, f"entry {name!r}: aliases must be a list of non-blank strings")
    for key in ("side", "title"):
        if key in conf and not isinstance(conf[key], str):
            raise InputFileError(path, f"entry {name!r}: {key} must be a string, not {conf[key]!r}")
    if "kind" in conf and conf["kind"] not in SPEAKER_KINDS:
        raise InputFileError(path, f"entry {name!r}: kind must be one of {', '.join(SPEAKER_KINDS)}, not {conf['kind']!r}")
    return aliases


#: A phrase in apposition before a name, and one after it ("the Libyan leader, Col. Moammar
#: Gadhafi", "Gates, the U.S. defense secretary"), and a word of a role that gives its side.
_APPOSITION_BEFORE = re.compile(r"(?:^|[.;,(])\s*([^.;,()]{3,50}),\s*$")
_APPOSITION_AFTER = re.compile(r",\s*(?:the|a|an)?\s*([^.;,()]{3,50})[,.]")
_ROLE_WORD = re.compile(r"\b(?:leader|minister|president|secretary|official|chief|ambassador|envoy|spokes\w+)\b", re.I)
#: A possessive ending a name ("Gates's", "Gates'").
_POSSESSIVE = re.compile(r"'s?$")


class Registry:
    """The canonical speakers of one article and how mentions map onto them."""

    def __init__(self, norm: str):
        self.norm = norm
        self.speakers: dict[str, Speaker] = {}
        self._by_surname: dict[str, str] = {}
        self.names: list[NameMention] = []
        self._name_starts: list[int] = []
        self.overridden: set[str] = set()

    # -- names -------------------------------------------------------------------------
    def collect(self, spans: list[tuple[int, int]]) -> None:
        """First pass: every name in the article's sentences (``spans``), so later surnames
        map to full names."""
        openers = set()
        for s, e in spans:
            self.names.extend(find_names(self.norm, s, e))
            if first := _FIRST_WORD.search(self.norm, s, e):
                openers.add(first.start())
        self.names = _without_lone_non_names(self.norm, self.names, openers)
        self.names.sort(key=lambda nm: nm.start)  # already in order when spans are; names_in relies on it
        self._name_starts = [nm.start for nm in self.names]
        full_names = [nm for nm in self.names if len(nm.name.split()) > 1]  # (sorted alone: fewer keys to make)
        for nm in sorted(full_names, key=_canonical_order(self.names)):
            if (key := surname(nm.name)) not in self._by_surname:
                self._by_surname[key] = nm.name
                self.speakers[nm.name] = Speaker(nm.name)
        for nm in self.names:
            sp = self._person(self.canonical_name(nm.name))
            if nm.title:
                courtesy = nm.title in _COURTESY
                if not sp.title or (sp.title in _COURTESY and not courtesy):
                    sp.title = nm.title
            if nm.gender and not sp.gender:
                sp.gender = nm.gender
            if not sp.side and (side := nm.side or self._apposition_side(nm)):
                sp.side = side

    def _apposition_side(self, nm: NameMention) -> str:
        """Side from "the Libyan leader, Col. Moammar Gadhafi" or "Gates, the U.S. defense secretary"."""
        before = self.norm[max(0, nm.start - 60):nm.start]
        # each apposition is next to a comma: most names are settled without a regex
        m = _APPOSITION_BEFORE.search(before) if before.rstrip().endswith(",") else None
        if m and _ROLE_WORD.search(m.group(1)):
            return side_of(m.group(1))
        m = _APPOSITION_AFTER.match(self.norm[nm.end:nm.end + 60]) if self.norm.startswith(",", nm.end) else None
        if m and _ROLE_WORD.search(m.group(1)):
            return side_of(m.group(1))
        return ""

    def canonical_name(self, name: str) -> str:
        """The speaker ``name`` refers to: itself, or the full name whose surname or alias it is."""
        name = name.strip()
        if "'" in name:
            name = _POSSESSIVE.sub("", name)
        if name in self.speakers:
            return name
        words = name.split()
        if words:
            key = surname(name)
            full = self._by_surname.get(key)
            if full and (len(words) == 1 or set(words) <= set(full.split()) | {key}):
                return full
        return name

    def names_in(self, s: int, e: int) -> list[NameMention]:
        """The name mentions inside ``[s, e)``, in order."""
        out = []
        for k in range(bisect_left(self._name_starts, s), len(self.names)):
            nm = self.names[k]
            if nm.start >= e:
                break
            if nm.end <= e:
                out.append(nm)
        return out

    def _person(self, canon: str) -> Speaker:
        """The speaker named ``canon``, a new person if there is none."""
        sp = self.speakers.get(canon)
        if sp is None:
            sp = self.speakers[canon] = Speaker(canon)
        return sp

    # -- resolution --------------------------------------------------------------------
    def person(self, name: str, mention: str) -> Speaker:
        """The person speaker for a name mention, counted once more."""
        canon = self.canonical_name(name)
        sp = self._person(canon)
        sp.mentions += 1
        if mention and mention != canon:
            sp.aliases.add(mention)
        return sp

    def group(self, phrase: str) -> Speaker:
        """The group speaker for a phrase such as "U.S. officials" (matched to a known one if any)."""
        canon = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I)
        canon = canon[:1].upper() + canon[1:] if canon[:1].islower() and not canon.startswith(("some", "many", "other", "most")) else canon
        for sp in self.speakers.values():
            if canon == sp.name or canon in sp.aliases:
                sp.mentions += 1
                if sp.kind == "person" and not sp.title and canon.split()[-1].lower() in group_nouns():
                    sp.kind = "group"  # "Critics", found as a capitalised word opening a sentence
                return sp
        sp = self.speakers.setdefault(canon, Speaker(canon, kind="group", side=side_of(phrase)))
        if sp.kind == "person" and not any(c.isupper() for c in canon[:1]):
            sp.kind = "group"
        sp.mentions += 1
        if phrase.strip() != canon:
            sp.aliases.add(phrase.strip())
        return sp

    def role(self, phrase: str) -> Speaker | None:
        """The named person a role phrase refers to ("Russia's defense minister")."""
        side = None  # the phrase's, found once a role matches
        best = None
        # in ASCII a role matches (ignoring case) only where its lower-case form is in the
        # phrase's: most roles are ruled out without a regular expression
        low = phrase.lower() if phrase.isascii() else None
        for sp in self.speakers.values():
            if sp.kind != "person" or not sp.title:
                continue
            role = " ".join(w for w in sp.title.split() if w not in _COURTESY)
            if len(role) <= 3 or (low is not None and role.isascii() and role.lower() not in low):
                continue
            m = re.search(r"\b" + re.escape(role) + r"\b", phrase, re.IGNORECASE)
            # the role closes the phrase, or the person's own name follows it: "Party Chairman
            # Jaime Harrison" names someone else
            rest = phrase[m.end():].strip() if m else ""
            if m and (not _CAPITAL.search(rest) or sp.name.startswith(rest)):
                side = side_of(phrase) if side is None else side
                if side and sp.side and side != sp.side:
                    continue
                if best is not None:
                    return None  # ambiguous: leave it a role
                best = sp
        if best is not None and side and not best.side:
            best.side = side
        if best is not None:
            best.aliases.add(phrase.strip())
        return best

    def apply_side_file(self, path: Path) -> None:
        """Apply a speakers side file: aliases, side, kind and title per named speaker."""
        data = read_side_file(path)
        for name, conf in data.items():
            aliases = _check_speaker_entry(path, name, conf)
            canon = self.canonical_name(name)
            if canon != name and canon in self.speakers and name not in self.speakers:
                sp = self.speakers[canon]
            else:
                # a name the article never spells as a person's: "Shop owners on Mill Street" is a group
                kind = "group" if any(w.lower() in group_nouns() for w in name.split()) else "person"
                sp = self.speakers.setdefault(name, Speaker(name, kind=kind))
            # Aliases given in the file point at this speaker.
            for a in aliases:
                sp.aliases.add(a)
                self._by_surname.setdefault(a, sp.name)
                other = self.speakers.get(a)
                if other is not None and other is not sp:
                    sp.mentions += other.mentions
                    del self.speakers[a]
            if "side" in conf:
                sp.side = conf["side"]
                sp.side_fixed = True
            if "kind" in conf:
                sp.kind = conf["kind"]
            if "title" in conf:
                sp.title = conf["title"]
            self.overridden.add(sp.name)

    def alias_target(self, phrase: str) -> Speaker | None:
        """A speaker one of whose side-file aliases is this phrase (case-insensitive)."""
        if not self.overridden:
            return None  # no side file: no aliases of its own
        low = _without_the(phrase.strip().lower())
        for sp in self.speakers.values():
            if sp.name in self.overridden:
                for a in sp.aliases:
                    if _without_the(a.lower()) == low:
                        return sp
        return None


_LEADING_THE = re.compile(r"^(?:the)\s+")


def _without_the(low: str) -> str:
    """A lower-cased phrase without a leading "the"."""
    return _LEADING_THE.sub("", low) if low.startswith("the") else low


def resolve_pronoun(pronoun: str, candidates: Iterable[Speaker | None]) -> Speaker | None:
    """The first candidate (most preferred first; None skipped) compatible with the pronoun,
    or ``None``. Candidates are read only as far as that one.

    ``he``/``she`` need a person whose gender is unknown or agrees; ``they``/``we`` prefer a
    group; ``I``/``who`` take the first person.
    """
    p = pronoun.lower()
    g = PRONOUNS.get(p, "")
    for sp in candidates:
        if sp is None:
            continue
        if g in ("m", "f"):
            if sp.kind == "person" and sp.gender in ("", g):
                return sp
        elif g == "p":
            if sp.kind == "group":
                return sp
        elif g == "n":
            if sp.kind == "group":
                return sp
        else:
            return sp
    return None
