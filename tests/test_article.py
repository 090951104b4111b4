from pathlib import Path

import newsvoices as nv
from newsvoices.article import parse_article

from conftest import digest


def test_seed_metadata_and_body(seed_path):
    article = nv.load_article(seed_path)
    assert article.source == "Associated Press"
    assert article.date == "2011-03-22"
    assert article.dateline == "Moscow" and article.agency == "AP"
    assert article.title is None
    assert article.text == seed_path.read_text(encoding="utf-8")  # unchanged, quirks included
    assert "Russia\u2018s" in article.text
    body = article.body
    assert body.startswith("Russia\u2018s defense minister on Tuesday")  # dateline removed
    assert "Click to" not in body and "MOSCOW (AP)" not in body
    assert body.rstrip().endswith("unless the alliance is put in charge.")
    assert len(article.paragraphs) == 17


def test_paragraph_offsets_index_the_text(seed_path):
    article = nv.load_article(seed_path)
    for s, e in article.paragraphs:
        assert article.text[s:e].strip() == article.text[s:e] != ""


def test_key_value_header_and_markdown_title(second_article, tmp_path):
    article = nv.load_article(second_article)
    assert article.title == "Harbor town weighs new sea wall"
    assert article.source == "Newsvoices test desk" and article.date == "2024-05-14"
    assert article.dateline == "Portsmouth, N.H." and article.agency == "NV"
    md = tmp_path / "note.md"
    md.write_text("# A council votes\n\nThe council voted on Monday.\n", encoding="utf-8")
    assert nv.load_article(md).title == "A council votes"


def test_plain_text_without_header_is_all_body():
    article = parse_article("The council voted. It was close.\n")
    assert article.title is None and article.source is None
    assert article.body == "The council voted. It was close."


def test_one_paragraph_per_line_when_no_blank_lines():
    article = parse_article("First line here.\nSecond line here.\nThird line here.\n")
    assert len(article.paragraphs) == 3


def test_loading_never_modifies_the_file(seed_path):
    before = digest(seed_path)
    nv.analyze(seed_path)
    assert digest(seed_path) == before


def test_relative_names_resolve_from_data_articles(monkeypatch, tmp_path, seed_path):
    monkeypatch.chdir(tmp_path)
    assert nv.load_article(seed_path.name).path == seed_path
    assert nv.load_article(Path(seed_path.name)).text == seed_path.read_text(encoding="utf-8")
