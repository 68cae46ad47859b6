// Multi-valued facet counting over a match.
#include "query/facet_counter.h"

#include <algorithm>

namespace hotsearch {

FacetCounter::FacetCounter(std::vector<const schema::Facet*> facets) : facets_(std::move(facets)) {
  if (facets_.empty()) {
    for (const schema::Facet& f : schema::facets()) facets_.push_back(&f);
  }
  tallies_.resize(facets_.size());
}

void FacetCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  for (std::size_t i = 0; i < facets_.size(); ++i) {
    std::string encoded = doc.get_value(facets_[i]->slot);
    if (encoded.empty()) continue;
    for (schema::FacetValue& value : schema::decode_facet_values(encoded)) {
      Tally& tally = tallies_[i][value.key];
      if (tally.count++ == 0) tally.display = std::move(value.display);
    }
  }
}

void FacetCounter::reset() {
  for (auto& tally : tallies_) tally.clear();
}

FacetCounts FacetCounter::counts(const schema::Facet& facet, std::size_t limit) const {
  FacetCounts result;
  result.name = std::string(facet.name);
  for (std::size_t i = 0; i < facets_.size(); ++i) {
    if (facets_[i] != &facet) continue;
    for (const auto& [key, tally] : tallies_[i]) {
      result.values.push_back({tally.display, tally.count});
    }
  }
  std::sort(result.values.begin(), result.values.end(),
            [](const FacetCount& a, const FacetCount& b) {
              if (a.count != b.count) return a.count > b.count;
              return a.value < b.value;
            });
  if (limit && result.values.size() > limit) result.values.resize(limit);
  return result;
}

}  // namespace hotsearch
