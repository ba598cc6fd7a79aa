"""Media storage: one small interface, files under the data dir by default.

Keys are ``org/attempt/name`` paths made by the server, never by a client. At scale an
S3-compatible store implements the same three calls.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from procta.errors import NotFound


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def put_file(self, key: str, source: Path) -> None: ...
    def append(self, key: str, data: bytes, *, at: int) -> int: ...
    def get(self, key: str) -> bytes: ...
    def size(self, key: str) -> int: ...
    def path(self, key: str) -> Path: ...
    def delete(self, key: str) -> None: ...


class LocalStorage:
    """Files under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"storage key escapes the media folder: {key!r}")
        return path

    def _replace(self, key: str, write: Callable[[Path], object]) -> None:
        """Write to a temporary file of its own beside the target, then rename it over:
        a crash never leaves half a file, and two writers of one key never share a
        temporary file (the last rename wins, whole)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        os.close(fd)
        try:
            write(Path(name))
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise

    def put(self, key: str, data: bytes) -> None:
        self._replace(key, lambda tmp: tmp.write_bytes(data))

    def put_file(self, key: str, source: Path) -> None:
        """Store a copy of the local file ``source`` (a large file built on disk)."""
        self._replace(key, lambda tmp: shutil.copyfile(source, tmp))

    def size(self, key: str) -> int:
        """Bytes stored under ``key`` (0 when nothing is)."""
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            return 0

    def append(self, key: str, data: bytes, *, at: int) -> int:
        """Write ``data`` at offset ``at`` of ``key``'s file (created if new) and cut what
        lay beyond: a chunk whose row was rolled back and comes again is written over,
        never twice. Returns the new size."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("r+b" if path.exists() else "wb") as f:
            f.seek(at)
            f.truncate()
            f.write(data)
            return f.tell()

    def path(self, key: str) -> Path:
        """A local file to read ``key`` from (a decoder that needs a seekable file)."""
        path = self._path(key)
        if not path.exists():
            raise NotFound("This file is no longer stored.", code="media_not_found")
        return path

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as exc:
            raise NotFound("This file is no longer stored.", code="media_not_found") from exc

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def local_storage(data_dir: Path) -> LocalStorage:
    return LocalStorage(data_dir / "media")
