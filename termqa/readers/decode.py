"""Bytes to text: UTF-8 (BOM stripped), or one clear error naming what the file really is."""

from __future__ import annotations

import codecs
import os
import re
from typing import Literal

from termqa.errors import TermqaError

# C0 controls that never occur in a text digest (tab, newlines, form feed and ESC may).
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_SAMPLE = 65536

# Legacy Japanese encodings worth naming, tried in this order, with the iconv name to suggest.
_LEGACY = (("cp932", "Shift_JIS/CP932", "CP932"), ("euc_jp", "EUC-JP", "EUC-JP"))


# The largest file read by default (digests, sources, glossaries, exchange files): a file at
# this size is checked within about 1 GiB of peak RSS (bench/big_input.py measures it).
DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024

Kind = Literal["digest", "glossary", "exchange"]
# Per kind of file: (missing, a directory, unreadable prefix, how to raise the size limit).
_MESSAGES: dict[Kind, tuple[str, str, str, str]] = {
    "digest": (
        "no such file or directory",
        "is a directory, not a file",
        "cannot read file",
        "raise it with --max-file-size or max-file-size in termqa.toml (0: no limit)",
    ),
    "glossary": (
        "glossary file not found",
        "is a directory, not a glossary file",
        "cannot read glossary",
        "glossary files are limited to this size",
    ),
    "exchange": (
        "file not found",
        "is a directory, not a file",
        "cannot read",
        "glossary and exchange files are limited to this size",
    ),
}


def read_text(path: str, *, limit: int = DEFAULT_MAX_FILE_SIZE) -> str:
    """Read and decode one digest; every failure is a TermqaError naming the file."""
    return decode_bytes(read_bytes(path, kind="digest", limit=limit), path)


def read_glossary_text(path: str, *, keep_bom: bool = False) -> str:
    """A glossary file's text (its BOM kept as U+FEFF with `keep_bom`, for byte-exact edits);
    a TermqaError naming the first undecodable line when it is not UTF-8."""
    data = read_bytes(path, kind="glossary")
    try:
        return data.decode("utf-8" if keep_bom else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TermqaError("glossary is not valid UTF-8", path, line) from None


def read_bytes(path: str, *, kind: Kind, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a file termqa reads, refused before reading when larger than `limit`
    (0: no limit). The one place user files are opened: every failure is a TermqaError."""
    missing, directory, unreadable, hint = _MESSAGES[kind]
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if limit and size > limit:
                raise TermqaError(
                    f"file too large: {_size(size)}, over the limit of {_size(limit)}; {hint}",
                    path,
                )
            return handle.read()
    except FileNotFoundError:
        raise TermqaError(missing, path) from None
    except IsADirectoryError:
        raise TermqaError(directory, path) from None
    except OSError as exc:
        raise TermqaError(f"{unreadable}: {exc.strerror or exc}", path) from None


def _size(size: int) -> str:
    return f"{size} bytes ({size / 1024 / 1024:.1f} MiB)"


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a digest's bytes as UTF-8, refusing binary data, other encodings and emptiness."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_like_utf16(data):
        raise TermqaError(
            "not valid UTF-8: looks like UTF-16; convert it with: iconv -f UTF-16 -t UTF-8", path
        )
    if b"\x00" in data or _mostly_control_bytes(data):
        raise TermqaError("binary file, not a text digest", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc, path) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise TermqaError("empty file", path)
    return text


def refuse_surrogates(text: str, path: str) -> None:
    """Text handed in as a string (not read from a file) may hold lone surrogates, which no
    UTF-8 file can: refuse them as the reader refuses invalid UTF-8."""
    found = _SURROGATE.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        code = ord(found.group())
        raise TermqaError(f"not valid Unicode: lone surrogate U+{code:04X} at line {line}", path)


def _undecodable(data: bytes, exc: UnicodeDecodeError, path: str) -> TermqaError:
    for codec, label, iconv_name in _LEGACY:
        if _looks_like(data, codec):
            return TermqaError(
                f"not valid UTF-8: looks like {label}; convert it with: "
                f"iconv -f {iconv_name} -t UTF-8",
                path,
            )
    sample = data[:_SAMPLE]
    replaced = sample.decode("utf-8", errors="replace")
    if replaced.count("\ufffd") > 0.3 * max(len(replaced), 1):
        return TermqaError("binary file, not a text digest", path)
    line = data.count(b"\n", 0, exc.start) + 1
    return TermqaError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line})", path)


def _looks_like(data: bytes, codec: str) -> bool:
    """True when `data` decodes strictly in `codec` into text with a fair share of hiragana.

    Hiragana is what Japanese prose is mostly made of; Latin-1 or random bytes that happen to
    decode in a legacy codec give stray kanji or half-width katakana instead.
    """
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return False
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F)
    hiragana = len(_HIRAGANA.findall(text))
    return hiragana >= 2 and hiragana >= 0.15 * non_ascii


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte NUL, decoding to text without control characters."""
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _CONTROL_TEXT.search(text):
            return True
    return False


def _mostly_control_bytes(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    return len(_CONTROL_BYTES.findall(sample)) > 0.1 * max(len(sample), 1)
