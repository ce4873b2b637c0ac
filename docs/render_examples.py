"""Render the pages shown in docs/report.md as PNG screenshots from headless Chromium: two dev meetings at desktop
width, one at phone width (390 px), and the series page of the three-meeting team in tests/fixtures/series.

    python docs/render_examples.py [--meetings ../shared/data/meetings]

Needs Debian's chromium and chromium-driver and the test extra (selenium). Writes docs/img/*.png. Each shot runs
from the top of the page to the start of its transcript view (the transcript itself is left out).
"""

from __future__ import annotations

import argparse
import base64
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

import leadsignal
from leadsignal import report

HERE = Path(__file__).resolve().parent
SERIES = sorted((HERE.parent / "tests" / "fixtures" / "series").glob("team-*.txt"))
EXAMPLES = {  # name: (source, width); shared_leadership_index with the models of 2026-11-29: 0.57, 0.80, 0.83
    "report-low-politie-briefing-07": ("politie-briefing-07.txt", 1000),
    "report-high-woonwijk-bewoners-09": ("woonwijk-bewoners-09.srt", 1000),
    "report-phone-zorg-mt-01": ("zorg-mt-01.vtt", 390),
}


def shoot(driver, page: Path, width: int, out: Path) -> None:
    driver.set_window_size(width, 900)
    driver.get(page.as_uri())
    height = driver.execute_script(
        "const t = document.getElementById('transcript');return t ? t.offsetTop : document.documentElement.scrollHeight"
    )
    inner = driver.execute_script("return window.innerWidth")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": inner, "height": height, "scale": 1},
        },
    )
    out.write_bytes(base64.b64decode(shot["data"]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=Path, default=HERE.parents[1] / "shared/data/meetings")
    args = ap.parse_args()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    (HERE / "img").mkdir(exist_ok=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, (source, width) in EXAMPLES.items():
                analysis = leadsignal.analyse(leadsignal.read(args.meetings / source))
                page = Path(tmp) / f"{name}.html"
                report.write(analysis, page)
                shoot(driver, page, width, HERE / "img" / f"{name}.png")
                print(name, f"shared_leadership_index={analysis.metrics['shared_leadership_index']:.2f}")
            page = Path(tmp) / "series.html"
            report.write_series([leadsignal.analyse(leadsignal.read(p)) for p in SERIES], page)
            shoot(driver, page, 1000, HERE / "img" / "series-team.png")
            print("series-team")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
