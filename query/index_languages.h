#pragma once
// IndexLanguages: the languages of an index's pages, read once per revision: which have a
// stemmer, and how many pages each has. The query side stems a word once per language (the
// stem terms carry their language); a word of a language without a stemmer is kept to that
// language's pages, choosing the cheaper of the two exact ways.

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace hotsearch {

struct IndexLanguage {
  std::string code;            ///< ISO code, as in the `lang` facet
  Xapian::doccount pages = 0;  ///< pages of this language in the index
  /// Empty when Xapian has none (e.g. Swahili). It remembers the stems it has given, so it is
  /// not thread-safe: each Searcher (one per server thread) reads its own IndexLanguages.
  std::optional<Xapian::Stem> stemmer;
};

class IndexLanguages {
 public:
  /// Every language the index's pages have, English first; English alone for an empty index.
  static IndexLanguages read(const Xapian::Database& db);

  const std::vector<IndexLanguage>& all() const { return languages_; }

  /// `query` kept to the pages of the languages `codes` (some of all()). Every page has one
  /// language, so this is `query FILTER (those)` or, when the other languages have fewer pages,
  /// `query AND_NOT (the others)`, which is the same set and much cheaper for a site that is
  /// mostly in one language (the filter would read that language's whole posting list).
  Xapian::Query restrict_to(const Xapian::Query& query,
                            const std::vector<std::string>& codes) const;

 private:
  std::vector<IndexLanguage> languages_;
};

}  // namespace hotsearch
