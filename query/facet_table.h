#pragma once
// FacetTable: every page's facet values, read once per index revision into memory, so counting
// facets over a match is a few array increments per page instead of nine value-slot reads
// (those reads were most of a search's time: docs/benchmarks.md).

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/schema.h"

namespace hotsearch {

class FacetTable {
 public:
  /// Reads every facet slot of `db` (one pass over each slot's value stream).
  explicit FacetTable(const Xapian::Database& db);

  using ValueId = std::uint32_t;
  struct Value {
    std::size_t facet;    ///< index in schema::facets()
    std::string display;  ///< the first spelling met, in docid order
  };

  /// Docids below this are the table's (docid 0 is never a page's).
  Xapian::docid docid_limit() const { return static_cast<Xapian::docid>(offsets_.size() - 1); }

  /// The values of one page (ids into value()), empty for a docid the table does not know.
  std::pair<const ValueId*, const ValueId*> values_of(Xapian::docid docid) const {
    if (docid >= docid_limit()) return {nullptr, nullptr};
    return {ids_.data() + offsets_[docid], ids_.data() + offsets_[docid + 1]};
  }
  const Value& value(ValueId id) const { return values_[id]; }
  std::size_t value_count() const { return values_.size(); }
  /// The ids of one facet's values.
  const std::vector<ValueId>& values_of_facet(std::size_t facet) const { return by_facet_[facet]; }
  /// Per value id, the number of pages that have it: the counts of a match of every page.
  const std::vector<std::uint32_t>& pages_per_value() const { return pages_per_value_; }

  /// Bytes held, for tests and /metrics-style reporting.
  std::size_t memory_bytes() const;

 private:
  std::vector<Value> values_;
  std::vector<std::vector<ValueId>> by_facet_;  ///< per facet: its value ids
  std::vector<std::uint32_t> offsets_;          ///< docid -> first index in ids_ (CSR)
  std::vector<ValueId> ids_;
  std::vector<std::uint32_t> pages_per_value_;
};

}  // namespace hotsearch
