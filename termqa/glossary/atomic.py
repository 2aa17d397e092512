"""Safe file writes: atomic replacement under an advisory file lock.

`write_atomic` writes to a temporary file in the target's directory, fsyncs it, renames it
over the target and fsyncs the directory, so readers see the old file or the new one, never a
mix, and a crash or kill mid-write leaves the old file intact. Temporary files are named
`.<name>.<random>.tmp`: hidden, and never matching `*.yaml`, so one left behind by a killed
writer is not mistaken for a glossary (delete such leftovers at will). The target's
permission bits are kept; a symlink is written through (the link stays, its target changes).

`locked` serializes read-modify-write cycles between processes with a filelock on
`<path>.lock` (filelock may leave that empty file behind after use; it is harmless). The lock
is not reentrant: a process must not take it twice for one file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterator

from termqa.errors import TermqaError

TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
_CHUNK = 1 << 16


def write_atomic(path: str, text: str) -> None:
    """Replace the file at `path` with `text` (UTF-8) atomically; TermqaError on failure."""
    _write_atomic(path, text.encode("utf-8"))


@contextlib.contextmanager
def locked(path: str, timeout: float = 30) -> Iterator[None]:
    """Hold the lock `<path>.lock` (waiting at most `timeout` seconds) for the block."""
    from filelock import FileLock, Timeout  # noqa: PLC0415  (kept off `termqa check`'s path)

    lock_path = os.path.realpath(path) + ".lock"
    lock = FileLock(lock_path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise TermqaError(
            f"another process is editing this file (lock {lock_path} held for {timeout:g}s)",
            path,
        ) from None
    except OSError as exc:
        raise TermqaError(
            f"cannot take the lock {lock_path}: {exc.strerror or exc}", path
        ) from None
    try:
        yield
    finally:
        lock.release()


def temp_name(target: str) -> str:
    """A fresh temporary path beside `target` (see the module docstring for the pattern)."""
    directory, name = os.path.split(target)
    return os.path.join(directory, f"{TEMP_PREFIX}{name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _write_atomic(
    path: str,
    data: bytes,
    *,
    chunk_size: int = _CHUNK,
    pause: Callable[[], None] | None = None,
) -> None:
    """`write_atomic` on bytes; `pause` runs between chunks (tests use it to kill a writer)."""
    target = os.path.realpath(path)
    mode = _mode(target, path)
    temp = temp_name(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise TermqaError(f"cannot write: {exc.strerror or exc}", path) from None
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            _write_all(fd, data, chunk_size, pause)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise TermqaError(f"cannot write: {exc.strerror or exc}", path) from None
        raise
    _fsync_directory(os.path.dirname(target))


def _mode(target: str, path: str) -> int | None:
    """The permission bits to keep: the existing file's, or None for a new file (umask)."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise TermqaError(f"cannot write: {exc.strerror or exc}", path) from None
    if not stat.S_ISREG(info.st_mode):
        raise TermqaError("cannot write: not a regular file", path)
    return stat.S_IMODE(info.st_mode)


def _write_all(fd: int, data: bytes, chunk_size: int, pause: Callable[[], None] | None) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:chunk_size])
        view = view[written:]
        if pause is not None and view:
            pause()


def _fsync_directory(directory: str) -> None:
    """Make the rename durable; platforms that cannot open a directory skip it."""
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on directories; the rename itself is done
    finally:
        os.close(fd)
