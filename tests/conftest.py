"""Shared fixtures and the two markers of this suite.

- ``shared``: the test reads the team's annotated data in ``../shared`` (not on a fresh machine). Such tests are
  skipped when it is absent, and the summary says how many; a test that calls :func:`shared_path` without the
  marker is an error, so no core test depends on ``../shared`` without saying so.
- ``slow``: the test takes more than about 5 s here (``-m "not slow"`` leaves them out).
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"
_current: list[pytest.Item] = []
_SKIP_REASON = f"{SHARED} not present (../shared is only on the team's machines)"


@pytest.fixture
def good() -> Path:
    return FIXTURES / "good"


@pytest.fixture
def bad() -> Path:
    return FIXTURES / "bad"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shared: needs the team's annotated data in ../shared (skipped without it)")
    config.addinivalue_line("markers", "slow: takes more than about 5 s")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SHARED.exists():
        return
    for item in items:
        if item.get_closest_marker("shared"):
            item.add_marker(pytest.mark.skip(reason=_SKIP_REASON))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):
    _current.append(item)
    try:
        yield
    finally:
        _current.pop()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if _SKIP_REASON in str(r.longrepr)]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} test(s) skipped: {_SKIP_REASON}")


def shared_path(*parts: str) -> Path:
    """A path under ../shared; only for tests marked ``@pytest.mark.shared``."""
    if _current and _current[-1].get_closest_marker("shared") is None:
        raise RuntimeError(f"{_current[-1].nodeid} reads ../shared: mark it @pytest.mark.shared")
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(_SKIP_REASON)
    return path
