"""Shared fixtures. Nothing here reads ../shared; tests that need it skip when it is absent."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newsvoices.paths import DEFAULT_ARTICLE, PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"

#: A short article in a different style from the seed, written for these tests: a
#: "Key: value" header, straight quotes, "said X", a woman speaker, a quote running over
#: two paragraphs, abbreviations, and a paragraph with no quotes at all.
SECOND_ARTICLE = """Title: Harbor town weighs new sea wall
Source: Newsvoices test desk
Date: 2024-05-14

PORTSMOUTH, N.H. (NV) -- The town council on Monday delayed a vote on a $12 million sea wall after a long public hearing.

"We cannot keep patching the old wall every winter," said Mayor Jane Q. Alder. "The storms are getting worse.

"If we wait another year, the fish market will flood again."

Council member Tom Reyes said the plan was too expensive. He warned that taxes would rise by 8 percent.

She said Tuesday that the state had promised to pay part of the cost. Dr. Lena Park of the U.S. Geological Survey called the wall "a sensible first step."

The council will meet again in June.
"""


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return DEFAULT_ARTICLE


@pytest.fixture()
def second_article(tmp_path: Path) -> Path:
    path = tmp_path / "harbor-sea-wall.txt"
    path.write_text(SECOND_ARTICLE, encoding="utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder of two usable articles, one binary file posing as an article, and a CSV
    that is no article (batch and bench skip it by its suffix)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "harbor.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    (folder / "seed.txt").write_bytes(DEFAULT_ARTICLE.read_bytes())
    (folder / "broken.txt").write_bytes(b"\x89PNG\x00\x00binary")
    (folder / "notes.csv").write_text("not,an,article\n", encoding="utf-8")
    return folder


def digest(path: Path) -> str:
    """Content hash, to prove an input file was not modified."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shared_or_skip(*parts: str) -> Path:
    """Path inside ../shared, or skip the test when it is not there (fresh clone, CI elsewhere)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path
