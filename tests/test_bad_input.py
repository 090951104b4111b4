"""Unusable articles give one clear line naming the file and the problem, through the API
and the CLI, and are never modified."""

import subprocess
import sys

import pytest

import newsvoices as nv
from newsvoices import article as article_module
from newsvoices.cli import main

from conftest import digest

BAD = {
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b"  \n\t\n", "only whitespace"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "latin1.txt": ("Caf\u00e9 owners said prices rose.".encode("latin-1"), "not UTF-8"),
    "boiler.txt": (b"Click to Read More\n\nClick to Hide\n", "no article body"),
}


@pytest.fixture()
def bad_files(tmp_path):
    paths = {}
    for name, (data, _) in BAD.items():
        (tmp_path / name).write_bytes(data)
        paths[name] = tmp_path / name
    return paths


@pytest.mark.parametrize("name", sorted(BAD))
def test_api_names_file_and_problem(bad_files, name):
    path = bad_files[name]
    before = digest(path)
    with pytest.raises(nv.ArticleError) as info:
        nv.analyze(path)
    assert str(path) in str(info.value) and BAD[name][1] in str(info.value)
    assert "\n" not in str(info.value)
    assert digest(path) == before


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(nv.ArticleError, match="no such file"):
        nv.load_article(tmp_path / "nope.txt")
    with pytest.raises(nv.ArticleError, match="is a directory"):
        nv.load_article(tmp_path)


def test_huge_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(article_module, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("Words. " * 500, encoding="utf-8")
    with pytest.raises(nv.ArticleError, match="too large"):
        nv.load_article(path)


@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_exits_non_zero_with_one_line(bad_files, name, capsys):
    assert main(["analyze", str(bad_files[name])]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(bad_files[name]) in err and BAD[name][1] in err
    assert "Traceback" not in err


def test_cli_as_a_process_has_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "newsvoices.cli", "analyze", str(tmp_path / "missing.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"newsvoices: error: {tmp_path / 'missing.txt'}: no such file"
