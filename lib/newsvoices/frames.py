"""Building the analysis tables in one step from plain Python columns.

With pandas 3, a column of Python strings is converted to the pyarrow-backed ``str``
dtype unless told otherwise, and that conversion costs more than the rest of building a
small table; :func:`newsvoices.analyze` builds a dozen tables per article. Here every
table is built once, at the end of its computation, with numbers as numpy arrays of a
stated dtype and text as ``object`` columns holding Python ``str`` (as in the
attribution tables).
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd


def frame(columns: Mapping[str, Sequence], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A DataFrame of ``columns`` (name → values, in order).

    A column named in ``dtypes`` becomes a numpy array of that dtype (``"int64"``,
    ``"float64"``, ``"bool"``); every other column is ``object`` (text, or ``None``).
    """
    data = {name: np.asarray(values, dtype=dtypes[name]) if name in dtypes else pd.Index(values, dtype=object)
            for name, values in columns.items()}
    return pd.DataFrame(data, copy=False)


def from_rows(rows: Sequence[Sequence], columns: Sequence[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """:func:`frame` from row tuples (each in the order of ``columns``)."""
    values = list(zip(*rows)) if rows else [()] * len(columns)
    return frame(dict(zip(columns, values)), dtypes)
