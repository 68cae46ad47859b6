#pragma once
// Searcher: answers SearchRequests from one index. Not thread-safe (Xapian objects are not):
// give each thread its own Searcher. It opens the index lazily and notices new revisions.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "query/search_request.h"
#include "query/search_result.h"

namespace hotsearch {

/// One completion for search-as-you-type.
struct Suggestion {
  std::string text;  ///< the completed title or facet value
  std::string kind;  ///< `title` or a facet name
  std::string url;   ///< for titles: the page URL; else empty
};

/// What /healthz reports.
struct IndexInfo {
  std::size_t doc_count = 0;
  std::string revision;  ///< generation and Xapian revision, e.g. `3.17`
};

/// Completions offered for a prefix: the search box's list, and the CLI's --suggest.
constexpr std::size_t kSuggestions = 10;

class Searcher {
 public:
  explicit Searcher(std::filesystem::path db_path, RequestLimits limits = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  /// Runs a search. Throws UsageError for a bad request (bad date, limits), IndexUnavailable
  /// when the index is missing or unreadable. Syntax errors in the query are not errors: they
  /// become warnings and the query is answered as plain words.
  SearchResult search(const SearchRequest& request);

  /// Completions of `prefix` among titles and facet values.
  std::vector<Suggestion> suggest(const std::string& prefix, std::size_t limit = kSuggestions);

  /// Every value of one facet with its page count; throws UsageError for an unknown facet.
  FacetCounts facet_values(const std::string& facet_name);

  IndexInfo info();

  /// The revision a search would be answered from now (it follows the index to its newest):
  /// an opaque token that changes whenever what is searched changes, a full rebuild included.
  /// Cheap (what every search checks anyway): for keying cached answers.
  std::string revision();

  const RequestLimits& limits() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotsearch
