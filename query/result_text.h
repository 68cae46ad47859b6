#pragma once
// Terminal rendering of a SearchResult for the `hotsearch` CLI.

#include <string>

#include "query/search_result.h"

namespace hotsearch {

enum class TextStyle { Plain, Terminal };  ///< Terminal: bold highlights, dim metadata

/// Ranked results (title, URL, type, date, snippet), then the total and any correction.
std::string render_results(const SearchResult& result, TextStyle style);

/// Facet counts, one facet per block.
std::string render_facets(const SearchResult& result, TextStyle style);

/// A snippet's `<mark>` as bold (or nothing), entities decoded: text for a terminal.
std::string snippet_to_text(const std::string& snippet, TextStyle style);

}  // namespace hotsearch
