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
  if (limit && result.values.size() > limit) {
    result.more = result.values.size() - limit;
    result.values.resize(limit);
  }
  return result;
}

}  // namespace

FacetCounter::FacetCounter(const FacetTable& table)
    : table_(table), matched_((table.docid_limit() + 63) / 64, 0) {}

void FacetCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  Xapian::docid docid = doc.get_docid();
  if (docid >= table_.docid_limit()) return;  // a page the table lacks has no values
  matched_[docid / 64] |= std::uint64_t{1} << (docid % 64);
}

void FacetCounter::reset() {
  std::fill(matched_.begin(), matched_.end(), 0);
  tallied_ = false;
}

void FacetCounter::tally() const {
  if (tallied_) return;
  tallied_ = true;
  // Docids 1 .. limit - 1 are the table's pages (some may be deleted: they have no values).
  const std::size_t pages = table_.docid_limit() > 0 ? table_.docid_limit() - 1 : 0;
  std::size_t matched_pages = 0;
  for (std::uint64_t word : matched_) {
    matched_pages += static_cast<std::size_t>(__builtin_popcountll(word));
  }
  const bool most_matched = matched_pages * 2 > pages;
  // Walk the smaller side: the matches, adding their values; or the others, taking theirs off
  // every page's totals.
  if (most_matched) {
    counts_ = table_.pages_per_value();
  } else {
    counts_.assign(table_.value_count(), 0);
  }
  for (std::size_t w = 0; w < matched_.size(); ++w) {
    std::uint64_t bits = most_matched ? ~matched_[w] : matched_[w];
    if (w == 0) bits &= ~std::uint64_t{1};  // docid 0 is no page
    std::size_t past_last = table_.docid_limit() - w * 64;
    if (past_last < 64) bits &= (std::uint64_t{1} << past_last) - 1;
    while (bits) {
      auto docid =
          static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
      bits &= bits - 1;
      auto [first, last] = table_.values_of(docid);
      for (auto it = first; it != last; ++it) {
        if (most_matched) {
          --counts_[*it];
        } else {
          ++counts_[*it];
        }
      }
    }
  }
}

FacetCounts FacetCounter::counts(const schema::Facet& facet, std::size_t limit) const {
  tally();
  return sorted_counts(table_, facet, counts_, limit);
}

FacetCounts all_facet_values(const FacetTable& table, const schema::Facet& facet) {
  return sorted_counts(table, facet, table.pages_per_value(), 0);
}

}  // namespace hotsearch
