"""Direct quotations: where quoted words open and close, within and across paragraphs.

Quote detection runs on the *normalised* text (see :func:`newsvoices.tokenization.normalise`),
in which curly double quotes have become ``"``; the original text is still consulted to tell an
opening ``“`` from a closing ``”`` when the article uses curly marks. Offsets index both texts.

Rules (English news conventions):

* a ``"`` opens a quote when it is curly-opening, or straight and preceded by the start of the
  paragraph, white space or an opening bracket/dash; otherwise it closes the open quote;
* a paragraph that opens a quote without closing it *continues* in the next paragraph when
  that paragraph starts with an opening mark (the convention for quotes running over
  paragraphs); otherwise the quote simply stops at the end of its paragraph (unbalanced, never
  an error);
* a closing mark with no open quote is ignored; single quotes are apostrophes or quotes
  within quotes and are not treated as quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN_CURLY = "\u201c\u201e\u00ab"
_CLOSE_CURLY = "\u201d\u00bb"
_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Quote:
    """One quoted stretch inside one paragraph.

    Attributes:
        start: offset of the opening mark.
        end: offset just after the closing mark (or the paragraph end when unclosed).
        closed: whether a closing mark was found in this paragraph.
        paragraph: index of the paragraph it lies in.
        group: quotes running over several paragraphs share the group of their first piece.
        continues: the quote goes on in the next paragraph.
    """

    start: int
    end: int
    closed: bool
    paragraph: int
    group: int
    continues: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words without the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end

    def n_words(self, norm: str) -> int:
        """Words between the quotation marks (``norm`` is the normalised text)."""
        s, e = self.inner
        return len(_WORD.findall(norm, s, e))


def _is_opening(text: str, norm: str, i: int, p_start: int) -> bool | None:
    ch = text[i]
    if ch in _OPEN_CURLY:
        return True
    if ch in _CLOSE_CURLY:
        return False
    prev = norm[i - 1] if i > p_start else " "
    nxt = norm[i + 1] if i + 1 < len(norm) else " "
    if prev.isspace() or prev in "([{\u2014\u2013-/:":
        return True
    if nxt.isspace() or nxt in ".,;:!?)]}\u2014\u2013-":
        return False
    return None


def find_quotes(text: str, norm: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """All double-quoted stretches of the given paragraphs, in text order.

    ``text`` is the original article text, ``norm`` its normalised copy (same length),
    ``paragraphs`` the ``(start, end)`` spans to scan.
    """
    quotes: list[Quote] = []
    carry_group: int | None = None
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        group = None
        first_mark = True
        i = norm.find('"', p_start, p_end)
        # A continued quote needs the next paragraph to start with an opening mark.
        if carry_group is not None and not (i == p_start and _is_opening(text, norm, i, p_start) is not False):
            carry_group = None
        while i != -1:
            opening = _is_opening(text, norm, i, p_start)
            if opening is None:
                opening = open_at is None
            if opening:
                if open_at is not None:  # the previous quote never closed: it ends here
                    quotes.append(Quote(open_at, i, False, p_index, group))
                open_at = i
                group = carry_group if (first_mark and carry_group is not None) else len(quotes)
            elif open_at is not None:
                quotes.append(Quote(open_at, i + 1, True, p_index, group))
                open_at = None
            first_mark = False
            i = norm.find('"', i + 1, p_end)
        carry_group = None
        if open_at is not None:
            nxt = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            continues = nxt is not None and norm.startswith('"', nxt) and _is_opening(text, norm, nxt, nxt) is not False
            quotes.append(Quote(open_at, p_end, False, p_index, group, continues))
            if continues:
                carry_group = group
    return quotes
