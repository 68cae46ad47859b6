// The search page: search-as-you-type, facet checkboxes with counts, pagination, and the whole
// state in the URL so a result page can be shared, with one history entry per search. Text from
// the index is inserted as text; only `snippet`, which the API HTML-escapes and marks up with
// <mark> alone, is inserted as HTML. Every URL is relative, so the page works at `/` and under a
// proxy prefix such as `/search/`.
"use strict";

const FACETS = [
  ["type", "Type"], ["project", "Project"], ["country", "Country"], ["impact_area", "Impact area"],
  ["working_group", "Working group"], ["partner", "Partner"], ["person", "Person"],
  ["year", "Year"], ["lang", "Language"],
];
const SORTS = ["", "newest", "oldest"];  // "" is best match, the API's `relevance`
const PER_PAGE = 10;
const MAX_PER_PAGE = 100;
const MAX_WINDOW = 10000;  // the API's page × per_page limit
const SHOWN_VALUES = 8;
const SHOWN_TAGS = 2;  // projects and countries named under a result title; the rest are counted
const MAX_QUERY_BYTES = 1024;  // the API's limit on q, in UTF-8
const REQUEST_TIMEOUT = 15000;  // ms: an API request not answered by then is given up
const BUSY_DELAY = 300;  // ms before a search on its way says so: most answer sooner
const PAGE_TITLE = document.title;

const form = document.getElementById("search-form");
const input = document.getElementById("q");
const sortSelect = document.getElementById("sort");
const filtersBox = document.getElementById("filters");
const filtersToggle = document.getElementById("filters-toggle");
const facetsBox = document.getElementById("facets");
const resultsArea = document.getElementById("results-area");
const statusLine = document.getElementById("status");
const resultsList = document.getElementById("results");
const pager = document.getElementById("pager");
const datalist = document.getElementById("suggestions");
const skipLink = document.getElementById("skip");
const bestMatchOption = sortSelect.querySelector('option[value=""]');
const newestOption = sortSelect.querySelector('option[value="newest"]');

/** A whole number from 1 written as digits alone, else `fallback`. */
function wholeNumber(text, fallback) {
  return /^[1-9][0-9]{0,8}$/.test(text || "") ? Number(text) : fallback;
}

/** A facet value as the API matches it: without case or accents. */
function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The page's state, read from and written to the URL. */
function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [name] of FACETS) {
    const values = params.getAll(name).filter((v) => v !== "");
    if (values.length) filters[name] = values;
  }
  const sort = params.get("sort") || "";
  const perPage = Math.min(wholeNumber(params.get("per_page"), PER_PAGE), MAX_PER_PAGE);
  // A page past what the API serves (page × per_page ≤ 10,000) is its last one.
  const page = Math.min(wholeNumber(params.get("page"), 1), Math.floor(MAX_WINDOW / perPage));
  return {
    q: params.get("q") || "", sort: SORTS.includes(sort) ? sort : "",
    page, perPage,
    since: params.get("since") || "", until: params.get("until") || "", filters,
  };
}

function stateToParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort) params.set("sort", state.sort);
  if (state.since) params.set("since", state.since);
  if (state.until) params.set("until", state.until);
  for (const [name, values] of Object.entries(state.filters)) for (const v of values) params.append(name, v);
  if (state.page > 1) params.set("page", String(state.page));
  if (state.perPage !== PER_PAGE) params.set("per_page", String(state.perPage));
  return params;
}

let state = readState();
let requestNumber = 0;
let typing = false;  // the current history entry is the search being typed: keystrokes replace it
const expanded = new Set();

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A request given up because no answer came in time (the server or the network hung). */
class TimeoutError extends Error {}

/**
 * The JSON of `url`, with the status's verdict. A request that takes longer than
 * REQUEST_TIMEOUT is aborted and throws TimeoutError: without it, a hung answer would leave
 * the page waiting for ever, showing the previous search's results.
 */
async function fetchJson(url) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, REQUEST_TIMEOUT);
  try {
    const response = await fetch(url, { signal: controller.signal });
    return { ok: response.ok, data: await response.json() };
  } catch (e) {
    throw timedOut ? new TimeoutError() : e;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Counts of a facet that has ticked values, as if none of them were ticked: every value stays
 * listed, and its count says what ticking it too (OR) adds to. `{ values, left }` (`left`: the
 * values the API left out of the list), or null when it cannot be had.
 */
async function ownFacetCounts(name) {
  const filters = { ...state.filters };
  delete filters[name];
  const params = stateToParams({ ...state, filters, page: 1, perPage: PER_PAGE });
  params.set("per_page", "1");
  try {
    const answer = await fetchJson("api/search?" + params);
    if (!answer.ok || !answer.data.facets) return null;
    return { values: answer.data.facets[name] || [], left: (answer.data.facets_more || {})[name] || 0 };
  } catch (e) {
    return null;
  }
}

let busyTimer = 0;
/**
 * Marks the results as about to be replaced while a search is on its way: aria-busy at once,
 * and, when the answer is slow, "Searching…" with the old results dimmed, so that they are not
 * taken for the answer to the words in the box.
 */
function setBusy(busy) {
  clearTimeout(busyTimer);
  if (busy) {
    resultsArea.setAttribute("aria-busy", "true");
    busyTimer = setTimeout(() => resultsArea.classList.add("busy"), BUSY_DELAY);
  } else {
    resultsArea.removeAttribute("aria-busy");
    resultsArea.classList.remove("busy");
  }
}

function clearResults() {
  resultsList.replaceChildren();
  pager.replaceChildren();
}

/**
 * Why the page does not send the query `q`, or "" when it does. Over the API's 1,024 bytes it is
 * refused here, before the URL is written: the server answers a URL over 4,096 bytes with a 414
 * and no page, so a reload or a shared link would show raw JSON.
 */
function refusal(q) {
  const bytes = new TextEncoder().encode(q).length;
  if (bytes <= MAX_QUERY_BYTES) return "";
  return `This search is too long: ${bytes.toLocaleString()} bytes, and at most ` +
    `${MAX_QUERY_BYTES.toLocaleString()} can be searched (about 1,000 letters of English, ` +
    "340 of Hindi). Shorten it to search.";
}

/**
 * Writes the search into the URL: `how` is "push" for a new history entry, else the entry is
 * replaced. Its words name the tab, so tabs, history entries and bookmarks can be told apart.
 */
function writeUrl(params, how) {
  const url = params.toString() ? "?" + params : location.pathname;
  if (how === "push" && url !== (location.search || location.pathname)) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
  document.title = state.q.trim() ? `${state.q.trim()} · ${PAGE_TITLE}` : PAGE_TITLE;
}

/** Runs the state's search; `how` is "push" for a new history entry, else the entry is replaced. */
async function search(how = "replace") {
  const mine = ++requestNumber;
  const hasQuery = state.q.trim() !== "" || Object.keys(state.filters).length > 0;
  showSort(hasQuery && state.q.trim() === "");
  const refused = refusal(state.q);
  if (refused) {
    showFailure(refused);
    return;
  }
  const params = stateToParams(state);
  writeUrl(params, how);
  if (!hasQuery) {
    clearResults();
    statusLine.textContent = "Type to search the HOT website.";
  }
  params.set("per_page", String(state.perPage));
  const own = Object.keys(state.filters).map(async (name) => [name, await ownFacetCounts(name)]);
  setBusy(true);
  let answer;
  try {
    answer = await fetchJson("api/search?" + params);
  } catch (e) {
    if (mine !== requestNumber) return;
    showFailure(e instanceof TimeoutError
      ? "The search took too long to answer. Press Enter to try again."
      : "Search is unavailable right now. Press Enter to try again.");
    return;
  }
  if (mine !== requestNumber) return;  // a newer search is on its way
  const data = answer.data;
  if (!answer.ok) {
    showFailure(data.error ? data.error.message : "Search failed.");
    return;
  }
  const pages = Math.min(Math.ceil(data.total / state.perPage), Math.floor(MAX_WINDOW / state.perPage));
  if (hasQuery && data.total > 0 && state.page > pages) {
    state = { ...state, page: pages };  // a page past the end (an old link): the last one
    search("replace");
    return;
  }
  setBusy(false);
  if (hasQuery) {
    renderStatus(data);
    renderResults(data.results);
    renderPager(pages);
  }
  // The facets wait for the counts of the ticked ones, not the results.
  const ownCounts = await Promise.all(own);
  if (mine !== requestNumber) return;
  const facets = { ...(data.facets || {}) };
  const left = { ...(data.facets_more || {}) };
  for (const [name, counts] of ownCounts) {
    if (counts) [facets[name], left[name]] = [counts.values, counts.left];
  }
  renderFacets(facets, { left });
}

/**
 * The sort menu for this search. A listing without words (`listing`: filters alone) comes newest
 * first from the API whatever "best match" says, so its default reads "Newest first", and the
 * other "Newest first", the same order, is taken out of the menu rather than offered twice.
 */
function showSort(listing) {
  bestMatchOption.textContent = listing ? "Newest first" : "Best match";
  if (listing) newestOption.remove();
  else if (!newestOption.isConnected) bestMatchOption.after(newestOption);
  sortSelect.value = listing && state.sort === "newest" ? "" : state.sort;
}

/**
 * A search that failed. The results on screen belong to another search: they go with the
 * message. What this search filtered on stays, so that it can be undone: the ticks, listed
 * without counts, and the dates with their "any date" button (a bad date from a link is refused
 * by every search until it is dropped).
 */
function showFailure(message) {
  setBusy(false);
  clearResults();
  statusLine.replaceChildren(message);
  const dates = datesNote();
  if (dates) statusLine.append(dates);
  renderFacets({}, { countsUnknown: true });
}

/** The dates searched, with a button that drops them; null without dates. */
function datesNote() {
  if (!state.since && !state.until) return null;
  const dates = el("span", { class: "note" },
    [state.since && `from ${state.since}`, state.until && `until ${state.until}`].filter(Boolean).join(" ") + " ");
  const any = el("button", { type: "button", class: "more" }, "any date");
  any.addEventListener("click", () => updateFromStatus({ since: "", until: "" }));
  dates.append(any);
  return dates;
}

function renderStatus(data) {
  statusLine.replaceChildren();
  const total = data.total;
  statusLine.append(total === 1 ? "1 page" : `${total.toLocaleString()} pages`);
  if (data.corrected_query) {
    const note = el("span", { class: "warning" });
    const fix = el("a", { href: "#" }, data.corrected_query);
    fix.addEventListener("click", (e) => {
      e.preventDefault();
      input.value = data.corrected_query;
      updateFromStatus({ q: data.corrected_query });
    });
    if (data.answered_with_correction) note.append("Showing results for ", fix, ".");
    else note.append("Did you mean ", fix, "?");
    statusLine.append(note);
  }
  if (data.matched_any_word) {
    statusLine.append(el("span", { class: "note" }, "No page has every word; these have some of them"));
  }
  // all_words_total can equal total (an older server sends it whenever it looked for pages with
  // some of the words): the note is only true when such pages follow.
  const n = data.all_words_total;
  if (n && n < total) {
    const have = n === 1 ? "1 page has" : `${n.toLocaleString()} pages have`;
    statusLine.append(el("span", { class: "note" }, `${have} every word; then pages with some of them`));
  }
  const dates = datesNote();
  if (dates) statusLine.append(dates);
  for (const warning of data.warnings || []) statusLine.append(el("span", { class: "warning" }, warning));
}

/** A link only to a path of this site: `//host` and `/\host` lead elsewhere in a browser. */
function isSitePath(url) {
  return /^\/(?![/\\])/.test(url);
}

function renderResults(results) {
  resultsList.replaceChildren();
  for (const hit of results) {
    const item = el("li");
    if (hit.lang) item.lang = hit.lang;  // a screen reader reads a French page with a French voice
    const title = hit.title || hit.id;
    // A heading each, so that a screen reader can move from result to result.
    const heading = el("h3");
    heading.append(isSitePath(hit.url)
      ? el("a", { class: "title", href: hit.url }, title)
      : el("span", { class: "title" }, title));
    item.append(heading);
    const meta = el("div", { class: "meta" });
    meta.append(el("span", { class: "type" }, hit.type.replace(/-/g, " ")));
    if (hit.date) meta.append(hit.date);
    const projects = tickedFirst(hit.projects || [], state.filters.project);
    const countries = tickedFirst(hit.countries || [], state.filters.country);
    const about = [...projects.slice(0, SHOWN_TAGS), ...countries.slice(0, SHOWN_TAGS)];
    const more = projects.length + countries.length - about.length;
    if (about.length) meta.append(el("span", { class: "about" }, about.join(" · ") + (more > 0 ? ` +${more}` : "")));
    item.append(meta);
    const snippet = el("p", { class: "snippet" });
    snippet.innerHTML = hit.snippet;  // HTML-escaped by the API; <mark> is its only markup
    item.append(snippet);
    resultsList.append(item);
  }
}

/** The values the reader filtered on come first, so the line says why the page is listed. */
function tickedFirst(values, ticked = []) {
  const chosen = new Set(ticked.map(fold));
  return [...values.filter((v) => chosen.has(fold(v))), ...values.filter((v) => !chosen.has(fold(v)))];
}

/**
 * Redraws a part of the page (`draw`) and gives the focus back to the control that had it, found
 * by its `data-focus` key; `fallback(key)` names another when that one is gone.
 */
function redrawKeepingFocus(container, draw, fallback = () => null) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.focus : undefined;
  draw();
  if (!key) return;
  const find = (k) => [...container.querySelectorAll("[data-focus]")].find((n) => n.dataset.focus === k);
  const target = find(key) || find(fallback(key));
  if (target) target.focus({ preventScroll: true });
}

/**
 * `facets`: the values of each facet with their counts. `left`: per facet, how many values the
 * API left out (it lists the 100 most frequent). `countsUnknown`: the search failed; the ticked
 * values are listed without counts.
 */
function renderFacets(facets, { left = {}, countsUnknown = false } = {}) {
  const redraw = () => renderFacets(facets, { left, countsUnknown });
  redrawKeepingFocus(facetsBox, () => drawFacets(facets, left, countsUnknown, redraw), (key) => {
    // "Show all" is gone once pressed: the first value it showed takes the focus.
    const name = key.startsWith("more:") ? key.slice(5) : null;
    const row = name && facetsBox.querySelectorAll(`.facet[data-facet="${name}"] input`)[SHOWN_VALUES];
    return row ? row.dataset.focus : null;
  });
}

function drawFacets(facets, left, countsUnknown, redraw) {
  labelFiltersToggle();
  facetsBox.replaceChildren();
  for (const [name, label] of FACETS) {
    const values = inListOrder(name, facets[name] || []);
    const chosen = state.filters[name] || [];
    if (!values.length && !chosen.length) continue;
    const box = el("div", { class: "facet", "data-facet": name });
    box.append(el("h2", {}, label));
    const all = expanded.has(name) ? [...values] : values.slice(0, SHOWN_VALUES);
    const isChosen = (value) => chosen.some((c) => fold(c) === fold(value));
    // A ticked value the counts do not list (none of these pages, or past the first few) is
    // listed anyway, under the spelling the index has if it is known.
    for (const value of chosen) {
      if (all.some((v) => fold(v.value) === fold(value))) continue;
      all.unshift(values.find((v) => fold(v.value) === fold(value)) || { value, count: 0 });
    }
    for (const { value, count } of all) {
      const row = el("label");
      const check = el("input", { type: "checkbox", value, "data-focus": `facet:${name}:${fold(value)}` });
      check.checked = isChosen(value);
      check.addEventListener("change", () => toggleFilter(name, value, check.checked));
      const shownValue = name === "type" ? value.replace(/-/g, " ") : value;
      row.append(check, el("span", {}, shownValue), el("span", { class: "count" }, countsUnknown ? "" : String(count)));
      box.append(row);
    }
    box.append(...facetFooter(name, values, left[name] || 0, redraw));
    facetsBox.append(box);
  }
}

/** A facet's values in the order shown: the API's, most pages first, but years newest first. */
function inListOrder(name, values) {
  return name === "year" ? [...values].sort((a, b) => Number(b.value) - Number(a.value)) : values;
}

/**
 * Below a facet's first values: the button that shows the rest, and, once they are shown, a note
 * if the API cut the list (`left` values not listed). A cut list is never called "all": its
 * missing values cannot be ticked here, only reached by narrowing the search.
 */
function facetFooter(name, values, left, redraw) {
  if (values.length > SHOWN_VALUES && !expanded.has(name)) {
    const label = left
      ? `Show top ${values.length} of ${(values.length + left).toLocaleString()}`
      : `Show all ${values.length}`;
    const more = el("button", { class: "more", type: "button", "data-focus": `more:${name}` }, label);
    more.addEventListener("click", () => { expanded.add(name); redraw(); });
    return [more];
  }
  if (!left) return [];
  const note = `${left.toLocaleString()} more not listed: narrow the search to reach them.`;
  return [el("p", { class: "facet-note" }, note)];
}

/**
 * The button that folds the facets away on a narrow screen (style.css hides it on a wide one)
 * says how many values are ticked, as the ticks themselves are out of sight.
 */
function labelFiltersToggle() {
  const ticked = Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
  filtersToggle.textContent = ticked ? `Filters (${ticked} ticked)` : "Filters";
}

filtersToggle.addEventListener("click", () => {
  const open = filtersBox.classList.toggle("open");
  filtersToggle.setAttribute("aria-expanded", String(open));
});

/**
 * Brings the top of the results into view after Next or Previous, pressed at the bottom of the
 * list. Not the top of the page: on a narrow screen the facets may be open above the results.
 */
function scrollToResults() {
  const top = resultsArea.getBoundingClientRect().top;
  if (top < 0) window.scrollBy(0, top);
}

function renderPager(pages) {
  // After Next or Previous the same button keeps the focus; at either end, the current page.
  redrawKeepingFocus(pager, () => drawPager(pages), () => "page:current");
}

function drawPager(pages) {
  pager.replaceChildren();
  if (pages <= 1) return;
  const first = Math.max(1, Math.min(state.page - 4, pages - 8)), last = Math.min(pages, first + 8);
  const add = (label, page, key, current) => {
    const b = el("button", { type: "button", "data-focus": current ? "page:current" : key }, label);
    if (current) b.setAttribute("aria-current", "page");
    b.addEventListener("click", () => { update({ page }); scrollToResults(); });
    pager.append(b);
  };
  if (state.page > 1) add("‹ Previous", state.page - 1, "page:previous");
  for (let p = first; p <= last; p++) add(String(p), p, `page:${p}`, p === state.page);
  if (state.page < pages) add("Next ›", state.page + 1, "page:next");
}

function toggleFilter(name, value, on) {
  const values = (state.filters[name] || []).filter((v) => fold(v) !== fold(value));
  if (on) values.push(value);
  const filters = { ...state.filters };
  if (values.length) filters[name] = values; else delete filters[name];
  update({ filters });
}

/**
 * A new search from an action (a tick, a page, a sort): a history entry of its own. What is in
 * the box counts, even if its pause is not over: the search shown is the one the reader sees.
 */
function update(changes) {
  clearTimeout(typingTimer);
  typing = false;
  state = { ...state, page: 1, q: input.value, ...changes };
  search("push");
}

// The skip link moves the focus itself: following its #fragment would add a history entry.
skipLink.addEventListener("click", (e) => {
  e.preventDefault();
  resultsArea.focus();
});

/**
 * A new search from a control of the status line (the correction link, "any date"), which the
 * search's redraw removes: the focus goes to the results first, or it would fall to the body.
 */
function updateFromStatus(changes) {
  resultsArea.focus({ preventScroll: true });
  update(changes);
}

let typingTimer = 0;
let lastTyped = 0;
const TYPING_PAUSE = 1500;  // ms without typing after which the next query is a new search
input.addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    // The first search of a bout of typing starts a history entry; the next ones rewrite it.
    // After a pause, what is typed next is another search, with an entry of its own.
    const now = Date.now();
    const how = typing && now - lastTyped < TYPING_PAUSE ? "replace" : "push";
    typing = true;
    lastTyped = now;
    state = { ...state, page: 1, q: input.value };
    search(how);
    suggest(input.value);
  }, 180);
});
// A submit always searches, even for the words already shown: it is how a failed or stale
// search is run again (the history gets no second entry for the same URL).
form.addEventListener("submit", (e) => {
  e.preventDefault();
  update({ q: input.value });
});
sortSelect.addEventListener("change", () => update({ sort: sortSelect.value }));

let suggestNumber = 0;
async function suggest(text) {
  const mine = ++suggestNumber;  // an older answer arriving late is dropped
  if (text.trim().length < 2) {
    datalist.replaceChildren();
    return;
  }
  try {
    const answer = await fetchJson("api/suggest?q=" + encodeURIComponent(text));
    if (mine !== suggestNumber) return;
    if (!answer.ok) {
      datalist.replaceChildren();
      return;
    }
    // A title and a project can read the same: the list offers each text once.
    const texts = [...new Map(answer.data.suggestions.map((s) => [fold(s.text), s.text])).values()];
    datalist.replaceChildren(...texts.map((text) => el("option", { value: text })));
  } catch (e) {
    if (mine === suggestNumber) datalist.replaceChildren();
  }
}

window.addEventListener("popstate", () => {
  clearTimeout(typingTimer);
  typing = false;
  state = readState();
  input.value = state.q;
  search("replace");
});
input.value = state.q;
search("replace");
