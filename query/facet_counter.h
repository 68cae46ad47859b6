#pragma once
// FacetCounter: counts every facet's values over all matching documents. Xapian's
// ValueCountMatchSpy counts one value per slot; our pages have several projects, countries...,
// so each facet slot holds an encoded list (schema.h) that this spy decodes.

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "indexer/schema.h"
#include "query/search_result.h"

namespace hotsearch {

class FacetCounter : public Xapian::MatchSpy {
 public:
  /// Counts the given facets (all of them by default).
  explicit FacetCounter(std::vector<const schema::Facet*> facets = {});

  void operator()(const Xapian::Document& doc, double weight) override;

  /// Forgets every count (before counting a second match with the same spy).
  void reset();

  /// Counts of one facet, most frequent first, then by value; at most `limit` values (0: all).
  FacetCounts counts(const schema::Facet& facet, std::size_t limit = 0) const;

 private:
  struct Tally {
    std::size_t count = 0;
    std::string display;  ///< the first spelling seen
  };
  std::vector<const schema::Facet*> facets_;
  std::vector<std::map<std::string, Tally>> tallies_;  ///< parallel to facets_
};

}  // namespace hotsearch
