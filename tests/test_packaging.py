"""The project's set-up files agree with each other and keep their promises."""

import json
import re
import tomllib

import yaml

from newsvoices.paths import NOTEBOOKS_DIR, PACKAGE_DIR, PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())


def test_environment_yml_installs_the_package_with_dev_extra():
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    assert python == "python=3.11"
    assert PYPROJECT["project"]["requires-python"].startswith(">=3.11")
    assert "pip" in deps
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    assert pip == ['-e ".[dev]"']
    assert "dev" in PYPROJECT["project"]["optional-dependencies"]


def test_every_dependency_has_a_compatible_release_pin():
    deps = PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["dev"]
    for dep in deps:
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+~=[0-9.]+", dep), dep
    names = {re.split(r"[~\[]", d)[0].lower() for d in PYPROJECT["project"]["dependencies"]}
    assert {"jupyterlab", "pandas", "nltk", "textblob", "seaborn", "vadersentiment", "papermill", "nbconvert", "ipykernel"} <= names


def test_gitignore_keeps_lib_and_ignores_outputs():
    lines = (PROJECT_ROOT / ".gitignore").read_text().splitlines()
    assert not any(re.fullmatch(r"/?lib/?", ln.strip()) for ln in lines)
    assert "reports/" in lines and "data/processed/" in lines


def test_no_runtime_downloads_in_code_or_notebooks():
    sources = [*PACKAGE_DIR.rglob("*.py"), *NOTEBOOKS_DIR.glob("*.ipynb")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "nltk.download" not in text and "download_corpora" not in text, path


def test_data_files_say_where_they_come_from():
    for path in (PACKAGE_DIR / "data").iterdir():
        if path.suffix in {".txt", ".tsv"}:
            assert path.read_text(encoding="utf-8").startswith("#"), path


def test_committed_notebooks_have_no_outputs_and_a_parameters_cell():
    notebooks = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c["outputs"] and c["execution_count"] is None for c in code), path
        assert "parameters" in code[0]["metadata"].get("tags", []), path
        assert nb["metadata"]["kernelspec"]["name"] == "python3", path
