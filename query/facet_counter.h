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

class FacetCounter : public Xapian::MatchSpy {
 public:
  /// `table` must outlive the counter and belong to the database being searched.
  explicit FacetCounter(const FacetTable& table);

  void operator()(const Xapian::Document& doc, double weight) override;

  /// Forgets every count (before counting a second match with the same spy).
  void reset();

  /// Counts of one facet, most frequent first, then by value; at most `limit` values (0: all).
  FacetCounts counts(const schema::Facet& facet, std::size_t limit = 0) const;

 private:
  const FacetTable& table_;
  std::vector<std::uint32_t> counts_;  ///< per value id
};

/// Every value of one facet with the number of pages that have it (no match needed).
FacetCounts all_facet_values(const FacetTable& table, const schema::Facet& facet);

}  // namespace hotsearch
