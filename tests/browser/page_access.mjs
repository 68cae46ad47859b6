// The search page on small screens and with a keyboard or a screen reader, in headless
// Chromium: where the results start on a phone, where Next takes the reader, a way past the
// facets for a keyboard, headings, where the focus goes when its control goes away, the
// language of each result. Some answers are replaced (page.route) to get exactly the case
// under test.
// Exits non-zero on any failure.
// Usage: node page_access.mjs BASE_URL
import { check, runPageScript, waitForResults } from "./lib.mjs";

const [baseUrl] = process.argv.slice(2);
if (!baseUrl) {
  console.error("usage: node page_access.mjs BASE_URL");
  process.exit(2);
}
const QUERY = "missing maps";  // in the real corpus and in content/ alike

await runPageScript(async ({ newPage, section }) => {
  const total = (await (await fetch(baseUrl + "/api/search?q=" + encodeURIComponent(QUERY))).json()).total;
  /** How far down the first result starts, in CSS pixels from the top of the window. */
  const firstResultTop = (page) =>
    page.evaluate(() => document.querySelector("#results li").getBoundingClientRect().top);

  // A phone, and a laptop at 200 % zoom: the results start on the first screen, and Next, at the
  // bottom of the list, brings the reader to the top of the next page's results.
  await section("small screens", async () => {
    for (const viewport of [{ width: 375, height: 667 }, { width: 640, height: 450 }]) {
      const page = await newPage(viewport);
      await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
      await waitForResults(page);
      const top = await firstResultTop(page);
      check(top < viewport.height,
        `at ${viewport.width}×${viewport.height} the first result is on the first screen (${Math.round(top)} px down)`);
    }
    const page = await newPage({ width: 375, height: 667 });
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForResults(page);
    await page.click("#filters-toggle");
    check(await page.locator('.facet[data-facet="type"] input').first().isVisible(),
      "the Filters button shows the facets");
    check(total > 10, `"${QUERY}" has a second page (${total} pages)`);
    await page.locator("#pager button", { hasText: "Next" }).click();
    await page.waitForFunction(() => document.querySelector('#pager [aria-current="page"]')?.textContent === "2");
    const top = await firstResultTop(page);
    check(top >= 0 && top < 667, `with the facets open, Next shows page 2's first result (${Math.round(top)} px down)`);
  });

  // From the search box, a keyboard reaches the results without tabbing through every facet
  // value (about 70 of them for a common word).
  await section("a skip link to the results", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForResults(page);
    await page.focus("#q");
    const focusedText = () => page.evaluate(() => document.activeElement.textContent.trim());
    let tabs = 0;
    while (tabs < 4 && await focusedText() !== "Skip to results") {
      await page.keyboard.press("Tab");
      tabs++;
    }
    check(await focusedText() === "Skip to results", `"Skip to results" is ${tabs} Tab presses from the search box`);
    check(await page.evaluate(() => document.activeElement.getBoundingClientRect().width > 1),
      "and is seen once it has the focus");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => document.activeElement === document.querySelector("#results a.title"));
    check(first, "Enter on it, then Tab, reaches the first result");
  });

  // Headings to move by: the page's own, and one per result.
  await section("headings", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForResults(page);
    const h1 = await page.locator("h1").allTextContents();
    check(h1.length === 1, `the page has one h1 ("${h1.join(" | ")}")`);
    const results = await page.locator("#results li").count();
    const titled = await page.locator("#results li :is(h2, h3) .title").count();
    check(titled === results, `each result's title is a heading (${titled} of ${results})`);
  });

  // The correction link and the "any date" button go away with the search they start: the
  // focus goes to the results, not back to the top of the page.
  await section("focus after the correction and the dates", async () => {
    const inResults = (page) => page.evaluate(() => document.activeElement.closest("#results-area") !== null);
    const page = await newPage();
    await page.route("**/api/search?*", (route) => {
      if (new URL(route.request().url()).searchParams.get("q") !== "tanznia") return route.continue();
      return route.fulfill({ contentType: "application/json", body: JSON.stringify({
        query: "tanznia", total: 0, page: 1, per_page: 10, offset: 0, took_ms: 1, facets: {}, results: [],
        corrected_query: "tanzania", answered_with_correction: false }) });
    });
    await page.goto(baseUrl + "/?q=tanznia");
    await page.focus("#status a");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "tanzania");
    await waitForResults(page);
    check(await inResults(page), "Enter on \"Did you mean tanzania?\" leaves the focus on the results");
    await page.keyboard.press("Tab");
    check(await page.evaluate(() => document.activeElement === document.querySelector("#results a.title")),
      "and Tab goes on to the first result");
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&since=2019-01-01");
    await waitForResults(page);
    await page.focus("#status button");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !new URL(location.href).searchParams.has("since"));
    await waitForResults(page);
    check(await inResults(page), "Enter on \"any date\" leaves the focus on the results");
  });

  // A result in another language says so, so that a screen reader reads it in that language.
  await section("the language of each result", async () => {
    const filter = "lang=fr&lang=es&lang=pt";
    const want = (await (await fetch(baseUrl + "/api/search?" + filter)).json()).results.map((hit) => hit.lang);
    check(want.length > 0 && want.every((lang) => lang !== "en"),
      `the index has pages in French, Spanish or Portuguese (${want.join(" ")})`);
    const page = await newPage();
    await page.goto(baseUrl + "/?" + filter);
    await waitForResults(page);
    const got = await page.locator("#results li").evaluateAll((items) => items.map((li) => li.lang));
    check(JSON.stringify(got) === JSON.stringify(want), `each result carries its lang (${got.join(" ")})`);
  });
});
