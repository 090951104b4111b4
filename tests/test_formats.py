"""Input formats: plain text with and without a header, markdown, HTML (trafilatura) and stdin."""

import subprocess
import sys

import pytest

import newsvoices as nv
from newsvoices.article import load_article

from conftest import SECOND_ARTICLE, digest

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbor town delays sea wall vote | Test Gazette</title>
<meta name="author" content="Ann Lee">
<meta property="og:site_name" content="Test Gazette">
<meta name="date" content="2024-05-14">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbor town delays sea wall vote</h1>
<p>PORTSMOUTH (NV) -- The town council delayed a vote on Monday after a long public hearing about the sea wall.</p>
<p>&ldquo;We cannot keep patching the old wall,&rdquo; said Mayor Jane Alder. She said the storms were getting worse.</p>
<p>The council will meet again in June to decide whether the plan goes ahead.</p>
</article>
<aside>Advertisement: buy a boat today</aside>
<footer>Copyright 2024 Test Gazette. All rights reserved.</footer>
</body></html>
"""


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_offsets_valid(analysis):
    text = analysis.article.text
    for name, table in analysis.tables().items():
        if {"start", "end", "text"} <= set(table.columns) and name == "sentences":
            for s, e, t in table[["start", "end", "text"]].itertuples(index=False):
                assert text[s:e] == t
        if {"start", "end", "token"} <= set(table.columns):
            for s, e, t in table[["start", "end", "token"]].itertuples(index=False):
                assert text[s:e] == t


def test_txt_with_header(tmp_path):
    article = load_article(write(tmp_path, "a.txt", SECOND_ARTICLE))
    assert article.title == "Harbor town weighs new sea wall"
    assert article.source == "Newsvoices test desk" and article.date == "2024-05-14"
    assert article.extra["format"] == "text"


def test_txt_without_header(tmp_path):
    body = SECOND_ARTICLE.split("\n\n", 1)[1]
    article = load_article(write(tmp_path, "a.txt", body))
    assert article.title is None and article.date is None and article.source == "NV"  # from the dateline
    assert article.text == body
    assert nv.analyze(article).sentences["text"].iloc[0].startswith("The town council")


def test_markdown_title_and_markup_kept(tmp_path):
    md = "# Harbor town weighs new sea wall\n\nThe council *delayed* a vote, said [Mayor Alder](https://example.org).\n\nIt meets in June.\n"
    path = write(tmp_path, "a.md", md)
    analysis = nv.analyze(path)
    assert analysis.article.title == "Harbor town weighs new sea wall"
    assert analysis.article.text == md  # markup kept: offsets index the file's text
    assert analysis.article.extra["format"] == "markdown"
    assert_offsets_valid(analysis)


def test_markdown_front_matter(tmp_path):
    md = "---\ntitle: \"Sea wall vote\"\nsource: Test desk\ndate: 2024-05-14\n---\n\nThe council met. It said \"no\".\n\nIt meets in June.\n"
    article = load_article(write(tmp_path, "fm.md", md))
    assert (article.title, article.source, article.date) == ("Sea wall vote", "Test desk", "2024-05-14")
    assert "---" not in article.body and article.body.startswith("The council met.")


def test_html_main_text_and_metadata(tmp_path):
    path = write(tmp_path, "page.html", PAGE)
    before = digest(path)
    analysis = nv.analyze(path)
    article = analysis.article
    assert article.title == "Harbor town delays sea wall vote"
    assert article.source == "Test Gazette" and article.date == "2024-05-14"
    assert article.extra["author"] == "Ann Lee" and article.extra["format"] == "html"
    assert article.dateline == "Portsmouth"
    # Boilerplate of the page is gone; the text is the extracted text, offsets index it.
    for junk in ("Home", "Advertisement", "Copyright", "<p>"):
        assert junk not in article.body
    assert "said Mayor Jane Alder" in article.body
    assert_offsets_valid(analysis)
    assert digest(path) == before


def test_htm_in_declared_legacy_encoding(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("&ldquo;", "\u00ab").replace("&rdquo;", "\u00bb")
    path = write(tmp_path, "page.htm", page.encode("latin-1"))
    article = load_article(path)
    assert "\u00abWe cannot keep patching" in article.body


@pytest.mark.parametrize("page", [
    "<html><head><title>Nothing</title></head><body></body></html>",
    "<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>",
    "<html><body><script>var x = 1;</script></body></html>",
])
def test_html_without_text_names_the_file(tmp_path, page):
    path = write(tmp_path, "empty.html", page)
    with pytest.raises(nv.ArticleError) as info:
        nv.analyze(path)
    assert str(path) in str(info.value) and "no extractable article text" in str(info.value)


def test_html_empty_and_binary(tmp_path):
    with pytest.raises(nv.ArticleError, match="is empty"):
        load_article(write(tmp_path, "e.html", b""))
    with pytest.raises(nv.ArticleError, match="binary"):
        load_article(write(tmp_path, "b.html", b"\x00\x01<html>\x00"))


def run_cli(*args, stdin):
    return subprocess.run([sys.executable, "-m", "newsvoices.cli", *args], input=stdin,
                          capture_output=True, timeout=120)


def test_stdin_text_and_html():
    done = run_cli("analyze", "-", "--json", stdin=SECOND_ARTICLE.encode())
    assert done.returncode == 0, done.stderr
    assert b'"title": "Harbor town weighs new sea wall"' in done.stdout
    done = run_cli("analyze", "-", "--json", stdin=PAGE.encode())
    assert done.returncode == 0, done.stderr
    assert b'"source": "Test Gazette"' in done.stdout and b"Advertisement" not in done.stdout


def test_stdin_empty_is_an_error():
    done = run_cli("analyze", "-", stdin=b"")
    assert done.returncode == 2 and b"<stdin>: is empty" in done.stderr and b"Traceback" not in done.stderr


def test_markdown_title_blank_line_then_header(tmp_path):
    md = "# Bridge work begins\n\nSource: Test desk\nDate: 2024-10-07\n\nCrews closed the bridge on Monday.\n\nIt reopens in June.\n"
    article = load_article(write(tmp_path, "b.md", md))
    assert (article.title, article.source, article.date) == ("Bridge work begins", "Test desk", "2024-10-07")
    assert article.body.startswith("Crews closed")


# --- The sample articles shipped in data/articles/ (invented for the project) -------------

from newsvoices.paths import ARTICLES_DIR, DEFAULT_ARTICLE  # noqa: E402
from newsvoices.report import article_notebooks  # noqa: E402

SAMPLES = sorted(p for p in ARTICLES_DIR.glob("nv-*") if p.suffix in {".txt", ".md", ".html"})


def test_samples_cover_the_styles():
    assert len(SAMPLES) >= 3
    assert {p.suffix for p in SAMPLES} >= {".txt", ".md", ".html"}
    for path in SAMPLES:
        article = load_article(path)
        assert article.title and article.source and article.date, path
        assert article.path != DEFAULT_ARTICLE
    texts = {p.suffix: load_article(p).body for p in SAMPLES}
    assert '" said ' in texts[".txt"] or '," said' in texts[".txt"]
    assert "She said" in texts[".txt"] and "They said" in texts[".txt"]
    # A quote running over two paragraphs: an opening paragraph without its closing quote.
    assert any(p.count('"') % 2 == 1 for p in texts[".txt"].split("\n\n"))
    assert not any(q in texts[".md"] for q in '"\u201c\u201d')  # no quotes at all


TINY = {
    "one sentence, one speaker": 'Bridge to reopen\n\n"We will reopen the bridge in June," Mayor Ana Ruiz said.\n',
    "numbers only": "Final scores\n\n12 to 7.\n\n3 - 1.\n",
}


@pytest.mark.parametrize("path", SAMPLES + list(TINY), ids=lambda p: getattr(p, "suffix", p))
def test_report_on_sample_article(path, tmp_path):
    if path in TINY:  # the smallest articles: one bar of sentence lengths, no content word
        path = write(tmp_path, "tiny.txt", TINY[path])
    before = digest(path)
    out = tmp_path / "report"
    done = subprocess.run([sys.executable, "-m", "newsvoices.cli", "report", str(path), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    for notebook in article_notebooks():
        assert (out / notebook.name).exists() and (out / notebook.with_suffix(".html").name).exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert load_article(path).title.split()[0] in index
    assert digest(path) == before
