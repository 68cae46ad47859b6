#pragma once
// QueryBuilder: the query language (SPEC §2) -> Xapian::Query. Words are folded like the
// indexed text, parsed once, and each word stands for its stem in every language the index
// holds, each stem kept to that language's pages (so a French word finds French pages stemmed
// the French way); facet fields become boolean filters; a query with a syntax error is
// answered as plain words with a warning.

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "query/index_languages.h"
#include "query/known_terms.h"
#include "query/search_request.h"
#include "query/snippet.h"

namespace hotsearch {

/// Where a query's syntax went wrong, found before Xapian sees it.
struct SyntaxProblem {
  std::size_t column = 0;  ///< 1-based character column in the query
  std::string message;     ///< `unbalanced quote`, `unknown field "foo"`, ...
};

/// Finds the first syntax error of the query language in `query`, if any.
std::optional<SyntaxProblem> check_query_syntax(const std::string& query);

/// The query with words joined by punctuation (`pre-disaster`, `hai*ti`) taken apart; the
/// rest (operators, `-word`, phrases) as it is; a query with fields or ranges is left whole.
std::string unjoined_words(const std::string& query);

/// A reading of a query's words: which pages match, and how they rank.
struct WordsQuery {
  Xapian::Query matching;  ///< decides the pages: the exact total and the facet counts
  /// The same pages, with weight added for words in titles. Its extra parts match no page
  /// `matching` does not, so the searcher's one pass ranks and counts with it.
  Xapian::Query ranked;
  /// The words as a phrase, whose pages the searcher boosts (query/phrase_boost.h); empty
  /// when there is none to boost (one word, a syntax error).
  Xapian::Query phrase;
  bool empty() const { return matching.empty(); }
};

struct BuiltQuery {
  WordsQuery words;      ///< the words (match-all when there are none)
  Xapian::Query filter;  ///< facets and dates; empty when there are none
  std::vector<std::string> warnings;
  std::string parsed_text;    ///< the words parsed: the query, or its plain words after an error
  std::string corrected;      ///< spelling correction of words the index lacks, or empty
  std::string corrected_any;  ///< Xapian's correction of any word (used when nothing is found)
  bool has_words = false;     ///< false: list by filters only (and excluded words)
  /// A part no page can match left nothing to match (a reversed date range): the answer is
  /// no page, and no other reading (correction, any of the words) is tried.
  bool impossible = false;

  /// `query` kept to the pages the filter allows; `query` itself when there is no filter.
  /// Never a filter on the every-page term: Xapian would check each match against that
  /// posting list too (3% of a search's instructions at 10,000 pages, by callgrind).
  Xapian::Query filtered(const Xapian::Query& query) const {
    if (filter.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  }
};

class QueryBuilder {
 public:
  /// `languages`: those of the index's pages (their stemmers are used); `known`: the index's
  /// stems and exact titles (others are left out of queries); `limits`: caps. All must outlive
  /// the builder.
  QueryBuilder(const Xapian::Database& db, const IndexLanguages& languages, const KnownTerms& known,
               const RequestLimits& limits);

  /// `request` has passed check_request(), which Searcher::search runs before it opens the
  /// index (an unknown facet here is a std::logic_error).
  BuiltQuery build(const SearchRequest& request) const;

  /// Parses `text` alone (used again for a spelling correction).
  /// Plain words as a ranked query (parsed, then title matches boosted): for re-running a
  /// search with a spelling correction or with any of the words. Empty when that reading does
  /// not parse.
  WordsQuery words_query(const std::string& text, Xapian::Query::op default_op) const;

  /// What make_snippet() highlights for `query` (built from `text`): its words and stems, and
  /// the beginnings of a word still being typed or given with `*`. The same for every hit:
  /// asking Xapian which terms each hit matched read each hit's whole term list.
  SnippetTerms highlight_terms(const Xapian::Query& query, const std::string& text) const;

  /// Two or more plain words, nothing the query language reads as syntax (no operator, field,
  /// phrase, `+`/`-` or wildcard): a query whose pages with only some of the words are worth
  /// showing after the few that have them all.
  static bool is_several_plain_words(const std::string& text);

  /// Xapian's spelling correction of `text`, known words included; empty when none.
  std::string raw_correction(const std::string& text) const;

  /// `default_prefix` restricts unfielded words to one field (`S`: titles).
  Xapian::Query parse_words(const std::string& text, std::vector<std::string>& warnings,
                            std::string* corrected, Xapian::Query::op default_op,
                            const std::string& default_prefix = "",
                            std::string* corrected_any = nullptr) const;

 private:
  Xapian::Query build_filter(const SearchRequest& request) const;
  /// `matching` with optional extra weight for pages whose title has the words, or, when
  /// `exact`, is them; and, when `exact`, the words as a phrase to boost.
  WordsQuery boost_titles(const Xapian::Query& matching, const std::string& words,
                          bool exact) const;
  /// The words of a query typed with accents (`huracán`), by their folded form (`huracan`).
  using AccentedWords = std::map<std::string, std::string>;
  /// A parsed word as the SYNONYM of its stems in every language of the index whose pages have
  /// them; a word typed with accents also as its stems as written (indexer/accented_stems.h).
  Xapian::Query stems_of(const std::string& term, const AccentedWords& accented) const;
  /// The query with every plain word replaced by stems_of(word).
  Xapian::Query expand_stems(const Xapian::Query& query, const AccentedWords& accented) const;
  /// True when the (folded) token, without its sign and field name, is a term of the index as
  /// written (`o'hara`, `don't`: the index keeps a word's inner apostrophe).
  bool known_as_written(const std::string& token) const;
  /// A word the index lacks read as two it has (`missingmaps`: `missing maps`), the split
  /// whose rarer part is on the most pages; empty when there is none.
  std::string two_known_words(const std::string& token) const;
  /// A token of word parts joined by punctuation, some of which the index lacks, read as the
  /// one word they make together when the index has it (`hai*ti`, `hu-rricane`: `haiti`,
  /// `hurricane`), its sign and field name kept; empty when there is none.
  std::string joined_known_word(const std::string& token) const;
  /// True when the last of the (folded) tokens is a plain word the index lacks, or one or two
  /// letters: it is then taken as a word still being typed and also matches as a prefix.
  bool completes_last_word(const std::vector<std::string>& tokens) const;
  /// True when a word of the (folded) query is not a term of the index.
  bool has_unknown_word(const std::string& folded_query) const;
  /// `suggestion` with only the words of `query` the index lacks corrected (and, with
  /// `common_ones_too`, words on far fewer pages than their correction), and run-together
  /// words it does not correct split (two_known_words), split ones joined (joined_known_word);
  /// empty if nothing changed.
  std::string keep_known_words(const std::string& query, const std::string& suggestion,
                               bool common_ones_too) const;
  /// Whether token `i` of `tokens` (a folded query) should become `offered`.
  bool worth_correcting(const std::vector<std::string>& tokens, std::size_t i,
                        const std::string& offered, bool common_ones_too) const;

  const Xapian::Database& db_;
  const IndexLanguages& languages_;
  const KnownTerms& known_;
  RequestLimits limits_;
};

/// Throws UsageError for what is wrong with the request itself, whatever the index holds
/// (sizes, UTF-8, facet names, dates): said before the index is opened, so a bad flag is a
/// usage error even where there is no index.
void check_request(const SearchRequest& request, const RequestLimits& limits);

enum class DateEnd { First, Last };
/// A `since`/`until` bound as the day it stands for: `YYYY-MM-DD` itself, `YYYY-MM` and `YYYY`
/// their first or last day (`--until 2019` is the end of 2019). Throws UsageError naming
/// `what` for anything else.
std::string date_bound(const std::string& typed, DateEnd end, const std::string& what);
/// The request's `since` and `until` as days (date_bound), empty where not given.
std::pair<std::string, std::string> date_bounds(const SearchRequest& request);

}  // namespace hotsearch
