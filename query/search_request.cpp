// Parsing of request fields shared by the CLI and the HTTP API.
#include "query/search_request.h"

#include "indexer/error.h"

namespace hotsearch {

SortOrder parse_sort_order(const std::string& text) {
  if (text == "relevance") return SortOrder::Relevance;
  if (text == "newest") return SortOrder::Newest;
  if (text == "oldest") return SortOrder::Oldest;
  throw UsageError("sort must be relevance, newest or oldest (got \"" + text + "\")");
}

}  // namespace hotsearch
