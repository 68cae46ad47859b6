// Stems of accented words as written: see accented_stems.h.
#include "indexer/accented_stems.h"

#include <algorithm>

#include "indexer/text_fold.h"

namespace hotsearch {

std::optional<std::string> stem_as_written(const Xapian::Stem& stemmer, std::string_view word) {
  bool ascii = std::all_of(word.begin(), word.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii || word.empty()) return std::nullopt;
  std::string as_written = fold(stemmer(lower_keeping_accents(word)));
  std::string folded = stemmer(fold(word));
  if (as_written.empty() || as_written == folded) return std::nullopt;
  return as_written;
}

}  // namespace hotsearch
