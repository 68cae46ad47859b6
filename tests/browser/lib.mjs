// What the browser tests share: Debian's headless Chromium through playwright-core, and a check
// that prints `ok - ...` or throws.
import { chromium } from "playwright-core";

export function check(condition, message) {
  if (!condition) throw new Error("FAILED: " + message);
  console.log("ok - " + message);
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** The number at the start of the status line (`1,234 pages`). */
export async function shownTotal(page) {
  const match = (await page.textContent("#status")).match(/^[\d,]+/);
  return match ? Number(match[0].replace(/,/g, "")) : null;
}

export async function waitForResults(page) {
  await page.waitForFunction(() => document.querySelectorAll("#results li").length > 0);
}

/** Waits until the status line's total is `n`. */
export async function waitForTotal(page, n) {
  await page.waitForFunction((want) => {
    const m = document.querySelector("#status").textContent.match(/^[\d,]+/);
    return m && Number(m[0].replace(/,/g, "")) === want;
  }, n);
}

/**
 * Runs a script's parts one after another: `section(name, body)` reports a failed part and the
 * next still runs; `failed()` says whether any part failed.
 */
export function sections() {
  let failed = false;
  return {
    async section(name, body) {
      try {
        await body();
      } catch (e) {
        failed = true;
        console.error(`FAILED in "${name}": ` + (e.stack || e.message));
      }
    },
    failed: () => failed,
  };
}

/**
 * Runs a script's checks in a fresh Chromium: `body({ newPage, section })`, where newPage()
 * opens a page (1280×900 unless a viewport is given) whose script errors fail the run at its
 * end, and section() is sections()'s. Exits 0 when everything passed, else 1.
 */
export async function runPageScript(body) {
  const browser = await launchBrowser();
  const { section, failed: sectionFailed } = sections();
  const errors = [];
  let failed = false;
  try {
    const newPage = async (viewport = { width: 1280, height: 900 }) => {
      const page = await browser.newPage({ viewport });
      page.setDefaultTimeout(10000);  // a check that fails says so within seconds
      page.on("pageerror", (e) => errors.push(String(e)));
      return page;
    };
    await body({ newPage, section });
    check(errors.length === 0, "no script errors on the page" + (errors.length ? ": " + errors.join("; ") : ""));
  } catch (e) {
    failed = true;
    console.error(e.stack || e.message);
  } finally {
    await browser.close();
  }
  process.exit(failed || sectionFailed() ? 1 : 0);
}
