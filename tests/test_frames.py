"""frames.frame builds the same table pandas' public constructor would, from settled columns."""

import numpy as np
import pandas as pd
import pytest

from newsvoices.frames import columns, frame, from_rows, plain_columns, with_columns

DTYPES = {"n": "int64", "score": "float64", "flag": "bool"}


def public(columns: dict) -> pd.DataFrame:
    return pd.DataFrame({name: (pd.Series(values, dtype=DTYPES[name]) if name in DTYPES
                                else pd.Series(values, dtype=object)) for name, values in columns.items()})


@pytest.mark.parametrize("n_rows", [0, 1, 5])
def test_frame_equals_the_public_constructor(n_rows):
    columns = {"speaker": ["Ann Lee"] * n_rows, "n": list(range(n_rows)), "score": [0.5] * n_rows,
               "side": [None] * n_rows, "flag": [True] * n_rows}
    built = frame(columns, DTYPES)
    pd.testing.assert_frame_equal(built, public(columns))
    assert list(built.dtypes.astype(str)) == ["object", "int64", "float64", "object", "bool"]


def test_from_rows_and_independent_tables():
    rows = [("a", 1, 0.5, "x", False), ("b", 2, -0.5, "y", True)]
    first = from_rows(rows, ["speaker", "n", "score", "side", "flag"], DTYPES)
    second = from_rows(rows, ["speaker", "n", "score", "side", "flag"], DTYPES)
    first.loc[0, "speaker"] = "changed"
    first.columns.name = "field"
    first["extra"] = 1
    assert second.loc[0, "speaker"] == "a" and list(second.columns) == ["speaker", "n", "score", "side", "flag"]
    assert second.columns.name is None
    assert from_rows([], ["speaker", "n"], DTYPES).dtypes.astype(str).tolist() == ["object", "int64"]


def test_unequal_columns_are_refused():
    with pytest.raises(ValueError, match="unequal length"):
        frame({"speaker": ["a", "b"], "n": np.arange(3)}, DTYPES)


def test_columns_read_as_tolist_would():
    table = pd.DataFrame({"speaker": ["Ann", None], "n": [1, 2], "score": [0.5, float("nan")], "flag": [True, False],
                          "label": pd.Series(["x", None], dtype="str")})
    read = columns(table, ["label", "n", "speaker", "score", "flag"])
    assert list(read) == ["label", "n", "speaker", "score", "flag"]
    for name, values in read.items():
        expected = table[name].tolist()
        assert [type(v) for v in values] == [type(v) for v in expected]
        assert [v if v == v else "nan" for v in values] == [v if v == v else "nan" for v in expected]


@pytest.mark.parametrize("kind", ["plain", "str dtype", "own index", "empty"])
def test_with_columns_equals_concat(kind):
    n_rows = 0 if kind == "empty" else 3
    table = frame({"speaker": ["Ann Lee", "Bo Park", None][:n_rows], "n": list(range(n_rows))}, DTYPES)
    if kind == "str dtype":
        table["speaker"] = table["speaker"].astype("string")
    elif kind == "own index":
        table.index = [10, 20, 30]
    added = {"score": np.linspace(-1, 1, n_rows), "flag": [True] * n_rows}
    expected = pd.concat([table, pd.DataFrame({"score": pd.Series(added["score"], dtype="float64", index=table.index),
                                               "flag": pd.Series(added["flag"], dtype="bool", index=table.index)})],
                         axis=1)
    built = with_columns(table, added, {"score": "float64", "flag": "bool"})
    pd.testing.assert_frame_equal(built, expected, check_exact=True)
    assert list(built.columns) == ["speaker", "n", "score", "flag"]
    assert list(table.columns) == ["speaker", "n"]  # the table given is left as it was
    if n_rows:
        built.iloc[0, 1] = 99  # and shares no memory with the new one
        assert table.iloc[0, 1] == 0


def test_plain_columns_only_for_tables_frame_builds():
    table = frame({"speaker": ["Ann Lee"], "n": [1], "score": [0.5]}, DTYPES)
    assert plain_columns(table) == ({"speaker": ["Ann Lee"], "n": [1], "score": [0.5]}, {"n": "int64", "score": "float64"})
    assert plain_columns(table.astype({"speaker": "string"})) is None
    assert plain_columns(pd.concat([table, table[["n"]]], axis=1)) is None  # a repeated column name


def test_added_columns_of_another_length_are_refused():
    table = frame({"speaker": ["Ann Lee", "Bo Park"], "n": [1, 2]}, DTYPES)
    with pytest.raises(ValueError, match="unequal length"):
        with_columns(table, {"score": [0.5, 0.25, 0.0]}, {"score": "float64"})
