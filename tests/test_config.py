"""Configuration files: discovery, every key, and each invalid value naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from termqa.checks import RULES_BY_CODE
from termqa.config import Config
from termqa.config_file import STARTER, find_config, load_settings, write_starter
from termqa.errors import TermqaError
from termqa.model import Finding, Severity

KNOWN = tuple(RULES_BY_CODE)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path) -> dict[str, object]:
    return load_settings(str(path), KNOWN)


def error(path: Path) -> str:
    with pytest.raises(TermqaError) as info:
        load(path)
    return str(info.value)


def test_find_walks_up_and_first_found_wins(tmp_path: Path) -> None:
    write(tmp_path / "termqa.toml", "")
    write(tmp_path / "a" / "pyproject.toml", "[tool.termqa]\nstyle = 'academic'\n")
    write(tmp_path / "a" / "b" / "pyproject.toml", "[project]\nname = 'x'\n")
    post = write(tmp_path / "a" / "b" / "post.md", "本文。")
    assert find_config(str(post)) == str(tmp_path / "a" / "pyproject.toml")
    assert find_config(str(tmp_path)) == str(tmp_path / "termqa.toml")


def test_termqa_toml_beats_pyproject_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.termqa]\n")
    write(tmp_path / "termqa.toml", "")
    assert find_config(str(tmp_path)) == str(tmp_path / "termqa.toml")


def test_every_key(tmp_path: Path) -> None:
    path = write(
        tmp_path / "termqa.toml",
        'glossaries = ["g/team.yaml"]\ndefault-glossary = false\nselect = ["NM", "gl"]\n'
        'ignore = "TY03"\nstyle = "Academic"\n[severity]\nNM02 = "critical"\n'
        '[pairs]\n"*.ja.md" = "*.en.md"\n'
        '[gate]\nfail-on = "minor"\nmin-score = 90\nmax-critical = 0\nmax-minor = 3\n',
    )
    s = load(path)
    assert s["glossaries"] == (str(tmp_path / "g" / "team.yaml"),)
    assert s["default_glossary"] is False
    assert s["select"] == ("NM", "GL")
    assert s["ignore"] == ("TY03",)
    assert s["style"] == "academic"
    assert dict(s["severity"]) == {"NM02": Severity.CRITICAL}  # type: ignore[call-overload]
    assert s["pairs"] == (("*.ja.md", "*.en.md"),)
    assert s["fail_on"] == Severity.MINOR
    assert s["min_score"] == 90.0
    assert dict(s["max_counts"]) == {Severity.CRITICAL: 0, Severity.MINOR: 3}  # type: ignore[call-overload]
    Config(**s)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("colour = 1\n", "key 'colour': unknown key"),
        ("[severity]\nNM02 = 'fatal'\n", "key 'severity.NM02': invalid severity 'fatal'"),
        ("[severity]\nZZ01 = 'major'\n", "key 'severity.ZZ01': unknown rule code"),
        ("select = ['QQ']\n", "key 'select': unknown rule code or prefix 'QQ'"),
        ("ignore = [1]\n", "key 'ignore': must be a list of strings"),
        ("style = 'fancy'\n", "key 'style': unknown house style 'fancy'"),
        ("default-glossary = 'yes'\n", "key 'default-glossary'"),
        ("[gate]\nmin-score = 120\n", "key 'gate.min-score'"),
        ("[gate]\nmax-major = -1\n", "key 'gate.max-major'"),
        ("[gate]\nfail-on = 'bad'\n", "key 'gate.fail-on'"),
        ("[gate]\nmax-typos = 1\n", "key 'gate.max-typos': unknown key"),
        ("[pairs]\n'*.ja.md' = 'en.md'\n", "key 'pairs.*.ja.md'"),
        ("gate = 3\n", "key 'gate': must be a table"),
    ],
)
def test_invalid_values_name_file_and_key(tmp_path: Path, text: str, needle: str) -> None:
    path = write(tmp_path / "termqa.toml", text)
    message = error(path)
    assert message.startswith(f"{path}: ")
    assert needle in message


def test_pyproject_keys_are_named_with_their_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.termqa]\nstyles = 'jtf'\n")
    assert "key 'tool.termqa.styles'" in error(path)


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "termqa.toml", 'style = "jtf"\n\nselect = [NM\n')
    assert error(path).startswith(f"{path}:3: invalid TOML")


def test_gate() -> None:
    def finding(severity: Severity) -> Finding:
        return Finding("NM02", "n", "number", severity, "p", 1, 1, 1, 2, "m", "t", "", None)  # type: ignore[arg-type]

    minors = [finding(Severity.MINOR)] * 3
    assert Config().passes(minors, 50.0)
    assert not Config().passes([finding(Severity.MAJOR)], 99.0)
    assert not Config(min_score=60).passes(minors, 50.0)
    assert not Config(max_counts={Severity.MINOR: 2}).passes(minors, 99.0)
    assert Config(max_counts={Severity.MINOR: 3}).passes(minors, 99.0)
    assert Config(fail_on=Severity.CRITICAL).passes([finding(Severity.MAJOR)], 99.0)


def test_pairs_find_the_source_and_drop_it_from_inputs(tmp_path: Path) -> None:
    ja = write(tmp_path / "post_ja.md", "本文。")
    en = write(tmp_path / "post_en.md", "Text.")
    config = Config(pairs=(("*_ja.md", "*_en.md"),))
    assert config.source_for(str(ja)) == str(en)
    assert config.source_for(str(en)) is None
    assert config.drop_sources([str(en), str(ja)]) == [str(ja)]


def test_starter_is_valid_and_not_overwritten(tmp_path: Path) -> None:
    path = Path(write_starter(str(tmp_path)))
    assert path.read_text(encoding="utf-8") == STARTER
    Config(**load(path))  # type: ignore[arg-type]
    with pytest.raises(TermqaError, match="already exists"):
        write_starter(str(tmp_path))
    path.write_text("x = 1\n", encoding="utf-8")
    write_starter(str(tmp_path), force=True)
    assert path.read_text(encoding="utf-8") == STARTER
