"""Atomic file writes: a reader (or an interrupted build) never sees half a file."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"
"""Temporary files are ``.<name>.<random>.tmp`` beside their target."""


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    The file gets the usual permissions of a new file (0644 under the common umask 022), not the
    0600 of a temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if hasattr(os, "fchmod"):  # mkstemp makes 0600
                os.fchmod(handle.fileno(), 0o666 & ~_UMASK)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename is None:
            error.filename = str(path)  # "No space left on device" names the file it was writing
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


class NotARegularFile(OSError):
    """A path that is a symbolic link, a folder, a device or a pipe where a file was expected,
    or a file larger than the reader accepts."""


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, never through a symbolic link at its last component.

    ``O_NOFOLLOW`` refuses a link (``/proc/self/environ`` behind a saved image), ``fstat``
    anything that is not a regular file (a FIFO would block, a device never end), and ``limit``
    a file larger than that (a sparse 1 GiB "image"), before anything is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if path.is_symlink():
            raise NotARegularFile(f"{path} is a symbolic link") from error
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"{path} is not a regular file")
        if limit is not None and info.st_size > limit:
            raise NotARegularFile(f"{path} is {info.st_size:,} bytes, more than {limit:,}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
        if limit is not None and len(data) > limit:
            raise NotARegularFile(f"{path} is more than {limit:,} bytes")
        return data
    finally:
        os.close(fd)
