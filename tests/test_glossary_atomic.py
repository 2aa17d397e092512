"""Atomic writes and file locks: a killed writer leaves the old file intact, failures leave no
temporary file, modes and symlinks survive, and concurrent editors never lose an edit."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from termqa.errors import TermqaError
from termqa.glossary import atomic
from termqa.glossary.atomic import locked, write_atomic
from termqa.glossary.parse import parse_glossary

OLD = "version: 1\nname: team\nentries:\n  - term: RAG\n    kind: keep\n"


def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TERMQA_CACHE_DIR": str(tmp_path / "cache"),
    }


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


def big_glossary(entries: int) -> str:
    lines = ["version: 1", "name: big", "entries:"]
    for i in range(entries):
        lines += [f"  - term: Term{i:05d}", "    kind: translate", f"    ja: [用語{i:05d}]"]
    return "\n".join(lines) + "\n"


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(OLD, encoding="utf-8")
    write_atomic(str(path), OLD + "  - term: LoRA\n    kind: keep\n")
    assert [e.term for e in parse_glossary(path.read_text(encoding="utf-8"), str(path))] == [
        "RAG",
        "LoRA",
    ]
    assert temp_files(tmp_path) == []


def test_write_is_utf8_and_keeps_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    text = "version: 1\r\nentries: []\r\n# 検索拡張生成\r\n"
    write_atomic(str(path), text)
    assert path.read_bytes() == text.encode("utf-8")


def test_existing_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(OLD, encoding="utf-8")
    path.chmod(0o640)
    write_atomic(str(path), OLD + "# edited\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_new_file_mode_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(str(tmp_path / "new.yaml"), OLD)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(str(link), OLD + "# via link\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").endswith("# via link\n")
    assert temp_files(tmp_path) == []


def test_failure_mid_write_removes_the_temporary_and_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(OLD, encoding="utf-8")

    def crash() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic._write_atomic(str(path), big_glossary(500).encode(), chunk_size=1024, pause=crash)
    assert path.read_text(encoding="utf-8") == OLD
    assert temp_files(tmp_path) == []


def test_os_errors_become_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(TermqaError, match="cannot write"):
        write_atomic(str(tmp_path / "missing-dir" / "team.yaml"), OLD)
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(TermqaError, match="not a regular file"):
        write_atomic(str(tmp_path / "folder.yaml"), OLD)
    assert temp_files(tmp_path) == []


def test_temporary_names_are_hidden_and_never_yaml(tmp_path: Path) -> None:
    name = os.path.basename(atomic.temp_name(str(tmp_path / "team.yaml")))
    assert name.startswith(".team.yaml.")
    assert name.endswith(".tmp")
    assert not Path(name).match("*.yaml")


WRITER = """
import sys, time
from termqa.glossary.atomic import _write_atomic
path, size = sys.argv[1], int(sys.argv[2])
lines = ["version: 1", "name: big", "entries:"]
for i in range(size):
    lines += [f"  - term: New{i:05d}", "    kind: keep"]
data = ("\\n".join(lines) + "\\n").encode()
_write_atomic(path, data, chunk_size=4096, pause=lambda: time.sleep(0.01))
print("finished", flush=True)
"""


def test_killing_a_writer_mid_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    old = big_glossary(2000)
    path.write_text(old, encoding="utf-8")
    before = path.read_bytes()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), "50000"],
        env=env(tmp_path),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        temp = _wait_for_partial_temp(tmp_path, writer)
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(timeout=10) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.stdout is not None
    assert "finished" not in writer.stdout.read()
    writer.stdout.close()
    assert path.read_bytes() == before  # byte for byte
    assert len(parse_glossary(path.read_text(encoding="utf-8"), str(path))) == 2000
    # The half-written temporary remains, hidden: nothing globbing *.yaml picks it up.
    assert temp_files(tmp_path) == [temp]
    assert temp.name.startswith(".team.yaml.")
    assert sorted(tmp_path.glob("*.yaml")) == [path]
    assert 0 < temp.stat().st_size < len(big_glossary(50000))
    # A later write succeeds beside the leftover.
    write_atomic(str(path), OLD)
    assert path.read_text(encoding="utf-8") == OLD


def _wait_for_partial_temp(folder: Path, writer: subprocess.Popen[str]) -> Path:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert writer.poll() is None, "the writer finished before it could be killed"
        found = temp_files(folder)
        if found and found[0].stat().st_size > 4096 * 3:
            return found[0]
        time.sleep(0.01)
    raise AssertionError("the writer never started writing")


def test_lock_times_out_with_a_clear_error(tmp_path: Path) -> None:
    path = str(tmp_path / "team.yaml")
    with locked(path):
        started = time.monotonic()
        with (
            pytest.raises(TermqaError, match="another process is editing") as error,
            locked(path, timeout=0.2),
        ):
            pass  # pragma: no cover
        assert time.monotonic() - started >= 0.2
    assert error.value.path == path
    assert "team.yaml.lock" in str(error.value)
    with locked(path, timeout=0.2):  # released after the block
        pass


def test_lock_is_released_when_the_block_fails(tmp_path: Path) -> None:
    path = str(tmp_path / "team.yaml")
    with pytest.raises(RuntimeError), locked(path):
        raise RuntimeError
    with locked(path, timeout=0.2):
        pass


HOLDER = """
import sys, time
from termqa.glossary.atomic import locked
with locked(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_lock_is_held_across_processes(tmp_path: Path) -> None:
    path = str(tmp_path / "team.yaml")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, path, "2.0"],
        env=env(tmp_path),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(TermqaError, match="another process"), locked(path, timeout=0.1):
            pass  # pragma: no cover
        started = time.monotonic()
        with locked(path, timeout=20):  # waits for the holder to finish
            assert time.monotonic() - started > 0.1
    finally:
        holder.wait(timeout=20)
        if holder.stdout is not None:
            holder.stdout.close()


ADDER = """
import sys, time
from pathlib import Path
from click.testing import CliRunner
from termqa.cli import main
path, side, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
runner = CliRunner()
warm = go.parent / f"warm-{side}.yml"  # load what an add loads (the lint) before the start
assert runner.invoke(main, ["glossary", "add", str(warm), "Warm", "--kind", "keep"]).exit_code == 0
print("ready", flush=True)
while not go.exists():  # both adders start together
    time.sleep(0.001)
for i in range(20):
    args = ["glossary", "add", path, f"Term{side}{i:02}", "--kind", "keep"]
    started = time.monotonic()
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    print(f"{started} {time.monotonic()}", flush=True)
"""


def test_concurrent_adds_lose_no_edit(tmp_path: Path) -> None:
    """Two processes each add 20 entries to one file at the same time: all 40 survive and
    the file lints clean. Each adder logs when each add finished, to prove they overlapped."""
    path = tmp_path / "team.yaml"
    path.write_text(OLD, encoding="utf-8")
    go = tmp_path / "go"
    adders = [
        subprocess.Popen(
            [sys.executable, "-c", ADDER, str(path), side, str(go)],
            env=env(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for side in "AB"
    ]
    for adder in adders:  # both warmed up and waiting at the start line
        assert adder.stdout is not None
        assert adder.stdout.readline().strip() == "ready"
    go.touch()
    outputs = [adder.communicate(timeout=300) for adder in adders]
    for adder, (_, err) in zip(adders, outputs, strict=True):
        assert adder.returncode == 0, err
    spans = [[tuple(map(float, line.split())) for line in out.splitlines()] for out, _ in outputs]
    assert [len(s) for s in spans] == [20, 20]
    # Both ran at once: each began its first add before the other finished its last.
    assert spans[0][0][0] < spans[1][-1][1]
    assert spans[1][0][0] < spans[0][-1][1]
    found = [e.term for e in parse_glossary(path.read_text(encoding="utf-8"), str(path))]
    expected = ["RAG"] + [f"Term{side}{i:02}" for side in "AB" for i in range(20)]
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found)) == 41
    lint = subprocess.run(
        [sys.executable, "-m", "termqa", "glossary", "lint", "--no-examples", str(path)],
        env=env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert temp_files(tmp_path) == []
