#pragma once
// SearchRequest: what a user asked, as the CLI and the HTTP API both build it.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace hotsearch {

enum class SortOrder { Relevance, Newest, Oldest };

/// `relevance`, `newest` or `oldest`; throws UsageError otherwise. Shared by the CLI and the API.
SortOrder parse_sort_order(const std::string& text);

struct SearchRequest {
  std::string query;  ///< the query-language string (may be empty: list by filters)
  /// Facet name (schema.h) -> accepted values: OR within one facet, AND across facets.
  std::map<std::string, std::vector<std::string>> filters;
  std::string since;  ///< `YYYY-MM-DD` or empty (inclusive)
  std::string until;  ///< `YYYY-MM-DD` or empty (inclusive)
  SortOrder sort = SortOrder::Relevance;
  std::size_t offset = 0;
  std::size_t limit = 10;
  bool with_facets = true;  ///< count facet values over the whole result set
};

/// Hard limits on requests; violating one is a UsageError (exit 2 / HTTP 400).
struct RequestLimits {
  std::size_t max_query_bytes = 1024;
  std::size_t max_query_terms = 64;
  std::size_t max_limit = 100;
  std::size_t max_window = 10000;      ///< offset + limit
  std::size_t max_filter_values = 50;  ///< values across all filters
  std::size_t max_filter_value_bytes = 200;
  unsigned max_wildcard_expansion = 500;  ///< words one `prefix*` may stand for
};

}  // namespace hotsearch
