#pragma once
// FacetCounter: counts every facet's values over all matching documents. Xapian's
// ValueCountMatchSpy counts one value per slot; our pages have several projects, countries...,
// so the counts come from a FacetTable (every page's value ids, in memory).

#include <xapian.h>

#include <cstdint>
#include <vector>

#include "indexer/schema.h"
#include "query/facet_table.h"
#include "query/search_result.h"

namespace hotsearch {

/// While Xapian matches, the counter only marks each matching page in a bitmap. The values are
/// counted once, when counts() is first asked: over the matching pages, or, when they are more
/// than half the index (a common word), as the table's totals less the pages that did not match.
/// Either way the same counts, for at most half the pages' values. One per search: not
/// thread-safe.
class FacetCounter : public Xapian::MatchSpy {
 public:
  /// `table` must outlive the counter and belong to the database being searched.
  explicit FacetCounter(const FacetTable& table);

  void operator()(const Xapian::Document& doc, double weight) override;

  /// Forgets every match (before counting a second match with the same spy).
  void reset();

  /// Counts of one facet, most frequent first, then by value; at most `limit` values (0: all).
  FacetCounts counts(const schema::Facet& facet, std::size_t limit = 0) const;

 private:
  /// Fills counts_ from the marked pages, once per match.
  void tally() const;

  const FacetTable& table_;
  std::vector<std::uint64_t> matched_;         ///< bit d: docid d matched
  mutable std::vector<std::uint32_t> counts_;  ///< per value id, once tallied
  mutable bool tallied_ = false;
};

/// Every value of one facet with the number of pages that have it (no match needed).
FacetCounts all_facet_values(const FacetTable& table, const schema::Facet& facet);

}  // namespace hotsearch
