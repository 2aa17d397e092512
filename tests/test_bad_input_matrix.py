"""Every command that reads user files, against every bad input that applies to it: each row
asserts the exit code and that stderr is exactly one line naming the file (and the line,
where there is one), with no traceback. Runs the real CLI in-process (click's CliRunner).

Big inputs are sparse files made at test time; `translate` gets a dummy key and a server URL
that must never be reached (a listening socket that must see no connection)."""

from __future__ import annotations

import os
import resource
import socket
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from termqa.cli import main

GOOD_DIGEST = (
    "スパース注意の再考 / Rethinking Sparse Attention\n"
    "- KVキャッシュを40%削減する。\nreduces the KV cache by 40%.\n"
)
GOOD_GLOSSARY = "version: 1\nname: team\nentries:\n  - term: RAG\n    kind: keep\n"
DUPLICATE = "  - term: RAG\n    kind: translate\n    ja: [検索]\n"
BIG = 100 * 1024 * 1024
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol9;</term>
</tig></langSet></termEntry></body></text></martif>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&secret;</term>
</tig></langSet></termEntry></body></text></martif>
"""
CONTENT = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "invalid-utf8": "本文です。\n二行目です。\n".encode() + b"\xc3\x28 broken\n",
    "cp932": "これは日本語の文章です。ひらがなを含みます。\n".encode("cp932"),
    "empty": b"",
    "yaml": b"version: 1\nentries:\n  - term: RAG\n    kind: [keep\n",
    "toml": b'select = ["NM"\n[gate\n',
    "tbx": b'<?xml version="1.0"?>\n<martif type="TBX"><text><body>\n<termEntry>\n</martif>\n',
    "csv-import": 'term,ja\n"RAG,検索拡張生成\n'.encode(),
    "csv-digest": 'source,target\n"We use RAG.,RAGを使う。\n'.encode(),
    "bomb": BOMB.encode(),
    "xxe": XXE.encode(),
    "lint-conflict": (GOOD_GLOSSARY + DUPLICATE).encode(),
    "merge-conflict": GOOD_GLOSSARY.replace("keep", "translate\n    ja: [ラグ]").encode(),
    "select-unknown": b'select = ["XX99"]\n',
}


@dataclass(frozen=True)
class Row:
    args: tuple[str, ...]  # "BAD" stands for the bad input's path
    name: str  # the bad input's file name
    bad: str  # missing, unreadable, directory, big, or a key of CONTENT
    needles: tuple[str, ...] = ()  # besides the file name
    line: int | None = None  # the line the message must name
    code: int = 2


def rows() -> Iterator[object]:
    """(command, bad input) pairs, each a pytest param named after them."""
    digest_faults = ("missing", "unreadable", "binary", "invalid-utf8", "cp932", "empty", "big")
    readers = {
        "check": ("check", "--jobs", "1", "--no-config", "BAD"),
        "check-source": ("check", "--no-config", "post.md", "--source", "BAD"),
        "report": ("report", "--jobs", "1", "BAD"),
        "suggest": ("glossary", "suggest", "BAD"),
        "translate": ("translate", "BAD", "-o", "out.md", "--no-cache"),
    }
    for command, args in readers.items():
        for bad in digest_faults:
            yield _param(command, Row(args, "bad.md", bad, _NEEDLES.get(bad, ())))
        yield _param(command, Row(args, "folder.md", "directory"))
    yield _param("check", Row(readers["check"], "table.csv", "csv-digest", line=2))
    glossary_faults = ("missing", "unreadable", "directory", "invalid-utf8", "big", "yaml")
    glossary_readers = {
        "check-glossary": ("check", "--no-config", "post.md", "--glossary", "BAD"),
        "report-glossary": ("report", "post.md", "--glossary", "BAD"),
        "translate-glossary": ("translate", "src.md", "-o", "out.md", "--glossary", "BAD"),
        "lint": ("glossary", "lint", "BAD"),
        "set": ("glossary", "set", "BAD", "RAG", "--add-ja", "検索拡張生成"),
        "remove": ("glossary", "remove", "BAD", "RAG"),
        "add": ("glossary", "add", "BAD", "LoRA", "--kind", "keep"),
        "merge-a": ("glossary", "merge", "BAD", "team.yaml"),
        "merge-b": ("glossary", "merge", "team.yaml", "BAD"),
        "export": ("glossary", "export", "BAD", "--format", "csv"),
        "stats": ("glossary", "stats", "BAD"),
        "show": ("glossary", "show", "RAG", "BAD"),
    }
    for command, args in glossary_readers.items():
        for bad in glossary_faults:
            if command == "add" and bad == "missing":
                continue  # add creates a missing glossary
            line = 5 if bad == "yaml" else 3 if bad == "invalid-utf8" else None
            yield _param(command, Row(args, "bad.yaml", bad, _NEEDLES.get(bad, ()), line))
    imports = {"csv": "csv-import", "tbx": "tbx", "prh": "yaml"}
    for fmt, malformed in imports.items():
        args = ("glossary", "import", "BAD", "--format", fmt)
        for bad in (*digest_faults, "directory", malformed):
            # Exchange files may be UTF-16 with a BOM: binary data reads as bad UTF-8/16.
            needles = ("UTF-8",) if bad == "binary" else _NEEDLES.get(bad, ())
            yield _param(f"import-{fmt}", Row(args, f"bad.{fmt}", bad, needles))
    for bad in ("bomb", "xxe"):
        args = ("glossary", "import", "BAD", "--format", "tbx")
        yield _param("import-tbx", Row(args, "bomb.tbx", bad, ("entit",)))
    config = ("check", "--config", "BAD", "post.md")
    for bad in ("missing", "unreadable", "directory", "toml", "invalid-utf8"):
        yield _param("check-config", Row(config, "termqa.toml", bad))
    yield _param("check-config", Row(config, "termqa.toml", "select-unknown", ("'select'", "XX99")))
    yield _param("init", Row(("init", "BAD"), "nowhere", "missing"))
    yield _param("init", Row(("init", "BAD"), "file.txt", "empty"))


_NEEDLES = {
    "binary": ("binary",),
    "invalid-utf8": ("UTF-8",),
    "cp932": ("UTF-8",),
    "empty": ("empty",),
    "big": ("too large", "104857600 bytes", "16777216 bytes"),
}


def _param(command: str, row: Row) -> object:
    return pytest.param(row, id=f"{command}-{row.bad}")


def make_bad(folder: Path, row: Row) -> None:
    path = folder / row.name
    if row.bad == "missing":
        return
    if row.bad == "directory":
        path.mkdir()
    elif row.bad == "big":
        with path.open("wb") as handle:
            handle.truncate(BIG)  # sparse: 100 MB on paper, nothing on disk
    elif row.bad == "unreadable":
        make_unreadable(path)
    else:
        path.write_bytes(CONTENT[row.bad])


def make_unreadable(path: Path) -> None:
    """chmod 000; root reads any file whatever its mode, so as root use a Unix socket,
    which exists (stat works) but cannot be opened (ENXIO)."""
    if os.geteuid() != 0:
        path.write_bytes(GOOD_GLOSSARY.encode())
        path.chmod(0)
        return
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path.name)  # relative: the cwd is the test's folder (socket paths are short)
    server.close()
    assert stat.S_ISSOCK(path.stat().st_mode)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TERMQA_CACHE_DIR", str(tmp_path / ".cache"))
    (tmp_path / "post.md").write_text(GOOD_DIGEST, encoding="utf-8")
    (tmp_path / "src.md").write_text("# Title\n\nWe use RAG.\n", encoding="utf-8")
    (tmp_path / "team.yaml").write_text(GOOD_GLOSSARY, encoding="utf-8")
    return tmp_path


@pytest.fixture
def deepl_trap(monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    """A DeepL server URL that accepts connections nobody may make."""
    trap = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    trap.bind(("127.0.0.1", 0))
    trap.listen()
    trap.setblocking(False)
    monkeypatch.setenv("DEEPL_AUTH_KEY", "dummy-key-for-input-errors:fx")
    monkeypatch.setenv("DEEPL_SERVER_URL", f"http://127.0.0.1:{trap.getsockname()[1]}")
    yield trap
    with pytest.raises(BlockingIOError):
        trap.accept()  # no command reached the server
    trap.close()


@pytest.mark.parametrize("row", list(rows()))
def test_bad_input(folder: Path, deepl_trap: socket.socket, row: Row) -> None:
    make_bad(folder, row)
    args = [row.name if a == "BAD" else a for a in row.args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == row.code, (result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert row.name in lines[0]
    if row.line is not None:
        assert f"{row.name}:{row.line}:" in lines[0]
    for needle in row.needles:
        assert needle in lines[0]


def test_glossary_conflicts_exit_1_naming_both_lines(folder: Path) -> None:
    (folder / "dup.yaml").write_bytes(CONTENT["lint-conflict"])
    lint = CliRunner().invoke(main, ["glossary", "lint", "dup.yaml"])
    assert lint.exit_code == 1  # lint errors: the report goes to stdout
    assert not lint.stderr
    assert lint.stdout.splitlines()[0] == (
        "dup.yaml:6: error: duplicate term 'RAG' (first at line 4) [duplicate-term]"
    )
    (folder / "other.yaml").write_bytes(CONTENT["merge-conflict"])
    merge = CliRunner().invoke(main, ["glossary", "merge", "team.yaml", "other.yaml"])
    assert merge.exit_code == 1
    *conflicts, verdict = merge.stderr.splitlines()
    assert conflicts == [
        "conflict: 'RAG': kind keep (team.yaml:5) vs translate (other.yaml:5)",
        "conflict: 'RAG': ja [] (team.yaml:4) vs [ラグ] (other.yaml:6)",
    ]
    assert verdict.startswith("termqa: merge refused: 2 conflicting field(s); nothing written")
    assert not merge.stdout
    assert (folder / "team.yaml").read_text(encoding="utf-8") == GOOD_GLOSSARY


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--no-config", "--select", "XX99", "post.md"),
        ("check", "--no-config", "--ignore", "NM01,XX99", "post.md"),
        ("rule", "XX99"),
        ("check", "--no-config", "--max-file-size", "lots", "post.md"),
        ("report", "--max-file-size", "-1", "post.md"),
    ],
)
def test_unknown_rule_codes_and_bad_sizes(folder: Path, args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("termqa: error: ")
    assert ("XX99" in lines[0]) or ("invalid size" in lines[0])


def test_init_refuses_to_overwrite(folder: Path) -> None:
    (folder / "termqa.toml").write_text("style = 'jtf'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", "."])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "termqa: error: ./termqa.toml: already exists (use --force to overwrite)"
    ]


@pytest.mark.parametrize("bomb", [BOMB, XXE])
def test_xml_bomb_is_refused_without_expansion(folder: Path, bomb: str) -> None:
    (folder / "bomb.tbx").write_text(bomb, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    result = CliRunner().invoke(main, ["glossary", "import", "bomb.tbx", "--format", "tbx"])
    assert time.monotonic() - started < 5
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 64 * 1024  # the billion laughs would take gigabytes
    assert result.exit_code == 2
    assert "lol" * 10 not in result.stdout + result.stderr
    assert "root:" not in result.stdout + result.stderr  # /etc/passwd was not read


def test_a_file_at_the_limit_is_read_and_one_over_is_refused(folder: Path) -> None:
    digest = folder / "post.md"
    size = digest.stat().st_size
    at = CliRunner().invoke(main, ["check", "--no-config", "--max-file-size", str(size), "post.md"])
    assert at.exit_code in (0, 1), at.stderr
    over = CliRunner().invoke(
        main, ["check", "--no-config", "--max-file-size", str(size - 1), "post.md"]
    )
    assert over.exit_code == 2
    assert f"file too large: {size} bytes" in over.stderr
    unlimited = CliRunner().invoke(
        main, ["check", "--no-config", "--max-file-size", "0", "post.md"]
    )
    assert unlimited.exit_code in (0, 1)


def test_config_max_file_size_applies_and_the_option_overrides_it(folder: Path) -> None:
    (folder / "termqa.toml").write_text('max-file-size = "1K"\n', encoding="utf-8")
    (folder / "long.md").write_text(GOOD_DIGEST * 40, encoding="utf-8")
    refused = CliRunner().invoke(main, ["check", "long.md"])
    assert refused.exit_code == 2
    assert "over the limit of 1024 bytes" in refused.stderr
    assert "--max-file-size" in refused.stderr
    allowed = CliRunner().invoke(main, ["check", "--max-file-size", "1M", "long.md"])
    assert allowed.exit_code in (0, 1), allowed.stderr
