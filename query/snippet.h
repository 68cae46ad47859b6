#pragma once
// Snippets: the most query-dense passage of a page's text, cut at whole words, HTML-escaped,
// with the matched words wrapped in <mark>…</mark>. Matching folds each word of the text the way
// the index does (case, accents, stemming in the page's language), while the words shown keep
// their original spelling.

#include <set>
#include <string>

namespace hotsearch {

/// The query's terms to highlight: plain words, `Z` stems, and the beginnings of words being
/// typed or given with a wildcard (`hai` of `hai`, `map` of `map*`).
struct SnippetTerms {
  std::set<std::string> words;     ///< folded, unprefixed
  std::set<std::string> stems;     ///< without the `Z`
  std::set<std::string> prefixes;  ///< folded
};

/// `lang` picks the stemmer; `max_chars` is the approximate length of the passage.
std::string make_snippet(const std::string& text, const SnippetTerms& terms,
                         const std::string& lang, std::size_t max_chars = 200);

/// HTML-escapes `&<>"'`.
std::string html_escape(const std::string& text);

}  // namespace hotsearch
