"""The annotated article: every attributed span highlighted in its speaker's colour.

The result is self-contained HTML (inline styles, no scripts), so it shows in JupyterLab
and survives the HTML export of a rendered notebook. Hovering a span shows its speaker,
kind and cue; narration stays plain.
"""

from __future__ import annotations

import html

import pandas as pd
import seaborn as sns

from .article import Article

_KIND_STYLE = {
    "direct": "",
    "partial": "font-weight:600;",
    "indirect": "opacity:0.85;",
}


def speaker_colours(speakers: list[str]) -> dict[str, str]:
    """A stable, distinct pastel colour (hex) per speaker, in the order given."""
    palette = sns.color_palette("pastel", max(len(speakers), 1)) if len(speakers) <= 10 else \
        sns.color_palette("husl", len(speakers), desat=0.5)
    return {s: "#%02x%02x%02x" % tuple(int(255 * c) for c in palette[i]) for i, s in enumerate(speakers)}


def annotated_html(article: Article, utterances: pd.DataFrame, colours: dict[str, str] | None = None) -> str:
    """HTML of the article body with each utterance highlighted in its speaker's colour.

    Nested spans (a partial quote inside reported speech) show the innermost one. Cues are
    underlined. A legend lists the speakers and how many spans each has.
    """
    order = utterances["speaker"].value_counts().index.tolist() if len(utterances) else []
    colours = colours or speaker_colours(order)
    spans = sorted(utterances.itertuples(index=False), key=lambda u: (u.start, -(u.end - u.start)))
    cues = {(u.cue_start, u.cue_end) for u in spans if getattr(u, "cue_start", -1) is not None and u.cue_start >= 0}
    text = article.text
    paragraphs = []
    for i in range(len(article.paragraphs)):
        p_start, p_end = article.paragraphs[i]
        p_start = max(p_start, article.body_start) if i == 0 else p_start
        cuts = {p_start, p_end}
        for u in spans:
            cuts.update(x for x in (u.start, u.end) if p_start < x < p_end)
        for cs, ce in cues:
            cuts.update(x for x in (cs, ce) if p_start < x < p_end)
        cuts = sorted(cuts)
        parts = []
        for a, b in zip(cuts, cuts[1:]):
            piece = html.escape(text[a:b])
            if any(cs <= a and b <= ce for cs, ce in cues):
                piece = f"<u>{piece}</u>"
            covering = [u for u in spans if u.start <= a and b <= u.end]
            if covering:
                u = min(covering, key=lambda u: u.end - u.start)
                tip = html.escape(f"{u.speaker} ({u.side or 'side unknown'}) — {u.kind}" + (f", cue: {u.cue}" if u.cue else ""), quote=True)
                style = f"background:{colours.get(u.speaker, '#eee')};border-radius:3px;{_KIND_STYLE.get(u.kind, '')}"
                piece = f'<span title="{tip}" style="{style}">{piece}</span>'
            parts.append(piece)
        paragraphs.append(f"<p style='line-height:1.6'>{''.join(parts)}</p>")
    counts = utterances["speaker"].value_counts() if len(utterances) else pd.Series(dtype=int)
    legend = " ".join(f"<span style='background:{colours[s]};padding:1px 6px;border-radius:3px;margin-right:4px'>"
                      f"{html.escape(s)} ({counts[s]})</span>" for s in order)
    note = ("<p style='font-size:90%;color:#555'>Highlighted: words attributed to a speaker (bold: partial "
            "quotes; underlined: the cue). Hover a span for speaker, kind and cue. Plain text is narration.</p>")
    return f"<div class='newsvoices-annotated'>{note}<p>{legend or 'No attributed speech found.'}</p>{''.join(paragraphs)}</div>"
