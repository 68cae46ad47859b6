// Multi-valued facet counting over a match.
#include "query/facet_counter.h"

#include <algorithm>

namespace hotsearch {

namespace {

std::size_t facet_index(const schema::Facet& facet) {
  return static_cast<std::size_t>(&facet - schema::facets().data());
}

FacetCounts sorted_counts(const FacetTable& table, const schema::Facet& facet,
                          const std::vector<std::uint32_t>& counts, std::size_t limit) {
  FacetCounts result;
  result.name = std::string(facet.name);
  for (FacetTable::ValueId id : table.values_of_facet(facet_index(facet))) {
    if (counts[id] > 0) result.values.push_back({table.value(id).display, counts[id]});
  }
  std::sort(result.values.begin(), result.values.end(),
            [](const FacetCount& a, const FacetCount& b) {
              if (a.count != b.count) return a.count > b.count;
              return a.value < b.value;
            });
  if (limit && result.values.size() > limit) result.values.resize(limit);
  return result;
}

}  // namespace

FacetCounter::FacetCounter(const FacetTable& table)
    : table_(table), counts_(table.value_count(), 0) {}

void FacetCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  auto [first, last] = table_.values_of(doc.get_docid());
  for (auto it = first; it != last; ++it) ++counts_[*it];
}

void FacetCounter::reset() { std::fill(counts_.begin(), counts_.end(), 0); }

FacetCounts FacetCounter::counts(const schema::Facet& facet, std::size_t limit) const {
  return sorted_counts(table_, facet, counts_, limit);
}

FacetCounts all_facet_values(const FacetTable& table, const schema::Facet& facet) {
  std::vector<std::uint32_t> counts(table.value_count(), 0);
  for (Xapian::docid docid = 1;; ++docid) {
    auto [first, last] = table.values_of(docid);
    if (!first) break;
    for (auto it = first; it != last; ++it) ++counts[*it];
  }
  return sorted_counts(table, facet, counts, 0);
}

}  // namespace hotsearch
