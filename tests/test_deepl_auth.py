"""The DeepL key comes from the environment only, and messages never quote it."""

from __future__ import annotations

import pytest

from termqa.deepl_auth import auth_key
from termqa.errors import TermqaError


def test_the_key_is_read_from_the_named_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPL_AUTH_KEY", "default-key:fx")
    monkeypatch.setenv("TEAM_KEY", "  team-key:fx \n")
    assert auth_key() == "default-key:fx"
    assert auth_key("TEAM_KEY") == "team-key:fx"


@pytest.mark.parametrize("value", ["", "   "])
def test_an_unset_or_blank_variable_is_named(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("TEAM_KEY", value)
    with pytest.raises(TermqaError, match=r"\$TEAM_KEY is not set.*--auth-key-env"):
        auth_key("TEAM_KEY")


@pytest.mark.parametrize("value", ["abc def", "abc\x07def", "abc\tdef"])
def test_a_malformed_key_is_refused_without_quoting_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("TEAM_KEY", value)
    with pytest.raises(TermqaError) as caught:
        auth_key("TEAM_KEY")
    assert "$TEAM_KEY holds spaces or control characters" in str(caught.value)
    assert "abc" not in str(caught.value)
