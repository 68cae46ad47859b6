// The stem and exact-title terms of one index revision, as a Bloom filter.
#include "query/known_terms.h"

#include <algorithm>
#include <functional>

#include "indexer/schema.h"

namespace hotsearch {

namespace {

/// The kinds of term held: those a query builds from its words for every language, many of
/// which the index may lack. Words as typed, facets and ids are left to Xapian.
constexpr std::string_view kHeldPrefixes[] = {schema::kStemPrefix, schema::kExactTitlePrefix};

// 16 bits a term and two probes: about 1.5% of absent terms pass.
constexpr std::size_t kBitsPerTerm = 16;

bool is_held(std::string_view term) {
  return std::any_of(
      std::begin(kHeldPrefixes), std::end(kHeldPrefixes),
      [&](std::string_view prefix) { return term.substr(0, prefix.size()) == prefix; });
}

std::uint64_t hash_of(std::string_view term) { return std::hash<std::string_view>()(term); }

/// The two bit positions of a term's hash: its halves (double hashing).
std::pair<std::uint64_t, std::uint64_t> probes(std::uint64_t hash, std::uint64_t mask) {
  return {hash & mask, ((hash >> 32) | (hash << 32)) & mask};
}

}  // namespace

KnownTerms KnownTerms::read(const Xapian::Database& db) {
  // The hashes first (8 bytes a term, not a copy of each term: 100,000 pages have 130,000 such
  // terms), to size the filter.
  std::vector<std::uint64_t> hashes;
  for (std::string_view prefix : kHeldPrefixes) {
    std::string p(prefix);
    for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
      hashes.push_back(hash_of(*it));
    }
  }
  KnownTerms known;
  std::uint64_t bits = 64;
  while (bits < hashes.size() * kBitsPerTerm) bits *= 2;
  known.bits_.assign(bits / 64, 0);
  known.mask_ = bits - 1;
  for (std::uint64_t hash : hashes) known.add(hash);
  return known;
}

void KnownTerms::add(std::uint64_t hash) {
  auto [a, b] = probes(hash, mask_);
  bits_[a / 64] |= std::uint64_t{1} << (a % 64);
  bits_[b / 64] |= std::uint64_t{1} << (b % 64);
}

bool KnownTerms::may_have(std::string_view term) const {
  if (bits_.empty() || !is_held(term)) return true;
  auto [a, b] = probes(hash_of(term), mask_);
  return (bits_[a / 64] >> (a % 64) & 1) && (bits_[b / 64] >> (b % 64) & 1);
}

}  // namespace hotsearch
