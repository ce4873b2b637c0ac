from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import leadsignal

DEMO = Path(leadsignal.__file__).parent / "data" / "voorbeeld-overleg.vtt"
HOSTILE = """spreker,tekst
Eve <img src=x onerror="window.__pwned=4">,Hallo <script>window.__pwned=1</script> allemaal.
Bram,Kijk hier <a href="javascript:window.__pwned=3">klik</a> en <img src=x onerror="window.__pwned=2">.
Eve <img src=x onerror="window.__pwned=4">,Ik stel voor dat we </td></tr></table><script>window.__pwned=5</script> nu beginnen.
Bram,"Ja, goed idee. {{ 7*7 }} ${7*7} <style>body{display:none}</style>"
"""


@pytest.fixture(scope="session")
def demo_analysis():
    return leadsignal.analyse(leadsignal.read(DEMO))


@pytest.fixture(scope="session")
def hostile_analysis(tmp_path_factory):
    path = tmp_path_factory.mktemp("xss") / "aanval.csv"
    path.write_text(HOSTILE, encoding="utf-8")
    return leadsignal.analyse(leadsignal.read(path))


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by chromedriver (selenium). Skips when either is missing, unless
    LEADSIGNAL_REQUIRE_BROWSER=1 (set by .ci/run, which installs them), where a missing browser fails."""
    required = os.environ.get("LEADSIGNAL_REQUIRE_BROWSER") == "1"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    missing = [p for p in (chromium, driver_path) if not Path(p).exists()]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("selenium")
    if missing:
        if required:
            pytest.fail(f"browser test required but missing: {missing}")
        pytest.skip(f"no headless browser here: {missing}")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()
