"""``analyze``: one article in, tidy tables out.

The :class:`Analysis` object is what every notebook, the CLI and the batch runner work
from. Each table is a pandas DataFrame with named columns, and every span in it carries
character offsets into ``analysis.article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .article import Article, load_article
from .attribution import attribute
from .frames import columns
from .sentiment import score_utterances, summarise_each
from .stance import compute_stance
from .tokenization import tokenize_article
from .topics import MentionIndex, article_topics, topic_table


@dataclass
class Analysis:
    """The result of :func:`analyze` for one article.

    Attributes:
        article: the loaded :class:`~newsvoices.article.Article`.
        sentences: one row per sentence — paragraph, sentence, start, end, text, n_tokens.
        tokens: one row per token — sentence, start, end, token, lower, is_stop, is_punct, is_alpha.
        utterances: one row per attributed span — speaker, side, kind (direct / partial /
            indirect), cue, text, start, end, mention, mention_start, mention_end, cue_start,
            cue_end, paragraph, sentence — plus VADER (vader_compound, vader_pos, vader_neu,
            vader_neg) and TextBlob (textblob_polarity, textblob_subjectivity) scores.
        people: every person or group found — speaker, side, kind, title, mentions, aliases.
        speakers: per speaker — side, utterances, words, mean VADER and TextBlob scores with
            bootstrap 95 % intervals (``*_low``/``*_high``).
        sides: the same per side.
        topics: topic, terms, origin (file / suggested), mentions.
        stance: per speaker × topic — score in [-1, 1], label (favour / against / mixed /
            none), n_evidence, n_cued (judgments resting on a directed cue).
        side_stance: the same per side × topic, with the speakers behind it.
        stance_evidence: one row per cue behind a judgment, with offsets, rule, negation,
            hedging and contribution.
        relations: speaker → speaker stance (source, target, score, label, n_evidence).
    """

    article: Article
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    utterances: pd.DataFrame = field(default_factory=pd.DataFrame)
    people: pd.DataFrame = field(default_factory=pd.DataFrame)
    speakers: pd.DataFrame = field(default_factory=pd.DataFrame)
    sides: pd.DataFrame = field(default_factory=pd.DataFrame)
    topics: pd.DataFrame = field(default_factory=pd.DataFrame)
    stance: pd.DataFrame = field(default_factory=pd.DataFrame)
    side_stance: pd.DataFrame = field(default_factory=pd.DataFrame)
    stance_evidence: pd.DataFrame = field(default_factory=pd.DataFrame)
    relations: pd.DataFrame = field(default_factory=pd.DataFrame)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, in pipeline order (what the CLI and batch write)."""
        return {name: getattr(self, name) for name in (
            "sentences", "tokens", "utterances", "people", "speakers", "sides", "topics",
            "stance", "side_stance", "stance_evidence", "relations")}


_PENDING = pd.DataFrame()


def analyze(source: str | Path | Article, *, speakers_file: str | Path | None = None,
            topics_file: str | Path | None = None) -> Analysis:
    """Analyse an article given as a path (``"-"`` for stdin) or an :class:`Article`.

    ``speakers_file`` and ``topics_file`` override the optional ``<article>.speakers.toml``
    and ``<article>.topics.toml`` found beside the article. Raises
    :class:`~newsvoices.errors.ArticleError` for an unusable article and
    :class:`~newsvoices.errors.InputFileError` for a malformed side file.
    """
    article = source if isinstance(source, Article) else load_article(source)
    sentences, tokens = tokenize_article(article)
    utterances, people = attribute(article, sentences, Path(speakers_file) if speakers_file else None, tokens)
    utterances = score_utterances(utterances)
    speakers, sides = summarise_each(utterances, ["speaker", "side"])
    # the topic and stance tables are filled in below: no empty tables made just to be replaced
    pending = dict.fromkeys(("topics", "stance", "side_stance", "stance_evidence", "relations"), _PENDING)
    analysis = Analysis(article, sentences, tokens, utterances, people, speakers, sides, **pending)
    topics = article_topics(analysis, topics_file, exclude=columns(people, ["speaker"])["speaker"])
    mentions = MentionIndex(topics, article.normalised)  # where the topics occur: found once for both tables
    analysis.topics = topic_table(analysis, topics, mentions)
    stance = compute_stance(article, sentences, utterances, people, topics, mentions)
    analysis.stance, analysis.side_stance = stance.stance, stance.sides
    analysis.stance_evidence, analysis.relations = stance.evidence, stance.relations
    return analysis
