// The stem and exact-title terms of one index revision, as sorted hashes.
#include "query/known_terms.h"

#include <algorithm>
#include <functional>

#include "indexer/schema.h"

namespace hotsearch {

namespace {

/// The kinds of term held: those a query builds from its words in every language, most of
/// which the index may lack. Words as typed, facets and ids stay with Xapian.
constexpr std::string_view kHeldPrefixes[] = {schema::kStemPrefix, schema::kExactTitlePrefix};

bool is_held(std::string_view term) {
  return std::any_of(
      std::begin(kHeldPrefixes), std::end(kHeldPrefixes),
      [&](std::string_view prefix) { return term.substr(0, prefix.size()) == prefix; });
}

std::uint64_t hash_of(std::string_view term) { return std::hash<std::string_view>()(term); }

}  // namespace

KnownTerms KnownTerms::read(const Xapian::Database& db) {
  KnownTerms known;
  known.read_ = true;
  for (std::string_view prefix : kHeldPrefixes) {
    std::string p(prefix);
    for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
      known.hashes_.push_back(hash_of(*it));
    }
  }
  std::sort(known.hashes_.begin(), known.hashes_.end());
  known.hashes_.shrink_to_fit();
  return known;
}

bool KnownTerms::may_have(std::string_view term) const {
  if (!read_ || !is_held(term)) return true;
  return std::binary_search(hashes_.begin(), hashes_.end(), hash_of(term));
}

}  // namespace hotsearch
