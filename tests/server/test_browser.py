"""The office page in a real headless Chromium (Selenium and Debian's chromium-driver).

It uploads the example typed into the template (one cell wrong), in lenient mode, sees the
finding pointing at that cell and the ranking, opens an explanation, downloads the report, and
saves a screenshot at 1366×768 (an office screen) beside the test's files. It skips, saying so,
only where Chromium or its driver is not installed.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.server.conftest import Server
from tests.server.workbook import BAD_VALUE, filled_example_workbook

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extra")


def chromium() -> tuple[str, str]:
    """The Chromium binary and its driver, or a skip naming the Debian packages."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        pytest.skip("no chromium or chromedriver: install Debian's chromium and chromium-driver for the browser test")
    return browser, driver


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """Headless Chromium at 1366×768, downloading into ``tmp_path/downloads`` without asking."""
    binary, driver = chromium()
    from selenium.webdriver.chrome.service import Service as DriverService

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1366,768",
    ):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(tmp_path / "downloads"), "download.prompt_for_download": False}
    )
    session = webdriver.Chrome(options=options, service=DriverService(executable_path=driver))
    try:
        session.set_window_size(1366, 768)
        yield session
    finally:
        session.quit()


def test_upload_the_example_workbook_see_findings_and_ranking_download_the_report(
    browser: Any, server: Server, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    workbook = tmp_path / "jilin-2007-return.xlsx"
    workbook.write_bytes(filled_example_workbook(bad_cell=True))
    browser.get(server.url + "/")
    assert "考评方案" in browser.page_source  # Chinese by default
    Select(browser.find_element(By.ID, "scheme")).select_by_value("jilin-2007")
    Select(browser.find_element(By.ID, "mode")).select_by_value("lenient")
    browser.find_element(By.ID, "file").send_keys(str(workbook))
    browser.find_element(By.ID, "submit").click()
    browser.save_screenshot(str(tmp_path / "page-1366x768.png"))  # the top of the answer, as it first shows

    findings = browser.find_element(By.ID, "findings")
    error_rows = findings.find_elements(By.CSS_SELECTOR, "tr.error")
    assert error_rows, findings.text
    assert any("长春市" in row.text and "!" in row.text and BAD_VALUE in row.text for row in error_rows), findings.text
    ranking = browser.find_element(By.ID, "ranking").find_elements(By.TAG_NAME, "tr")
    assert len(ranking) == 1 + 10  # the header, nine cities and the survey-only committee
    assert ranking[1].text.split()[0] == "1"
    explanation = browser.find_elements(By.CSS_SELECTOR, "#explanations details")[0]
    explanation.find_element(By.TAG_NAME, "summary").click()
    assert "综合得分" in explanation.text

    browser.find_element(By.ID, "download-report").click()
    report = tmp_path / "downloads" / "jilin-2007-zh-report.html"
    deadline = time.monotonic() + 30
    while not report.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert report.exists(), list((tmp_path / "downloads").glob("*"))
    text = report.read_text(encoding="utf-8")
    assert "考评结果报告" in text and "长春市" in text
