"""prh dictionaries: rules to entries and back, regexes kept, specs as examples, imports."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from termqa.errors import TermqaError
from termqa.glossary.formats.prh import read_prh, write_prh
from termqa.glossary.formats.prh_match import apply, compile_plain, literal_of, written
from termqa.glossary.model import Entry, Example, Kind, Scope

EXCHANGE = Path(__file__).parent / "fixtures" / "exchange"
DICTIONARY = EXCHANGE / "ml-dictionary.prh.yml"


def bare(entries: list[Entry]) -> list[Entry]:
    return [replace(e, path="<memory>", line=0) for e in entries]


def one(text: str) -> Entry:
    entries, _ = read_prh("version: 1\nrules:\n" + text, "d.yml")
    assert len(entries) == 1, entries
    return replace(entries[0], path="<memory>", line=0)


LORA = Entry(
    term="LoRA",
    kind=Kind.KEEP,
    forbidden=("ローラ",),
    bad=(Example(ja="ローラで微調整する。"),),
    good=(Example(ja="LoRAで微調整する。"),),
)
FT = Entry(
    term="fine-tuning",
    kind=Kind.TRANSLATE,
    ja=("ファインチューニング",),
    forbidden=("ファインチューン",),
    case_sensitive=False,
    note="Katakana, long form.",
)


# --- prh's pattern semantics ---


def test_literal_patterns_and_regex_strings() -> None:
    assert written("ローラ") == "ローラ"
    assert written("/usr/") == "/\\/usr\\//"  # would read as a regex
    assert written("GPT-4") == "/GPT-4/"  # prh 5.4 escapes '-' into a regex `u` refuses
    assert literal_of("/GPT-4/") == "GPT-4"
    assert literal_of("/\\/usr\\//") == "/usr/"
    assert literal_of("/a.b/") is None  # a real regex
    assert literal_of("/abc/i") is None  # case-insensitive: not a literal
    assert literal_of("abc") is None


def test_default_pattern_spreads_case_and_width() -> None:
    regex = compile_plain("LoRA", None)
    assert regex is not None
    assert apply(regex, "LoRA", "lora と ＬＯＲＡ と LoRA") == "LoRA と LoRA と LoRA"
    boundary = compile_plain("AI", None, word_boundary=True)
    assert boundary is not None
    assert apply(boundary, "AI", "ai は email に") == "AI は email に"
    assert compile_plain("x", ["/x/i"]) is None


# --- export ---


def test_keep_and_translate_rules_with_specs() -> None:
    text, losses = write_prh([LORA, FT])
    assert losses == []
    assert text == (
        "version: 1\n"
        "rules:\n"
        "  - expected: LoRA\n"
        "    patterns: [lora, LORA, Lora, ローラ]\n"
        "    specs:\n"
        "      - from: ローラで微調整する。\n"
        "        to: LoRAで微調整する。\n"
        "  - expected: ファインチューニング\n"
        "    pattern: ファインチューン\n"
        "    prh: |-\n"
        "      en: fine-tuning\n"
        "      Katakana, long form.\n"
    )
    entries, warnings = read_prh(text, "d.yml")
    assert warnings == []
    assert bare(entries) == [LORA, FT]


def test_keep_term_without_forbidden_is_expected_only() -> None:
    text, _ = write_prh([Entry(term="vLLM", kind=Kind.KEEP), Entry(term="C++", kind=Kind.KEEP)])
    assert "  - expected: vLLM\n  - expected: C++\n    patterns: [c++, /C\\+\\+/]" not in text
    assert text == ("version: 1\nrules:\n  - expected: vLLM\n  - expected: C++\n    pattern: c++\n")
    entries, _ = read_prh(text, "d.yml")
    assert [(e.term, e.kind, e.case_sensitive, e.forbidden) for e in entries] == [
        ("vLLM", Kind.KEEP, True, ()),
        ("C++", Kind.KEEP, True, ()),
    ]


def test_losses_are_reported() -> None:
    entries = [
        Entry(
            term="RAG",
            kind=Kind.KEEP,
            ja=("検索拡張生成",),
            forbidden=("ラグ",),
            forbidden_scope=Scope.SOURCE,
            aliases=("RAGs",),
            expansion="retrieval-augmented generation",
            bad=(Example(ja="RAGを使う。"), Example(ja="ラグを使う。", en="We use RAG.")),
            good=(Example(ja="タイムラグがある。"),),
        ),
        Entry(term="attention", kind=Kind.TRANSLATE, ja=("アテンション", "注意機構")),
        Entry(term="Ollama", kind=Kind.KEEP, case_sensitive=False),
        Entry(term="cost", kind=Kind.TRANSLATE, ja=("$1の費用",), case_sensitive=False),
    ]
    _, losses = write_prh(entries)
    assert losses == [
        "prh cannot hold aliases (1 entry: RAG)",
        "prh cannot hold expansion (1 entry: RAG)",
        "prh cannot hold the ja glosses of keep entries (1 entry: RAG)",
        "prh cannot hold forbidden_scope: source (prh checks everywhere) (1 entry: RAG)",
        "prh cannot hold the English side of examples (1 entry: RAG)",
        "prh cannot hold renderings after the first (1 entry: attention)",
        "prh cannot hold case (case-sensitive translate entries) (1 entry: attention)",
        "prh cannot hold case (case-insensitive keep entries without forbidden renderings "
        "or with regexes) (1 entry: Ollama)",
        "entry 'RAG': bad example 'RAGを使う。' dropped: prh would not change it",
        "entry 'RAG': good example 'タイムラグがある。' dropped: prh would change it",
        "entry 'cost': dropped: prh reads '$1の費用' as replacement syntax",
    ]


def test_regexes_from_notes_go_back_as_regexes_with_verbatim_specs() -> None:
    entry = Entry(
        term="サーバー",
        kind=Kind.TRANSLATE,
        ja=("サーバー",),
        forbidden=("サーバ",),
        case_sensitive=False,
        note=(
            "長音を付ける\nprh.pattern: /サーバ(?!ー)/\nprh.regexpMustEmpty: $1\n"
            'prh.spec: {"from": "サーバで", "to": "サーバーで"}'
        ),
    )
    text, losses = write_prh([entry])
    assert losses == []
    assert text == (
        "version: 1\nrules:\n"
        "  - expected: サーバー\n"
        "    patterns: [サーバ, '/サーバ(?!ー)/']\n"
        "    regexpMustEmpty: $1\n"
        "    specs:\n"
        "      - from: サーバで\n"
        "        to: サーバーで\n"
        "    prh: |-\n"
        "      en: サーバー\n"
        "      長音を付ける\n"
    )
    assert bare(read_prh(text, "d.yml")[0]) == [entry]


def test_case_insensitive_regexes_get_a_rule_of_their_own() -> None:
    entry = Entry(
        term="GitHub",
        kind=Kind.KEEP,
        forbidden=("ギットハブ",),
        note='prh.pattern: /github/i\nprh.spec: {"from": "githubで", "to": "GitHubで"}',
        bad=(Example(ja="ギットハブで公開する。"),),
    )
    text, losses = write_prh([entry])
    assert losses == []
    assert text.count("- expected: GitHub") == 2  # prh refuses mixing `i` and plain patterns
    entries, warnings = read_prh(text, "d.yml")
    assert bare(entries) == [replace(entry, good=(Example(ja="GitHubで公開する。"),))]
    assert warnings == ["prh rules repeating an earlier rule's term: merged into it (1: d.yml:8)"]


# --- import ---


def test_rule_shapes() -> None:
    assert one("  - vLLM\n") == Entry(term="vLLM", kind=Kind.KEEP)
    assert one("  - expected: Ollama\n    pattern: オラマ\n") == Entry(
        term="Ollama", kind=Kind.KEEP, forbidden=("オラマ",), case_sensitive=False
    )
    jq = one("  - expected: jQuery\n    patterns: [jquery, JQuery, ジェイクエリー]\n")
    assert (jq.case_sensitive, jq.forbidden) == (True, ("ジェイクエリー",))
    both = one("  - expected: A\n    pattern: b\n    patterns: [c]\n")
    assert both.forbidden == ("b",)  # `pattern` wins, as in prh
    assert one("  - expected: Node.js\n    pattern: /NodeJS/\n").forbidden == ("NodeJS",)


def test_translate_rules_take_their_term_from_the_comment() -> None:
    named = one(
        "  - expected: 検索拡張生成\n    pattern: 検索強化生成\n"
        "    prh: 'en: RAG-style generation'\n"
    )
    assert (named.term, named.kind, named.ja, named.note) == (
        "RAG-style generation",
        Kind.TRANSLATE,
        ("検索拡張生成",),
        None,
    )
    entries, warnings = read_prh(
        "rules:\n  - expected: ソフトウェア\n    pattern: ソフトウエア\n    prh: 表記ゆれ\n",
        "d.yml",
    )
    assert bare(entries) == [
        Entry(
            term="ソフトウェア",
            kind=Kind.TRANSLATE,
            ja=("ソフトウェア",),
            forbidden=("ソフトウエア",),
            case_sensitive=False,
            note="表記ゆれ",
        )
    ]
    assert warnings == [
        "prh rules without an 'en: <term>' comment line: the term is the expected Japanese "
        "text (1: d.yml:2)"
    ]


def test_specs_become_examples_unless_the_rule_has_regexes() -> None:
    entry = one(
        "  - expected: ソフトウェア\n    pattern: ソフトウエア\n    specs:\n"
        "      - {from: ソフトウエアを更新, to: ソフトウェアを更新}\n"
        "      - {from: ソフトウェアだ, to: ソフトウェアだ}\n"
    )
    assert entry.bad == (Example(ja="ソフトウエアを更新"),)
    assert entry.good == (Example(ja="ソフトウェアを更新"), Example(ja="ソフトウェアだ"))
    regex = one(
        "  - expected: ユーザー\n    pattern: /ユーザ(?!ー)/\n    options: {wordBoundary: true}\n"
        "    specs: [{from: ユーザが, to: ユーザーが}]\n"
    )
    assert (regex.bad, regex.good) == ((), ())
    assert regex.note == (
        "prh.pattern: /ユーザ(?!ー)/\n"
        'prh.options: {"wordBoundary": true}\n'
        'prh.spec: {"from": "ユーザが", "to": "ユーザーが"}'
    )


def test_rewrite_rules_are_skipped_and_repeated_terms_merged() -> None:
    entries, warnings = read_prh(
        "rules:\n"
        "  - expected: （$1）\n    pattern: /\\(([^)]+)\\)/\n"
        "  - expected: ''\n    pattern: /\\s+$/\n"
        "  - expected: LoRA\n    pattern: ローラ\n"
        "  - expected: LoRA\n    pattern: ロラ\n"
        "  - expected: x\n    foo: bar\n",
        "d.yml",
    )
    assert [(e.term, e.forbidden) for e in entries] == [("LoRA", ("ローラ", "ロラ")), ("x", ())]
    assert warnings == [
        "d.yml:10: rule key 'foo' is not prh's: ignored",
        "prh rules rewriting with capture groups or deleting text: skipped (2: d.yml:2, d.yml:4)",
        "prh rules repeating an earlier rule's term: merged into it (1: d.yml:8)",
    ]


def test_imports_are_followed_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "base.yml").write_text(
        "version: 1\nimports: [other.yml]\nrules:\n  - TypeScript\n  - expected: ホームページ\n"
        "    pattern: HP\n",
        encoding="utf-8",
    )
    (tmp_path / "sub" / "other.yml").write_text("rules: [macOS]\n", encoding="utf-8")
    main = tmp_path / "main.yml"
    main.write_text(
        "version: 1\nimports:\n  - path: sub/base.yml\n"
        "    ignoreRules: [{expected: ホームページ}]\nrules:\n  - vLLM\n",
        encoding="utf-8",
    )
    entries, _ = read_prh(main.read_text(encoding="utf-8"), str(main))
    assert [e.term for e in entries] == ["macOS", "TypeScript", "vLLM"]
    off = "imports:\n  - path: sub/base.yml\n    disableImports: true\n"
    entries, _ = read_prh(off, str(main))
    assert [e.term for e in entries] == ["TypeScript", "ホームページ"]


def test_import_problems_name_the_line(tmp_path: Path) -> None:
    main = tmp_path / "main.yml"
    with pytest.raises(TermqaError) as caught:
        read_prh("version: 1\nimports:\n  - missing.yml\n", str(main))
    assert caught.value.line == 3
    assert "cannot read import" in caught.value.detail
    (tmp_path / "loop.yml").write_text("imports: [main.yml]\n", encoding="utf-8")
    with pytest.raises(TermqaError, match="import cycle"):
        read_prh("imports: [loop.yml]\n", str(main))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("rules:\n  - pattern: x\n", 2, "rule has no 'expected'"),
        ("rules:\n  - expected: [a, b]\n", 2, "expected must be a string"),
        ("rules:\n  - expected: a\n    specs: [{from: x}]\n", 3, "a spec needs 'from' and 'to'"),
        ("rules:\n  - expected: a\n    specs: x\n", 3, "'specs' must be a list"),
        ("rules: {a: 1}\n", 1, "'rules' must be a list"),
        ("- a\n", 1, "a prh file must be a mapping"),
        ("rules:\n  - expected: a\n    pattern: [x\n", 4, "invalid YAML"),
        ("rules:\n  - expected: a\n    expected: b\n", 3, "duplicate key 'expected'"),
    ],
)
def test_malformed_dictionaries_are_refused_with_their_line(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(TermqaError) as caught:
        read_prh(text, "d.yml")
    assert (caught.value.path, caught.value.line) == ("d.yml", line)
    assert message in caught.value.detail


def test_empty_dictionary() -> None:
    assert read_prh("", "d.yml") == ([], [])
    assert read_prh("version: 1\nrules:\n", "d.yml") == ([], [])


# --- the 1,000-rule dictionary ---


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_prh", EXCHANGE / "make_prh.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dictionary_fixture_is_what_its_script_writes(tmp_path: Path) -> None:
    _generator().write(tmp_path)
    for name in ("ml-dictionary.prh.yml", "ml-base.prh.yml"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (EXCHANGE / name).read_text(
            encoding="utf-8"
        )


def test_a_thousand_rule_dictionary_imports_and_round_trips() -> None:
    text = DICTIONARY.read_text(encoding="utf-8")
    assert text.count("\n  - ") > 1000
    first, warnings = read_prh(text, str(DICTIONARY))
    assert len(first) > 1100
    joined = "\n".join(warnings)
    assert "took 9 rules from 'tests/fixtures/exchange/ml-base.prh.yml'" in joined or (
        "took 9 rules from" in joined
    )
    assert "rewriting with capture groups or deleting text: skipped (4:" in joined
    by_term = {e.term: e for e in first}
    assert by_term["ユーザー"].note is not None
    assert "prh.pattern: /ユーザ(?!ー)/" in by_term["ユーザー"].note
    assert by_term["JavaScript"].kind is Kind.KEEP
    assert by_term["machine learning"].ja == ("機械学習",)
    assert "ホームページ" not in by_term  # ignoreRules
    exported, _ = write_prh(first)
    second, _ = read_prh(exported, "again.yml")
    assert bare(second) == bare(first)
    assert write_prh(second)[0] == exported
