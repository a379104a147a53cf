"""Media files through the configured storage only (a shared folder or an S3-compatible store, ADR 0805).

Code names a media file by its storage name (``imports/3f2a….csv``), never by a local path, so every app server
and worker of a fleet sees the same files. The helpers here cover what a storage's API does not: a local file for
libraries that need a path (openpyxl, csv), and walking every file (backups).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.core.files.storage import Storage, default_storage


def is_local_path(name: str) -> bool:
    """An absolute path: written before media went through the storage (kept working for old job rows)."""
    return os.path.isabs(name)


@contextlib.contextmanager
def local_copy(name: str, storage: Storage | None = None) -> Iterator[Path]:
    """A local path holding the file ``name``: the file itself on a folder storage, else a temporary copy that is
    removed afterwards (for readers that need a seekable local file)."""
    storage = storage or default_storage
    if is_local_path(name):
        yield Path(name)
        return
    try:
        yield Path(storage.path(name))  # a folder storage: no copy
        return
    except NotImplementedError:
        pass
    suffix = Path(name).suffix
    with tempfile.NamedTemporaryFile(prefix="egovnet-media-", suffix=suffix, delete=False) as tmp:
        with storage.open(name, "rb") as src:
            shutil.copyfileobj(src, tmp, 1 << 20)
    try:
        yield Path(tmp.name)
    finally:
        Path(tmp.name).unlink(missing_ok=True)


def delete(name: str, storage: Storage | None = None) -> bool:
    """Delete a media file if it exists; True if it did."""
    if not name:
        return False
    if is_local_path(name):
        path = Path(name)
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed
    storage = storage or default_storage
    if not storage.exists(name):
        return False
    storage.delete(name)
    return True


def walk(storage: Storage | None = None, prefix: str = "") -> Iterator[str]:
    """Every file name in the storage under ``prefix``, depth first, sorted (folders and buckets alike)."""
    storage = storage or default_storage
    try:
        dirs, files = storage.listdir(prefix)
    except FileNotFoundError:  # a folder storage whose folder does not exist yet
        return
    for name in sorted(files):
        yield f"{prefix}/{name}" if prefix else name
    for sub in sorted(dirs):
        yield from walk(storage, f"{prefix}/{sub}" if prefix else sub)
