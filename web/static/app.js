// The search page: search-as-you-type, facet checkboxes with counts, pagination, and the whole
// state in the URL so a result page can be shared. Text from the index is inserted as text;
// only `snippet`, which the API HTML-escapes and marks up with <mark> alone, is inserted as HTML.
// Every URL is relative, so the page works at `/` and under a proxy prefix such as `/search/`.
"use strict";

const FACETS = [
  ["type", "Type"], ["project", "Project"], ["country", "Country"], ["impact_area", "Impact area"],
  ["working_group", "Working group"], ["partner", "Partner"], ["person", "Person"],
  ["year", "Year"], ["lang", "Language"],
];
const PER_PAGE = 10;
const SHOWN_VALUES = 8;
const SHOWN_TAGS = 2;  // projects and countries named under a result title; the rest are counted

const form = document.getElementById("search-form");
const input = document.getElementById("q");
const sortSelect = document.getElementById("sort");
const facetsBox = document.getElementById("facets");
const statusLine = document.getElementById("status");
const resultsList = document.getElementById("results");
const pager = document.getElementById("pager");
const datalist = document.getElementById("suggestions");

/** The page's state, read from and written to the URL. */
function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [name] of FACETS) {
    const values = params.getAll(name);
    if (values.length) filters[name] = values;
  }
  return { q: params.get("q") || "", sort: params.get("sort") || "", page: Number(params.get("page")) || 1, filters };
}

function stateToParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort) params.set("sort", state.sort);
  for (const [name, values] of Object.entries(state.filters)) for (const v of values) params.append(name, v);
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}

let state = readState();
let requestNumber = 0;
const expanded = new Set();

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function search() {
  const params = stateToParams(state);
  history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
  const hasQuery = state.q.trim() !== "" || Object.keys(state.filters).length > 0;
  if (!hasQuery) {
    resultsList.replaceChildren();
    pager.replaceChildren();
    statusLine.textContent = "Type to search the HOT website.";
  }
  params.set("per_page", String(PER_PAGE));
  const mine = ++requestNumber;
  let data;
  try {
    const response = await fetch("api/search?" + params);
    data = await response.json();
    if (mine !== requestNumber) return;  // a newer search is on its way
    if (!response.ok) {
      statusLine.textContent = data.error ? data.error.message : "Search failed.";
      return;
    }
  } catch (e) {
    if (mine === requestNumber) statusLine.textContent = "Search is unavailable right now.";
    return;
  }
  renderFacets(data.facets || {});
  if (hasQuery) {
    renderStatus(data);
    renderResults(data.results);
    renderPager(data.total);
  }
}

function renderStatus(data) {
  statusLine.replaceChildren();
  const total = data.total;
  statusLine.append(total === 1 ? "1 page" : `${total.toLocaleString()} pages`);
  if (data.corrected_query) {
    const note = el("span", { class: "warning" });
    note.append(data.answered_with_correction ? "Showing results for " : "Did you mean ");
    const fix = el("a", { href: "#" }, data.corrected_query);
    fix.addEventListener("click", (e) => { e.preventDefault(); input.value = data.corrected_query; update({ q: data.corrected_query }); });
    note.append(fix, "?");
    statusLine.append(note);
  }
  if (data.all_words_total) {
    const n = data.all_words_total;
    statusLine.append(el("span", { class: "note" }, `${n === 1 ? "1 page has" : `${n} pages have`} every word; then pages with some of them`));
  }
  for (const warning of data.warnings || []) statusLine.append(el("span", { class: "warning" }, warning));
}

function renderResults(results) {
  resultsList.replaceChildren();
  for (const hit of results) {
    const item = el("li");
    item.append(el("a", { class: "title", href: hit.url }, hit.title || hit.id));
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
  return [...values.filter((v) => ticked.includes(v)), ...values.filter((v) => !ticked.includes(v))];
}

function renderFacets(facets) {
  facetsBox.replaceChildren();
  for (const [name, label] of FACETS) {
    const values = facets[name] || [];
    const chosen = state.filters[name] || [];
    if (!values.length && !chosen.length) continue;
    const box = el("div", { class: "facet", "data-facet": name });
    box.append(el("h2", {}, label));
    const all = expanded.has(name) ? values : values.slice(0, SHOWN_VALUES);
    const shown = new Set(all.map((v) => v.value));
    for (const value of chosen) if (!shown.has(value)) all.unshift({ value, count: 0 });
    for (const { value, count } of all) {
      const row = el("label");
      const box2 = el("input", { type: "checkbox", value });
      box2.checked = chosen.includes(value);
      box2.addEventListener("change", () => toggleFilter(name, value, box2.checked));
      const shownValue = name === "type" ? value.replace(/-/g, " ") : value;
      row.append(box2, el("span", {}, shownValue), el("span", { class: "count" }, String(count)));
      box.append(row);
    }
    if (values.length > SHOWN_VALUES && !expanded.has(name)) {
      const more = el("button", { class: "more", type: "button" }, `Show all ${values.length}`);
      more.addEventListener("click", () => { expanded.add(name); renderFacets(facets); });
      box.append(more);
    }
    facetsBox.append(box);
  }
}

function renderPager(total) {
  pager.replaceChildren();
  const pages = Math.min(Math.ceil(total / PER_PAGE), Math.floor(10000 / PER_PAGE));
  if (pages <= 1) return;
  const first = Math.max(1, state.page - 4), last = Math.min(pages, first + 8);
  const add = (label, page, current) => {
    const b = el("button", { type: "button" }, label);
    if (current) b.setAttribute("aria-current", "page");
    b.addEventListener("click", () => { update({ page }); window.scrollTo(0, 0); });
    pager.append(b);
  };
  if (state.page > 1) add("‹ Previous", state.page - 1);
  for (let p = first; p <= last; p++) add(String(p), p, p === state.page);
  if (state.page < pages) add("Next ›", state.page + 1);
}

function toggleFilter(name, value, on) {
  const values = new Set(state.filters[name] || []);
  if (on) values.add(value); else values.delete(value);
  const filters = { ...state.filters };
  if (values.size) filters[name] = [...values]; else delete filters[name];
  update({ filters, page: 1 });
}

function update(changes) {
  state = { ...state, page: 1, ...changes };
  search();
}

let typingTimer = 0;
input.addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => { update({ q: input.value }); suggest(input.value); }, 180);
});
form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(typingTimer); update({ q: input.value }); });
sortSelect.addEventListener("change", () => update({ sort: sortSelect.value }));

async function suggest(text) {
  if (text.trim().length < 2) return;
  try {
    const response = await fetch("api/suggest?q=" + encodeURIComponent(text));
    if (!response.ok) return;
    const data = await response.json();
    datalist.replaceChildren(...data.suggestions.map((s) => el("option", { value: s.text })));
  } catch (e) {
    datalist.replaceChildren();
  }
}

window.addEventListener("popstate", () => { state = readState(); input.value = state.q; search(); });
input.value = state.q;
sortSelect.value = state.sort;
search();
