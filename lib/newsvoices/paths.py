"""Where things live: every path the project uses is anchored here, never in the caller's cwd."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The repository root when installed editable (lib/newsvoices -> repo).
PROJECT_ROOT = PACKAGE_DIR.parents[1]
DATA_DIR = PROJECT_ROOT / "data"
ARTICLES_DIR = DATA_DIR / "articles"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"

#: The article every notebook runs on unless told otherwise.
DEFAULT_ARTICLE = ARTICLES_DIR / "ap-2011-03-22-gates-moscow-libya.txt"


def package_data(name: str) -> Path:
    """Path of a data file shipped inside the package (word lists, lexicons)."""
    return Path(str(resources.files("newsvoices") / "data" / name))


def resolve_article(path: str | Path | None) -> Path:
    """Resolve an article path given in a notebook parameter or on the command line.

    ``None`` or ``""`` means the default article. A relative path is tried against the
    working directory, then ``data/articles/`` and the project root, so notebooks run
    from any directory.
    """
    if path is None or str(path) == "":
        return DEFAULT_ARTICLE
    p = Path(path).expanduser()
    if p.is_absolute() or path_exists(p):
        return p
    for base in (ARTICLES_DIR, PROJECT_ROOT):
        if path_exists(base / p):
            return base / p
    return p


def path_exists(path: Path) -> bool:
    """``path.exists()``, False for a name the system refuses (too long, a NUL byte): the
    reader then reports the problem with the file named."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False
