"""Drives the dashboard in headless Chromium (Selenium + chromedriver).

usage: dashboard_check.py BASE_URL TOKEN SCREENSHOT_DIR

Signs in, loads every page, checks each shows the demo's dataset and logs no console errors,
saves a screenshot of each (desktop and phone widths), opens the failed execution and presses
Redrive. Prints a JSON report: {"pages": {...}, "redrive": "...", "errors": [...]}.
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

base, token, shots = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(shots, exist_ok=True)
options = Options()
for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"]:
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
report = {"pages": {}, "errors": [], "redrive": None}
try:
    driver.get(f"{base}/login?token={token}&next=/")
    for name, path in [("overview", "/"), ("executions", "/executions"), ("pipelines", "/pipelines"), ("catalog", "/catalog"),
                       ("queues", "/queues"), ("failed", "/executions?status=FAILED")]:
        driver.get(base + path)
        text = driver.find_element(By.TAG_NAME, "body").text
        severe = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        report["pages"][name] = {"title": driver.title, "hasDataset": "legislators" in text, "consoleErrors": severe}
        driver.save_screenshot(os.path.join(shots, f"{name}.png"))
    # The catalog table page, from the catalog's first link.
    driver.get(base + "/catalog")
    link = driver.find_element(By.CSS_SELECTOR, "a[href^='/catalog/']")
    link.click()
    report["pages"]["table"] = {"title": driver.title, "hasDataset": "legislators" in driver.page_source,
                                "consoleErrors": [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]}
    driver.save_screenshot(os.path.join(shots, "table.png"))
    # Phone width.
    driver.set_window_size(390, 844)
    driver.get(base + "/")
    driver.save_screenshot(os.path.join(shots, "overview-phone.png"))
    driver.set_window_size(1280, 900)
    # The failed execution: press Redrive, read the answer.
    driver.get(base + "/executions?status=FAILED")
    driver.find_element(By.CSS_SELECTOR, "table a[href^='/executions/']").click()
    driver.save_screenshot(os.path.join(shots, "execution.png"))
    driver.find_element(By.XPATH, "//button[starts-with(normalize-space(.), 'Redrive')]").click()
    deadline = time.time() + 10
    while time.time() < deadline and not driver.find_element(By.ID, "message").text:
        time.sleep(0.1)
    report["redrive"] = driver.find_element(By.ID, "message").text
    report["errors"] = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    driver.save_screenshot(os.path.join(shots, "redrive.png"))
finally:
    driver.quit()
print(json.dumps(report))
