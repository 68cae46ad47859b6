#pragma once
// Stems of words written with accents. Text is folded before it is indexed (`huracán` is
// `huracan`), but Snowball's rules read accents: Spanish stems `huracán` and `huracanes` to
// `huracan`, and the folded `huracan` to `hurac`, so stemming folded words parted a singular
// from its plural. The indexer adds the stem of each accented word as written (then folded)
// beside the folded word's stem, and the query side looks for both.

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace hotsearch {

/// The stem of `word` (as written, any case) read with its accents and then folded, when it
/// differs from the stem of the folded word; nullopt for a word without accents or letters
/// outside ASCII, or whose two stems agree.
std::optional<std::string> stem_as_written(const Xapian::Stem& stemmer, std::string_view word);

}  // namespace hotsearch
