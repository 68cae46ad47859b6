#pragma once
// Page -> Xapian::Document, following schema.h: weighted text fields, facet filter terms,
// value slots for dates and facet counts, and the stored data results are shown from.

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>

#include "indexer/page.h"
#include "indexer/stored_page.h"
#include "indexer/synonyms.h"

namespace hotsearch {

/// The words of the pages indexed in a run, with how often each was indexed: the run's
/// contribution to the spelling dictionary.
class SpellingCounts {
 public:
  /// Counts one occurrence; words Xapian would refuse as terms, or single letters, are left
  /// out (they help no correction).
  void count(const std::string& word);
  /// Adds another run's counts to these (the threads of a full build count apart).
  void merge(const SpellingCounts& other);
  /// Adds every word to the dictionary once, with its count: Xapian's own per-occurrence
  /// updates cost as much as all the rest of indexing.
  void write_to(Xapian::WritableDatabase& db) const;
  std::size_t size() const { return counts_.size(); }

 private:
  std::unordered_map<std::string, Xapian::termcount> counts_;
};

/// Builds documents; keeps one TermGenerator and its stemmers between pages. Not thread-safe:
/// each indexing thread has its own.
class DocumentBuilder {
 public:
  /// `synonyms` (may be null) expand each page's words; it must outlive the builder. With
  /// `spelling` (may be null), every word indexed is counted there.
  explicit DocumentBuilder(const Synonyms* synonyms = nullptr, SpellingCounts* spelling = nullptr);

  /// `file_stamp` is stored so the next incremental run can tell if the file changed.
  Xapian::Document build(const Page& page, const std::string& file_stamp);

 private:
  Xapian::TermGenerator generator_;
  Xapian::Stem stemmer_;
  std::string stemmer_lang_;
  std::map<std::string, Xapian::Stem> stemmers_;  ///< by language, each with its word cache
  const Synonyms* synonyms_;
  SpellingCounts* spelling_;
};

/// The snippet source text of a page: texts and body, capped.
std::string snippet_text(const Page& page);

}  // namespace hotsearch
