#pragma once
// Snippets: the most query-dense passage of a page's text, cut at whole words, HTML-escaped,
// with the matched words wrapped in <mark>…</mark>. Matching folds each word of the text the way
// the index does (case, accents, stemming in the page's language), while the words shown keep
// their original spelling.

#include <map>
#include <memory>
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

/// make_snippet() for the hits of one search: it remembers, per language, which words of the
/// pages match which term, so a word met again on the next hit is not folded, stemmed and
/// looked up again. `terms` must outlive it. Not thread-safe (one per search).
class SnippetMaker {
 public:
  explicit SnippetMaker(const SnippetTerms& terms);
  ~SnippetMaker();
  SnippetMaker(const SnippetMaker&) = delete;
  SnippetMaker& operator=(const SnippetMaker&) = delete;

  /// The same snippet as make_snippet(text, terms, lang, max_chars).
  std::string operator()(const std::string& text, const std::string& lang,
                         std::size_t max_chars = 200);

 private:
  struct Language;
  Language& language(const std::string& lang);

  const SnippetTerms& terms_;
  std::map<std::string, std::unique_ptr<Language>> languages_;  ///< by Xapian stemmer name
  std::map<std::string, int> term_ids_;  ///< the terms matched so far: `Z`+stem or word -> id
};

/// HTML-escapes `&<>"'`.
std::string html_escape(const std::string& text);

}  // namespace hotsearch
