// Reading every page's facet values into memory.
#include "query/facet_table.h"

#include <algorithm>

namespace hotsearch {

FacetTable::FacetTable(const Xapian::Database& db) {
  const auto& facets = schema::facets();
  by_facet_.resize(facets.size());
  Xapian::docid last = db.get_lastdocid();
  // Per page, per facet in order: the page's value ids. Gathered per slot, then laid flat.
  std::vector<std::vector<ValueId>> per_doc(static_cast<std::size_t>(last) + 1);
  for (std::size_t f = 0; f < facets.size(); ++f) {
    std::unordered_map<std::string, ValueId> ids;  // folded key -> id, for this facet
    for (auto it = db.valuestream_begin(facets[f].slot); it != db.valuestream_end(facets[f].slot);
         ++it) {
      Xapian::docid docid = it.get_docid();
      if (docid > last) continue;
      for (schema::FacetValue& value : schema::decode_facet_values(*it)) {
        auto [found, added] = ids.try_emplace(value.key, static_cast<ValueId>(values_.size()));
        if (added) {
          values_.push_back({f, std::move(value.display)});
          by_facet_[f].push_back(found->second);
        }
        std::vector<ValueId>& mine = per_doc[docid];
        // A page that lists a value twice counts once.
        if (std::find(mine.begin(), mine.end(), found->second) == mine.end()) {
          mine.push_back(found->second);
        }
      }
    }
  }
  offsets_.reserve(per_doc.size() + 1);
  std::size_t total = 0;
  for (const auto& mine : per_doc) total += mine.size();
  ids_.reserve(total);
  for (const auto& mine : per_doc) {
    offsets_.push_back(static_cast<std::uint32_t>(ids_.size()));
    ids_.insert(ids_.end(), mine.begin(), mine.end());
  }
  offsets_.push_back(static_cast<std::uint32_t>(ids_.size()));
  pages_per_value_.assign(values_.size(), 0);
  for (ValueId id : ids_) ++pages_per_value_[id];
}

std::size_t FacetTable::memory_bytes() const {
  std::size_t bytes =
      offsets_.capacity() * sizeof(std::uint32_t) + ids_.capacity() * sizeof(ValueId);
  for (const Value& v : values_) bytes += sizeof(Value) + v.display.capacity();
  for (const auto& f : by_facet_) bytes += f.capacity() * sizeof(ValueId);
  bytes += pages_per_value_.capacity() * sizeof(std::uint32_t);
  return bytes;
}

}  // namespace hotsearch
