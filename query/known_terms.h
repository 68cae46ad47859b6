#pragma once
// KnownTerms: which stem terms and exact titles one revision of an index has, in memory, so a
// query can leave out the terms it would look up in vain. A word is looked for as its stem in
// every language of the index, in the text and again in titles, and Xapian reads 3-4 blocks
// of the index for each term of a query, even one the index lacks (docs/benchmarks.md: most
// title stems of the other languages are such terms).

#include <xapian.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace hotsearch {

/// A Bloom filter of the index's stem and exact-title terms: about 2 bytes a term, two bit
/// tests a look-up. It never says a term is absent when the index has it; of the terms the
/// index lacks, a few (about 1.5%) are said to be there, and Xapian then looks them up as
/// before and finds no page.
class KnownTerms {
 public:
  /// Knows nothing: may_have() is true for every term.
  KnownTerms() = default;

  /// Reads every stem and exact-title term of `db` (one pass over their part of the term list).
  static KnownTerms read(const Xapian::Database& db);

  /// False only when the index surely lacks `term`. True for a term of another kind.
  bool may_have(std::string_view term) const;

  /// Bytes held.
  std::size_t memory_bytes() const { return bits_.capacity() * sizeof(std::uint64_t); }

 private:
  void add(std::uint64_t hash);

  std::vector<std::uint64_t> bits_;  ///< empty: knows nothing
  std::uint64_t mask_ = 0;           ///< bit count - 1 (a power of two)
};

}  // namespace hotsearch
