#pragma once
// Terminal rendering of a SearchResult for the `hotsearch` CLI.

#include <string>
#include <string_view>

#include "query/search_result.h"

namespace hotsearch {

enum class TextStyle { Plain, Terminal };  ///< Terminal: bold highlights, dim metadata

/// Terminal styles only on a terminal that takes them: not when `NO_COLOR` is set to anything
/// but "" (no-color.org), nor on `TERM=dumb`. Arguments are getenv()'s (null when unset).
TextStyle terminal_style(bool is_terminal, const char* no_color, const char* term);

/// Ranked results (title, URL, type, date, snippet), then the total and any correction.
std::string render_results(const SearchResult& result, TextStyle style);

/// Facet counts, one facet per block.
std::string render_facets(const SearchResult& result, TextStyle style);

/// `text` with each control character (C0, DEL, C1, bidi overrides and isolates, line and
/// paragraph separators) as a space: a page's own escape sequences must not reach the
/// terminal (a title could clear the screen or retitle the window, or reorder the line).
std::string printable(std::string_view text);

/// A snippet's `<mark>` as bold (or nothing), entities decoded: text for a terminal.
std::string snippet_to_text(const std::string& snippet, TextStyle style);

}  // namespace hotsearch
