// The API's JSON documents, built with nlohmann::json.
#include "query/result_json.h"

namespace hotsearch {

namespace {
// Invalid UTF-8 can only come from a foreign index; replace rather than throw mid-response.
constexpr auto kReplaceInvalid = nlohmann::json::error_handler_t::replace;

// The documents are built member by member into reserved containers: nlohmann's
// initializer lists copy every value through a temporary and check each list's shape, and
// that made building a search's document (ten hits, up to 900 facet values) cost 120 us, a
// fifth of a typical search (docs/benchmarks.md).
using Object = nlohmann::json::object_t;
using Array = nlohmann::json::array_t;

nlohmann::json facet_list(const FacetCounts& counts) {
  Array values;
  values.reserve(counts.values.size());
  for (const FacetCount& v : counts.values) {
    Object item;
    item.emplace("value", v.value);
    item.emplace("count", v.count);
    values.emplace_back(std::move(item));
  }
  return values;
}

nlohmann::json hit_json(const SearchHit& hit) {
  Object item;
  item.emplace("id", hit.id);
  item.emplace("url", hit.url);
  item.emplace("title", hit.title);
  item.emplace("type", hit.type);
  item.emplace("date", hit.date);
  item.emplace("lang", hit.lang);
  item.emplace("snippet", hit.snippet);
  item.emplace("projects", hit.projects);
  item.emplace("countries", hit.countries);
  item.emplace("score", hit.score);
  return item;
}
}  // namespace

nlohmann::json search_result_json(const SearchResult& result) {
  Object j;
  j.emplace("query", result.query);
  j.emplace("total", result.total);
  j.emplace("page", result.limit ? result.offset / result.limit + 1 : 1);
  j.emplace("per_page", result.limit);
  // The first result's rank less one: `page` alone cannot say it when the CLI's --offset is
  // not a multiple of --limit.
  j.emplace("offset", result.offset);
  j.emplace("took_ms", result.took_ms);
  if (!result.corrected_query.empty()) {
    j.emplace("corrected_query", result.corrected_query);
    j.emplace("answered_with_correction", result.answered_with_correction);
  }
  if (result.matched_any_word) j.emplace("matched_any_word", true);
  if (result.all_words_total) j.emplace("all_words_total", result.all_words_total);
  if (!result.warnings.empty()) j.emplace("warnings", result.warnings);
  Array hits;
  hits.reserve(result.hits.size());
  for (const SearchHit& hit : result.hits) hits.push_back(hit_json(hit));
  j.emplace("results", std::move(hits));
  Object facets;
  for (const FacetCounts& counts : result.facets) facets.emplace(counts.name, facet_list(counts));
  j.emplace("facets", std::move(facets));
  // A facet lists its most frequent values; how many more there are, so no cut is silent.
  Object more;
  for (const FacetCounts& counts : result.facets) {
    if (counts.more) more.emplace(counts.name, counts.more);
  }
  if (!more.empty()) j.emplace("facets_more", std::move(more));
  return j;
}

nlohmann::json suggestions_json(const std::string& query, const std::vector<Suggestion>& items) {
  nlohmann::json list = nlohmann::json::array();
  for (const Suggestion& s : items) {
    nlohmann::json item = {{"text", s.text}, {"kind", s.kind}};
    if (!s.url.empty()) item["url"] = s.url;
    list.push_back(std::move(item));
  }
  return {{"query", query}, {"suggestions", std::move(list)}};
}

nlohmann::json facet_values_json(const FacetCounts& counts) {
  return {{"facet", counts.name}, {"values", facet_list(counts)}};
}

nlohmann::json index_info_json(const IndexInfo& info) {
  return {{"status", "ok"}, {"documents", info.doc_count}, {"revision", info.revision}};
}

std::string json_text(const nlohmann::json& document, int indent) {
  return document.dump(indent, ' ', false, kReplaceInvalid);
}

nlohmann::json error_json(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

}  // namespace hotsearch
