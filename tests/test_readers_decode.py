"""Bad input: each case is one TermqaError with an exact message, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from termqa.document import read_document
from termqa.errors import TermqaError
from termqa.readers.decode import decode_bytes

JA = "長文脈でのKVキャッシュを40%削減します。\n"


def error_of(path: Path, **kwargs: Any) -> TermqaError:
    with pytest.raises(TermqaError) as info:
        read_document(str(path), **kwargs)
    return info.value


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path: Path) -> None:
    err = error_of(tmp_path / "nope.md")
    assert str(err) == f"{tmp_path / 'nope.md'}: no such file or directory"


def test_directory_given_as_file(tmp_path: Path) -> None:
    assert error_of(tmp_path).detail == "is a directory, not a file"


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert str(error_of(path)) == f"{path}: binary file, not a text digest"


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", bytes(range(1, 32)) * 40 + bytes(range(128, 256)) * 4)
    assert error_of(path).detail == "binary file, not a text digest"


def test_mostly_invalid_utf8_is_binary(tmp_path: Path) -> None:
    data = bytes((0x80 + (i * 7) % 64) for i in range(400))
    path = write(tmp_path, "a.txt", data)
    assert error_of(path).detail == "binary file, not a text digest"


def test_shift_jis(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", JA.encode("cp932") * 3)
    assert error_of(path).detail == (
        "not valid UTF-8: looks like Shift_JIS/CP932; convert it with: iconv -f CP932 -t UTF-8"
    )


def test_euc_jp(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", JA.encode("euc_jp") * 3)
    assert error_of(path).detail == (
        "not valid UTF-8: looks like EUC-JP; convert it with: iconv -f EUC-JP -t UTF-8"
    )


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, "a.md", (JA + "English too.\n").encode(codec))
    assert error_of(path).detail == (
        "not valid UTF-8: looks like UTF-16; convert it with: iconv -f UTF-16 -t UTF-8"
    )


def test_invalid_utf8_names_byte_and_line(tmp_path: Path) -> None:
    data = "一行目です。\nsecond line\n".encode() + b"caf\xe9 au lait\n"
    path = write(tmp_path, "a.md", data)
    err = error_of(path)
    assert str(err) == f"{path}: not valid UTF-8 (byte 0xe9 at line 3)"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    assert error_of(write(tmp_path, "a.md", data)).detail == "empty file"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # CI runs as root, which reads any file whatever its mode: simulate the refusal instead.
    path = write(tmp_path, "a.md", JA.encode())
    real_open = open

    def refuse(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", refuse)
    assert error_of(path).detail == "cannot read file: Permission denied"


def test_unreadable_file_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "a.md", JA.encode())

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    assert error_of(path).detail == "cannot read file: Permission denied"


def test_bom_is_stripped_and_crlf_kept() -> None:
    text = decode_bytes(b"\xef\xbb\xbf" + "本文\r\nです\r\n".encode(), "x.md")
    assert text == "本文\r\nです\r\n"


def test_missing_source_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", JA.encode())
    err = error_of(path, source=str(tmp_path / "a.en.md"))
    assert str(err) == f"{tmp_path / 'a.en.md'}: no such file or directory"


def test_source_file_in_cp932(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", JA.encode())
    write(tmp_path, "a.en.md", JA.encode("cp932"))
    err = error_of(path)
    assert err.path == str(tmp_path / "a.en.md")
    assert "Shift_JIS/CP932" in err.detail


def test_error_renders_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", b"\x00\x01")
    assert "\n" not in str(error_of(path))
