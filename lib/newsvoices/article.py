"""Loading an article: checked decoding, metadata, boilerplate removal, paragraphs.

``Article.text`` is the file's decoded text, unchanged; every span elsewhere in the project
(paragraphs, sentences, tokens, quotes) is a pair of character offsets into it.

Input formats (chosen by file extension; standard input ``-`` is sniffed):

* ``.txt`` (and any other extension): plain text, with or without a header.
* ``.md``: as text; a ``# Title`` line or YAML front matter (``---`` ... ``---``) gives
  the metadata. Other markdown markup (``*emphasis*``, links) is **kept as written**:
  stripping it would move every offset, so ``text`` stays the file's text.
* ``.html`` / ``.htm``: the main text is extracted with trafilatura (navigation, ads and
  footers dropped); title, date, source and author come from the page's metadata. Here
  ``text`` is the **extracted** text, one paragraph per block separated by blank lines,
  and every offset indexes that extracted text, not the HTML source. The file itself is
  only ever read.
"""

from __future__ import annotations

import re
import stat
import sys
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, cached_property
from pathlib import Path
from typing import BinaryIO

from .errors import ArticleError
from .lexicons import _lines
from .paths import resolve_article

#: Articles larger than this are refused rather than slowly analysed (bytes).
MAX_BYTES = 20_000_000

_KEY_VALUE = re.compile(r"^(title|headline|source|publisher|date|published|by|byline|author|url|dateline)\s*:\s*(.+?)\s*$", re.I)
_DASH_HEADER = re.compile(r"^\s*-\s*(?P<source>[^-\n][^\n]*?)\s+-\s+(?P<date>[^\n]+?)\s*$")
_MD_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>(?:.*\r?\n){0,40}?)---[ \t]*\r?\n")
#: An HTML page's extracted text counts as an article only with a block this long (words).
MIN_HTML_BLOCK_WORDS = 5
#: Extensions read as HTML (main text extracted with trafilatura).
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(rb"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
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

    @cached_property
    def normalised(self) -> str:
        """``text`` with straight quotes and plain spaces, one character for one (offsets
        unchanged): what every tokenizer and matcher reads."""
        from .tokenization import normalise

        return normalise(self.text)

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


def _shown(path: Path) -> str:
    """``path`` as an error message names it: one line, at most 80 characters (text passed
    where a path was expected would otherwise fill the message)."""
    text = str(path)
    if not text.isprintable() or len(text) > 80:
        return repr(text[:60] + "…" if len(text) > 60 else text)
    return text


def _read_limited(stream: BinaryIO, name: str | Path) -> bytes:
    """All of ``stream``, refusing more than :data:`MAX_BYTES` (a pipe or device has no
    size to check beforehand; ``/dev/zero`` never ends)."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ArticleError(name, f"is too large (over {MAX_BYTES:,} bytes, the limit)")
    return data


def read_stdin() -> bytes:
    """Standard input's bytes (for ``-``), raising :class:`ArticleError` when it is closed or too large."""
    if sys.stdin is None:
        raise ArticleError("<stdin>", "standard input is closed")
    return _read_limited(sys.stdin.buffer, "<stdin>")


def read_bytes(path: str | Path) -> bytes:
    """Read an article file's bytes, raising :class:`ArticleError` when it cannot be used."""
    p = Path(path)
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError(p, "is a directory, not an article file")
        if info.st_size > MAX_BYTES:
            raise ArticleError(p, f"file is too large ({info.st_size:,} bytes; the limit is {MAX_BYTES:,})")
        with p.open("rb") as stream:
            return _read_limited(stream, p)
    except ArticleError:
        raise
    except FileNotFoundError:
        hint = " (article text where a path was expected? use parse_article(text))" if "\n" in str(p) else ""
        raise ArticleError(_shown(p), f"no such file{hint}") from None
    except PermissionError:
        raise ArticleError(p, "cannot be read (permission denied)") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        problem = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ArticleError(_shown(p), f"cannot be read ({problem})") from None


def _utf16_without_bom(head: bytes) -> bool:
    """Mostly-ASCII UTF-16: a NUL in nearly every other byte, and almost none in between."""
    zeros = sorted((head[0::2].count(0), head[1::2].count(0)))
    half = max(1, len(head) // 2)
    return zeros[1] > 0.4 * half and zeros[0] < 0.05 * half


def decode(data: bytes, name: str | Path) -> str:
    """Decode article bytes as UTF-8, refusing empty, binary and non-UTF-8 data."""
    if not data.strip():
        raise ArticleError(name, "is empty" if not data else "contains only whitespace")
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        raise ArticleError(name, "is UTF-16 text, not UTF-8; convert it with e.g. `iconv -f utf-16 -t utf-8`")
    if b"\x00" in head:
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


def parse_article(text: str, path: Path | None = None, metadata: dict[str, str] | None = None) -> Article:
    """Build an :class:`Article` from decoded text: header, dateline, boilerplate, paragraphs.

    ``metadata`` (title, source, date, author ...) comes from outside the text, e.g. an
    HTML page's metadata; values found in the text's own header take precedence. A first
    paragraph that merely repeats the given title is treated as the title, not the body.
    """
    meta: dict[str, str] = {}
    # YAML-style front matter (markdown): "---", "key: value" lines, "---".
    front = _FRONT_MATTER.match(text)
    start_offset = 0
    if front:
        for line in front.group("body").splitlines():
            kv = _KEY_VALUE.match(line.strip())
            if kv:
                meta.setdefault(_META_KEYS.get(kv.group(1).lower(), kv.group(1).lower()), kv.group(2).strip("\"' "))
        start_offset = front.end()
    # Header lines: "Key: value", "- Source - Date", or a markdown "# Title", up to a blank line.
    lines = text[start_offset:].split("\n")
    offset = start_offset
    header_end = start_offset
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if meta:
                header_end = offset + len(line) + 1
                # A markdown "# Title", a blank line, then "Key: value" lines: one header.
                following = next((ln.strip() for ln in lines[i + 1:] if ln.strip()), "")
                if set(meta) != {"title"} or not _KEY_VALUE.match(following):
                    break
            offset += len(line) + 1
            continue
        kv, dash, md = _KEY_VALUE.match(stripped), _DASH_HEADER.match(line), _MD_TITLE.match(stripped)
        if kv:
            key = kv.group(1).lower()
            meta.setdefault(_META_KEYS.get(key, key), kv.group(2))
        elif dash and i == 0 and re.search(r"\d{4}", dash.group("date")):
            meta["source"], meta["date"] = dash.group("source").strip(), dash.group("date")
        elif md and "title" not in meta:
            meta["title"] = md.group(1)
        else:
            break
        offset += len(line) + 1
        header_end = min(offset, len(text))
    pos = header_end if (meta or front) else 0
    given = {k: v for k, v in (metadata or {}).items() if v}

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
    # A first paragraph repeating the title given from outside (an HTML page's <h1>).
    if given.get("title") and len(paragraphs) > 1:
        s, e = paragraphs[0]
        if _squash(text[s:e]) == _squash(given["title"]):
            meta.setdefault("title", text[s:e].strip())
            paragraphs = paragraphs[1:]
    for key, value in given.items():
        meta.setdefault(key, value)
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
_META_KEYS = {"headline": "title", "publisher": "source", "published": "date", "byline": "author", "by": "author"}


def _squash(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def is_html(data: bytes, path: str | Path | None = None) -> bool:
    """True when an article should be read as HTML: by extension, or (stdin) by its start."""
    if path is not None and str(path) != "-":
        return Path(path).suffix.lower() in HTML_SUFFIXES
    return bool(_HTML_START.match(data[:1024]))


def extract_html(data: bytes, name: str | Path) -> tuple[str, dict[str, str]]:
    """Main text and metadata of an HTML page, extracted with trafilatura.

    Returns the text (one paragraph per block, blocks separated by blank lines) and a dict
    with ``title``, ``date``, ``source`` and ``author`` where the page states them. Raises
    :class:`ArticleError` naming the file when nothing readable can be extracted.
    """
    if not data.strip():
        raise ArticleError(name, "is empty" if not data else "contains only whitespace")
    if b"\x00" in data[:8192]:
        raise ArticleError(name, "looks like binary data (NUL bytes), not an HTML page")
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - dependency of the package
        from .errors import MissingResourceError
        raise MissingResourceError("Reading HTML articles needs trafilatura: `pip install trafilatura`.") from None
    try:
        source: str | bytes = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        source = data  # let trafilatura detect the page's declared encoding
    try:
        doc = trafilatura.bare_extraction(source, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=False)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on arbitrary input
        raise ArticleError(name, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from None
    raw = (getattr(doc, "text", None) or "") if doc is not None else ""
    blocks = [line.strip() for line in raw.splitlines() if line.strip()]
    # trafilatura falls back to any text it finds (menus, a footer); prose has a block of
    # at least MIN_HTML_BLOCK_WORDS words.
    if not any(len(b.split()) >= MIN_HTML_BLOCK_WORDS for b in blocks):
        raise ArticleError(name, "HTML page has no extractable article text"
                                 + (f" (only short fragments such as {blocks[0][:40]!r})" if blocks else ""))
    meta = {"title": doc.title, "date": doc.date, "source": doc.sitename or doc.hostname,
            "author": doc.author, "url": doc.url}
    return "\n\n".join(blocks) + "\n", {k: str(v) for k, v in meta.items() if v}


def load_article(path: str | Path) -> Article:
    """Read, check and parse the article at ``path`` (``"-"`` reads standard input).

    ``.html``/``.htm`` files (and HTML on standard input) are reduced to their main text
    with trafilatura; ``Article.text`` is then the extracted text (see the module docstring).

    Raises :class:`~newsvoices.errors.ArticleError` (one line naming the file and the
    problem) for a missing file, a directory, empty or whitespace-only, binary or non-UTF-8
    data, a file over :data:`MAX_BYTES`, an HTML page with no extractable text, or a text
    with no body left after boilerplate removal.
    """
    stdin = str(path) == "-"
    p = Path("-") if stdin else resolve_article(path)
    data = read_stdin() if stdin else read_bytes(p)
    name = "<stdin>" if stdin else p
    if is_html(data, None if stdin else p):
        text, meta = extract_html(data, name)
        article = parse_article(text, None if stdin else p, metadata=meta)
        article.extra["format"] = "html"
    else:
        text = decode(data, name)
        article = parse_article(text, None if stdin else p)
        article.extra["format"] = "markdown" if p.suffix.lower() in {".md", ".markdown"} else "text"
    if not any(article.paragraph_text(i).strip() for i in range(len(article.paragraphs))):
        raise ArticleError(name, "has no article body (only a header, dateline or boilerplate)")
    if not any(ch.isalnum() for ch in article.body):
        raise ArticleError(name, "has no words in its body (only punctuation or symbols)")
    return article
