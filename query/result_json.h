#pragma once
// The JSON documents of the API; `hotsearch --json` prints the same ones.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "query/search_result.h"
#include "query/searcher.h"

namespace hotsearch {

/// The /api/search document (SPEC §2): page = offset / limit + 1, per_page = limit.
nlohmann::json search_result_json(const SearchResult& result);
nlohmann::json suggestions_json(const std::string& query, const std::vector<Suggestion>& items);
nlohmann::json facet_values_json(const FacetCounts& counts);
nlohmann::json index_info_json(const IndexInfo& info);
/// The text of a document; invalid UTF-8 (only a foreign index could hold it) is replaced
/// rather than thrown on in the middle of a response.
std::string json_text(const nlohmann::json& document, int indent = -1);

/// `{"error": {"code", "message"}}`
nlohmann::json error_json(const std::string& code, const std::string& message);

}  // namespace hotsearch
