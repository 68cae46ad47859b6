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
