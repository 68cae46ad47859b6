// The search page's behaviour beyond one search, in headless Chromium: history entries, facet
// counts once a value is ticked, failed searches and running them again, URLs the API refuses,
// queries too long to send, late suggestions, focus, pages past the end, links that would leave
// the site, dates in a shared URL (and bad ones), facet values in another case, the correction
// notice, repeated suggestions, a phone-sized screen, facet lists the API cut, the notes on
// partial matches, a search on its way, the title and icon, the year facet's order and the sort
// menu of a listing. Some answers are replaced (page.route) to get exactly the case under test.
// Exits non-zero on any failure.
// Usage: node page_behaviour.mjs BASE_URL
import { check, runPageScript, shownTotal, waitForResults, waitForTotal } from "./lib.mjs";

const [baseUrl] = process.argv.slice(2);
if (!baseUrl) {
  console.error("usage: node page_behaviour.mjs BASE_URL");
  process.exit(2);
}
const QUERY = "missing maps";  // in the real corpus and in content/ alike

async function api(path) {
  const response = await fetch(baseUrl + path);
  return response.json();
}

/** Two values of the type facet for QUERY: a page has one type, so their counts add up. */
async function twoTypes() {
  const answer = await api("/api/search?q=" + encodeURIComponent(QUERY));
  const types = answer.facets.type.filter((v) => v.count > 0 && v.count < answer.total);
  return { total: answer.total, first: types[0], second: types[1] };
}

/** A search answer with one result, as the API sends it, with `fields` replaced. */
function answerWith(fields) {
  return JSON.stringify({
    query: "q", total: 1, page: 1, per_page: 10, offset: 0, took_ms: 1, facets: {},
    results: [{ id: "a.md", url: "/a/", title: "A", type: "posts", date: "", lang: "en",
      snippet: "a", projects: [], countries: [], score: 1 }],
    ...fields,
  });
}

await runPageScript(async ({ newPage, section }) => {
  const { total, first, second } = await twoTypes();
  check(first && second, `the query "${QUERY}" has two types to tick (${first?.value}, ${second?.value})`);
  const typeBox = (page, value) => page.locator(`.facet[data-facet="type"] input[value="${value}"]`);
  const typeCount = async (page, value) =>
    Number(await page.locator(`.facet[data-facet="type"] label:has(input[value="${value}"]) .count`).textContent());

  // History: each search is an entry; Back goes to the one before, not off the page.
  await section("history", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/");
    await page.fill("#q", QUERY);
    await waitForResults(page);
    await waitForTotal(page, total);
    await typeBox(page, first.value).check();
    await waitForTotal(page, first.count);
    await page.goBack();
    await waitForTotal(page, total);
    const back = new URL(page.url());
    check(back.searchParams.get("q") === QUERY && !back.searchParams.has("type"),
      `Back after ticking a type goes to the search before it (${back.search})`);
    check(!(await typeBox(page, first.value).isChecked()), "with the box unticked again");
    await page.goBack();
    await page.waitForFunction(() => !location.search);
    check(new URL(page.url()).pathname === "/", "Back again reaches the empty page, still this page");
    await page.goForward();
    await waitForTotal(page, total);
    check(new URL(page.url()).searchParams.get("q") === QUERY, "and Forward comes back to the search");
    // Another query typed after a pause is another entry; typing without a pause rewrites one.
    const typed = await newPage();
    await typed.goto(baseUrl + "/");
    await typed.fill("#q", "quetz");
    await typed.waitForFunction(() => new URL(location.href).searchParams.get("q") === "quetz");
    await typed.fill("#q", QUERY);  // no pause: the same entry
    await waitForTotal(typed, total);
    await typed.waitForTimeout(1700);
    await typed.fill("#q", "quetzal");  // after a pause: a new one
    await typed.waitForFunction(() => new URL(location.href).searchParams.get("q") === "quetzal");
    await typed.goBack();
    await waitForTotal(typed, total);
    check(new URL(typed.url()).searchParams.get("q") === QUERY, "a query typed after a pause is a search of its own: Back returns to the one before");
    await typed.goBack();
    await typed.waitForFunction(() => !location.search);
    check(true, "and the query typed without a pause before it had no entry of its own");
    // Typing then ticking at once: the tick goes with what is typed, as one entry.
    await page.fill("#q", QUERY + " hot");
    await typeBox(page, first.value).check();
    await page.waitForFunction((q) => new URL(location.href).searchParams.get("q") === q && new URL(location.href).searchParams.has("type"), QUERY + " hot");
    await page.goBack();
    await waitForTotal(page, total);
    const before = new URL(page.url());
    check(before.searchParams.get("q") === QUERY && !before.searchParams.has("type"),
      `a tick right after typing is one search with the typed words (Back: ${before.search})`);
  });

  // Counts of a facet with a ticked value leave that value's own filter out.
  await section("own facet counts", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForTotal(page, total);
    await typeBox(page, first.value).check();
    await waitForTotal(page, first.count);
    await page.waitForFunction((v) => document.querySelector(`.facet[data-facet="type"] input[value="${v}"]`), second.value);
    check(await typeCount(page, second.value) === second.count,
      `after ticking "${first.value}", "${second.value}" is still listed with its own count (${second.count})`);
    await typeBox(page, second.value).check();
    await waitForTotal(page, first.count + second.count);
    check(await shownTotal(page) === first.count + second.count,
      `ticking it too gives the two counts added up (${first.count} + ${second.count})`);
  });

  // A failed search takes the old results off the screen; a URL the API refuses gets the page.
  await section("failed searches", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForResults(page);
    await page.fill("#q", Array.from({ length: 70 }, (_, i) => "w" + i).join(" "));
    await page.waitForFunction(() => document.querySelector("#status").textContent.includes("64 words"));
    check(await page.locator("#results li").count() === 0, "a refused query (70 words) leaves no old results on screen");
    check(await page.locator("#pager button").count() === 0, "nor the old pager");
    const long = await newPage();
    const response = await long.goto(baseUrl + "/?q=" + "x".repeat(1100));
    check(response.status() === 200 && await long.locator("#q").count() === 1,
      "a shared URL with a 1,100-letter query still loads the page");
    await long.waitForFunction(() => document.querySelector("#status").textContent.includes("too long"));
    check(true, "which says the query is too long: " + await long.textContent("#status"));
  });

  // A query over the API's 1,024 bytes is refused by the page and kept out of the URL: a URL
  // over the server's 4,096 bytes is answered 414 with raw JSON, so a reload or a shared link
  // would not even show the page (455 letters of Devanagari are 9 bytes each in a URL).
  await section("a query too long to search", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForResults(page);
    const cases = [
      ["1,100 letters", "x".repeat(1100), "1,100"],
      ["460 Devanagari letters", "क".repeat(460), "1,380"],
    ];
    for (const [what, text, bytes] of cases) {
      await page.fill("#q", text);
      await page.waitForFunction((n) => /too long/.test(document.querySelector("#status").textContent) &&
        document.querySelector("#status").textContent.includes(n), bytes);
      check(await page.locator("#results li").count() === 0,
        `${what} typed: the page says the query is too long (${await page.textContent("#status")})`);
      await page.press("#q", "Enter");  // the URL is written, if at all, before the request
      check(new URL(page.url()).searchParams.get("q") === QUERY,
        `and does not write it into the URL, even on Enter (${page.url().length} characters)`);
    }
  });

  // Pages past the end, and page numbers that are not whole numbers.
  await section("pages past the end", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&page=999");
    await waitForResults(page);
    const lastPage = Math.ceil(total / 10);
    check(new URL(page.url()).searchParams.get("page") === (lastPage > 1 ? String(lastPage) : null),
      `page=999 shows the last page (${lastPage}) instead of an empty list`);
    const odd = await newPage();
    await odd.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&page=1.5&sort=bogus");
    await waitForResults(odd);
    check(await odd.inputValue("#sort") === "", "page=1.5&sort=bogus reads as page 1, best match");
    await odd.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&sort=relevance");
    await waitForResults(odd);
    check(await odd.inputValue("#sort") === "", "sort=relevance shows Best match");
    // Past the API's window (page × per_page ≤ 10,000): the last page too, not an error.
    await odd.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&page=1001");
    await waitForResults(odd);
    check(new URL(odd.url()).searchParams.get("page") === (lastPage > 1 ? String(lastPage) : null),
      "page=1001, past the API's 10,000 results, shows the last page as well");
  });

  // Dates and per_page given in a shared URL are kept and used.
  await section("dates in the URL", async () => {
    const since = "2019-01-01";
    const want = await api("/api/search?q=" + encodeURIComponent(QUERY) + "&since=" + since);
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&since=" + since + "&per_page=5");
    await waitForTotal(page, want.total);
    const url = new URL(page.url());
    check(url.searchParams.get("since") === since && url.searchParams.get("per_page") === "5",
      `since and per_page stay in the URL (${url.search})`);
    check(await page.locator("#results li").count() === Math.min(5, want.total),
      `and are used: ${want.total} pages since ${since}, 5 a page`);
  });

  // A date the API refuses (a link with since=bogus) does not trap the reader: the refusal
  // shows the dates with their "any date" button, which searches again without them.
  await section("a bad date in the URL", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&since=bogus");
    await page.waitForFunction(() => document.querySelector("#status").textContent.includes("bogus"));
    const any = page.locator("#status button", { hasText: "any date" });
    check(await any.count() === 1, `the refusal offers "any date" (${await page.textContent("#status")})`);
    await any.click();
    await waitForTotal(page, total);
    check(!new URL(page.url()).searchParams.has("since"), "which searches again without the date");
  });

  // A facet value in the URL in another case is the same value: one row, ticked.
  await section("facet value case", async () => {
    const page = await newPage();
    const upper = first.value.toUpperCase();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&type=" + encodeURIComponent(upper));
    await waitForTotal(page, first.count);
    const rows = await page.locator('.facet[data-facet="type"] input').evaluateAll(
      (boxes, v) => boxes.filter((b) => b.value.toLowerCase() === v).map((b) => b.checked), first.value.toLowerCase());
    check(rows.length === 1 && rows[0], `type=${upper} ticks the one "${first.value}" row (${rows.length} rows)`);
  });

  // Focus stays on the control used, through the redraw.
  await section("focus", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForTotal(page, total);
    await typeBox(page, first.value).focus();
    await page.keyboard.press("Space");
    await waitForTotal(page, first.count);
    const focused = await page.evaluate(() => document.activeElement.dataset.focus || document.activeElement.tagName);
    check(focused.startsWith("facet:type:"), `Space on a checkbox keeps the focus on it (${focused})`);
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForResults(page);
    if (total > 10) {
      await page.locator("#pager button", { hasText: "Next" }).focus();
      await page.keyboard.press("Enter");
      // Once page 2 is drawn (the pager marks it), the focus must be in the pager.
      await page.waitForFunction(() => document.querySelector('#pager [aria-current="page"]')?.textContent === "2");
      const inPager = await page.evaluate(() => Boolean(document.activeElement.closest("#pager")));
      check(inPager, "Enter on Next keeps the focus in the pager once page 2 is drawn");
    }
  });

  // A failed search keeps the ticked boxes (without counts), so they can be unticked; slow
  // counts for a ticked facet do not hold back the results.
  await section("failures and slow counts", async () => {
    const page = await newPage();
    await page.route("**/api/search?*", (route) => route.fulfill({
      status: 503, contentType: "application/json",
      body: JSON.stringify({ error: { code: "index_unavailable", message: "the search index is not available" } }),
    }));
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&type=" + encodeURIComponent(first.value));
    await page.waitForFunction(() => document.querySelector("#status").textContent.includes("not available"));
    await page.waitForFunction((v) => document.querySelector(`.facet[data-facet="type"] input[value="${v}"]`), first.value);
    check(await typeBox(page, first.value).isChecked(), "after a failed search the ticked type is still listed, ticked");
    // The counts' request is held until the results are on screen: no clock involved.
    const slow = await newPage();
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let countsAnswered = false;
    await slow.route((url) => url.pathname.endsWith("/api/search") && url.searchParams.get("per_page") === "1", async (route) => {
      await held;
      await route.continue();
      countsAnswered = true;
    });
    await slow.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY) + "&type=" + encodeURIComponent(first.value));
    await waitForResults(slow);
    check(!countsAnswered, "results are shown while the ticked facet's counts are still being asked for");
    release();
    await slow.waitForFunction((v) => document.querySelector(`.facet[data-facet="type"] input[value="${v}"]`), second.value);
    check(true, "and the counts follow");
  });

  // A failed search can be run again: Enter and the Search button search even when the words
  // have not changed, and a request that never answers is given up, so the page is not stuck.
  await section("retry after a failure", async () => {
    const page = await newPage();
    let down = true;
    await page.route("**/api/search?*", (route) => (down ? route.abort("connectionrefused") : route.continue()));
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await page.waitForFunction(() => document.querySelector("#status").textContent.includes("unavailable"));
    down = false;
    await page.focus("#q");
    await page.keyboard.press("Enter");
    await waitForTotal(page, total);
    check(await page.locator("#results li").count() > 0, "once the API is back, Enter in the box searches again");
    down = true;
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#status").textContent.includes("unavailable"));
    down = false;
    await page.click('#search-form button[type="submit"]');
    await waitForTotal(page, total);
    check(true, "and so does the Search button");
    // The page's clock is moved on past the timeout; the held request never answers.
    const hung = await newPage();
    await hung.clock.install();
    let hang = true;
    await hung.route("**/api/search?*", (route) => { if (!hang) route.continue(); });
    await hung.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await hung.clock.fastForward(60000);
    await hung.waitForFunction(() => document.querySelector("#status").textContent.includes("too long"));
    check(true, "a search that gets no answer is given up: " + await hung.textContent("#status"));
    hang = false;
    await hung.focus("#q");
    await hung.keyboard.press("Enter");
    await waitForTotal(hung, total);
    check(true, "and Enter runs it again");
  });

  // Late suggestions for an older prefix do not replace the newer ones; each text once.
  await section("late suggestions", async () => {
    const page = await newPage();
    await page.route("**/api/suggest?q=mi", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.route("**/api/suggest?q=missi", (route) => route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({ query: "missi", suggestions: [
        { kind: "title", text: "Missing Maps", url: "/m" }, { kind: "project", text: "Missing Maps" },
        { kind: "title", text: "Missing Maps Campus", url: "/c" }] }),
    }));
    await page.goto(baseUrl + "/");
    await page.type("#q", "mi");
    await page.waitForTimeout(400);  // past the 180 ms pause: "mi" is asked for
    await page.type("#q", "ssi");
    await page.waitForTimeout(2500);  // the answer for "mi" has come, late
    const options = await page.locator("#suggestions option").evaluateAll((os) => os.map((o) => o.value));
    check(JSON.stringify(options) === JSON.stringify(["Missing Maps", "Missing Maps Campus"]),
      `the suggestions are those of "missi", each once (${options.join(" | ")})`);
  });

  // Answers replaced to get exact cases: a link leaving the site, the correction notice, a
  // phone-sized screen with a 120-letter word.
  await section("replaced answers", async () => {
    const page = await newPage({ width: 390, height: 800 });
    const long = "x".repeat(120);
    await page.route("**/api/search?*", (route) => route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({
        query: "tanznia", total: 2, page: 1, per_page: 10, took_ms: 1, corrected_query: "tanzania",
        answered_with_correction: true, facets: { type: [{ value: long, count: 2 }] },
        results: [
          { id: "a.md", url: "/\\evil.example/phish", title: "Leaves " + long, type: "posts", date: "",
            lang: "en", snippet: "a " + long, projects: [], countries: [], score: 1 },
          { id: "b.md", url: "/projects/b/", title: "Stays", type: "posts", date: "", lang: "en",
            snippet: "b", projects: [], countries: [], score: 1 }],
      }),
    }));
    await page.goto(baseUrl + "/?q=tanznia");
    await waitForResults(page);
    const links = await page.locator("#results a.title").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    check(JSON.stringify(links) === JSON.stringify(["/projects/b/"]), `only the link on this site is a link (${links})`);
    const status = await page.textContent("#status");
    check(status.includes("Showing results for tanzania.") && !status.includes("tanzania?"),
      `the correction notice is a statement ("${status}")`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 390, `a 390-pixel screen needs no sideways scrolling (page ${width} px wide)`);
  });

  // The API lists each facet's 100 most frequent values and says how many more it left out
  // (facets_more): "Show all" is said only of a whole list.
  await section("a facet cut at 100 values", async () => {
    const page = await newPage();
    const people = Array.from({ length: 100 }, (_, i) => ({ value: `Person ${i}`, count: 200 - i }));
    const types = Array.from({ length: 12 }, (_, i) => ({ value: `type-${i}`, count: 20 - i }));
    await page.route("**/api/search?*", (route) => route.fulfill({
      contentType: "application/json",
      body: answerWith({ total: 130, facets: { person: people, type: types }, facets_more: { person: 30 } }),
    }));
    await page.goto(baseUrl + "/?q=people");
    await waitForResults(page);
    const more = page.locator('.facet[data-facet="person"] button.more');
    const label = await more.textContent();
    check(!/\ball\b/i.test(label) && label.includes("100") && label.includes("130"),
      `a list cut at 100 of 130 values is not called all ("${label}")`);
    const typeLabel = await page.textContent('.facet[data-facet="type"] button.more');
    check(typeLabel === "Show all 12", `a whole list of 12 is ("${typeLabel}")`);
    await more.click();
    check(await page.locator('.facet[data-facet="person"] input').count() === 100, "the button shows the 100 listed");
    const note = await page.textContent('.facet[data-facet="person"]');
    check(note.includes("30 more"), "and says 30 more are not listed");
  });

  // Pages with some of the words: after those with every word (all_words_total, a note only
  // when some follow), or alone (matched_any_word).
  const partialAnswers = async (page) => page.route("**/api/search?*", (route) => {
    const q = new URL(route.request().url()).searchParams.get("q");
    const fields = {
      every: { total: 5, all_words_total: 5 }, some: { total: 5, all_words_total: 3 },
      any: { total: 6, matched_any_word: true },
    }[q];
    return route.fulfill({ contentType: "application/json", body: answerWith({ query: q, ...fields }) });
  });
  await section("the every-word note", async () => {
    const page = await newPage();
    await partialAnswers(page);
    await page.goto(baseUrl + "/?q=some");
    await waitForTotal(page, 5);
    const some = await page.textContent("#status");
    check(some.includes("3 pages have every word; then pages with some of them"), `3 of 5 with every word: "${some}"`);
    await page.goto(baseUrl + "/?q=every");
    await waitForTotal(page, 5);
    const every = await page.textContent("#status");
    check(!every.includes("every word"), `5 of 5 with every word: no note ("${every}")`);
  });
  await section("no page has every word", async () => {
    const page = await newPage();
    await partialAnswers(page);
    await page.goto(baseUrl + "/?q=any");
    await waitForTotal(page, 6);
    const any = await page.textContent("#status");
    check(any.includes("No page has every word"), `matched_any_word is said ("${any}")`);
  });

  // While a search is on its way, the results on screen are marked as being replaced. The
  // request is held until the marks are checked: no clock involved.
  await section("a search on its way", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForTotal(page, total);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    const isHaiti = (url) => url.pathname.endsWith("/api/search") && url.searchParams.get("q") === "haiti";
    await page.route(isHaiti, async (route) => {
      await held;
      await route.continue();
    });
    await page.fill("#q", "haiti");
    await page.waitForFunction(() => document.querySelector("[aria-busy=true] #results") !== null);
    check(true, "the results are aria-busy while the next search is on its way");
    await page.locator("#busy").waitFor({ state: "visible" });
    check(await page.textContent("#busy") === "Searching…", "and a slow one says \"Searching…\"");
    release();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "haiti" &&
      document.querySelector("[aria-busy=true]") === null);
    check(!(await page.locator("#busy").isVisible()), "which goes once the answer is drawn");
  });

  // The tab and the history name the search. The page names its icon: without one the browser
  // asks for /favicon.ico, which the server does not have (a 404 on every load). That request
  // is the browser's own, out of the page's sight, so the check is on the page's <link>.
  await section("title and icon", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?q=" + encodeURIComponent(QUERY));
    await waitForTotal(page, total);
    const title = await page.title();
    check(title.startsWith(QUERY + " · "), `the title names the query ("${title}")`);
    const icon = await page.evaluate(() => document.querySelector('link[rel~="icon"]')?.getAttribute("href"));
    check(icon?.startsWith("data:"), `the page's icon is in the page, not /favicon.ico (${icon})`);
  });

  // Years are listed newest first, not by count: a reader looks for a year by its place.
  await section("years newest first", async () => {
    const page = await newPage();
    const counts = { 2018: 27, 2019: 16, 2022: 10, 2020: 8, 2015: 5, 2021: 4, 2011: 3, 2024: 2, 2010: 1, 2025: 1 };
    const years = Object.entries(counts).map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count);  // as the API sends them
    await page.route("**/api/search?*", (route) => route.fulfill({
      contentType: "application/json", body: answerWith({ total: 77, facets: { year: years } }),
    }));
    await page.goto(baseUrl + "/?q=mapping");
    await waitForResults(page);
    const shown = (await page.locator('.facet[data-facet="year"] input').evaluateAll((boxes) => boxes.map((b) => b.value)))
      .join(" ");
    check(shown === "2025 2024 2022 2021 2020 2019 2018 2015", `the first eight years, newest first (${shown})`);
  });

  // Without words the API lists newest first; the sort menu says so instead of "Best match".
  await section("the order of a listing without words", async () => {
    const page = await newPage();
    await page.goto(baseUrl + "/?type=" + encodeURIComponent(first.value));
    await waitForTotal(page, (await api("/api/search?type=" + encodeURIComponent(first.value))).total);
    const selected = () => page.evaluate(() => document.querySelector("#sort").selectedOptions[0].textContent);
    const offered = () => page.locator("#sort option").evaluateAll((os) => os.map((o) => o.textContent));
    check(await selected() === "Newest first", `type=${first.value} alone says "${await selected()}"`);
    const options = await offered();
    check(options.filter((t) => t === "Newest first").length === 1, `which the menu offers once (${options.join(", ")})`);
    await page.fill("#q", QUERY);
    await waitForTotal(page, first.count);
    check(await selected() === "Best match", `with words it is "${await selected()}" again`);
  });
});
