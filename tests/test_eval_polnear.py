"""PolNeAR evaluation: a tiny folder written here, and the real dev set when it is available."""

from pathlib import Path

import pytest

from newsvoices.errors import InputFileError
from newsvoices.evaluation.polnear import evaluate_polnear

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "polnear" / "dev"

TEXT = ("Harbor wall delayed.\n\n"
        "Mayor Jane Alder said the wall would cost too much.\n\n"
        "The council met on Monday.\n\n"
        "\"We need more time,\" the clerk said.\n")


def _span(text, fragment):
    s = text.index(fragment)
    return s, s + len(fragment)


def _write(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    lines, n = [], 0

    def t(label, fragment):
        nonlocal n
        n += 1
        s, e = _span(TEXT, fragment)
        lines.append(f"T{n}\t{label} {s} {e}\t{fragment}")
        return f"T{n}"

    s1, c1, k1 = t("Source", "Mayor Jane Alder"), t("Cue", "said"), t("Content", "the wall would cost too much")
    lines.append(f"E1\tAttribution:{c1} Content:{k1} Cue:{c1} Source:{s1}")
    s2, c2, k2 = t("Source", "the clerk"), t("Cue", "said."), t("Content", "\"We need more time,\"")
    lines.append(f"E2\tAttribution:{c2} Content:{k2} Cue:{c2} Source:{s2}")
    c3, k3 = t("Cue", "met"), t("Content", "on Monday")
    lines.append(f"E3\tAttribution:{c3} Content:{k3} Cue:{c3}")   # no source
    (tmp_path / "attributions" / "a_x1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "attributions" / "a_x2.ann").write_text("", encoding="utf-8")  # second annotator: ignored


def test_tiny_folder_counts(tmp_path):
    _write(tmp_path)
    r = evaluate_polnear(tmp_path)
    assert (r.articles, r.gold, r.gold_with_source) == (1, 3, 2)
    assert r.predicted == 2 and r.content_matched == 2 and r.joint_matched == 2
    assert r.plain_gold == 2 and r.plain_matched == 2
    assert r.joint == (1.0, 1.0, 1.0)
    assert r.content[1] == pytest.approx(2 / 3)
    assert "content+source" in r.summary()
    assert list(r.per_article.article) == ["a"]


def test_bad_folder(tmp_path):
    with pytest.raises(InputFileError, match=str(tmp_path / "nope")):
        evaluate_polnear(tmp_path / "nope")


def test_polnear_dev_targets():
    if not DEV.is_dir():
        pytest.skip(f"{DEV} is not available")
    r = evaluate_polnear(DEV)
    assert r.joint[2] >= 0.70, r.summary()
    assert r.plain_cue_recall >= 0.92, r.summary()
