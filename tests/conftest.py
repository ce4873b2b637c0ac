from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def good() -> Path:
    return FIXTURES / "good"


@pytest.fixture
def bad() -> Path:
    return FIXTURES / "bad"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that folder is absent (a fresh machine)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is only on the team's machines)")
    return path
