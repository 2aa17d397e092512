"""Shared fixtures: one checker with the shipped glossary for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

from termqa.api import Checker

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker.create()
