"""Writing results: folders are written whole or not at all, inputs never touched."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd

from .errors import InputFileError


def creation_mode(base: int = 0o666) -> int:
    """The permissions a plain ``open`` (``base`` 0o666) or ``mkdir`` (0o777) gives a new file
    or folder under the current umask. ``tempfile`` makes its files and folders private
    (0o600, 0o700); outputs written through one are set to this before they are renamed,
    so a shared report or table is as readable as any other file the user writes."""
    mask = os.umask(0)
    os.umask(mask)
    return base & ~mask


def _check_replaceable(target: Path, outputs: tuple[str, ...]) -> None:
    """Refuse a ``target`` that is a file, or a folder holding anything but files named like
    ``outputs`` (glob patterns): replacing it would delete what the user keeps there."""
    if not target.exists():
        return
    if not target.is_dir():
        raise InputFileError(target, "exists and is not a folder; give a folder for the output")
    try:
        foreign = [p.name for p in target.iterdir() if not (p.is_file() and any(p.match(g) for g in outputs))]
    except OSError as exc:
        raise InputFileError(target, f"cannot read the existing output folder ({exc.strerror or exc})") from None
    if foreign:
        named = ", ".join(map(repr, sorted(foreign)[:3])) + (", ..." if len(foreign) > 3 else "")
        raise InputFileError(target, f"exists and holds files this command does not write ({named}); "
                                     "give a new or empty folder, or remove it first")


@contextmanager
def atomic_folder(target: Path, outputs: tuple[str, ...]) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; on success it replaces ``target``.

    An existing ``target`` is replaced only when it holds nothing but files named like
    ``outputs`` (glob patterns: an earlier output); anything else is an
    :class:`InputFileError` before any work starts. On any error the temporary folder is
    removed and ``target`` is left as it was; an ``OSError`` while writing (a full disk)
    becomes an :class:`InputFileError` naming ``target``.
    """
    target = Path(target)
    _check_replaceable(target, outputs)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise InputFileError(target, f"cannot create the output folder ({exc.strerror or exc})") from None
    old = tmp.with_name(f"{tmp.name}.old")  # as unique as the temporary folder's own name
    try:
        os.chmod(tmp, creation_mode(0o777))
        try:
            yield tmp
        except OSError as exc:  # a full disk, a quota
            raise InputFileError(target, f"could not write the output ({exc.strerror or exc})") from None
        try:
            if target.exists():
                os.replace(target, old)
            os.replace(tmp, target)
        except OSError as exc:
            if old.exists() and not target.exists():
                os.replace(old, target)  # put the earlier output back
            raise InputFileError(target, f"cannot replace the output folder ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> Path:
    """Write each table as ``<name>.csv`` into ``out`` (atomically); returns ``out``. An
    existing ``out`` is replaced only when it holds nothing but such tables."""
    with atomic_folder(out, tuple(f"{name}.csv" for name in tables)) as tmp:
        for name, df in tables.items():
            df.to_csv(tmp / f"{name}.csv", index=False)
    return out
