import json
import subprocess
import sys

import pandas as pd

from newsvoices.cli import main

from conftest import digest


def test_analyze_writes_csv_tables(seed_path, tmp_path, capsys):
    before = digest(seed_path)
    assert main(["analyze", str(seed_path), "--out", str(tmp_path / "out")]) == 0
    sentences = pd.read_csv(tmp_path / "out" / "sentences.csv")
    tokens = pd.read_csv(tmp_path / "out" / "tokens.csv", keep_default_na=False)
    assert len(sentences) == 29 and {"start", "end", "text"} <= set(sentences.columns)
    assert len(tokens) > 500
    assert digest(seed_path) == before


def test_analyze_json(second_article, capsys):
    assert main(["analyze", str(second_article), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["article"]["title"] == "Harbor town weighs new sea wall"
    assert payload["sentences"][0]["text"].startswith("The town council on Monday")


def test_analyze_reads_stdin(seed_path):
    proc = subprocess.run([sys.executable, "-m", "newsvoices.cli", "analyze", "-", "--json"],
                          input=seed_path.read_bytes(), capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["sentences"]) == 29
