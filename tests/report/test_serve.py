"""``leadsignal serve`` end to end in headless Chromium: upload a transcript, rename a speaker, see the report,
download it; and what the server refuses (other hosts, posts without the page's token, bad files)."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

flask = pytest.importorskip("flask", reason="leadsignal serve needs the 'serve' extra")

from leadsignal.web import create_app  # noqa: E402

DEMO = Path(__file__).parents[2] / "src" / "leadsignal" / "data" / "voorbeeld-overleg.vtt"
SERIES = sorted((Path(__file__).parents[1] / "fixtures" / "series").glob("team-*.txt"))


@pytest.fixture
def server():
    from werkzeug.serving import make_server

    app = create_app()
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", app
    httpd.shutdown()


def wait_for(check, seconds: float = 30.0):
    """``check()`` once it is truthy; a page still loading (an element gone or not there yet) is tried again."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            found = check()
        except (NoSuchElementException, StaleElementReferenceException):
            found = None
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("timed out")


def _gone(element) -> bool:
    """Whether ``element`` belongs to a page that has been replaced."""
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    return False


def test_upload_rename_see_and_download(browser, server, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    url, _ = server
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.set_window_size(1200, 900)
    browser.get(url + "/")
    browser.find_element(By.ID, "transcript").send_keys(str(DEMO))
    browser.find_element(By.ID, "analyse").click()
    wait_for(lambda: "/m/" in browser.current_url)
    first = browser.find_element(By.NAME, "speaker-0")
    old = first.get_attribute("value")
    first.clear()
    first.send_keys("Coach Testnaam")
    browser.find_element(By.ID, "update").click()
    # the typed value is in the old page too: wait for the new page (the old field gone), then for its value
    wait_for(lambda: _gone(first))
    wait_for(lambda: browser.find_element(By.NAME, "speaker-0").get_attribute("value") == "Coach Testnaam")
    # The report in the page's frame uses the new name, and the old one is gone from it.
    wait_for(lambda: browser.switch_to.frame(browser.find_element(By.ID, "report")) or True)
    text = wait_for(lambda: browser.find_element(By.TAG_NAME, "body").text)
    assert "Coach Testnaam" in text and old not in text and "Wat opviel" in text
    browser.switch_to.default_content()
    browser.find_element(By.ID, "download").click()
    saved = wait_for(lambda: [p for p in downloads.glob("*.html")])
    html = saved[0].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Coach Testnaam" in html
    # Forgetting drops it from memory: its pages are gone.
    browser.find_element(By.ID, "forget").click()
    wait_for(lambda: browser.current_url.rstrip("/") == url)
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(url + "/m/" + "x" * 16)
    assert gone.value.code == 404
    console = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert console == []


def test_several_files_make_a_series_page_and_bad_input_an_error(browser, server, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    url, _ = server
    browser.get(url + "/")
    browser.find_element(By.ID, "transcript").send_keys("\n".join(str(p) for p in SERIES))
    browser.find_element(By.ID, "analyse").click()
    wait_for(lambda: "/m/" in browser.current_url)
    browser.switch_to.frame(browser.find_element(By.ID, "report"))
    assert "Het team over 3 overleggen" in wait_for(lambda: browser.find_element(By.TAG_NAME, "body").text)
    browser.switch_to.default_content()
    nobody = tmp_path / "zonder-sprekers.txt"
    nobody.write_text("Goedemorgen allemaal.\nZullen we beginnen?\n", encoding="utf-8")
    browser.get(url + "/")
    browser.find_element(By.ID, "transcript").send_keys(str(nobody))
    browser.find_element(By.ID, "analyse").click()
    error = wait_for(lambda: browser.find_elements(By.CLASS_NAME, "error"))
    assert "no speaker names" in error[0].text and "Traceback" not in browser.page_source


def test_other_hosts_and_foreign_forms_are_refused(server) -> None:
    url, app = server
    client = app.test_client()
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 403
    assert client.post("/upload", data={"token": "guess"}, headers={"Host": "127.0.0.1"}).status_code == 403
    page = client.get("/", headers={"Host": "127.0.0.1"})
    assert page.status_code == 200 and "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"
