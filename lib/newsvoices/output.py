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


@contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; on success it replaces ``target``.

    On any error the temporary folder is removed and ``target`` is left as it was.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputFileError(target, f"cannot create the output folder ({exc.strerror or exc})") from None
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        os.chmod(tmp, creation_mode(0o777))
        yield tmp
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> Path:
    """Write each table as ``<name>.csv`` into ``out`` (atomically); returns ``out``."""
    if out.exists() and not out.is_dir():
        raise InputFileError(out, "exists and is not a folder")
    with atomic_folder(out) as tmp:
        for name, df in tables.items():
            df.to_csv(tmp / f"{name}.csv", index=False)
    return out
