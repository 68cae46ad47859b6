#pragma once
// SearchResult: what a search found, ready to render as JSON (API, `--json`) or terminal text.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace hotsearch {

struct SearchHit {
  std::string id;
  std::string url;
  std::string title;
  std::string type;
  std::string date;  ///< `YYYY-MM-DD` or empty
  std::string lang;
  std::string snippet;  ///< HTML-escaped text; only `<mark>`...`</mark>` is markup
  std::vector<std::string> projects;
  std::vector<std::string> countries;
  double score = 0;  ///< relevance weight (0 when sorted by date without a query)
};

struct FacetCount {
  std::string value;  ///< display spelling
  std::size_t count = 0;
};

struct FacetCounts {
  std::string name;                ///< facet name (schema.h)
  std::vector<FacetCount> values;  ///< most frequent first, then by value
  std::size_t more = 0;            ///< values with pages that were left out of `values`
};

struct SearchResult {
  std::string query;
  std::size_t total = 0;  ///< exact number of matching pages
  std::size_t offset = 0;
  std::size_t limit = 10;
  double took_ms = 0;
  std::string corrected_query;            ///< empty when no correction was made
  bool answered_with_correction = false;  ///< results are for corrected_query
  bool matched_any_word = false;          ///< no page had every word; these have some of them
  /// No words to rank by (no query, excluded words alone, fields alone such as `type:posts`):
  /// the pages the filters select, listed by date.
  bool listed = false;
  /// When a few pages had every word and pages with some of the words follow them: how many
  /// had every word (the first ones). 0 otherwise.
  std::size_t all_words_total = 0;
  std::vector<std::string> warnings;  ///< e.g. syntax errors answered as plain words
  std::vector<SearchHit> hits;
  std::vector<FacetCounts> facets;  ///< every facet, in schema order (empty if not asked)
};

}  // namespace hotsearch
