"""Building the analysis tables in one step from plain Python columns.

:func:`newsvoices.analyze` builds a dozen small tables per article, and pandas' general
constructor spends more time checking and converting its input (a column of Python
strings becomes the pyarrow-backed ``str`` dtype) than the analysis spends computing
them. Here every table is built once, at the end of its computation, from columns whose
types are already settled: numbers as numpy arrays of a stated dtype and text as
``object`` columns holding Python ``str`` (as in the attribution tables). Likewise
:func:`columns` reads a table's columns back as Python lists without a Series per column.
"""

from __future__ import annotations

from functools import cache
from itertools import chain
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from pandas.api.internals import create_dataframe_from_blocks


@cache
def _labels(names: tuple[str, ...]) -> pd.Index:
    """The column labels ``names`` as an Index, made once: each table gets a view of it (its
    own Index object, so a name set on one table's columns stays there, sharing the labels
    and the lookup table pandas builds for them)."""
    return pd.Index(names)


def frame(columns: Mapping[str, Sequence], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A DataFrame of ``columns`` (name → values, in order, all of one length).

    A column named in ``dtypes`` becomes a numpy array of that dtype (``"int64"``,
    ``"float64"``, ``"bool"``); every other column is ``object`` (text, or ``None``).
    Equal to ``pd.DataFrame`` given the same arrays, several times faster: the values are
    written straight into one 2-D array per dtype, the blocks pandas would consolidate them
    into, handed over as they are (``create_dataframe_from_blocks``), without pandas'
    checks, type inference and consolidation.
    """
    names = tuple(columns)
    values = list(columns.values())
    n_rows = len(values[0]) if values else 0
    _check_lengths(columns, n_rows)
    return _from_blocks(_blocks(names, values, dtypes, n_rows), names, n_rows)


def _check_lengths(columns: Mapping[str, Sequence], n_rows: int) -> None:
    """Refuse ``columns`` unless each has ``n_rows`` values (:func:`_block` reads them end to end)."""
    if any(len(column) != n_rows for column in columns.values()):
        raise ValueError(f"columns of unequal length: {dict(zip(columns, map(len, columns.values())))}")


def _blocks(names: Sequence[str], values: Sequence[Sequence], dtypes: Mapping[str, str], n_rows: int,
            first: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """One (2-D array, column positions) block per dtype of the columns ``values``, which
    take the positions from ``first`` on."""
    placements: dict[str, tuple[list[int], list[Sequence]]] = {}
    for position, (name, column) in enumerate(zip(names, values), first):
        positions, block_columns = placements.setdefault(dtypes.get(name, "object"), ([], []))
        positions.append(position)
        block_columns.append(column)
    return [(_block(block_columns, dtype, n_rows), np.array(positions, dtype=np.intp))
            for dtype, (positions, block_columns) in placements.items()]


def _block(values: Sequence[Sequence], dtype: str, n_rows: int) -> np.ndarray:
    """The columns ``values`` as one ``len(values)`` × ``n_rows`` array of ``dtype``, each value
    converted as it is read: about half the time of assigning a whole column to a row of the
    array, which first converts it to an array of the dtype numpy finds for it."""
    return np.fromiter(chain.from_iterable(values), dtype, len(values) * n_rows).reshape(len(values), n_rows)


def _from_blocks(blocks: list[tuple[np.ndarray, np.ndarray]], names: tuple[str, ...], n_rows: int) -> pd.DataFrame:
    return create_dataframe_from_blocks(blocks, index=pd.RangeIndex(n_rows), columns=_labels(names).view())


def from_rows(rows: Sequence[Sequence], columns: Sequence[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """:func:`frame` from row tuples (each in the order of ``columns``)."""
    return frame(dict(zip(columns, transpose(rows, len(columns)))), dtypes)


def transpose(rows: Sequence[Sequence], width: int) -> list[tuple]:
    """The ``width`` columns of ``rows`` (row tuples of that length), as tuples; ``width``
    empty ones when there are no rows."""
    return list(zip(*rows)) if rows else [()] * width


def columns(table: pd.DataFrame, names: Iterable[str]) -> dict[str, list]:
    """The columns ``names`` of ``table`` as Python lists (name → values): what
    ``table[name].tolist()`` gives, read from the column's array without building a Series
    for it (a tenth of the time; pandas' ``__getitem__`` is most of a small table's read)."""
    where = table.columns.get_loc
    return {name: table._get_column_array(where(name)).tolist() for name in names}


#: The dtypes :func:`frame` builds.
PLAIN_DTYPES = frozenset({"int64", "float64", "bool", "object"})


def plain_columns(table: pd.DataFrame) -> tuple[dict[str, list], dict[str, str]] | None:
    """``table``'s columns as Python lists and the dtypes of those that are not ``object``
    (what :func:`frame` takes to build it again), when its column names are unique and
    every column has a dtype :func:`frame` builds; None for any other table."""
    if not table.columns.is_unique:
        return None
    values: dict[str, list] = {}
    dtypes: dict[str, str] = {}
    for position, name in enumerate(table.columns.tolist()):  # one read per column, no Series (see columns)
        array = table._get_column_array(position)
        dtype = str(array.dtype)
        if dtype not in PLAIN_DTYPES:
            return None
        values[name] = array.tolist()
        if dtype != "object":
            dtypes[name] = dtype
    return values, dtypes


def with_columns(table: pd.DataFrame, added: Mapping[str, Sequence], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """``table`` with the columns ``added`` after its own (``dtypes`` as for :func:`frame`):
    equal to ``pd.concat`` of the two side by side. When every column of ``table`` is held
    in numpy arrays, under a default index and unique names, it is built from copies of
    ``table``'s own blocks and :func:`frame`'s blocks of the added columns, without reading
    ``table``'s values back into Python; by ``pd.concat`` otherwise."""
    index = table.index
    default_index = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    names = tuple(table.columns.tolist())
    own = [(block.values, block.mgr_locs.as_array) for block in table._mgr.blocks]
    if not default_index or len(set(names)) < len(names) or not added.keys().isdisjoint(names) \
            or not all(isinstance(values, np.ndarray) for values, _ in own):
        extra = pd.DataFrame({name: np.asarray(values, dtype=dtypes.get(name, object))
                              for name, values in added.items()}, index=index)
        return pd.concat([table, extra], axis=1)
    n_rows = len(index)
    _check_lengths(added, n_rows)
    # copies: the new table must not share memory with the one given (pandas' copy-on-write
    # does not follow arrays handed to create_dataframe_from_blocks)
    blocks = [(values.copy(), positions) for values, positions in own]
    blocks += _blocks(tuple(added), list(added.values()), dtypes, n_rows, first=len(names))
    return _from_blocks(blocks, names + tuple(added), n_rows)
