// Drives the search page in headless Chromium (Debian's /usr/bin/chromium) with playwright-core:
// type "missing maps", see results, tick a project facet, see the list narrow, check the URL
// keeps the state, and save a screenshot; then the same page behind a proxy prefix (/search/).
// Exits non-zero on any failure.
// Usage: node search_page.mjs BASE_URL SCREENSHOT_PATH
import http from "node:http";
import { check, launchBrowser } from "./lib.mjs";

const [baseUrl, screenshot] = process.argv.slice(2);
if (!baseUrl || !screenshot) {
  console.error("usage: node search_page.mjs BASE_URL SCREENSHOT_PATH");
  process.exit(2);
}

const browser = await launchBrowser();
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

  // Tick the first project that holds some, but not all, of the results.
  const projectRows = page.locator('.facet[data-facet="project"] label');
  let chosen = null;
  let shownCount = 0;
  for (let i = 0; i < await projectRows.count(); i++) {
    const count = Number(await projectRows.nth(i).locator(".count").textContent());
    if (count > 0 && count < before) {
      chosen = await projectRows.nth(i).locator("input").getAttribute("value");
      shownCount = count;
      break;
    }
  }
  check(chosen !== null, `a project facet can narrow the results (chose "${chosen}", ${shownCount} pages)`);
  const facet = page.locator(`.facet[data-facet="project"] input[value="${chosen}"]`);
  await facet.check();
  await page.waitForFunction(
    (n) => { const m = document.querySelector("#status").textContent.match(/[\d,]+/); return m && Number(m[0].replace(/,/g, "")) < n; },
    before);
  const after = Number((await page.textContent("#status")).match(/[\d,]+/)[0].replace(/,/g, ""));
  check(after < before, `ticking the project "${chosen}" narrows ${before} results to ${after}`);
  check(after === shownCount, `to the count shown beside it (${shownCount})`);
  const listed = await page.locator("#results li").count();
  check(listed === Math.min(after, 10), `the list shows those pages (${listed} listed)`);
  check(await page.isChecked(`.facet[data-facet="project"] input[value="${chosen}"]`), "the box stays ticked");
  check(new URL(page.url()).searchParams.getAll("project").includes(chosen), "the facet is kept in the URL");

  // A shared URL shows the same page.
  const shared = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await shared.goto(page.url());
  await shared.waitForFunction(() => document.querySelectorAll("#results li").length > 0);
  const sharedCount = await shared.locator("#results li").count();
  check(sharedCount === await page.locator("#results li").count(), "a shared URL shows the same results");
  check(await shared.isChecked(`.facet[data-facet="project"] input[value="${chosen}"]`), "and the same ticked facet");

  await page.screenshot({ path: screenshot, fullPage: false });
  await facet.uncheck();
  await page.waitForFunction((n) => document.querySelector("#status").textContent.includes(n.toLocaleString()), before);
  check(!new URL(page.url()).searchParams.has("project"), "unticking gives back every result");

  // Behind a reverse proxy under /search/ (docs/web.md), the page finds its files and the API.
  const proxy = http.createServer((req, res) => {
    if (!req.url.startsWith("/search/")) { res.writeHead(404); res.end("not proxied"); return; }
    const upstream = http.request(baseUrl + req.url.slice("/search".length),
      { method: req.method, headers: { ...req.headers, "x-forwarded-prefix": "/search" } },
      (answer) => { res.writeHead(answer.statusCode, answer.headers); answer.pipe(res); });
    upstream.on("error", () => { res.writeHead(502); res.end(); });
    req.pipe(upstream);
  });
  await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  try {
    const proxied = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const origin = `http://127.0.0.1:${proxy.address().port}`;
    await proxied.goto(origin + "/search/?q=missing+maps");
    await proxied.waitForFunction(() => document.querySelectorAll("#results li").length > 0);
    check((await proxied.locator("#results li").count()) > 0, "under a /search/ prefix the page still searches");
    const description = await (await fetch(origin + "/search/opensearch.xml")).text();
    check(description.includes(`template="${origin}/search/?q={searchTerms}"`), "and opensearch.xml names the prefixed page");
  } finally {
    proxy.close();
  }
  check(errors.length === 0, "no script errors on the page" + (errors.length ? ": " + errors.join("; ") : ""));
} catch (e) {
  failed = true;
  console.error(e.message);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
