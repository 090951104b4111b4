"""Unusable articles give one clear line naming the file and the problem, through the API
and the CLI, and are never modified."""

import subprocess
import sys

import pytest

import newsvoices as nv
from newsvoices import article as article_module
from newsvoices.cli import main
from newsvoices.paths import DEFAULT_ARTICLE

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


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_is_named_with_how_to_convert(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    path.write_bytes("Title: T\n\nThe mayor said the bridge is safe.\n".encode(encoding))
    with pytest.raises(nv.ArticleError, match=r"is UTF-16 text, not UTF-8; convert it .*iconv -f utf-16"):
        nv.load_article(path)
    zeros = tmp_path / "zeros.txt"
    zeros.write_bytes(bytes(1000))
    with pytest.raises(nv.ArticleError, match="binary data"):  # NUL bytes everywhere: not UTF-16
        nv.load_article(zeros)


class _Stdin:
    def __init__(self, data: bytes):
        import io

        self.buffer = io.BytesIO(data)


def test_standard_input_is_limited_in_size_and_may_be_closed(monkeypatch):
    monkeypatch.setattr(article_module, "MAX_BYTES", 1000)
    monkeypatch.setattr(sys, "stdin", _Stdin(b"Words. " * 500))  # a pipe has no size to check beforehand
    with pytest.raises(nv.ArticleError, match=r"<stdin>: is too large \(over 1,000 bytes"):
        nv.load_article("-")
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(nv.ArticleError, match="<stdin>: standard input is closed"):
        nv.load_article("-")


def test_a_device_that_never_ends_is_refused():
    with pytest.raises(nv.ArticleError, match="/dev/zero: is too large"):
        nv.load_article("/dev/zero")


def test_names_the_system_refuses_give_one_short_line(tmp_path, capsys):
    long_name = tmp_path / ("x" * 300 + ".txt")
    with pytest.raises(nv.ArticleError, match="cannot be read") as info:
        nv.analyze(long_name)
    assert len(str(info.value)) < 120
    with pytest.raises(nv.ArticleError, match=r"no such file \(article text where a path was expected") as info:
        nv.analyze("The mayor said the bridge is safe.\nResidents disagreed.")
    assert "\n" not in str(info.value)
    with pytest.raises(nv.ArticleError, match="cannot be read"):
        nv.analyze("nul\x00byte.txt")
    for command in (["analyze", str(long_name)], ["batch", str(long_name), "--out", str(tmp_path / "o.csv"),
                                                  "--workers", "1", "--quiet"]):
        assert main(command) == 2
    err = capsys.readouterr().err
    assert "File name too long" in err and "Traceback" not in err


def test_a_full_disk_is_one_line_and_leaves_no_output(tmp_path, monkeypatch, capsys):
    import errno

    import pandas as pd

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", no_space)
    out = tmp_path / "tables"
    assert main(["analyze", str(DEFAULT_ARTICLE), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"newsvoices: error: {out}: could not write the output (No space left on device)"
    assert not out.exists() and not list(tmp_path.iterdir())
