#pragma once
// Page -> Xapian::Document, following schema.h: weighted text fields, facet filter terms,
// value slots for dates and facet counts, and the stored data results are shown from.

#include <xapian.h>

#include <string>
#include <unordered_map>

#include "indexer/page.h"
#include "indexer/stored_page.h"
#include "indexer/synonyms.h"

namespace hotsearch {

/// Builds documents; keeps one TermGenerator and its stemmers between pages.
class DocumentBuilder {
 public:
  /// `synonyms` (may be null) expand each page's words; it must outlive the builder. With
  /// `spelling_db`, every word indexed is counted for the spelling dictionary, which
  /// add_spelling_words() writes at the end of a run.
  explicit DocumentBuilder(Xapian::WritableDatabase* spelling_db = nullptr,
                           const Synonyms* synonyms = nullptr);

  /// Adds the words counted so far to the spelling dictionary, each once with its count:
  /// Xapian's own per-occurrence updates cost as much as all the rest of indexing.
  void add_spelling_words();

  /// `file_stamp` is stored so the next incremental run can tell if the file changed.
  Xapian::Document build(const Page& page, const std::string& file_stamp);

 private:
  Xapian::TermGenerator generator_;
  Xapian::Stem stemmer_;
  std::string stemmer_lang_;
  const Synonyms* synonyms_;
  Xapian::WritableDatabase* spelling_db_;
  std::unordered_map<std::string, Xapian::termcount> spelling_counts_;
};

/// The snippet source text of a page: texts and body, capped.
std::string snippet_text(const Page& page);

}  // namespace hotsearch
