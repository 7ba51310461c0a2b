"""Paths shared by tests in every folder (import this, never `conftest`, whose name is not unique)."""
from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent
