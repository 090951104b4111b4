"""newsvoices: who speaks in a news article, what they say, how it sounds, where they stand."""

from .analysis import Analysis, analyze
from .article import Article, load_article
from .errors import ArticleError, InputFileError, MissingResourceError, NewsvoicesError
from .paths import DEFAULT_ARTICLE
from .sentiment import sentence_sentiment
from .stance_rules import stance_toward

__all__ = [
    "Analysis", "Article", "ArticleError", "DEFAULT_ARTICLE", "InputFileError",
    "MissingResourceError", "NewsvoicesError", "analyze", "load_article", "sentence_sentiment", "stance_toward",
]
__version__ = "0.1.0"
