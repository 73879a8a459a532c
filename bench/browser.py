"""What a reader's browser gets, for `bench/load.py`: compressed HTML, the seed figure on a phone,
and Lighthouse's scores of the reader pages.

Lighthouse is pinned (bench/package.json, installed by `make bench` with `npm ci --prefix bench`)
and drives Debian's chromium in its older headless mode: with `--headless=new`, Chromium 156
records a trace Lighthouse 12.2.3 cannot read (NO_NAVSTART, no performance score) every time;
in the older mode about one run in four or five (seen here), so a failed run is tried again.
"""

import json
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium here has no network but loopback: keep it from trying (as tests/browser does).
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Mobile (Lighthouse's default: a mid-range phone on a throttled 4G link).
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
FIGURE_BYTES = 60 * 1024  # the seed figure on a 390-px phone at 3x


def lighthouse_available() -> bool:
    return LIGHTHOUSE.exists() and Path(CHROMIUM).exists()


def lighthouse(url: str, skip: tuple[str, ...] = (), *, attempts: int = 3) -> dict:
    """One mobile run: each category's score out of 100, and the audits that cost points (with
    the first thing each names). A run that fails (NO_NAVSTART) is tried again, then reported
    as an error, not raised: the other targets still print."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        done = subprocess.run(
            [LIGHTHOUSE, url, "--quiet", f"--chrome-flags={CHROMIUM_FLAGS}", "--output=json",
             f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
             *([f"--skip-audits={','.join(skip)}"] if skip else [])],
            env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin", "HOME": scratch},
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        if done.returncode != 0 or not report.exists():
            if attempts > 1:
                return lighthouse(url, skip, attempts=attempts - 1)
            last = (done.stderr.strip().splitlines() or ["no output"])[-1][:160]
            return {"scores": {}, "lost": [], "error": f"lighthouse exited {done.returncode}: {last}"}
        result = json.loads(report.read_text())
    scores, lost = {}, []
    for name, category in result["categories"].items():
        scores[name] = None if category["score"] is None else round(category["score"] * 100)
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or [{}]
                example = items[0].get("description") or items[0].get("url") or ""
                lost.append(f"{ref['id']} {audit.get('displayValue', '')} {example[:160]}".strip())
    return {"scores": scores, "lost": lost, "error": (result.get("runtimeError") or {}).get("code")}


# Search results are kept out of search engines on purpose (noindex), as the issue allows.
SKIPPED = {"search": ("is-crawlable",)}


# Lighthouse's own advice on variability: report the median of several runs (the main thread's
# blocking time moves by a hundred milliseconds between runs on this machine, pages with no script).
RUNS = 3


def lighthouse_lines(base: str, pages: dict[str, str]) -> list[str]:
    lines = []
    for name, path in pages.items():
        runs = sorted((lighthouse(base + path, SKIPPED.get(name, ())) for _ in range(RUNS)), key=performance)
        run = runs[len(runs) // 2]
        scores = run["scores"]
        met = all(scores.get(category) is not None and scores[category] >= TARGETS[category] for category in TARGETS)
        figures = ", ".join(f"{category} {scores.get(category)}" for category in CATEGORIES)
        lost = f"; lost on: {', '.join(run['lost'])}" if run["lost"] else ""
        error = f"; error {run['error']}" if run["error"] else ""
        skipped = f" ({', '.join(SKIPPED[name])} skipped: noindex by design)" if name in SKIPPED else ""
        lines.append(
            f"  Lighthouse mobile, {name}, median of {RUNS}: {figures}{skipped} (target 98/100/100/100): "
            f"{verdict(met)}{lost}{error}"
        )
    return lines


def performance(run: dict) -> int:
    return run["scores"].get("performance") or 0


def compression_lines(where: str, url: str) -> list[str]:
    """What the article costs on the wire to a browser (which offers br and gzip) and to a client
    that takes gzip only, against its uncompressed bytes."""
    plain = len(get(url, "identity")[1])
    lines = []
    for offered in ("br, gzip", "gzip"):
        encoding, body = get(url, offered)
        met = encoding in ("br", "gzip") and len(body) < plain
        lines.append(
            f"  HTML compressed, {where}, Accept-Encoding {offered!r}: {encoding or 'none'}, "
            f"{len(body) / 1024:.1f} KB of {plain / 1024:.1f} KB: {verdict(met)}"
        )
    return lines


def get(url: str, accept_encoding: str) -> tuple[str, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Content-Encoding", ""), response.read()


def figure_line(url: str) -> str:
    """The copy of the seed figure a 390-px phone at 3x picks from the srcset, and its bytes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS.split()[1:])
        context = browser.new_context(viewport={"width": 390, "height": 800}, device_scale_factor=3)
        page = context.new_page()
        page.goto(url)
        image = page.locator(".figure-link img").first
        image.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.figure-link img').complete")
        chosen = page.evaluate("() => document.querySelector('.figure-link img').currentSrc")
        loads = page.evaluate(
            "url => performance.getEntriesByName(url).map(entry => [entry.responseStatus, entry.encodedBodySize])",
            chosen,
        )
        browser.close()
    size = max((size for status, size in loads if status == 200), default=0)  # 0: not served
    name = chosen.rsplit("/", 1)[-1]
    return (
        f"  seed figure on a 390-px phone at 3x: {name}, {size / 1024:.1f} KB "
        f"(target ≤ {FIGURE_BYTES // 1024} KB): {verdict(0 < size <= FIGURE_BYTES)}"
    )


def verdict(met: bool) -> str:
    return "met" if met else "not met"
