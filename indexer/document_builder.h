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
/// The spelling dictionary's changes of one run: each word's number of pages. A page counts
/// its words once, from its own document, so an incremental run can take back exactly what a
/// replaced or deleted page added (Xapian never removes spelling entries by itself, and the
/// nightly job offered words no page had any more as corrections).
class SpellingCounts {
 public:
  /// Counts the page's words (its terms without a field prefix) once each: +1 for a page
  /// written, -1 for the version it replaces or a page deleted. Single letters and words of
  /// 64 bytes or more are left out (they help no correction).
  void count_page(const Xapian::Document& doc, int sign = +1);
  /// Adds another run's counts to these (the threads of a full build count apart).
  void merge(const SpellingCounts& other);
  /// Adds (or removes) every word once, with its count: Xapian's own per-occurrence updates
  /// cost as much as all the rest of indexing.
  void write_to(Xapian::WritableDatabase& db) const;
  std::size_t size() const { return counts_.size(); }

 private:
  std::unordered_map<std::string, long long> counts_;
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
