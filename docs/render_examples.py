"""Render the feedback pages shown in docs/report.md: two dev meetings, as PNG screenshots from headless Chromium.

    python docs/render_examples.py [--meetings ../shared/data/meetings]

Needs Debian's chromium and chromium-driver and the test extra (selenium). Writes docs/img/report-*.png.
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
EXAMPLES = {  # shared_leadership_index on the bundled models: low 0.57, high 0.90
    "report-low-politie-briefing-07": "politie-briefing-07.txt",
    "report-high-woonwijk-bewoners-09": "woonwijk-bewoners-09.srt",
}


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
            for name, source in EXAMPLES.items():
                analysis = leadsignal.analyse(leadsignal.read(args.meetings / source))
                page = Path(tmp) / f"{name}.html"
                report.write(analysis, page)
                driver.set_window_size(1000, 900)
                driver.get(page.as_uri())
                height = driver.execute_script("return document.documentElement.scrollHeight")
                shot = driver.execute_cdp_cmd(
                    "Page.captureScreenshot",
                    {
                        "format": "png",
                        "captureBeyondViewport": True,
                        "clip": {"x": 0, "y": 0, "width": 1000, "height": height, "scale": 1},
                    },
                )
                (HERE / "img" / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
                print(name, f"shared_leadership_index={analysis.metrics['shared_leadership_index']:.2f}")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
