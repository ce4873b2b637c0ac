"""The feedback page in a real browser (headless Chromium): loads cleanly, offline, runs nothing from the
transcript, fits a phone screen and prints."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

import leadsignal
from leadsignal import report
from tests.conftest import shared_path

SECTIONS = ("summary", "observations", "talk-share", "timeline", "interaction", "ideas", "speakers", "transcript")


def open_page(driver, html: str, folder: Path, name: str) -> str:
    path = folder / name
    path.write_text(html, encoding="utf-8")
    driver.get_log("browser")  # drop entries of earlier pages
    driver.get_log("performance")
    driver.set_window_size(1200, 900)
    driver.get(path.as_uri())
    return path.as_uri()


def problems(driver, url: str) -> tuple[list, list]:
    """Console messages at warning level or worse, and every network request other than the page itself."""
    console = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return console, [r for r in requests if r != url]


def screenshot(driver, path: Path) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return window.innerWidth")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def check_page(driver, analysis, folder: Path, name: str) -> None:
    url = open_page(driver, report.render(analysis), folder, f"{name}.html")
    for section in SECTIONS:
        assert driver.find_elements("id", section), f"section {section} missing"
    assert driver.execute_script("return document.querySelectorAll('svg.chart').length") >= 2
    n_obs = driver.execute_script("return document.querySelectorAll('li.observation').length")
    assert 1 <= n_obs <= 8
    cards = driver.execute_script("return document.querySelectorAll('article.card').length")
    assert cards == len(analysis.meeting.speakers)
    console, requests = problems(driver, url)
    assert console == [] and requests == []
    out = Path(os.environ.get("LEADSIGNAL_SCREENSHOTS", folder))
    out.mkdir(parents=True, exist_ok=True)
    screenshot(driver, out / f"{name}.png")
    assert (out / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Phone width: nothing wider than the screen.
    driver.set_window_size(390, 844)
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than a phone screen"
    smallest = driver.execute_script(
        "return Math.min(...[...document.querySelectorAll('svg.chart text, body *')].filter(e => e.childElementCount"
        " === 0 && e.textContent.trim() && e.getClientRects().length).map(e => e.getBoundingClientRect().height))"
    )
    assert smallest >= 11, f"text {smallest}px high at phone width"
    # Every evidence link leads to an utterance of the transcript view.
    targets = driver.execute_script(
        "return [...document.querySelectorAll('a[href^=\"#u\"]')].map(a => !!document.getElementById("
        "a.getAttribute('href').slice(1)))"
    )
    assert targets and all(targets)
    pdf = base64.b64decode(driver.print_page())
    assert pdf[:5] == b"%PDF-"


def test_demo_meeting_in_the_browser(browser, demo_analysis, tmp_path) -> None:
    check_page(browser, demo_analysis, tmp_path, "voorbeeld-overleg")


@pytest.mark.shared
def test_dev_meeting_in_the_browser(browser, tmp_path) -> None:
    path = shared_path("data", "meetings", "ziekenhuis-mdo-08.vtt")
    check_page(browser, leadsignal.analyse(leadsignal.read(path)), tmp_path, "ziekenhuis-mdo-08")


def test_hostile_transcript_runs_nothing(browser, hostile_analysis, tmp_path) -> None:
    for pseudo in (False, True):
        html = report.render(hostile_analysis, pseudonymise_names=pseudo)
        url = open_page(browser, html, tmp_path, f"aanval-{pseudo}.html")
        state = browser.execute_script(
            "return {pwned: typeof window.__pwned, scripts: document.scripts.length,"
            " imgs: document.images.length,"
            " styles: document.querySelectorAll('style').length, text: document.body.innerText}"
        )
        assert state["pwned"] == "undefined"
        assert (state["scripts"], state["imgs"], state["styles"]) == (0, 0, 1)
        outside = browser.execute_script(
            "return [...document.querySelectorAll('a')].filter(a => !a.getAttribute('href').startsWith('#u')).length"
        )
        assert outside == 0  # the only links are the page's own, to its transcript view
        # Shown as text. (Pseudonymised, "window" and "src" are parts of Eve's odd name, so they are replaced.)
        assert "<script>" in state["text"] and "</script>" in state["text"]
        if not pseudo:
            assert "<script>window.__pwned=1</script>" in state["text"]
            assert '<a href="javascript:window.__pwned=3">klik</a>' in state["text"]
            assert 'Eve <img src=x onerror="window.__pwned=4">' in state["text"]
        console, requests = problems(browser, url)
        assert console == [] and requests == []
