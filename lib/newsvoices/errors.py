"""The errors newsvoices raises on purpose. Anything else escaping is a bug."""

from __future__ import annotations

from pathlib import Path


class NewsvoicesError(Exception):
    """Base class of every documented newsvoices error."""


class ArticleError(NewsvoicesError, ValueError):
    """An article cannot be used: missing, empty, binary, not UTF-8, a directory ...

    The message always names the file and the problem in one line.
    """

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class MissingResourceError(NewsvoicesError, RuntimeError):
    """An optional resource (package or corpus) is not installed; says what to install."""


class InputFileError(NewsvoicesError, ValueError):
    """A side file (speakers, topics, evaluation data) is unreadable or malformed."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
