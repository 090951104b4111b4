"""Speech attribution: which sentences report what someone said, thought or wants, and whose words.

:func:`attribute` turns an article and its sentence table into one row per attributed span
(``UTTERANCE_COLUMNS``) and a registry of canonical speakers. It is rules over word tokens and
regular expressions, run on the normalised text (offsets index ``Article.text`` unchanged):

* **cues** come from ``data/speech_cues.tsv`` (reporting, stance, thought and intention verbs and
  multi-word cues, each with a *frame* telling where its content lies);
* **sources**: the subject before the cue (skipping auxiliaries, adverbs, time phrases and an
  apposition between commas), the source after it ("..., said Mr. Gates", "according to
  officials"), the relative "who", or for a participle cue (", saying that ...") the subject of
  the main clause;
* **contents**: after the cue (directly, after "that"/"whether", after a colon, an opening quote,
  or after the object of "told"/"urged"), before it ("“...,” he said"), or on both sides of a
  parenthetical cue ("Unfortunately, he said, there have been ..."); a quote that runs over
  several sentences or paragraphs is followed to its end;
* **quotes without a cue of their own** continue the direct quote before them in the paragraph
  (or the paragraph a multi-paragraph quote started in): same speaker, ``cue == ""`` and cue
  offsets ``-1``; quotes inside reported speech become ``partial`` rows; quotes in narration
  (scare quotes, titles) are left alone;
* **speakers** are resolved by :mod:`newsvoices.speakers` (names, titles, roles, pronouns,
  groups, sides).

Rows are split at sentence boundaries so each row belongs to one sentence; all rows of one
attribution share its cue offsets. ``kind`` is ``direct`` (the content is a quotation),
``partial`` (a quotation inside reported speech), or ``indirect`` (reported speech, thought or
intention). When no plausible source is found the sentence stays unattributed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, repeat, takewhile
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import pandas as pd

from .frames import columns, from_rows
from .lexicons import brill_tags, common_capitalised, table, wordlist
from .quotes import Quote, find_quotes
from .sidefiles import find_side_file
from .speakers import PRONOUNS, NameMention, Registry, Speaker, group_nouns, resolve_pronoun, side_of, _nonnames
from .tokenization import word_pattern

if TYPE_CHECKING:
    from .article import Article

UTTERANCE_COLUMNS = ["speaker", "side", "kind", "cue", "text", "start", "end", "mention", "mention_start",
                     "mention_end", "cue_start", "cue_end", "paragraph", "sentence"]
_DTYPES = {c: "int64" for c in ["start", "end", "mention_start", "mention_end", "cue_start", "cue_end",
                                 "paragraph", "sentence"]}
REGISTRY_COLUMNS = ["speaker", "side", "kind", "title", "mentions", "aliases"]

_SKIP_BACK = frozenset("""has have had is was are were be been will would could should may might can did does do
not n't never also later previously repeatedly often then now again recently publicly reportedly already still
just even further first once long privately openly earlier today yesterday tonight ultimately initially
however meanwhile too instead
subsequently last night morning afternoon evening week month year this""".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_NP_CONTENT_END = frozenset("""before after while when as because since until unless although though whereas
aside -- — ( ;""".split())
_IRREGULAR_PARTICIPLES = frozenset("told found said shown seen known written sought held thought felt".split())
_SUBORDINATORS = frozenset(["of", "as", "when", "because"])  # "said of the encounter", "said as she turned"
_AGO_WORDS = frozenset("a an few several less more than about nearly just only some two three four five six".split())
_CONCESSIVE = frozenset("despite though although whereas even but while".split())
_TIME_NOUNS = wordlist("time_nouns.txt")
_BOUNDARY = frozenset("""that and but or because when while as if since although though where so than whether yet
until unless whom whose after before once nor for if why how what""".split())
_BOUNDARY_PUNCT = frozenset([",", ";", ":", "(", ")", '"', "--", "\u2014", "\u2013", "?", "!", "-", "[", "]"])
_DETS = frozenset("""the a an his her their its our my your this that these those of 's no any such every each
some another which whose""".split())
_COMPLEMENTIZERS = frozenset(["that"])
_WH = frozenset("whether if why what how when where who which".split())
#: Brill tags of a capitalised word that opens a sentence without being part of its
#: subject: adverbs, modals and verbs (questions), interjections, conjunctions.
_NOT_SUBJECT_TAGS = frozenset({"RB", "RBR", "MD", "VB", "VBP", "VBZ", "VBD", "UH", "CC"})
_PREPS = frozenset("""in on at during to through with via after before from about over for into by outside
inside while""".split())
_AFTER_STOP = frozenset("""who which in on at during after before when while as to from about with through
that,""".split())
_NP_START = frozenset("""the a an some many most several few two three four five both all one another other
his her their its our my this these those each every no""".split())
#: Penn Treebank tags of the words that may follow a determiner in a subject noun phrase
_NOUN_PHRASE_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "CD"})
_VERBISH = frozenset("""is was are were be been has have had will would could should may might can do does did not
n't""".split())
_QQ = re.compile(r"(?<!')''(?!')")
_QQQ = re.compile(r"(?<!')'''(?!')")  # two-apostrophe quotes with a single quote inside: ''' = '' + '
_SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "i", "we", "you", "it", "who"])
_CLAUSE_SUBJECTS = frozenset(["he", "she", "they", "i", "we"])
_AFTER_SOURCE = (_AFTER_STOP - {"that,"}) | _WEEKDAYS | frozenset(
    "of last this earlier later recently today yesterday tonight and but".split())
#: words opening an introductory phrase or clause before a sentence's subject ("After the
#: vote, ...", "However, ..."); each use adds a few of its own
_INTRO_WORDS = frozenset("""after before when while as although despite if since meanwhile however still yet
but and""".split())
_INTRO_BEFORE_APPOSITION = _INTRO_WORDS | frozenset("instead separately now then so also".split())
_INTRO_BEFORE_SUBJECT = _INTRO_WORDS | frozenset(["unlike", "like", "asked"])
#: words opening a subordinate clause ("After the vote", "If elected")
_SUBORDINATE_OPENERS = frozenset("""after before when while as although though despite if since because unless
until once whereas""".split())
#: adverbs that may stand before a subordinator ("Even after", "Shortly before")
_SUBORDINATOR_ADVERBS = frozenset("even just shortly long soon right only".split())
#: one word that, alone before the subject's comma, only links the sentence to the one before
_LINKING_ADVERBS = _INTRO_BEFORE_APPOSITION | frozenset("""earlier later finally initially ultimately overall
nonetheless nevertheless moreover furthermore additionally indeed today yesterday""".split())
#: Brill tags of a verb or modal
_VERB_TAGS = frozenset({"VB", "VBD", "VBN", "VBP", "VBZ", "MD"})
#: Brill tags of a finite verb or modal
_FINITE_VERB_TAGS = _VERB_TAGS - {"VBN"}
_TOLD_OBJECTS = frozenset(["me", "us", "him", "them", "reporters", "journalists", "supporters"])
_COLON_LABELS = wordlist("colon_labels.txt")
_ALNUM = re.compile(r"[A-Za-z0-9]")


@cache
def _cue_table() -> dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]:
    by_first: dict[str, list] = {}
    for row in table("speech_cues.tsv"):
        words = tuple(row[0].lower().split())
        by_first.setdefault(words[0], []).append((words, row[1], row[2]))
    return {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in by_first.items()}


@dataclass(slots=True)
class _Tok:
    s: int
    e: int
    w: str
    low: str
    q: int  # index of the quote it is in, or -1


_NOT_CONTENT_START = _PREPS | _BOUNDARY | _WEEKDAYS | frozenset("of last this yesterday today".split())


def _content_start(tok: _Tok) -> bool:
    """Whether reported content can begin at ``tok`` after "told X": a word outside any
    quote that is not a preposition, conjunction or time word ("told reporters on Monday")."""
    return tok.w[:1].isalpha() and tok.q < 0 and tok.low not in _NOT_CONTENT_START


@dataclass
class _Att:
    cue: tuple[int, int]
    mention: tuple[int, int]
    mtype: str  # pronoun / name / group / who / role / subject
    contents: list[tuple[int, int]]
    sentence: int
    frame: str
    speaker: Speaker | None = None
    antecedent: tuple[int, int] | None = None
    extra_partials: list = field(default_factory=list)
    thought: bool = False  # a thought or intention cue ("believes", "wants")


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _clause_start(tok: "_Tok") -> bool:
    """Whether a clause (not a noun phrase) starts at ``tok`` after "and"/"but": a subject
    pronoun or a verb in the past tense ("and fired his police chief")."""
    return tok.low in _CLAUSE_SUBJECTS or (tok.low.endswith("ed") and not _is_cap(tok.w)) or tok.low in _VERBISH


def _plural_noun(low: str) -> bool:
    """A word shaped like a plural noun ("specialists", "economists"; not "this", "class", "status")."""
    return len(low) > 4 and low.endswith("s") and not low.endswith(("ss", "us", "is", "ous")) and low.isalpha()


def _time_phrase(toks: list["_Tok"], a: int, b: int) -> bool:
    """Whether ``toks[a:b]`` is a short phrase of time opening a sentence: "Last week",
    "Earlier this month", "On Monday", "In 2015"."""
    last = toks[b - 1]
    return 0 < b - a <= 4 and (last.low in _WEEKDAYS or (last.low.rstrip("s") in _TIME_NOUNS and not _is_cap(last.w))
                               or (len(last.low) == 4 and last.low.isdigit()))


def _goes_on(tok: _Tok) -> bool:
    """Whether the content goes on at ``tok``, after the comma that closes a parenthetical
    source and cue: a content start (:func:`_content_start`), not a relative or question word
    ("told the Ledger, which first reported it")."""
    return _content_start(tok) and tok.low not in _WH


def _introduction(toks: list["_Tok"], a: int, b: int) -> bool:
    """Whether ``toks[a:b]``, the words before a subject and its comma, only introduce the
    sentence: a linking adverb ("Meanwhile", "However"), a subordinate clause ("Even after the
    complaint was filed"), or a phrase of time or place without a verb ("On Wednesday", "In a
    1963 speech"). Such words are no content reported before its source, as "The plan
    failed" is in "The plan failed, she said"."""
    chunk = toks[a:b]
    if not chunk or any(t.q >= 0 or t.low in {",", ";", ":"} for t in chunk):
        return False
    if len(chunk) == 1:
        return chunk[0].low in _LINKING_ADVERBS
    tags = brill_tags()
    verbs = sum(t.low in _VERBISH or tags.get(t.low) in _FINITE_VERB_TAGS for t in chunk)
    k = 0
    while k + 1 < len(chunk) and chunk[k].low in _SUBORDINATOR_ADVERBS:
        k += 1
    if chunk[k].low in _SUBORDINATE_OPENERS:
        return verbs <= 1  # two verbs: the main clause follows with no comma ("After he won he left")
    return (chunk[0].low in _PREPS or _time_phrase(toks, a, b)) and verbs == 0


def _name_suffix(tok: "_Tok") -> bool:
    """A token a period can follow inside a name: "Jr", "Sr" (the tokenizer splits "Jr." before
    a lower-case word)."""
    return tok.low in {"jr", "sr"}


class _Attributor:
    def __init__(self, article: "Article", sent: list[tuple[int, int, int, int]], registry: Registry, norm: str,
                 words: tuple[list[int], list[int], list[str]] | None = None):
        """``words`` is (starts, ends, lower-cased forms) of the article's word tokens, from
        the token table, when they were found in ``norm`` sentence by sentence."""
        self.text = article.text
        self.norm = norm
        self.reg = registry
        self.sent = sent  # (start, end, paragraph, sentence) of each sentence
        paragraphs = [(max(s, article.body_start) if i == 0 else s, e) for i, (s, e) in enumerate(article.paragraphs)]
        self.paragraphs = paragraphs
        self.quotes: list[Quote] = find_quotes(article.text, norm, paragraphs)
        self._qstarts = [q.start for q in self.quotes]
        self.sent_starts = [s for s, _, _, _ in self.sent]
        self.groups = group_nouns()
        self.nonnames = _nonnames()
        self._tok_cache: dict[tuple[int, int], list[_Tok]] = {}
        self.words = words

    # -- helpers ---------------------------------------------------------------------------
    def quote_at(self, pos: int) -> int:
        i = bisect_right(self._qstarts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return i
        return -1

    def tokens(self, s: int, e: int) -> list[_Tok]:
        """The word tokens of norm[s:e] (cached: a sentence is tokenised once)."""
        key = (s, e)
        out = self._tok_cache.get(key)
        if out is None:
            starts, ends, lows = self._words(s, e)
            norm = self.norm
            words = [norm[ts:te] for ts, te in zip(starts, ends)]
            out = self._tok_cache[key] = list(map(_Tok, starts, ends, words, lows, self._quote_indices(starts, e)))
        return out

    def _quote_indices(self, starts: list[int], e: int) -> Iterable[int]:
        """The index of the quote each of ``starts`` (ascending, before ``e``) lies in, or -1."""
        if not starts:
            return ()
        quotes, qs = self.quotes, self._qstarts
        nq = len(qs)
        qi = bisect_right(qs, starts[0]) - 1
        qend = quotes[qi].end if qi >= 0 else -1
        if qend <= starts[0] and (qi + 1 == nq or qs[qi + 1] >= e):
            return repeat(-1)  # no quote reaches into the sentence: most sentences
        out = []
        for ts in starts:
            while qi + 1 < nq and qs[qi + 1] <= ts:
                qi += 1
                qend = quotes[qi].end
            out.append(qi if ts < qend else -1)
        return out

    def _words(self, s: int, e: int) -> tuple[list[int], list[int], list[str]]:
        """(starts, ends, lower-cased forms) of the word tokens of the sentence norm[s:e]: the
        token table's when it has them, else found here."""
        if self.words is not None:
            starts, ends, lows = self.words
            i, j = bisect_left(starts, s), bisect_left(starts, e)
            return starts[i:j], ends[i:j], lows[i:j]
        spans = [m.span() for m in word_pattern().finditer(self.norm, s, e)]
        norm = self.norm
        return [a for a, _ in spans], [b for _, b in spans], [norm[a:b].lower() for a, b in spans]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def _head_type(self, toks: list[_Tok], a: int, b: int, sent_first: int, lenient: bool = True) -> str | None:
        """What kind of source the chunk toks[a:b] is, or None if implausible."""
        if b <= a or b - a > 12:
            return None
        chunk = toks[a:b]
        if b - a == 1 and chunk[0].low in _SUBJECT_PRONOUNS:
            return "who" if chunk[0].low == "who" else "pronoun"
        if chunk[-1].low in {"who"}:
            return None
        if any(t.q >= 0 for t in chunk):
            return None
        for k, t in enumerate(chunk):
            if a + k == sent_first and (k + 1 == len(chunk) or not _is_cap(chunk[k + 1].w)) and (
                    (t.low in self.groups and not any(_is_cap(x.w) for x in chunk[k + 1:])) or (
                        k + 1 < len(chunk) and chunk[k + 1].low in self.groups and (
                            k + 2 == len(chunk) or not _is_cap(chunk[k + 2].w)))):
                return "group"  # a capital that only opens the sentence: "Critics say", "Shop owners on Mill Street"
            if _is_cap(t.w) and t.w not in self.nonnames and t.w.rstrip(".") not in self.nonnames and not (
                    a + k == sent_first and t.low in _DETS):
                return "name"
        lows = [t.low for t in chunk]
        if any(l in self.groups for l in lows[-4:]) or any(l in self.groups for l in lows[:3]) or any(l.isdigit() for l in lows) or "percent" in lows:
            return "group"
        if b - a == 1 and lows[0] in {"many", "some", "others", "most", "both", "few", "all", "another", "one"}:
            return "group"
        if lenient and b - a <= 8 and lows[0] in _NP_START and not any(l in _VERBISH for l in lows):
            return "np"
        if lenient and b - a <= 3 and _plural_noun(lows[-1]) and all(l.isalpha() and l not in _VERBISH for l in lows):
            return "group"  # "hacking specialists say", "some economists said"
        return None

    def subject_before(self, toks: list[_Tok], i: int, lo: int) -> tuple[int, int, str] | None:
        """The subject chunk ending before token i (exclusive), not reaching before token lo."""
        j = i - 1
        while j >= lo:
            low = toks[j].low
            if low in _SKIP_BACK or (low.endswith("ly") and low.isalpha() and not _is_cap(toks[j].w)) \
                    or low in _WEEKDAYS:
                j -= 1
                continue
            if low == "on" and j + 1 < i and toks[j + 1].low in _WEEKDAYS:
                j -= 1
                continue
            if low == "ago":  # "The department less than two weeks ago said"
                j -= 1
                while j >= lo and (toks[j].low.rstrip("s") in _TIME_NOUNS or toks[j].low.isdigit()
                                   or toks[j].low in _AGO_WORDS):
                    j -= 1
                continue
            break
        if j < lo:
            return None
        if toks[j].low in {")", "--", "\u2014", "\u2013"} and j - 1 > lo:
            # a parenthesis or a dashed apposition before the cue: "Rep. X (D-N.Y.) said", "Joyce — who ... — told"
            opener = "(" if toks[j].low == ")" else toks[j].low
            k = j - 1
            while k > lo and j - k <= 30 and toks[k].low != opener and not (opener == "(" and toks[k].low == ")"):
                k -= 1
            if k > lo and toks[k].low == opener and toks[k - 1].low not in _BOUNDARY_PUNCT:
                return self.subject_before(toks, k, lo)
            return None
        if toks[j].low == "," and j - 1 >= lo:
            # apposition(s): "Sen. Marco Rubio, R-Fla., a candidate, said" -> the first segment
            return self.apposition_subject(toks, j, lo)
        if toks[j].low in _CLAUSE_SUBJECTS and j > lo and toks[j].q < 0:
            # "told reporters he thought ...": the pronoun alone is the subject of "thought"
            return j, j + 1, "pronoun"
        end = j + 1
        k = j
        cue_words = _cue_table()
        while k >= lo:
            low = toks[k].low
            if low == "." and k > lo and _name_suffix(toks[k - 1]):
                k -= 1  # "Joseph R. Biden Jr. said": the period of a name suffix
                continue
            if low in cue_words and k < j and (rel := self._relative_pronoun_before(toks, k, lo)) is not None:
                k = rel  # the verb of a relative clause: "officials who (have) spoke(n) with the Post said"
                continue
            if low in _BOUNDARY_PUNCT or low in {".", "--"} or (low in cue_words and k < j):
                break
            if low in _BOUNDARY:
                if low == "and" and k - 1 >= lo and _is_cap(toks[k - 1].w) and k + 1 < end and _is_cap(toks[k + 1].w):
                    k -= 1
                    continue
                break
            if low in {"who", "which"} and k < j:
                k -= 1
                continue
            if low in {"who", "which"}:
                k -= 1
                break
            k -= 1
        start = k + 1
        if start >= end:
            return None
        # "who" directly before the cue is the source itself
        if toks[end - 1].low == "who" and end - 1 == j:
            return end - 1, end, "who"
        if start - 2 >= lo and toks[start - 1].low in {"for", "of"} and self._head_type(toks, start, end, lo) is None:
            # "Some advocates for stem cell research said": the noun phrase goes on before "for"
            k = start - 2
            while k >= lo and start - k <= 6 and toks[k].low not in _BOUNDARY_PUNCT and toks[k].low not in _BOUNDARY \
                    and toks[k].low not in {".", "--"}:
                k -= 1
            if k + 1 < start - 1:
                start = k + 1
        rel = next((x for x in range(start + 1, end - 1) if toks[x].low == "who"), None)
        if rel is not None and self._subject_relative(toks[rel + 1]) and self._head_type(toks, start, rel, lo) not in (None, "who"):
            end = rel  # "officials who spoke with The Huffington Post said": the head, not the Post
        ht = self._head_type(toks, start, end, lo)
        if ht is None:
            # "a White House official who spoke anonymously said": the head before the relative clause
            rel = next((x for x in range(start + 1, end) if toks[x].low in {"who", "which"}), None)
            if rel is None:
                return None
            end = rel
            ht = self._head_type(toks, start, end, lo)
            if ht in (None, "who"):
                return None
        # trim a leading preposition phrase ("In his speech Trump said")
        if toks[start].low in _PREPS and ht == "name":
            for k2 in range(start + 1, end):
                if _is_cap(toks[k2].w) and toks[k2].w not in self.nonnames:
                    start = k2
                    break
        elif toks[start].low in _PREPS and ht == "group" and end - start > 1:
            start += 1  # "with 22 percent saying"
        opener, tags = start, common_capitalised()
        while end - opener > 1 and tags.get(toks[opener].w) in _NOT_SUBJECT_TAGS:
            opener += 1  # a sentence opener outside the subject: "Perhaps the moderators will", "Do you know"
        if opener > start and (trimmed := self._head_type(toks, opener, end, lo)) not in (None, "who"):
            start, ht = opener, trimmed
        return start, end, ht

    @staticmethod
    def _relative_pronoun_before(toks: list[_Tok], k: int, lo: int) -> int | None:
        """The index of the "who" whose relative clause's verb is toks[k] ("who said", "who
        have long argued"), or None."""
        m, tags = k - 1, brill_tags()
        while m > lo and k - m <= 3 and (toks[m].low in _SKIP_BACK or tags.get(toks[m].low) == "RB"):
            m -= 1
        return m if m > lo and toks[m].low == "who" else None

    @staticmethod
    def _subject_relative(tok: _Tok) -> bool:
        """Whether the word after "who" starts the relative clause's verb phrase ("who spoke",
        "who favor", "who previously said"), so that "who" is its subject, not its object
        ("the man who she said", "who Mr. Trump named")."""
        return not _is_cap(tok.w) and tok.low not in _DETS and tok.low not in _SUBJECT_PRONOUNS \
            and brill_tags().get(tok.low) not in {"NNS", "NNP", "PRP", "DT", "CD"}

    def apposition_subject(self, toks: list[_Tok], j: int, lo: int) -> tuple[int, int, str] | None:
        """Subject before a chain of appositions ending at the comma toks[j]."""
        k = j - 1
        while k >= lo and j - k <= 45:
            low = toks[k].low
            if low in {";", ":", '"', "--", "\u2014"}:
                break
            if low in {"but", "and", "that", "because", "while", "when", "if", "although"} and toks[k + 1].low != ",":
                # a conjunction may start the subject ("..., and Reid, a Democrat, said") or sit inside an
                # apposition ("Lopez-Cantera, a Republican and former legislator, said"): try it, then go on
                found = self._apposition_from(toks, k + 1, j, lo)
                if found is not None:
                    return found
            k -= 1
        return self._apposition_from(toks, k + 1, j, lo)

    def _apposition_from(self, toks: list[_Tok], start: int, j: int, lo: int) -> tuple[int, int, str] | None:
        """The first segment of the comma-separated chain toks[start:j], if it can be a source."""
        commas = [x for x in range(start, j) if toks[x].low == ","]
        if not commas:
            return None
        segs = []
        prev = start
        for c in commas + [j]:
            segs.append((prev, c))
            prev = c + 1
        first = segs[0]
        if toks[first[0]].low in _PREPS or toks[first[0]].low.endswith("ing") or (
                toks[first[0]].low.endswith("ed") and first[0] + 1 < first[1] and toks[first[0] + 1].low in _PREPS) or (
                toks[first[0]].low.endswith("ly") and (first[1] - first[0] == 1 or not _is_cap(toks[first[0]].w))) \
                or toks[first[0]].low in _INTRO_BEFORE_APPOSITION or _time_phrase(toks, *first):
            segs = segs[1:]
        elif start > 0 and toks[start - 1].low in _BOUNDARY and any(toks[x].low in _VERBISH for x in range(*first)):
            segs = segs[1:]  # "While Brookover did not spell it out, Rep. Chris Collins, R-NY, says": a clause
        if len(segs) < 2:
            return None
        a, b = segs[0]
        if b - a > 10:
            return None
        ht = self._head_type(toks, a, b, lo)
        if ht is None and len(segs) == 2:
            # "Just over a quarter, 26 percent, say": the second segment names the group
            a, b = segs[1]
            ht = self._head_type(toks, a, b, lo)
            ht = ht if ht == "group" else None
        if ht in (None, "who"):
            return None
        if len(segs) >= 2 and toks[b - 1].w.isalpha() and toks[b - 1].w.islower() and self._is_name(toks, *segs[1]):
            return a, segs[1][1], "name"  # a role, then the name: "The treasurer, Nora Quill, said"
        return a, b, ht

    def _is_name(self, toks: list[_Tok], a: int, b: int) -> bool:
        """Whether toks[a:b] is a person's name and nothing more (a title may open it, and
        capitalised descriptors before that: "Vermont Sen. Bernie Sanders")."""
        start, end = self._span(toks, a, b)
        names = self.reg.names_in(start, end)
        return len(names) == 1 and names[0].end == end and all(
            _is_cap(t.w) for t in toks[a:b] if t.s < names[0].start)

    def source_after(self, toks: list[_Tok], j: int, hi: int, prep: bool = False) -> tuple[int, int, str] | None:
        if j >= hi:
            return None
        first = toks[j]
        if first.low in {"that", "it", "this", "there", "to", "in", "on", "at", "of", "for", "with", "by", "about"}:
            return None
        k = j
        while k < hi and k - j < 10:
            t = toks[k]
            if t.low in {",", ".", ";", ":", "?", "!", '"', "(", "--", "\u2014"} or (t.low in _AFTER_STOP and k > j and not prep):
                break
            if t.q >= 0:
                break
            k += 1
        if k == j:
            return None
        ht = self._head_type(toks, j, k, j)
        if ht == "who" or any(t.low in _VERBISH or t.low.endswith("n't") for t in toks[j:k]):
            return None
        if k - j > 1 and toks[j].low in _CLAUSE_SUBJECTS:
            return None  # "said they believed ...": a clause, not a source
        return (j, k, ht) if ht else None

    def main_subject(self, toks: list[_Tok], upto: int) -> tuple[int, int, str] | None:
        """The subject of the sentence's main clause (for ", saying that ...")."""
        if not toks:
            return None
        k = _dateline_end(toks, upto)
        first = toks[k]
        if first.q >= 0:
            return None
        if first.low in _PREPS or first.low.endswith("ing") or first.low in _INTRO_BEFORE_SUBJECT \
                or (first.low.endswith("ly") and first.low.isalpha()):
            # skip an introductory phrase up to its comma (or a lone conjunction/adverb)
            if first.low in {"but", "and", "yet", "still"} and len(toks) > 1 and toks[1].low != ",":
                k = 1
            else:
                while k < upto and toks[k].low != ",":
                    k += 1
                k += 1
                # more of the introduction: "In Ames, Iowa, on Sunday, Mrs. Clinton ..."
                while k < upto:
                    m = k
                    while m < upto and m - k < 4 and toks[m].low not in {",", ".", ";"}:
                        m += 1
                    if m < upto and toks[m].low == "," and m > k and (toks[k].low in _PREPS or m - k == 1
                                                                          or toks[m - 1].low in {"later", "ago", "earlier"}):
                        k = m + 1
                        continue
                    break
        if k >= upto:
            return None
        t = toks[k]
        if t.low in {"he", "she", "they", "i", "we"}:
            return k, k + 1, "pronoun"
        end = k
        # after a determiner, the adjectives and nouns of the phrase: "The billionaire businessman began"
        np_words = brill_tags() if t.low in _NP_START else {}
        while end < upto and end - k < 8:
            t2 = toks[end]
            if t2.low in _BOUNDARY_PUNCT or t2.low in _BOUNDARY or t2.low == ".":
                break
            if not (_is_cap(t2.w) or t2.low in _DETS or t2.low in self.groups or t2.low in {"'s", "'"}
                    or (end > k and t2.low in {"u.s.", "former", "top", "senior", "chief"})
                    or np_words.get(t2.w) in _NOUN_PHRASE_TAGS):
                break
            end += 1
        if end == k:
            return None
        ht = self._head_type(toks, k, end, 0)
        if ht in (None, "who"):
            return None
        return k, end, ht

    def subject_person(self, si: int, before: int, gender: str,
                       reported: list[tuple[int, int, Speaker | None]]) -> Speaker | None:
        """The person named as the subject of sentence ``si``'s main clause, when the name
        heads the subject and ends before the offset ``before``, and the person is known by a
        full name or a title: "Mark Weddle, 55, started work ...". Not a possessive or a
        modifier ("Mrs. Clinton's vote", "The Romney attack"), not a phrase in apposition to
        what comes at ``before`` ("A Libertarian, he ..."), not a name whose own title gives
        a gender other than ``gender`` (m / f / "" for either), and not a subject inside
        content that someone else reports (``reported``: start, end and speaker of content
        spans; "Trump, Sexton said, has ...")."""
        s, e = self.sent[si][:2]
        if not self.reg.names_in(s, before):
            return None  # no name before ``before`` to be the subject: settled without the tokens
        toks = self.tokens(s, e)
        upto = bisect_left(toks, before, key=lambda t: t.s)
        subject = self.main_subject(toks, upto)
        if subject is None or subject[2] != "name":
            return None
        start, end = self._span(toks, subject[0], subject[1])
        names = self.reg.names_in(start, end)
        if not names or names[-1].end != end or not self.norm[end:before].strip(" ,"):
            return None
        if gender and names[-1].gender not in ("", gender):
            return None
        person = self.reg.speakers.get(self.reg.canonical_name(names[-1].name))
        # a lone capitalised word opening a sentence may be no name at all ("Time", "Days");
        # a full name or a title makes it one
        if person is None or not (" " in person.name or person.title):
            return None
        if any(cs <= start < ce and speaker is not person for cs, ce, speaker in reported):
            return None
        return person

    def first_mention(self, toks: list[_Tok], upto: int) -> tuple[int, int, str] | None:
        """Fallback subject: the first subject pronoun or name outside quotes before ``upto``."""
        for k in range(_dateline_end(toks, upto), upto):
            t = toks[k]
            if t.q >= 0:
                continue
            if t.low in {"he", "she", "they", "we", "i"}:
                return k, k + 1, "pronoun"
            if _is_cap(t.w) and t.w not in self.nonnames and (k == 0 or toks[k - 1].low not in _PREPS):
                end = k + 1
                while end < upto and (_is_cap(toks[end].w) or toks[end].low in {"'s"}) and toks[end].q < 0:
                    end += 1
                return k, end, "name"
        return None

    def content_after(self, toks: list[_Tok], j: int, hi: int, frame: str, kind: str,
                      parenthetical: bool = False) -> tuple[int, str] | None:
        """Where the content after the cue starts (token index) and how it was introduced.
        ``parenthetical``: the source and cue stand between commas inside the sentence."""
        if j >= hi:
            return None
        first = toks[j]
        if first.low in {".", "?", "!"}:
            return None
        limit = min(hi, j + 12)
        cues = _cue_table()
        for k in range(j, limit):
            t = toks[k]
            if t.q < 0 and ((k > j and t.low in cues and not _is_cap(t.w))
                            or (t.low in _CLAUSE_SUBJECTS and (frame == "say" or (frame == "tell" and k > j)))):
                # another verb or a new subject before any "that": the content starts here (or at j;
                # "said he applied ... but that was not so": at the pronoun, not the later "that")
                if frame == "tell" and t.low in _CLAUSE_SUBJECTS:
                    return k, "direct"
                break
            if t.low in _COMPLEMENTIZERS and t.q < 0 and not (k > j and toks[k - 1].low in _PREPS) \
                    and k + 1 < hi and toks[k + 1].low not in {".", "?", "!", ";"}:
                # a "that" opening a clause ("that, if elected, she would"); not the pronoun of
                # "to blame anyone for that."
                return k + 1 + (toks[k + 1].low == "," and k + 2 < hi), "that"
            if t.low == ":":
                return (k + 1 if k + 1 < hi else None), "colon"
            if k == j and t.w == '"' and self.quote_at(t.s) >= 0 and self.quotes[self.quote_at(t.s)].start == t.s:
                return k, "quote"
            if t.low in _WH and (k > j or frame == "tell") and frame in ("tell", "say", "np") and t.low not in {"who", "which"}:
                return k, "wh"
            if t.low == "to" and frame == "tell" and k > j:
                return k, "to"
            if t.low == "," and k + 1 < hi and toks[k + 1].w == '"' and toks[k + 1].q >= 0 \
                    and self.quotes[toks[k + 1].q].start == toks[k + 1].s:
                return k + 1, "quote"
            if t.low in {",", ";", ".", "?", "!", "--", "\u2014"}:
                break
        if frame == "say":
            time_phrase = first.low in {"last", "this", "next", "late", "early"} and j + 1 < hi and (
                toks[j + 1].low in _TIME_NOUNS or toks[j + 1].low in _WEEKDAYS
                or (first.low in {"late", "early"} and toks[j + 1].low in {"last", "this", "next"}))
            if first.low in _SUBORDINATORS:
                return None  # '"...," Trump said of Apple, when ...': the content came before the cue
            weekday = first.low in _WEEKDAYS and not (j + 1 < hi and toks[j + 1].low == "'s")  # not "Monday's ruling"
            if first.low in _PREPS or weekday or time_phrase or first.low in {
                    "repeatedly", "earlier", "again", "later", "recently"}:
                # "said in a statement, ..." / "said Tuesday." / "said in politics it takes time"
                for k in range(j, min(hi, j + 15)):
                    if toks[k].low == ",":
                        return (k + 1 if k + 1 < hi else None), "comma"
                    if k > j + 1 and toks[k].q < 0 and (toks[k].low in _CLAUSE_SUBJECTS or toks[k].low in {"it", "there"}):
                        return k, "direct"
                    if toks[k].low in {".", ";"}:
                        break
                else:
                    k = hi
                if weekday:
                    # "said Monday the bridge would reopen": the content follows the day (and its part)
                    start = j + 1 + (j + 1 < hi and toks[j + 1].low in _TIME_NOUNS)
                    # (not "A merger announced Monday would ...": there the cue is a participle)
                    if start < k and toks[start].low not in _PREPS and toks[start].low not in _VERBISH \
                            and sum(x.w[:1].isalpha() for x in toks[start:k]) >= 2:
                        return start, "direct"
                return None
            if first.low == ",":
                return (j + 1 if j + 1 < hi else None), "comma"
            if first.low in {"much", "little", "something"} or (
                    first.low in {"so", "yes", "no"} and j + 1 < hi and toks[j + 1].low not in {".", ",", ";", "while", "but"}) or (
                    first.low in {"it", "this", "them", "that", "those", "these"} and (
                        j + 1 >= hi or toks[j + 1].low in {".", ",", "to", "on", "in"})):
                return None
            return j, "direct"
        if frame in ("np", "to"):
            if first.low == ",":
                return None
            return j, "direct"
        if frame == "tell" and parenthetical and first.low == "," and j + 1 < hi and _goes_on(toks[j + 1]):
            return j + 1, "comma"  # "If the plan fails, Quill warned, the schools will close"
        obj_in_cue = j > 0 and toks[j - 1].low in _TOLD_OBJECTS
        if frame == "tell" and not obj_in_cue and (_is_cap(first.w) or first.low == "the"):
            # "told POLITICO Florida the state's standards are not perfect": an outlet or person, then the
            # content; not after "told reporters", whose object is part of the cue
            k = j + (first.low == "the")
            while k < hi and _is_cap(toks[k].w) and toks[k].q < 0:
                k += 1
            if j < k < hi - 2 and _content_start(toks[k]):
                return k, "direct"
            if parenthetical and j < k < hi - 2 and toks[k].low == "," and _goes_on(toks[k + 1]):
                return k + 1, "comma"  # "Instead, Trump told CNN, his policy would ...": the content goes on
        if frame == "tell" and (first.low in _TOLD_OBJECTS or obj_in_cue) and (j + 1 < hi or obj_in_cue):
            # "told me his support ...", "told reporters the plan ..."
            if obj_in_cue:
                j -= 1
            run = 0
            for t in toks[j + 1:hi]:
                if not t.w[:1].isalnum():
                    break
                run += 1
            if run < 3:
                return None  # "told reporters afterward."
            if _content_start(toks[j + 1]):
                return j + 1, "direct"
        return None

    # -- the pass over sentences ----------------------------------------------------------
    def run(self) -> list[_Att]:
        cues, tags = _cue_table(), brill_tags()
        atts: list[_Att] = []
        for si, (s, e, p, sid) in enumerate(self.sent):
            if self.norm.find(":", s, e) >= 0:
                atts.extend(self.colon_attributions(si))
            # the tokens whose word may open a cue: most narration sentences have none
            lows = self._words(s, e)[2]
            at = [i for i, low in enumerate(lows) if low in cues]
            if not at:
                continue
            toks = self.tokens(s, e)
            n = len(toks)
            titlecase = None
            found: list[tuple[int, int, str, str]] = []
            i = 0  # tokens before i are taken or passed over
            for i0 in at:
                if i0 < i:
                    continue
                i = i0
                t = toks[i]
                if t.q >= 0:
                    continue
                match = None
                for words, kind, frame in cues[t.low]:
                    if tuple(lows[i:i + len(words)]) == words:
                        match = (words, kind, frame)
                        break
                if match is None:
                    continue
                words, kind, frame = match
                prev = toks[i - 1].low if i > 0 else ""
                if i + len(words) < n and toks[i + len(words)].low == "up":
                    i += len(words)  # "show up", "add up": a phrasal verb, not a cue
                    continue
                if frame != "prep":
                    if prev in _DETS or prev in {"to", "'s"} or (prev in _PREPS and frame != "end") or (
                            t.low.endswith("ed") and (prev in {"more", "most", "fewer"} or prev.isdigit())):
                        # "the report", "to say", "271 pledged delegates": not a cue
                        i += len(words)
                        continue
                    # passive "was (not) expected to": no source in the sentence
                    k = i - 1
                    while k >= 0 and (toks[k].low in {"not", "n't"} or tags.get(toks[k].low) == "RB"):
                        k -= 1  # "is often asked", "was widely reported"
                    if (kind == "thought" or t.low.endswith("ed") or t.low in _IRREGULAR_PARTICIPLES) and k >= 0 \
                            and toks[k].low in {"is", "was", "are", "were", "be", "been", "being", "'re"}:
                        # passive "was questioned", "are found", "be accused": the subject is not the source
                        i += len(words)
                        continue
                    if _is_cap(t.w) and i > 0 and not (titlecase is None and (titlecase := self._titlecase(toks))) \
                            and not titlecase:
                        i += len(words)
                        continue
                found.append((i, i + len(words), kind, frame))
                i += len(words)
            if not found:
                continue
            sent_atts = self.sentence_attributions(si, toks, found)
            sent_atts = [a for a in sent_atts if not any(_nested_claim(a, b) for b in sent_atts if b is not a)]
            atts.extend(sent_atts)
        return atts

    @staticmethod
    def _titlecase(toks: list[_Tok]) -> bool:
        """A headline in title case ("Trevor Noah Says ..."): most words capitalised."""
        words = [t.w for t in toks if t.w[:1].isalpha() and t.q < 0]
        return len(words) >= 4 and sum(_is_cap(w) for w in words) >= 0.75 * len(words)

    def colon_attributions(self, si: int) -> list[_Att]:
        """'Name: content' — a headline or paragraph opening with a speaker and a colon, or a name
        introducing a quotation ('... pollster Daron Shaw: "..."')."""
        s, e, p, _sid = self.sent[si]
        toks = self.tokens(s, e)
        n = len(toks)
        out = []
        for c, t in enumerate(toks):
            if t.low != ":" or t.q >= 0 or c == 0 or c + 1 >= n:
                continue
            if c <= 5 and (si == 0 or self.sent[si - 1][2] != p):
                # paragraph-initial "Graham: Trump's rhetoric is destroying ..." (every word capitalised)
                head = toks[:c]
                if all(_is_cap(x.w) or x.low in {".", "-", "'s"} for x in head) and head[0].low not in _DETS \
                        and head[0].low not in _COLON_LABELS and head[-1].low not in _COLON_LABELS \
                        and not any(x.low in _cue_table() for x in head) \
                        and sum(x.w[:1].isalpha() for x in toks[c + 1:]) >= 3:
                    ht = self._head_type(toks, 0, c, 0)
                    if ht not in (None, "who", "pronoun"):
                        span = self._span(toks, c + 1, n)
                        out.append(_Att((t.s, t.e), (head[0].s, head[-1].e), ht, self._extend_quotes([span]), si, "say"))
                        break
            nxt = toks[c + 1]
            if nxt.w == '"' and nxt.q >= 0 and self.quotes[nxt.q].start == nxt.s and c >= 2:
                # "... Republican pollster Daron Shaw: "quote""
                k = c
                while k > 0 and c - k < 4 and _is_cap(toks[k - 1].w) and toks[k - 1].q < 0 \
                        and toks[k - 1].w not in self.nonnames:
                    k -= 1
                if c - k >= 2 and k > 0 and toks[k - 1].low not in _PREPS and toks[k - 1].low not in _SKIP_BACK:
                    q = self.quotes[nxt.q]
                    out.append(_Att((t.s, t.e), (toks[k].s, toks[c - 1].e), "name",
                                    self._extend_quotes([(q.start, min(q.end, e))]), si, "say"))
                    break
        return out

    def sentence_attributions(self, si: int, toks: list[_Tok], found) -> list[_Att]:
        s, e, p, sid = self.sent[si]
        n = len(toks)
        out: list[_Att] = []
        pq = self.prev_quote(si)
        raw = []
        for ci, ce, kind, frame in found:
            tok = toks[ci]
            src = None
            inverted = False
            participle = False
            if frame == "prep":
                src = self.source_after(toks, ce, n, prep=True)
                inverted = True
                if src is None:
                    continue
            else:
                prev = toks[ci - 1].low if ci > 0 else ""
                after_quote_comma = prev == '"' and ci > 1 and toks[ci - 2].low == ","
                if tok.low.endswith("ing") and (prev in {",", "by", "while", "before", "after", "and"} or after_quote_comma
                                                or (prev.endswith("ly") and ci > 1 and toks[ci - 2].low == ",")):
                    participle = True
                elif ci == 0 or (tok.low.endswith("ing") and ci > 0 and prev not in _SKIP_BACK):
                    if ci == 0:
                        # '"Is that all?" said Trump.' split after the question mark
                        if pq is not None and frame in ("say", "tell", "end"):
                            src = self.source_after(toks, ce, n)
                            if src is not None:
                                raw.append((ci, ce, kind, frame, src, True, False))
                        elif frame in ("say", "end") and _is_cap(tok.w):
                            # 'Said Ellis: "..."' — the source follows the cue, the content follows the source
                            src = self.source_after(toks, ce, n)
                            if src is not None and src[1] + 1 < n and toks[src[1]].low in {",", ":"}:
                                raw.append((ci, ce, kind, "prep", src, True, False))
                        continue
                    # "-ing" forms elsewhere need an auxiliary ("is saying") to count, or follow the
                    # group or person they describe ("the super PAC supporting Jeb Bush")
                    if prev not in {"is", "was", "are", "were", "been", "be"}:
                        if frame in ("np", "to", "say", "tell"):
                            src = self.subject_before(toks, ci, 0)
                            if src is not None and src[1] == ci and (src[2] == "group" or (
                                    src[2] == "name" and frame in ("np", "to"))):
                                raw.append((ci, ce, kind, frame, src, False, False))
                        continue
                if not participle:
                    # inverted "..., said Mr. Gates" / "“...” said Gates"
                    j = ci - 1
                    while j >= 0 and toks[j].low in {"also", "then", "later"}:
                        j -= 1
                    if j >= 0 and (toks[j].low == "," or toks[j].w == '"') and frame in ("say", "end") or (
                            j >= 0 and toks[j].w == '"' and frame == "tell"):
                        src = self.source_after(toks, ce, n)
                        if src is not None and src[1] < n and toks[src[1]].w[:1].isalpha() \
                                and toks[src[1]].low not in _AFTER_SOURCE:
                            # "..., said they believed ...": a clause follows, so this is not an inverted source
                            src = None
                        if src is not None and toks[j].low == ",":
                            app = self.apposition_subject(toks, j, 0)
                            if app is not None and src[2] == "name" and any(
                                    x.low in _VERBISH or x.low in _SUBORDINATORS for x in toks[app[0]:app[1]]):
                                app = None  # "Even as the race moves to New York, ..., said Dan Gerstein": a clause
                            if app is not None and (app[0] == 0 or toks[app[0] - 1].low == "," or all(
                                    x.low in {"but", "and", "yet", "so", "still", "however", ","} for x in toks[:app[0]])):
                                # "X, a spokesman, said ...", also after an introductory clause: not inverted
                                src = None
                        if src is not None:
                            inverted = True
                    if src is None:
                        src = self.subject_before(toks, ci, 0)
                        if src is not None:
                            a, b, ht = src
                            if kind == "thought" and ht == "pronoun" and toks[a].low == "it":
                                src = None
                            elif tok.low in {"called", "calls", "calling", "call"} and frame == "np" and ht not in ("name", "pronoun", "who"):
                                src = None
                            elif kind == "thought" and ht in ("group", "np") and not any(toks[x].low in self.groups for x in range(a, b)):
                                src = None
            raw.append((ci, ce, kind, frame, src, inverted, participle))
        # participles borrow the subject of the main clause
        resolved = []
        for idx, (ci, ce, kind, frame, src, inverted, participle) in enumerate(raw):
            if participle:
                prior = [r for r in resolved if r[0] < ci and r[4] is not None]
                if prior:
                    src = prior[-1][4]
                    borrowed = True
                else:
                    src = self.main_subject(toks, ci) or self.first_mention(toks, ci)
                    borrowed = True
                resolved.append((ci, ce, kind, frame, src, inverted, participle, borrowed))
            elif src is None and ci > 0 and toks[ci - 1].low in {"and", "but"} and frame != "prep":
                # coordinated verb phrase: "Rubio thanked Miami and said ..." borrows the clause's subject
                prior = [r for r in resolved if r[0] < ci and r[4] is not None and not r[5]]
                src = prior[-1][4] if prior else self.main_subject(toks, ci - 1)
                resolved.append((ci, ce, kind, frame, src, inverted, participle, src is not None))
            else:
                resolved.append((ci, ce, kind, frame, src, inverted, participle, False))
        resolved = [r for r in resolved if r[4] is not None]
        if not resolved:
            return out
        # start of each construction (source or cue, whichever first), to cut earlier contents
        starts = []
        for ci, ce, kind, frame, src, inverted, participle, borrowed in resolved:
            a = ci if (inverted or participle or borrowed) else min(src[0], ci)
            starts.append(a)
        for idx, (ci, ce, kind, frame, src, inverted, participle, borrowed) in enumerate(resolved):
            a, b, ht = src
            constr_start = starts[idx]
            # later independent constructions (preceded by a comma) cut this content
            hi, in_subject = n, False
            for jdx in range(idx + 1, len(resolved)):
                st = starts[jdx]
                if ht == "who" and not resolved[jdx][5] and resolved[jdx][4][0] < a < resolved[jdx][0]:
                    # "economists who favor tax cuts agree": the relative clause is inside the main
                    # clause's subject, and its verb ends it
                    hi, in_subject = resolved[jdx][0], True
                    break
                if st > ce and st > 0 and toks[st - 1].low in {",", ";", "--", "\u2014", "and", "but"}:
                    hi = st - 1
                    if hi > 0 and toks[hi - 1].low == ",":
                        hi -= 1
                    break
                if st > ce + 1 and toks[st - 1].w == '"' and toks[st - 2].low == ",":
                    hi = st  # '... "New York values," stating ...': the content keeps its closing quote
                    break
            # an inverted cue's content reaches back over earlier constructions whose content follows them
            # ("HarperCollins declined to renew the offer, according to ...") but not over inverted ones
            lo = 0
            for jdx in range(idx - 1, -1, -1):
                if resolved[jdx][5] or not inverted:
                    lo = resolved[jdx][1]
                    break
            contents: list[tuple[int, int]] = []
            after_end = ce if not inverted else b
            if frame == "prep" and ci == 0 or (frame == "prep" and constr_start == 0):
                # "According to X, content"
                k = b
                if k < n and toks[k].low in {",", ":"}:
                    k += 1
                if k >= hi:
                    hi = n  # "According to the post, X said ...": X's attribution is nested in this one
                if k < hi:
                    contents.append(self._span(toks, k, hi))
            elif inverted:
                if constr_start > lo:
                    bs = self._before_span(toks, lo, constr_start, si)
                    if bs:
                        contents.append(bs)
                if frame == "prep" and b < hi and toks[b].low == "," and b + 1 < hi:
                    contents.append(self._span(toks, b + 1, hi))
            else:
                quote_before = not borrowed and a > 0 and (toks[a - 1].w == '"' or (toks[a - 1].low == "," and a > 1 and toks[a - 2].w == '"'))
                if quote_before:
                    # a short title in quotes before the subject ('on "Sunday Morning Futures," Rep. X said ...')
                    qb = toks[a - 1] if toks[a - 1].w == '"' else toks[a - 2]
                    qi = self.quote_at(qb.s)
                    if qi >= 0 and self.quotes[qi].n_words(self.norm) < 4 and self.quotes[qi].start > toks[0].s:
                        quote_before = False
                after_comma = a > 0 and toks[a - 1].low == ","
                parenthetical = after_comma and ht != "who"
                ca = None if quote_before else self.content_after(toks, after_end, hi, frame, kind, parenthetical)
                if in_subject and ca is not None and ca[1] == "comma":
                    ca = None  # "X, who did not respond to a request for comment, has denied": the comma closes it
                if ca is not None and ca[0] is not None and ca[0] < hi:
                    end = hi
                    short = frame in ("np", "to") and ca[1] == "direct"
                    # ", who backs Cruz, warned ...": a relative clause between commas ends at the comma
                    # before the main clause's verb
                    relative = after_comma and ht == "who"
                    for k in range(ca[0], hi):
                        if toks[k].q >= 0:
                            continue
                        if short and k > ca[0] and (toks[k].low in _NP_CONTENT_END or (
                                toks[k].low in {"and", "but"} and k + 1 < hi and _clause_start(toks[k + 1]))):
                            # "backing Mr. Rubio before ...", "charged the officer and fired ...": a new clause
                            end = k
                            break
                        if toks[k].low not in {",", ";"}:
                            continue
                        if short or (relative and self._predicate_at(toks, k + 1, hi)) or (
                                k + 1 < hi and toks[k + 1].low in _CONCESSIVE):
                            # "called for X, ..." / "said X, despite ...": the reporter's clause follows
                            end = k
                            break
                    contents.append(self._span(toks, ca[0], end))
                # the words before "who" name the speaker; they are not what was said
                before_ok = not participle and ht != "who" and (ca is None or ca[1] == "comma" or ca[0] is None)
                if before_ok and constr_start > lo and a > 0 and (toks[a - 1].low == "," or toks[a - 1].w == '"'):
                    # "The campaign said ..., CNN reported.": the earlier attribution is nested in this one
                    bs = self._before_span(toks, 0 if ca is None and toks[a - 1].low == "," else lo, a, si,
                                           whole=ca is None)
                    if bs:
                        contents.insert(0, bs)
            contents = [c for c in contents if c and c[1] > c[0] and self._has_words(c)]
            if constr_start == 0 and pq is not None and not inverted and frame in ("say", "tell", "end") \
                    and self.norm[pq.end - 2:pq.end - 1] in ("?", "!") and (after_end >= n or toks[after_end].low in {",", "."}):
                # '"Who would have believed it?" Trump said, looking ...' split after the question mark
                contents = []
            if not contents and constr_start == 0 and pq is not None and (inverted or frame in ("say", "tell", "end")):
                contents = [(pq.start, pq.end)]
            if not contents:
                continue
            # a content that opens a quote running past the sentence: follow the quote
            contents = self._extend_quotes(contents)
            if borrowed and ht in (None,):
                continue
            out.append(_Att((toks[ci].s, toks[ce - 1].e), (toks[a].s, toks[b - 1].e), ht, contents, si, frame,
                            thought=kind == "thought"))
        return out

    def prev_quote(self, si: int) -> Quote | None:
        """The quote that ends the previous sentence of the same paragraph, if any."""
        if si == 0 or self.sent[si - 1][2] != self.sent[si][2]:
            return None
        ps, pe = self.sent[si - 1][0], self.sent[si - 1][1]
        k = pe
        while k > ps and self.norm[k - 1] in " \n":
            k -= 1
        if k > ps and self.norm[k - 1] == '"':
            q = self.quote_at(k - 1)
            if q >= 0 and self.quotes[q].closed:
                start = self.quotes[q].start
                return Quote(start, self.quotes[q].end, True, self.quotes[q].paragraph, self.quotes[q].group)
        return None

    @staticmethod
    def _predicate_at(toks: list[_Tok], k: int, hi: int) -> bool:
        """Whether a verb phrase starts at ``toks[k]`` (after adverbs): a cue, an auxiliary, or
        a word the Brill lexicon tags as a verb ("said", "will", "ultimately did"), not a noun
        phrase or a phrase in apposition ("Nebraska", "in emergency scenarios")."""
        tags = brill_tags()
        while k < hi and toks[k].low.endswith("ly") and toks[k].low.isalpha():
            k += 1
        return k < hi and (toks[k].low in _VERBISH or toks[k].low.endswith("n't") or toks[k].low in _cue_table()
                           or tags.get(toks[k].low) in _VERB_TAGS)

    def _has_words(self, span) -> bool:
        return _ALNUM.search(self.norm, span[0], span[1]) is not None

    def _span(self, toks: list[_Tok], a: int, b: int) -> tuple[int, int]:
        # strip trailing punctuation except a closing quote
        while b > a and toks[b - 1].low in {".", ",", ";", ":", "?", "!", "--", "\u2014"} and toks[b - 1].w != '"':
            b -= 1
        if b <= a:
            return (0, 0)
        return toks[a].s, toks[b - 1].e

    def _before_span(self, toks: list[_Tok], lo: int, end: int, si: int, whole: bool = False) -> tuple[int, int] | None:
        """Content before the source: from lo to the comma or quote before end. When it is
        the ``whole`` content (none follows the cue), words that only introduce the sentence
        are none (see :func:`_introduction`)."""
        b = end
        while b > lo and toks[b - 1].low in {",", "--", "\u2014"}:
            b -= 1
        if b <= lo or (whole and _introduction(toks, lo, b)):
            return None
        a = lo
        start = toks[a].s
        # the sentence starts inside a quote that opened earlier: take the quote from its start
        q = toks[a].q if toks[a].q >= 0 else self.quote_at(toks[a].s)
        if q >= 0 and self.quotes[q].start < self.sent[si][0]:
            start = self.quotes[q].start
        endpos = toks[b - 1].e
        return start, endpos

    def _extend_quotes(self, contents):
        out = []
        for cs, ce in contents:
            q = self.quote_at(ce - 1)
            if q >= 0 and self.quotes[q].end > ce and self.norm[cs:ce].count('"') % 2 == 1:
                quote = self.quotes[q]
                end = quote.end
                # follow a quote continuing into the next paragraphs
                k = q
                while self.quotes[k].continues and k + 1 < len(self.quotes):
                    k += 1
                    end = self.quotes[k].end
                ce = end
            out.append((cs, ce))
        return out


def _nested_claim(a: _Att, b: _Att) -> bool:
    """Whether ``a`` is part of what ``b`` reports rather than an attribution of its own: its cue
    lies in b's content and either it is a thought or has a pronoun subject ("X said he believes
    Y", "X said Trump wants Y": X's claim), or b reports it from before ("X said Clinton had said
    ..."). A named speaker inside "According to the post, ..." or before "..., CNN reported"
    keeps their own attribution."""
    if not any(cs <= a.cue[0] < ce for cs, ce in b.contents):
        return False
    return a.thought or a.mtype == "pronoun" or (b.frame != "prep" and b.cue[0] < a.cue[0])


def _dateline_end(toks: list[_Tok], upto: int) -> int:
    """Index after a dateline ("WASHINGTON (AP) —", "Washington (AFP) –") opening the sentence, else 0."""
    for k in range(min(upto, 8)):
        low = toks[k].low
        if low in {"--", "\u2014", "\u2013", "-"}:
            upper = any(t.w.isupper() and len(t.w) > 1 for t in toks[:k])
            return k + 1 if k > 0 and k + 1 < upto and upper else 0
        if not (_is_cap(toks[k].w) or low in {"(", ")", ",", "."}) or toks[k].q >= 0:
            return 0
    return 0


def _split_by_sentence(span: tuple[int, int], att: _Attributor) -> list[tuple[int, int, int]]:
    s, e = span
    out = []
    i = att.sentence_of(s)
    while s < e and i < len(att.sent):
        ss, se, _, _ = att.sent[i]
        a, b = max(s, ss), min(e, se)
        if i + 1 < len(att.sent) and att.sent[i + 1][0] <= a:
            i += 1
            continue
        if b > a:
            out.append((a, b, i))
        s = max(s, se)
        i += 1
    return out


def _strip(norm: str, a: int, b: int) -> tuple[int, int]:
    while a < b and norm[a] in ' \n\t':
        a += 1
    while b > a and norm[b - 1] in ' \n\t':
        b -= 1
    return a, b


def attribute(article: "Article", sentences: pd.DataFrame, speakers_file: Path | None = None,
              tokens: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Attribute every reported utterance of ``article``. Returns ``(utterances, speakers_registry)``.

    ``sentences`` (and ``tokens``, if given, to save tokenizing the sentences again) are
    the tables of :func:`~newsvoices.tokenization.tokenize_article`. ``utterances`` has
    :data:`UTTERANCE_COLUMNS` (offsets index ``article.text``); ``speakers_registry`` one
    row per canonical speaker (:data:`REGISTRY_COLUMNS`). When ``speakers_file`` is None
    the ``<article>.speakers.toml|yaml`` side file is used if present.
    """
    text = article.text
    norm = article.normalised
    if "''" in norm:  # two-apostrophe quotes, rare: both patterns need two apostrophes
        norm = _QQ.sub('" ', _QQQ.sub(lambda m: "\" '" if m.start() == 0 or m.string[m.start() - 1].isspace() else "'\" ",
                                      norm))
    reg = Registry(norm)
    sent = list(zip(*columns(sentences, ("start", "end", "paragraph", "sentence")).values()))
    reg.collect([(s, e) for s, e, _, _ in sent])
    if speakers_file is None:
        speakers_file = find_side_file(article.path, "speakers")
    if speakers_file is not None:
        reg.apply_side_file(Path(speakers_file))
    # the token table's words are this text's unless a two-apostrophe quote was rewritten above
    words = None
    if tokens is not None and norm == article.normalised:
        words = tuple(columns(tokens, ("start", "end", "lower")).values())
    att = _Attributor(article, sent, reg, norm, words)
    atts = att.run()
    _resolve_speakers(att, atts)
    rows = _rows(att, atts)
    utter = from_rows(rows, UTTERANCE_COLUMNS, _DTYPES)
    registry = _registry_frame(reg, {row[0] for row in rows}, att.sent_starts)
    return utter, registry


#: A word and a preposition ending the words before a subject phrase's first name.
_HEAD_BEFORE_NAME = re.compile(r"\b([A-Za-z][a-z-]*)[^\S\n]+(?:of|to|in|on|with|about|at|over|for|among)"
                               r"[^\S\n]+(?:(?:the|a|an)[^\S\n]+)?$")


def _group_before_name(norm: str, start: int, name_start: int, groups: frozenset[str]) -> bool:
    """Whether a subject phrase from ``start`` is headed by a noun of people before its first
    name (at ``name_start``), which only qualifies it: "a contestant on Trump's show",
    "aides to Clinton", "people close to Clinton". Not "by" or "from", which name the source
    ("an email from Neera Tanden"), and not other nouns ("the spectacle of Mr. Netanyahu")."""
    m = _HEAD_BEFORE_NAME.search(norm, start, name_start)
    return bool(m) and m.group(1).lower() in groups


#: Brill tags of the words of a role between two names: nouns and adjectives.
_ROLE_TAGS = frozenset({"NN", "NNS", "JJ"})
_ROLE_GAP = re.compile(r"(?:'s?)?((?:[^\S\n]+[\w-]+)+)[^\S\n]+")


def _role_between(gap: str) -> bool:
    """Whether the text between two names is a role that the first name modifies, so that the
    second name heads the phrase: " spokesman " ("Cruz spokesman Rick Tyler"), "'s GOP primary
    rival " ("Trump's GOP primary rival Sen. Marco Rubio"). Each word is a noun or adjective in
    lower case (or unknown to the Brill lexicon, or an acronym), not "and", "of" or a verb."""
    m = _ROLE_GAP.fullmatch(gap)
    if not m:
        return False
    tags = brill_tags()
    return all(w.isupper() or (w.islower() and tags.get(w, "NN") in _ROLE_TAGS) or (
        "-" in w and w.islower()) for w in m.group(1).split())


def _resolve_speakers(att: _Attributor, atts: list[_Att]) -> None:
    reg = att.reg
    norm = att.norm
    last_speakers: list[tuple[int, Speaker]] = []  # (sentence index, speaker) of utterances so far
    names_by_sentence: dict[int, list] = {}
    for nm in reg.names:
        names_by_sentence.setdefault(att.sentence_of(nm.start), []).append(nm)
    atts_by_sentence: dict[int, list[_Att]] = {}
    for a in atts:
        atts_by_sentence.setdefault(a.sentence, []).append(a)
    for a in atts:
        ms, me = a.mention
        phrase = norm[ms:me]
        sp: Speaker | None = None
        if a.mtype in ("pronoun", "who"):
            if a.mtype == "who":
                # antecedent: the noun phrase before ", who", in the same sentence
                before = norm[max(att.sent[a.sentence][0], ms - 80):ms]
                names = [nm for nm in reg.names if nm.end <= ms and ms - nm.end <= 4]
                if names:
                    sp = reg.person(names[-1].name, norm[names[-1].start:names[-1].end])
                else:
                    m = re.search(r"([A-Za-z.' ]{2,40}?)\s*,?\s*$", before)
                    if m and any(w.lower() in att.groups for w in m.group(1).split()[-2:]):
                        g = m.group(1).strip()
                        g = re.sub(r"^.*\b(?:the|a|an|some|many)\s+", lambda mm: mm.group(0).split()[-1] + " ", g)
                        sp = reg.group(g)
            else:
                gender = PRONOUNS.get(phrase.lower(), "")
                candidates = _pronoun_candidates(att, a, gender, last_speakers, names_by_sentence, atts_by_sentence)
                sp = resolve_pronoun(phrase, candidates)
                if sp is not None:
                    sp.mentions += 1
        elif a.mtype == "name":
            alias = reg.alias_target(phrase)
            names = reg.names_in(ms, me)
            low_words = phrase.lower().split()
            if alias is not None:
                sp = alias
            elif names and not any(w in att.groups for w in low_words[-2:] if w not in {"president", "secretary",
                                                                                          "leader", "minister"}) \
                    and ("," in phrase or not _group_before_name(norm, ms, names[0].start, att.groups)):
                # the name that opens the phrase ("Trump in his announcement speech"), else the
                # last; a name in apposition closes the phrase ("The treasurer, Nora Quill"), so
                # does one after a role the first name modifies ("Cruz spokeswoman Catherine Frazier")
                opens = (norm[ms:me].startswith(norm[names[0].start:names[0].end]) and "," not in phrase
                         and not (len(names) > 1 and _role_between(norm[names[0].end:names[1].start])))
                nm = names[0] if opens else names[-1]
                sp = reg.person(nm.name, norm[nm.start:nm.end])
            else:
                sp = reg.role(phrase) if not names else None
                if sp is None:
                    sp = reg.group(phrase)
        else:
            alias = reg.alias_target(phrase)
            sp = alias or reg.role(phrase) or reg.group(phrase)
        a.speaker = sp
        if sp is not None:
            last_speakers.append((a.sentence, sp))


def _pronoun_candidates(att: _Attributor, a: _Att, gender: str, last_speakers: list[tuple[int, Speaker]],
                        names_by_sentence: dict[int, list[NameMention]],
                        atts_by_sentence: dict[int, list[_Att]]) -> Iterator[Speaker | None]:
    """The speakers the pronoun subject of ``a`` may refer to, most likely first; each is found
    only when it is read (:func:`resolve_pronoun` stops at the first that fits)."""
    reg = att.reg
    ms = a.mention[0]
    si = a.sentence
    p = att.sent[si][2]
    # the subject named in this sentence before the pronoun, then back through the
    # paragraph's two sentences before, each one's subject before its speakers:
    # "Mark Weddle, 55, started work ... 'I have ...,' he said"
    yield att.subject_person(si, ms, gender, [])
    for s2 in range(si - 1, max(-1, si - 3), -1):
        if att.sent[s2][2] != p:
            break
        # content sourced "according to" someone is still the narrator's sentence
        reported = [(*c, b.speaker) for b in atts_by_sentence.get(s2, []) if b.frame != "prep" for c in b.contents]
        yield att.subject_person(s2, att.sent[s2][1], gender, reported)
        # last_speakers runs in sentence order: read back only as far as s2
        yield from [spk for s3, spk in takewhile(lambda x: x[0] >= s2, reversed(last_speakers)) if s3 == s2]
    for s2, spk in reversed(last_speakers):  # in order of sentence: stop 3 sentences back
        if si - s2 > 3:
            break
        if att.sent[s2][2] >= p - 1:
            yield spk
    for s2 in range(si - 1, max(-1, si - 4), -1):
        nms = names_by_sentence.get(s2, [])
        if nms:
            yield reg.speakers.get(reg.canonical_name(nms[0].name))
            for nm in reversed(nms[1:]):
                yield reg.speakers.get(reg.canonical_name(nm.name))
    # earlier names in this sentence before the pronoun, subject first
    for nm in names_by_sentence.get(si, []):
        if nm.end <= ms:
            yield reg.speakers.get(reg.canonical_name(nm.name))
    # then every earlier speaker, latest first
    yield from (x for _, x in reversed(last_speakers))


def _rows(att: _Attributor, atts: list[_Att]) -> list[list]:
    text, norm = att.text, att.norm
    rows = []
    covered_quotes: set[int] = set()
    last_direct_by_par: dict[int, tuple[_Att, int]] = {}
    emitted: list[tuple[int, int, _Att]] = []

    def add(sp_name, side, kind, a: _Att | None, s, e, mention, cue):
        s, e = _strip(norm, s, e)
        if e <= s:
            return
        si = att.sentence_of(s)
        ms, me = mention
        cs, ce = cue
        rows.append([sp_name, side, kind, text[cs:ce] if cs >= 0 else "", text[s:e], s, e, text[ms:me], ms, me,
                     cs, ce, att.sent[si][2], att.sent[si][3]])

    for a in atts:
        if a.speaker is None:
            a.speaker = Speaker(f"[{norm[a.mention[0]:a.mention[1]].lower()}]", kind="unresolved")
        sp = a.speaker
        for cs, ce in a.contents:
            for s, e, si in _split_by_sentence((cs, ce), att):
                qa, qb = _strip(norm, s, e)
                seg = norm[qa:qb].rstrip(".,;: ")
                q = att.quote_at(qa)
                is_quote = q >= 0 and (att.quotes[q].end >= qb - 2 or seg.endswith('"')) and \
                    (norm[qa] == '"' or att.quotes[q].start < att.sent[si][0])
                if is_quote and '"' not in norm[qa + 1:qb - 1].replace('"', '', 0) or (
                        is_quote and norm[qa:qb].count('"') <= 2 and norm[qa] == '"' and norm[qb - 1] in '".,'):
                    kind = "direct"
                    covered_quotes.add(q)
                    last_direct_by_par[att.quotes[q].paragraph] = (a, q)
                else:
                    kind = "indirect"
                add(sp.name, sp.side, kind, a, s, e, a.mention, a.cue)
                emitted.append((s, e, a))
                if kind == "indirect":
                    # quotes inside reported speech are partial quotes (quotes are in order of start)
                    for qi in range(bisect_left(att._qstarts, s), len(att.quotes)):
                        quote = att.quotes[qi]
                        if quote.start > e + 1:
                            break
                        if quote.end <= e + 1:
                            last_direct_by_par[quote.paragraph] = (a, qi)
                        if quote.end <= e + 1 and qi not in covered_quotes:
                            ia, ib = quote.inner
                            add(sp.name, sp.side, "partial", a, ia, min(ib, e), a.mention, a.cue)
                            covered_quotes.add(qi)
                    if q >= 0:
                        covered_quotes.add(q)
    # quotes with no cue of their own continue the direct quote before them in the paragraph
    inside_emitted = _coverage([(s, e) for s, e, _ in emitted])
    for qi, quote in enumerate(att.quotes):
        if qi in covered_quotes:
            continue
        if inside_emitted(quote.start):
            continue
        prev = None
        continued = False  # the quote carries on one left open at the end of the paragraph before
        for pj in (quote.paragraph, quote.paragraph - 1):
            if pj in last_direct_by_par:
                pa, pq = last_direct_by_par[pj]
                if att.quotes[pq].start < quote.start and (pj == quote.paragraph or att.quotes[pq].group == quote.group
                                                            or att.quotes[pq].continues):
                    prev = pa
                    continued = pj != quote.paragraph and att.quotes[pq].continues
                    break
        if prev is None or (quote.n_words(norm) < 4 and not continued):
            continue  # short quotes of their own are scare quotes or titles
        # the quote must stand on its own (a sentence that is mostly quotation)
        si = att.sentence_of(quote.start)
        ss, se = att.sent[si][0], att.sent[min(att.sentence_of(max(quote.end - 1, quote.start)), len(att.sent) - 1)][1]
        outside = len(re.findall(r"[A-Za-z]+", norm[ss:quote.start] + norm[quote.end:se]))
        if outside > 3:
            continue
        sp = prev.speaker
        for s, e, _si in _split_by_sentence((quote.start, quote.end), att):
            add(sp.name, sp.side, "direct", None, s, e, prev.mention, (-1, -1))
        covered_quotes.add(qi)
        last_direct_by_par[quote.paragraph] = (prev, qi)
    rows.sort(key=lambda r: (r[5], r[6]))
    return rows


def _coverage(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether a position lies in any of ``spans`` (``start <= pos < end``), in
    logarithmic time: spans sorted by start, with the furthest end reached so far."""
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and reach[i] > pos
    return inside


def _person_like(norm: str, nm: NameMention, canonical: str, starts: set[int]) -> bool:
    """Whether a name mention reads as a person's: a title or several words, or a single word that
    neither opens a sentence ("Nobody is ...", possibly after a quote mark) nor modifies a noun
    ("the Harlan crossing", "Route 9")."""
    if nm.title or " " in canonical:
        return True
    pos = nm.start
    while pos not in starts and pos > 0 and norm[pos - 1] in "\"'\u201c\u2018(":
        pos -= 1
    before = norm[max(0, nm.start - 4):nm.start].lower()
    return pos not in starts and not before.endswith(("the ", " a ")) and not norm[nm.end:nm.end + 2].strip()[:1].isdigit()


def _registry_frame(reg: Registry, spoken: set[str], sentence_starts: list[int]) -> pd.DataFrame:
    """The speakers registry table: every speaker of an utterance (``spoken``: their names),
    and every person the article names as one (:func:`_person_like`), gives a title or sets
    in a side file."""
    starts = set(sentence_starts)
    counts: dict[str, int] = {}
    person_like: set[str] = set()  # names read at least once as a person's
    for nm in reg.names:
        c = reg.canonical_name(nm.name)
        counts[c] = counts.get(c, 0) + 1
        if _person_like(reg.norm, nm, c, starts):
            person_like.add(c)
    rows = []
    for sp in reg.speakers.values():
        if sp.kind == "group" and sp.name not in spoken:
            continue
        if sp.kind == "person" and sp.name not in spoken and sp.name not in person_like and not sp.title \
                and sp.name not in reg.overridden:
            continue  # "Nobody is ...", "the Harlan crossing": capitalised, but not a person
        rows.append([sp.name, sp.side, sp.kind, sp.title, sp.mentions + counts.get(sp.name, 0),
                     "; ".join(sorted(sp.aliases))])
    return from_rows(rows, REGISTRY_COLUMNS, {"mentions": "int64"})

