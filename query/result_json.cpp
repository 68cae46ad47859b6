// The API's JSON documents, built with nlohmann::json.
#include "query/result_json.h"

namespace hotsearch {

namespace {
// Invalid UTF-8 can only come from a foreign index; replace rather than throw mid-response.
constexpr auto kReplaceInvalid = nlohmann::json::error_handler_t::replace;

nlohmann::json facet_list(const FacetCounts& counts) {
  nlohmann::json values = nlohmann::json::array();
  for (const FacetCount& v : counts.values)
    values.push_back({{"value", v.value}, {"count", v.count}});
  return values;
}
}  // namespace

nlohmann::json search_result_json(const SearchResult& result) {
  nlohmann::json j;
  j["query"] = result.query;
  j["total"] = result.total;
  j["page"] = result.limit ? result.offset / result.limit + 1 : 1;
  j["per_page"] = result.limit;
  j["took_ms"] = result.took_ms;
  if (!result.corrected_query.empty()) {
    j["corrected_query"] = result.corrected_query;
    j["answered_with_correction"] = result.answered_with_correction;
  }
  if (result.matched_any_word) j["matched_any_word"] = true;
  if (result.all_words_total) j["all_words_total"] = result.all_words_total;
  if (!result.warnings.empty()) j["warnings"] = result.warnings;
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& hit : result.hits) {
    hits.push_back({{"id", hit.id},
                    {"url", hit.url},
                    {"title", hit.title},
                    {"type", hit.type},
                    {"date", hit.date},
                    {"lang", hit.lang},
                    {"snippet", hit.snippet},
                    {"projects", hit.projects},
                    {"countries", hit.countries},
                    {"score", hit.score}});
  }
  j["results"] = std::move(hits);
  nlohmann::json facets = nlohmann::json::object();
  for (const FacetCounts& counts : result.facets) facets[counts.name] = facet_list(counts);
  j["facets"] = std::move(facets);
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
