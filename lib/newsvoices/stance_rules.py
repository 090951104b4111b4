"""Target-directed stance of one sentence, by lexicon and rules (no parser, no model).

``stance_toward(sentence, start, end)`` scores the position the sentence expresses toward
the target mentioned at character offsets ``[start, end)``, in [-1, 1];
``stance_evidence`` returns the cues behind that score.

Precedence:

1. Directed cues from ``data/stance_lexicon.tsv`` (favour: *call for, urge, back, praise* ...;
   against: *rebuke, condemn, criticize, lie* ...), matched in all inflections, that are
   tied to the target by cheap syntax inside one clause (clauses are cut at punctuation,
   subordinating conjunctions and relative pronouns):

   * **object** - the cue comes before the target: "X rebuked Putin's statements",
     "a rebuke of Mr. Putin", "backs the U.N. resolution";
   * **predicate** - the target is the subject of a passive or an evaluation:
     "Trump was criticized", "Clinton's claims are lies", "X should not be allowed";
   * **agent** - the target does something that reflects on itself: "Gadhafi is lying"
     (the lexicon's ``agent`` column); likewise the ``by``-agent of a passive.

   The nearest cue before the target wins the object slot, so a cue aimed at someone
   else earlier in the clause does not leak onto the target.
2. A negation before the cue ("not", "n't", "never", "no longer", "refused to" ...)
   flips and dampens it; a hedge ("appeared to", "seemed", "suggesting", "may", "might",
   "reportedly" ...) scales it down.
3. Only when no directed cue applies: the VADER sentiment of the clause around the target
   (the target's own words removed) blended with that of the rest of the sentence,
   marked ``fallback=True``. VADER's lexicon is extended, in a private copy, with the
   one-word entries of the stance lexicon it lacks (news words such as "slammed").
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, cached_property
from operator import itemgetter
from typing import NamedTuple

from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from .errors import InputFileError
from .lexicons import table
from .paths import package_data
from .sentiment import vader
from .tokenization import normalise, word_pattern

#: The shipped lexicon of directed cues.
LEXICON_FILE = "stance_lexicon.tsv"
#: VADER valences re-set for news (institution names, filler words, victims' events).
VADER_NEWS_FILE = "stance_vader_news.tsv"

#: Most tokens between an object cue and the target.
MAX_OBJECT_GAP = 10
#: Gap (tokens) up to which an object cue counts fully; beyond it the weight decays.
FULL_WEIGHT_GAP = 3
#: Weight lost per token of gap beyond ``FULL_WEIGHT_GAP``.
GAP_DECAY = 0.12
#: Most tokens between the target and a predicate / agent cue after it.
MAX_PREDICATE_GAP = 7
#: Longest run of capitalised words between two commas read as a name apposition.
MAX_APPOSITION = 5
#: Tokens before a cue searched for a negation or a hedge.
NEGATION_WINDOW = 4
HEDGE_WINDOW = 5
#: Multiplier of a negated cue (flipped and dampened) and of a hedged one.
NEGATION_FACTOR = -0.5
HEDGE_FACTOR = 0.5
#: Fallback: tokens each side of the target in the local window, and the local share.
FALLBACK_WINDOW = 8
FALLBACK_LOCAL_SHARE = 0.5
#: Fallback sentiment toward the speaker of a quote ("..., X said") is mostly not about X:
#: a negative one is scaled by the first factor, a positive one by the second.
SPEAKER_NEGATIVE_FACTOR = 0.0
SPEAKER_POSITIVE_FACTOR = 0.4
#: Count "X's spokesman/lawyer/campaign said" as X speaking.
SPEAKER_SIDE = True
#: Blank capitalised words (names) out of the fallback's text, unless more than this
#: share of the words is capitalised (a title-case headline).
MASK_NAMES = True
USE_VADER_NEWS = True
HEADLINE_SHARE = 0.6
#: VADER valence (VADER's -4..4 scale) given to a stance entry of direction 1.
VADER_SCALE = 2.0

_KINDS = frozenset({"verb", "phrase", "noun", "adjective", "predicate", "outcome"})

_BOUNDARY_PUNCT = frozenset({",", ";", ":", "(", ")", "[", "]", '"', "'", "--", "-", "\u2014",
                             "\u2013", "?", "!", "...", "."})
_BOUNDARY_WORDS = frozenset({"but", "while", "whereas", "although", "though", "because", "who",
                             "whom", "which", "whose", "where", "when", "if", "unless", "since",
                             "after", "before", "that", "whether", "until", "yet", "however"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "nor", "neither", "without", "refused",
                       "refuses", "refuse", "refusing", "declined", "declines", "decline",
                       "declining", "failed", "fails", "fail", "failing", "longer", "hardly",
                       "barely", "stopped", "stop"})
_HEDGES = frozenset({"appear", "appears", "appeared", "appearing", "seem", "seems", "seemed",
                     "seemingly", "suggest", "suggests", "suggested", "suggesting", "may",
                     "might", "could", "reportedly", "allegedly", "apparently", "possibly",
                     "perhaps", "likely", "probably", "somewhat", "partly", "maybe"})
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am",
                      "get", "gets", "got", "gotten", "getting", "remain", "remains",
                      "remained", "become", "becomes", "became", "stand", "stands", "stood",
                      "look", "looks", "looked", "seem", "seems", "seemed", "appear",
                      "appears", "appeared", "feel", "feels", "felt"})
_AUXILIARIES = frozenset({"has", "have", "had", "will", "would", "shall", "should", "can",
                          "could", "may", "might", "must", "do", "does", "did", "to", "also",
                          "then", "now", "just", "still", "already", "even", "again", "too",
                          "so", "very", "really", "quite", "widely", "a", "an", "the",
                          "being", "been", "ever", "only", "all", "both", "repeatedly",
                          "openly", "publicly", "once", "often", "always", "further"})
_FILLERS = _COPULAS | _AUXILIARIES | _NEGATORS | _HEDGES
_OBJECT_PREPOSITIONS = frozenset({"of", "for", "against", "on", "toward", "towards", "to",
                                  "over", "at", "into", "with"})

_REPORTING = frozenset({
    "say", "says", "said", "saying", "tell", "tells", "told", "add", "adds", "added", "write",
    "writes", "wrote", "ask", "asks", "asked", "explain", "explains", "explained", "note",
    "notes", "noted", "argue", "argues", "argued", "claim", "claims", "claimed", "state",
    "states", "stated", "tweet", "tweets", "tweeted", "insist", "insists", "insisted",
    "declare", "declares", "declared", "reply", "replies", "replied", "continue", "continues",
    "continued", "recall", "recalls", "recalled", "remark", "remarks", "remarked", "warn",
    "warns", "warned", "predict", "predicts", "predicted", "announce", "announces",
    "announced", "testify", "testifies", "testified", "acknowledge", "acknowledges",
    "acknowledged", "conclude", "concludes", "concluded", "suggest", "suggests", "suggested",
    "report", "reports", "reported", "respond", "responds", "responded", "think", "thinks",
    "thought", "believe", "believes", "believed"})
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "office", "campaign",
                          "lawyer", "lawyers", "attorney", "attorneys", "aide", "aides",
                          "representative", "representatives", "press", "team", "statement"})
_SPEAKER_SKIP = frozenset({"also", "later", "then", "previously", "recently", "has", "had",
                           "have", "once", "again", "further", "has", "had", "would", "will",
                           "told", "reportedly", ",", "-", "--", "\u2014"})

#: After a verb cue, these mean the target is not its direct object ("lied to X",
#: "backed away from X").
_NOT_DIRECT = frozenset({"to", "about", "from", "with", "in", "at", "after", "away", "off",
                         "down", "out", "up", "into", "on", "over", "around", "through"})
#: Words before the bare form "back" that make it the verb ("to back", "will back").
_BACK_VERB_CONTEXT = frozenset({"to", "will", "would", "could", "should", "can", "must", "may",
                                "might", "not", "n't", "also", "i", "we", "they", "you",
                                "strongly", "firmly", "publicly", "did", "do", "does"})
#: Tokens skipped between a target and an outcome ("X's resignation", "X to be fired").
_OUTCOME_SKIP = frozenset({"'s", "'", "to", "be", "immediately", "quickly", "finally", "now"})

_IRREGULAR = {
    "lie": ("lies", "lied", "lying"), "shoot": ("shoots", "shot", "shooting"),
    "steal": ("steals", "stole", "stolen", "stealing"), "go": ("goes", "went", "gone", "going"),
    "take": ("takes", "took", "taken", "taking"), "hit": ("hits", "hitting"),
    "stand": ("stands", "stood", "standing"), "speak": ("speaks", "spoke", "spoken", "speaking"),
    "lose": ("loses", "lost", "losing"), "win": ("wins", "won", "winning"),
    "mislead": ("misleads", "misled", "misleading"), "fight": ("fights", "fought", "fighting"),
    "turn": ("turns", "turned", "turning"), "hold": ("holds", "held", "holding"),
    "side": ("sides", "sided", "siding"), "deceive": ("deceives", "deceived", "deceiving"),
}
_ADVERB = re.compile(r"^[a-z]+ly$")
_WORD = re.compile(r"^[a-z][a-z'-]*$")
_START, _END = itemgetter(0), itemgetter(1)  # of a token's span


@dataclass(frozen=True)
class StanceEvidence:
    """One reason for the stance toward a target: a directed cue or the fallback sentiment."""

    cue: str            # surface text of the cue as it appears in the sentence
    cue_start: int      # offsets of the cue in the sentence
    cue_end: int
    rule: str           # which lexicon entry or rule fired, e.g. "lexicon:call for"
    direction: float    # the entry's own polarity toward its object, in [-1, 1]
    negated: bool       # a negation flipped/softened it
    hedged: bool        # a hedge weakened it
    contribution: float  # what it adds to the score after negation/hedging/distance
    fallback: bool      # True when no directed cue applied and clause sentiment was used


class _Entry(NamedTuple):
    lemma: str
    direction: float
    kind: str
    agent: float


class _Form(NamedTuple):
    tokens: tuple[str, ...]
    entry: _Entry
    participle: bool    # a verb form that can be passive ("criticized")
    progressive: bool   # an -ing verb form


def _verb_forms(verb: str) -> dict[str, str]:
    """Inflections of a verb, each tagged "base", "s", "part" (past/participle) or "ing"."""
    if verb in _IRREGULAR:
        forms = {verb: "base"}
        for f in _IRREGULAR[verb]:
            forms[f] = "ing" if f.endswith("ing") else "s" if f.endswith("s") and f != "lost" else "part"
        return forms
    forms = {verb: "base"}
    if verb.endswith("e"):
        forms.update({verb + "s": "s", verb + "d": "part", verb[:-1] + "ing": "ing"})
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms.update({verb[:-1] + "ies": "s", verb[:-1] + "ied": "part", verb + "ing": "ing"})
    else:
        plural = verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else verb + "s"
        forms.update({plural: "s", verb + "ed": "part", verb + "ing": "ing"})
        if re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", verb):  # one-syllable CVC: slam
            forms.update({verb + verb[-1] + "ed": "part", verb + verb[-1] + "ing": "ing"})
    return forms


def _noun_forms(noun: str) -> list[str]:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return [noun, noun[:-1] + "ies"]
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return [noun, noun + "es"]
    return [noun, noun + "s"]


def _entry(fields: tuple[str, ...], path) -> _Entry:
    if len(fields) < 3:
        raise InputFileError(path, f"stance lexicon line {fields!r} needs entry, direction, kind")
    try:
        direction = float(fields[1])
        agent = float(fields[3]) if len(fields) > 3 and fields[3] else 0.0
    except ValueError as exc:
        raise InputFileError(path, f"stance lexicon line {fields!r}: {exc}") from None
    kind = fields[2].lower()
    if kind not in _KINDS or not -1 <= direction <= 1 or not -1 <= agent <= 1:
        raise InputFileError(path, f"stance lexicon line {fields!r}: bad kind or value out of [-1, 1]")
    return _Entry(fields[0].lower(), direction, kind, agent)


@cache
def _lexicon() -> dict[str, tuple[_Form, ...]]:
    """Surface forms of the lexicon, indexed by their first token, longest first."""
    path = package_data(LEXICON_FILE)
    index: dict[str, list[_Form]] = {}
    for fields in table(LEXICON_FILE):
        entry = _entry(fields, path)
        words = entry.lemma.split()
        variants: list[tuple[tuple[str, ...], str]] = []
        if entry.kind in ("verb", "phrase", "predicate", "outcome"):
            for form, tag in _verb_forms(words[0]).items():
                variants.append(((form, *words[1:]), tag))
        elif entry.kind == "noun":
            variants = [((form, *words[1:]), "noun") for form in _noun_forms(words[0])]
        else:
            variants = [(tuple(words), "adj")]
        for toks, tag in list(variants):
            if "not" in toks:
                variants.append((tuple("n't" if t == "not" else t for t in toks), tag))
        for toks, tag in variants:
            participle = tag == "part" and entry.kind in ("verb", "phrase")
            index.setdefault(toks[0], []).append(_Form(toks, entry, participle, tag == "ing"))
    return {k: tuple(sorted(v, key=lambda f: -len(f.tokens))) for k, v in index.items()}


_ASCII_PUNCT = string.punctuation
_PUNCT_CHARS = frozenset(_ASCII_PUNCT)
_NO_PUNCT = re.compile(f"[{re.escape(_ASCII_PUNCT)}]")
_PUNCT_MARKS = frozenset(VaderConstants.PUNC_LIST)
#: Words of VADER's "never so ..." and "... this ..." rules (compared as written).
_NEVER_SO_THIS = frozenset({"never", "so", "this"})
#: Last words of VADER's idioms and two-word boosters ("kiss of death", "kind of").
_IDIOM_ENDS = frozenset(key.split()[-1] for key in (*VaderConstants.SPECIAL_CASE_IDIOMS, *VaderConstants.BOOSTER_DICT)
                        if " " in key)


def _vader_words(text: str) -> list[str]:
    """NLTK ``SentiText``'s words of ``text`` (VADER's tokens), found without the dictionary
    of every word × punctuation-mark pair NLTK builds for each text (most of VADER's time on
    a sentence): a token is stripped of a leading or trailing punctuation mark from VADER's
    list when what remains is a word of the text without punctuation, that is, two or more
    characters none of which is punctuation."""
    tokens = []
    for token in text.split():
        if len(token) < 2:
            continue
        if token[0] in _PUNCT_CHARS or token[-1] in _PUNCT_CHARS:
            core = token.lstrip(_ASCII_PUNCT)
            if core == token:
                core = token.rstrip(_ASCII_PUNCT)
                mark = token[len(core):]
            else:
                mark = token[:len(token) - len(core)]
            if mark in _PUNCT_MARKS and len(core) > 1 and _PUNCT_CHARS.isdisjoint(core):
                token = core
        tokens.append(token)
    return tokens


class _NewsVader(SentimentIntensityAnalyzer):
    """NLTK's VADER with a lexicon given as a dictionary, with a quick :meth:`compound`."""

    def __init__(self, lexicon: dict[str, float]):  # noqa: D107 - NLTK's would load a lexicon file
        self.lexicon = lexicon
        self.constants = VaderConstants()

    def compound(self, text: str) -> float:
        """``polarity_scores(text)["compound"]``, scoring only the words in the lexicon.

        NLTK's ``polarity_scores`` works out a valence for every word, but a word outside
        the lexicon adds 0 (and a booster or the "kind" of "kind of" adds 0 even in it):
        here those words are skipped, and a text none of whose tokens is in the lexicon,
        as it is or without punctuation, is 0 before it is read. Each lexicon word gets
        NLTK's own valence (see :meth:`_valence`) at the position NLTK gives it (a repeated
        word's first), on the words of :func:`_vader_words`. The same score, several times
        faster on news text, where few words carry a valence.
        """
        lexicon = self.lexicon
        low = text.lower()
        # A word of VADER's is a token of the text, or one stripped of punctuation marks.
        if lexicon.keys().isdisjoint(low.split()) and lexicon.keys().isdisjoint(_NO_PUNCT.sub("", low).split()):
            return 0.0
        words = _vader_words(text)
        lows = list(map(str.lower, words))
        boosters = self.constants.BOOSTER_DICT
        n_caps = sum(map(str.isupper, words))
        cap_diff = 0 < len(words) - n_caps < len(words)  # NLTK's SentiText.is_cap_diff
        sentiments = [0] * len(words)
        scored = False
        for k, word in enumerate(words):
            if lows[k] not in lexicon or lows[k] in boosters:
                continue
            i = words.index(word)
            if lows[i] == "kind" and i < len(words) - 1 and lows[i + 1] == "of":
                continue
            sentiments[k] = self._valence(words, lows, i, cap_diff)
            scored = True
        if not scored:
            return 0.0
        if "but" in lows:  # otherwise NLTK's _but_check changes nothing
            sentiments = self._but_check(words, sentiments)
        total = float(sum(sentiments))
        if total > 0:
            total += self._punctuation_emphasis(total, text)
        elif total < 0:
            total -= self._punctuation_emphasis(total, text)
        return round(self.constants.normalize(total), 4)

    def _valence(self, words: list[str], lows: list[str], i: int, cap_diff: bool) -> float:
        """NLTK's ``sentiment_valence`` of the lexicon word ``words[i]`` (``lows`` lower-cased),
        step for step, calling NLTK's own checks only where they can change the valence: a
        booster, a negation or "never", "so", "this" among the three words before it, an
        idiom's last word near it, "least" right before it."""
        lexicon, constants = self.lexicon, self.constants
        valence = lexicon[lows[i]]
        if words[i].isupper() and cap_diff:
            valence = valence + constants.C_INCR if valence > 0 else valence - constants.C_INCR
        for start_i in range(min(i, 3)):
            k = i - (start_i + 1)
            if lows[k] in lexicon:
                continue
            s = constants.scalar_inc_dec(words[k], valence, cap_diff) if lows[k] in constants.BOOSTER_DICT else 0.0
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            if lows[k] in constants.NEGATE or "n't" in lows[k] or not _NEVER_SO_THIS.isdisjoint(words[k:i]):
                valence = self._never_check(valence, words, start_i, i)
            if start_i == 2 and not _IDIOM_ENDS.isdisjoint(words[i - 2:i + 3]):
                valence = self._idioms_check(valence, words, i)
        return self._least_check(valence, words, i) if i > 0 and lows[i - 1] == "least" else valence


@cache
def news_vader() -> SentimentIntensityAnalyzer:
    """A private VADER whose lexicon also knows the stance lexicon's single words."""
    lex = dict(vader().lexicon)
    for forms in _lexicon().values():
        for form in forms:
            if len(form.tokens) == 1 and form.tokens[0] not in lex and form.entry.kind not in ("predicate", "outcome"):
                lex[form.tokens[0]] = round(form.entry.direction * VADER_SCALE, 2)
    if USE_VADER_NEWS:
        for fields in table(VADER_NEWS_FILE):
            try:
                lex[fields[0].lower()] = float(fields[1])
            except (IndexError, ValueError):
                raise InputFileError(package_data(VADER_NEWS_FILE), f"line {fields!r} needs word<TAB>valence") from None
    return _NewsVader(lex)


class _Match(NamedTuple):
    i: int          # first token
    j: int          # one past the last token
    forms: tuple[_Form, ...]


def _find_cues(low: list[str]) -> list[_Match]:
    lex = _lexicon()
    found: list[_Match] = []
    free = 0  # the first token not inside a cue found already
    for k in [k for k, token in enumerate(low) if token in lex]:  # the few tokens a cue can start at
        if k < free:
            continue
        best = 0
        hits: list[_Form] = []
        for form in lex[low[k]]:
            m = len(form.tokens)
            if m < best:
                break
            if tuple(low[k:k + m]) == form.tokens:
                best = m
                hits.append(form)
        if low[k] == "back" and (k == 0 or low[k - 1] not in _BACK_VERB_CONTEXT):
            hits = [f for f in hits if f.entry.lemma != "back"]
        if hits:
            found.append(_Match(k, k + best, tuple(hits)))
            free = k + best
    return found


def _window_flags(low: list[str], lo: int, hi: int) -> tuple[bool, bool]:
    window = low[lo:hi]
    return any(t in _NEGATORS for t in window[-NEGATION_WINDOW:]), any(
        t in _HEDGES for t in window[-HEDGE_WINDOW:])


def _gap_weight(gap: int) -> float:
    return max(0.2, 1.0 - GAP_DECAY * max(0, gap - FULL_WEIGHT_GAP))


def _predicate_gap(gap: list[str]) -> tuple[bool, bool] | None:
    """Whether the tokens between target and a later cue fit "X('s claims) (was) ...".

    Returns ``(has_copula, ok)`` or None when the gap does not fit.
    """
    k = 0
    if gap and gap[0] in ("'s", "'"):
        k = 1
        n_nouns = 0
        while k < len(gap) and n_nouns < 3 and gap[k] not in _FILLERS and _WORD.match(gap[k]):
            k += 1
            n_nouns += 1
    rest = gap[k:]
    if not all(t in _FILLERS or _ADVERB.match(t) for t in rest):
        return None
    return any(t in _COPULAS for t in rest), True


def _name_appositions(norm: str, spans, low: list[str]) -> set[int]:
    """Token indices of comma-delimited runs of capitalised words, with their commas:
    "the Libyan leader, Col. Moammar Gadhafi, is lying" or "condemned Smith, Jones and ...".
    They neither end a clause nor break the link between a subject and its predicate; nor does
    a quotation mark opening right after a possessive."""
    commas = [k for k, t in enumerate(low) if t == ","]
    inside: set[int] = set()
    for p, q in zip(commas, commas[1:]):
        run = range(p + 1, q)
        if 1 <= len(run) <= MAX_APPOSITION and all(norm[spans[k][0]].isupper() for k in run):
            inside.update(range(p, q + 1))
    # A quotation mark right after a possessive opens a quoted noun: Gadhafi's "crimes ..."
    inside.update(k for k in range(1, len(low)) if low[k] == '"' and low[k - 1] in ("'s", "'"))
    return inside


class Sentence:
    """A sentence tokenised once for stance: its tokens and directed cues, and, when first
    needed, its clause boundaries and name appositions, shared by every target in it. Pass
    it to :func:`stance_evidence` instead of the text when a sentence has several targets."""

    def __init__(self, sentence: str, normalised: str | None = None):
        """``normalised`` is ``normalise(sentence)`` when the caller has it already (a slice
        of the article's normalised text)."""
        self.text = sentence
        self.norm = normalise(sentence) if normalised is None else normalised
        matches = list(word_pattern().finditer(self.norm))
        # the match objects' own methods mapped over them: no Python-level call per token
        self.spans = list(map(re.Match.span, matches))
        self.low = list(map(str.lower, map(re.Match.group, matches)))
        self.cues = _find_cues(self.low)
        self._compound: dict[str, float] = {}

    @cached_property
    def names(self) -> set[int]:
        """Token indices of name appositions (see :func:`_name_appositions`)."""
        return _name_appositions(self.norm, self.spans, self.low)

    @cached_property
    def clause(self) -> list[int]:
        """A clause number per token (see :func:`_clause_ids`)."""
        return _clause_ids(self.low, self.names)

    @cached_property
    def masked(self) -> str:
        """The normalised text as the fallback scores it (names blanked, see :func:`_mask_names`)."""
        return _mask_names(self.norm, self.spans) if MASK_NAMES else self.norm

    def compound(self, text: str) -> float:
        """:func:`news_vader`'s compound score of ``text`` (a part of this sentence), each
        distinct text scored once."""
        if text not in self._compound:
            self._compound[text] = news_vader().compound(text)
        return self._compound[text]


def _clause_ids(low: list[str], names: set[int]) -> list[int]:
    """A clause number per token; boundary tokens (punctuation, conjunctions, relative
    pronouns outside name appositions) get a negative number of their own."""
    clause = []
    cid = 0
    for k, t in enumerate(low):
        if (t in _BOUNDARY_PUNCT or t in _BOUNDARY_WORDS) and k not in names:
            cid += 1
            clause.append(-cid)  # boundary tokens belong to no clause
            cid += 1
            continue
        clause.append(cid)
    return clause


def stance_evidence(sentence: str | Sentence, start: int, end: int) -> list[StanceEvidence]:
    """The directed cues (or, lacking any, the fallback sentiment) toward ``sentence[start:end]``.

    ``sentence`` is the text, or a :class:`Sentence` made of it once for several targets.
    """
    sent = sentence if isinstance(sentence, Sentence) else Sentence(sentence)
    if not 0 <= start < end <= len(sent.text):
        raise ValueError(f"target offsets [{start}, {end}) do not fit a sentence of {len(sent.text)} characters")
    norm, spans, low = sent.norm, sent.spans, sent.low
    # the target's tokens: from the first ending after start to the last starting before end
    ti, tj = bisect_right(spans, start, key=_END), bisect_left(spans, end, key=_START)
    if ti >= tj:
        return [_fallback(sent, start, end, None, None)]
    cues = [m for m in sent.cues if (m.j <= ti or m.i >= tj)]
    if not cues:  # the fallback needs no clauses
        return [_fallback(sent, start, end, ti, tj)]
    names, clause = sent.names, sent.clause
    tclause = {clause[k] for k in range(ti, tj) if clause[k] >= 0} or {clause[ti]}
    c_lo = ti
    while c_lo > 0 and clause[c_lo - 1] >= 0 and clause[c_lo - 1] in tclause:
        c_lo -= 1
    c_hi = tj
    while c_hi < len(low) and clause[c_hi] >= 0 and clause[c_hi] in tclause:
        c_hi += 1

    evidence: list[StanceEvidence] = []
    # 1. object: the nearest cue before the target in its clause
    before = [m for m in cues if m.j <= ti and m.i >= c_lo]
    for m in reversed(before):
        gap = low[m.j:ti]
        if len(gap) > MAX_OBJECT_GAP:
            break
        ev = _object_evidence(norm, spans, low, m, gap, c_lo, tj)
        if ev is not None:
            evidence.append(ev)
            break
    # 2./3. predicate and agent: cues after the target in its clause
    for m in cues:
        if m.i < tj or m.i >= c_hi:
            continue
        gap = [low[k] for k in range(tj, m.i) if k not in names]
        if len(gap) > MAX_PREDICATE_GAP:
            break
        fit = _predicate_gap(gap)
        if fit is None:
            continue
        ev = _predicate_evidence(norm, spans, low, m, gap, fit[0], tj)
        if ev is not None:
            evidence.append(ev)
            break
    if not evidence:
        evidence.append(_fallback(sent, start, end, ti, tj))
    return evidence


def _make(norm: str, spans, m: _Match, entry: _Entry, rule: str, direction: float,
          weight: float, negated: bool, hedged: bool) -> StanceEvidence:
    value = direction * weight
    if negated:
        value *= NEGATION_FACTOR
    if hedged:
        value *= HEDGE_FACTOR
    s, e = spans[m.i][0], spans[m.j - 1][1]
    return StanceEvidence(norm[s:e], s, e, rule, direction, negated, hedged, round(value, 4), False)


def _object_evidence(norm, spans, low, m: _Match, gap: list[str], c_lo: int,
                     tj: int) -> StanceEvidence | None:
    neg, hedge = _window_flags(low, c_lo, m.i)
    for form in m.forms:
        e = form.entry
        if e.kind == "predicate":
            continue
        if e.kind == "noun":
            # "rebuke of X", "support for X" - a preposition must lead to the target
            if not gap or gap[0] not in _OBJECT_PREPOSITIONS or len(gap) > 6:
                continue
        elif e.kind == "adjective":
            if len(gap) > 2 or any(t in _COPULAS for t in gap):
                continue
        if e.kind == "outcome":
            continue
        if e.kind == "verb" and gap and gap[0] in _NOT_DIRECT:
            continue
        if form.participle and gap and gap[0] == "by":
            # "was praised by X": X is the agent
            if e.agent == 0:
                return None
            return _make(norm, spans, m, e, f"agent:{e.lemma}", e.agent, 1.0, neg, hedge)
        direction, rule = e.direction, f"lexicon:{e.lemma}"
        outcome = _outcome_after(low, tj)
        if outcome is not None:
            # "called for X's resignation", "urged X to resign": the cue is about an outcome
            direction, rule = direction * outcome.direction, f"{rule}+outcome:{outcome.lemma}"
        return _make(norm, spans, m, e, rule, direction, _gap_weight(len(gap)), neg, hedge)
    return None


def _outcome_after(low: list[str], tj: int) -> _Entry | None:
    """An outcome entry right after the target ("X's resignation", "X to step down")."""
    k = tj
    while k < len(low) and k < tj + 3 and low[k] in _OUTCOME_SKIP:
        k += 1
    for form in _lexicon().get(low[k], ()) if k < len(low) else ():
        if form.entry.kind == "outcome" and tuple(low[k:k + len(form.tokens)]) == form.tokens:
            return form.entry
    return None


def _predicate_evidence(norm, spans, low, m: _Match, gap: list[str], copula: bool,
                        tj: int) -> StanceEvidence | None:
    neg = any(t in _NEGATORS for t in gap)
    hedge = any(t in _HEDGES for t in gap)
    forms = sorted(m.forms, key=lambda f: f.entry.kind not in ("noun", "adjective")) if copula else m.forms
    for form in forms:
        e = form.entry
        if e.kind == "outcome":
            continue
        if e.kind == "predicate":
            return _make(norm, spans, m, e, f"lexicon:{e.lemma}", e.direction, 1.0, neg, hedge)
        if e.kind in ("noun", "adjective"):
            if copula:
                return _make(norm, spans, m, e, f"lexicon:{e.lemma}", e.direction, 1.0, neg, hedge)
            if e.kind == "noun" and e.agent != 0 and gap in (["'s"], ["'"]):
                # the target's own act: "Gadhafi's crimes"
                return _make(norm, spans, m, e, f"agent:{e.lemma}", e.agent, 1.0, neg, hedge)
            continue
        # verbs and phrases
        if form.participle and copula and not form.progressive:
            # passive: "Trump was criticized"
            return _make(norm, spans, m, e, f"lexicon:{e.lemma}", e.direction, 1.0, neg, hedge)
        if e.agent != 0 and (form.progressive or not copula or not form.participle):
            # the target does it: "Gadhafi is lying", "X lied"
            return _make(norm, spans, m, e, f"agent:{e.lemma}", e.agent, 1.0, neg, hedge)
    return None


#: Tokens after which a capitalised word may just start a sentence or a quote, not a name.
_NAME_OPENERS = frozenset({'"', "'", ":", ".", "?", "!", "(", "--", "-", "\u2014"})


def _mask_names(norm: str, spans) -> str:
    """``norm`` with capitalised words inside the sentence blanked out.

    Words of names carry no sentiment toward anyone ("United Nations", "Supreme Court",
    "Affordable Care Act", "Freedom Caucus"). Title-case headlines are left alone.
    """
    firsts = [norm[s] for s, _ in spans]
    upper = [k for k, c in enumerate(firsts) if c.isupper()]
    n_caps = sum(firsts[k].isalpha() for k in upper)
    if not n_caps or n_caps > HEADLINE_SHARE * sum(map(str.isalpha, firsts)):
        return norm
    pieces, done = [], 0
    for k in upper:
        s, e = spans[k]
        if k == 0 or norm[s:e] == "I" or norm[spans[k - 1][0]:spans[k - 1][1]] in _NAME_OPENERS:
            continue
        pieces += (norm[done:s], " " * (e - s))
        done = e
    return "".join(pieces) + norm[done:]


def _is_speaker(low: list[str], ti: int, tj: int) -> bool:
    """Whether the target is the one reporting: "X said", "X, ..., told", '..." said X'."""
    k = tj
    while k < len(low) and k < tj + 3 and low[k] in _SPEAKER_SKIP and low[k] not in _REPORTING:
        k += 1
    if k < len(low) and low[k] in _REPORTING:
        return True
    if ti >= 2 and low[ti - 2] == "according" and low[ti - 1] == "to":
        return True
    if SPEAKER_SIDE and tj + 2 < len(low) and low[tj] == "'s" and low[tj + 1] in _SPOKESPEOPLE:
        k = tj + 2
        while k < len(low) and k < tj + 5 and low[k] in _SPEAKER_SKIP and low[k] not in _REPORTING:
            k += 1
        return k < len(low) and low[k] in _REPORTING
    return ti >= 2 and low[ti - 1] in _REPORTING and low[ti - 2] in ('"', "'", ",", "--")


def _fallback(sent: Sentence, start: int, end: int, ti: int | None, tj: int | None) -> StanceEvidence:
    """VADER of the target's neighbourhood blended with that of the whole sentence.

    The target's own words are left out of both texts. When the target is the speaker of
    what the sentence reports, the sentiment is mostly not about it and is scaled down.
    """
    norm, spans, masked = sent.norm, sent.spans, sent.masked
    rest = (masked[:start] + " " + masked[end:]).strip()
    whole = sent.compound(rest) if rest else 0.0
    score = whole
    s, e = 0, len(norm)
    if ti is not None and tj is not None:
        lo = max(0, ti - FALLBACK_WINDOW)
        hi = min(len(spans), tj + FALLBACK_WINDOW)
        s, e = spans[lo][0], spans[hi - 1][1]
        text = (masked[s:start] + " " + masked[end:e]).strip()
        if text:
            local = sent.compound(text)
            score = FALLBACK_LOCAL_SHARE * local + (1 - FALLBACK_LOCAL_SHARE) * whole
    contribution = score
    if ti is not None and tj is not None and _is_speaker(sent.low, ti, tj):
        contribution *= SPEAKER_NEGATIVE_FACTOR if score < 0 else SPEAKER_POSITIVE_FACTOR
    return StanceEvidence(norm[s:e], s, e, "fallback:clause-sentiment", round(score, 4),
                          False, False, round(contribution, 4), True)


def combined_score(evidence: list[StanceEvidence]) -> float:
    """The score a list of evidence adds up to, clipped to [-1, 1]."""
    return max(-1.0, min(1.0, sum(ev.contribution for ev in evidence)))


def stance_toward(sentence: str, start: int, end: int) -> float:
    """Stance of ``sentence`` toward the target at ``[start, end)``, in [-1, 1] (>0 favour)."""
    return combined_score(stance_evidence(sentence, start, end))
