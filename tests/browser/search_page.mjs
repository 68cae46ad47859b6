// Drives the search page in headless Chromium (Debian's /usr/bin/chromium) with playwright-core:
// type "missing maps", see results, tick a project facet, see the list narrow, check the URL
// keeps the state, and save a screenshot. Exits non-zero on any failure.
// Usage: node search_page.mjs BASE_URL SCREENSHOT_PATH
import { chromium } from "playwright-core";

const [baseUrl, screenshot] = process.argv.slice(2);
if (!baseUrl || !screenshot) {
  console.error("usage: node search_page.mjs BASE_URL SCREENSHOT_PATH");
  process.exit(2);
}

function check(condition, message) {
  if (!condition) throw new Error("FAILED: " + message);
  console.log("ok - " + message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(baseUrl + "/");
  await page.fill("#q", "missing maps");
  await page.waitForFunction(() => document.querySelectorAll("#results li").length > 0);
  const firstTitle = await page.textContent("#results li a.title");
  check(firstTitle.includes("Missing Maps"), `typing "missing maps" shows a Missing Maps page first (got "${firstTitle}")`);
  const marks = await page.locator("#results mark").count();
  check(marks > 0, `snippets highlight the words (${marks} <mark>)`);
  const before = Number((await page.textContent("#status")).match(/[\d,]+/)[0].replace(/,/g, ""));
  check(page.url().includes("q=missing+maps"), "the query is kept in the URL");

  // Tick the first page type that holds some, but not all, of the results.
  const typeBoxes = page.locator('.facet[data-facet="type"] label');
  let chosen = null;
  for (let i = 0; i < await typeBoxes.count(); i++) {
    const count = Number(await typeBoxes.nth(i).locator(".count").textContent());
    if (count > 0 && count < before) {
      chosen = await typeBoxes.nth(i).locator("input").getAttribute("value");
      break;
    }
  }
  check(chosen !== null, `a type facet narrows the results (chose "${chosen}")`);
  const facet = page.locator(`.facet[data-facet="type"] input[value="${chosen}"]`);
  await facet.check();
  await page.waitForFunction(
    (n) => { const m = document.querySelector("#status").textContent.match(/[\d,]+/); return m && Number(m[0].replace(/,/g, "")) < n; },
    before);
  const after = Number((await page.textContent("#status")).match(/[\d,]+/)[0].replace(/,/g, ""));
  check(after < before, `ticking the "${chosen}" type narrows ${before} results to ${after}`);
  const types = await page.locator("#results .meta .type").allTextContents();
  check(types.length > 0 && types.every((t) => t === chosen.replace(/-/g, " ")), `every result left is of type ${chosen}`);
  check(page.url().includes("type=" + encodeURIComponent(chosen)), "the facet is kept in the URL");

  // A shared URL shows the same page.
  const shared = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await shared.goto(page.url());
  await shared.waitForFunction(() => document.querySelectorAll("#results li").length > 0);
  const sharedCount = await shared.locator("#results li").count();
  check(sharedCount === await page.locator("#results li").count(), "a shared URL shows the same results");
  check(await shared.isChecked(`.facet[data-facet="type"] input[value="${chosen}"]`), "and the same ticked facet");

  await facet.uncheck();
  await page.waitForFunction((n) => document.querySelector("#status").textContent.includes(n.toLocaleString()), before);
  await page.screenshot({ path: screenshot, fullPage: false });
  check(errors.length === 0, "no script errors on the page" + (errors.length ? ": " + errors.join("; ") : ""));
} catch (e) {
  failed = true;
  console.error(e.message);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
