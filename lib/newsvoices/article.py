"""Loading an article: checked decoding, metadata, boilerplate removal, paragraphs.

``Article.text`` is the file's decoded text, unchanged; every span elsewhere in the project
(paragraphs, sentences, tokens, quotes) is a pair of character offsets into it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from .errors import ArticleError
from .lexicons import _lines
from .paths import resolve_article

#: Articles larger than this are refused rather than slowly analysed (bytes).
MAX_BYTES = 20_000_000

_KEY_VALUE = re.compile(r"^(title|headline|source|publisher|date|published|by|byline|author|url|dateline)\s*:\s*(.+?)\s*$", re.I)
_DASH_HEADER = re.compile(r"^\s*-\s*(?P<source>[^-\n][^\n]*?)\s+-\s+(?P<date>[^\n]+?)\s*$")
_MD_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)?)"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&]{0,30})\))?\s*(?:[\u2014\u2013]|--?)\s*"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_DATE_FORMATS = ("%A, %B %d, %Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y-%m-%d", "%A, %d %B %Y", "%a, %b %d, %Y")


@dataclass(frozen=True)
class Article:
    """A news article: its text, metadata, and where the body and its paragraphs are.

    Attributes:
        text: the decoded text exactly as read (offsets everywhere index into it).
        path: where it was read from (``None`` for text given directly or stdin).
        title, source, date, dateline, agency: metadata when the article states it;
            ``date`` is ISO ``YYYY-MM-DD`` when it could be parsed, else as written.
        paragraphs: ``(start, end)`` of each body paragraph, boilerplate removed.
        body_start: where the body text begins (after header and dateline).
        boilerplate: ``(start, end)`` of each removed boilerplate line.
    """

    text: str
    path: Path | None = None
    title: str | None = None
    source: str | None = None
    date: str | None = None
    dateline: str | None = None
    agency: str | None = None
    paragraphs: tuple[tuple[int, int], ...] = ()
    body_start: int = 0
    boilerplate: tuple[tuple[int, int], ...] = ()
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        """Short identifier: the file stem, or ``"article"``."""
        return self.path.stem if self.path else "article"

    @property
    def slug(self) -> str:
        """A file-name-safe identifier for output folders."""
        return re.sub(r"[^A-Za-z0-9._-]+", "-", self.name).strip("-") or "article"

    @property
    def body(self) -> str:
        """The body with boilerplate removed, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraph_text(i) for i in range(len(self.paragraphs)))

    def paragraph_text(self, i: int) -> str:
        """Text of body paragraph ``i`` (the first one starts after the dateline)."""
        s, e = self.paragraphs[i]
        return self.text[max(s, self.body_start) if i == 0 else s:e]

    def metadata(self) -> dict[str, str | None]:
        """Title, source, date, dateline and agency as a dict (for tables and reports)."""
        return {"title": self.title, "source": self.source, "date": self.date,
                "dateline": self.dateline, "agency": self.agency, "name": self.name}


def _parse_date(raw: str) -> str:
    cleaned = re.sub(r"\s+", " ", raw.strip().rstrip("."))
    cleaned = re.sub(r"^(Sept)\b", "Sep", cleaned)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return raw.strip()


@cache
def _boilerplate_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(rf"^\s*(?:{p})\s*$", re.I) for p in _lines("boilerplate.txt"))


def _is_boilerplate(line: str) -> bool:
    return any(p.match(line) for p in _boilerplate_patterns())


def read_text(path: str | Path) -> str:
    """Read and decode an article file, raising :class:`ArticleError` for unusable input."""
    p = Path(path)
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        return decode(data, "<stdin>")
    if not p.exists():
        raise ArticleError(p, "no such file")
    if p.is_dir():
        raise ArticleError(p, "is a directory, not an article file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(p, f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        data = p.read_bytes()
    except PermissionError:
        raise ArticleError(p, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise ArticleError(p, f"cannot be read ({exc.strerror or exc})") from None
    return decode(data, p)


def decode(data: bytes, name: str | Path) -> str:
    """Decode article bytes as UTF-8, refusing empty, binary and non-UTF-8 data."""
    if not data.strip():
        raise ArticleError(name, "is empty" if not data else "contains only whitespace")
    if b"\x00" in data[:8192]:
        raise ArticleError(name, "looks like binary data (NUL bytes), not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(name, f"is not UTF-8 text (undecodable byte at offset {exc.start}); "
                                 "convert it with e.g. `iconv -f latin1 -t utf-8`") from None
    if not text.strip():
        raise ArticleError(name, "contains only whitespace")
    return text


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    seg = text[s:e]
    return s + len(seg) - len(seg.lstrip()), s + len(seg.rstrip())


def _paragraph_spans(text: str, start: int) -> list[tuple[int, int]]:
    body = text[start:]
    breaks = list(_PARAGRAPH_BREAK.finditer(body))
    spans, pos = [], 0
    if not breaks and body.strip().count("\n") >= 2:
        # No blank lines at all: one paragraph per line.
        breaks = list(re.finditer(r"\n\s*", body))
    for m in [*breaks, None]:
        s, e = _strip_span(text, start + pos, start + (m.start() if m else len(body)))
        if e > s:
            spans.append((s, e))
        pos = m.end() if m else len(body)
    return spans


def parse_article(text: str, path: Path | None = None) -> Article:
    """Build an :class:`Article` from decoded text: header, dateline, boilerplate, paragraphs."""
    meta: dict[str, str] = {}
    pos = 0
    # Header lines: "Key: value", "- Source - Date", or a markdown "# Title", up to a blank line.
    lines = text.split("\n")
    offset = 0
    header_end = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if meta:
                header_end = offset + len(line) + 1
                break
            offset += len(line) + 1
            continue
        kv, dash, md = _KEY_VALUE.match(stripped), _DASH_HEADER.match(line), _MD_TITLE.match(stripped)
        if kv:
            key = kv.group(1).lower()
            key = {"headline": "title", "publisher": "source", "published": "date", "byline": "author", "by": "author"}.get(key, key)
            meta.setdefault(key, kv.group(2))
        elif dash and i == 0 and re.search(r"\d{4}", dash.group("date")):
            meta["source"], meta["date"] = dash.group("source").strip(), dash.group("date")
        elif md and "title" not in meta:
            meta["title"] = md.group(1)
        else:
            break
        offset += len(line) + 1
        header_end = min(offset, len(text))
    pos = header_end if meta else 0

    spans = _paragraph_spans(text, pos)
    paragraphs, boiler = [], []
    for s, e in spans:
        kept_lines, line_pos = [], s
        for line in text[s:e].split("\n"):
            ls, le = line_pos, line_pos + len(line)
            (boiler if _is_boilerplate(line) else kept_lines).append((ls, le))
            line_pos = le + 1
        kept = [_strip_span(text, a, b) for a, b in kept_lines if text[a:b].strip()]
        if kept:
            paragraphs.append((kept[0][0], kept[-1][1]))
    # Plain-text title: a first paragraph of one short line without sentence punctuation.
    if "title" not in meta and len(paragraphs) > 1:
        s, e = paragraphs[0]
        first = text[s:e]
        if "\n" not in first and len(first.split()) <= 15 and not re.search(r"[.?!\"'\u201d\u2019:]\s*$", first):
            meta["title"] = first.strip()
            paragraphs = paragraphs[1:]

    body_start, dateline, agency = (paragraphs[0][0] if paragraphs else len(text)), None, None
    if paragraphs:
        m = _DATELINE.match(text, paragraphs[0][0], paragraphs[0][1])
        if m and len(m.group("place")) >= 3:
            dateline, agency, body_start = m.group("place").title(), m.group("agency"), m.end()
    meta_date = meta.get("date")
    return Article(
        text=text, path=path, title=meta.get("title"), source=meta.get("source") or (agency and _AGENCIES.get(agency, agency)),
        date=_parse_date(meta_date) if meta_date else None, dateline=dateline, agency=agency,
        paragraphs=tuple(paragraphs), body_start=body_start, boilerplate=tuple(boiler),
        extra={k: v for k, v in meta.items() if k not in {"title", "source", "date"}},
    )


_AGENCIES = {"AP": "Associated Press", "AFP": "Agence France-Presse"}


def load_article(path: str | Path) -> Article:
    """Read, check and parse the article at ``path`` (``"-"`` reads standard input).

    Raises :class:`~newsvoices.errors.ArticleError` (one line naming the file and the
    problem) for a missing file, a directory, empty or whitespace-only, binary or non-UTF-8
    data, a file over :data:`MAX_BYTES`, or a text with no body left after boilerplate removal.
    """
    p = resolve_article(path) if str(path) != "-" else Path("-")
    text = read_text(p)
    article = parse_article(text, None if str(path) == "-" else p)
    if not article.paragraphs or article.body_start >= len(text):
        raise ArticleError(p, "has no article body (only a header or boilerplate)")
    return article
