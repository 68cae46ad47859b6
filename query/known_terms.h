#pragma once
// KnownTerms: which stem terms and exact titles one revision of an index has, in memory, so a
// query can leave out the terms it would look up in vain. A word is looked for as its stem in
// every language of the index, in the text and again in titles, and Xapian reads 3-4 blocks
// of the index for each term of a query, even one the index lacks (docs/benchmarks.md: most
// title stems of other languages are such terms).

#include <xapian.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace hotsearch {

class KnownTerms {
 public:
  /// Knows nothing: may_have() is true for every term.
  KnownTerms() = default;

  /// Reads every stem and exact-title term of `db` (one pass over their part of the term list).
  static KnownTerms read(const Xapian::Database& db);

  /// False only when the index surely lacks `term`. True for every term of another kind, and
  /// for the rare missing term whose 64-bit hash a present one shares (Xapian then finds no
  /// page, as it would have anyway).
  bool may_have(std::string_view term) const;

  /// Bytes held (8 a term).
  std::size_t memory_bytes() const { return hashes_.capacity() * sizeof(std::uint64_t); }

 private:
  bool read_ = false;
  std::vector<std::uint64_t> hashes_;  ///< sorted
};

}  // namespace hotsearch
