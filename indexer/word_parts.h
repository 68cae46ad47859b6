#pragma once
// Names written as one word (`OpenAerialMap`, `LearnOSM`, `Crowd2Map`) are searched as the
// words they are made of (`open aerial map`): the parts are indexed beside the whole word.

#include <string>
#include <string_view>

namespace hotsearch {

/// The parts of every compound word in `text`, one compound per line, its parts separated by
/// spaces (`We use OpenAerialMap and LearnOSM` -> "Open Aerial Map\nLearn OSM\n"); empty when
/// the text has none. A word splits where a lower-case letter meets an upper-case one
/// (`nA`), before the last capital of a capital run followed by lower case (`OSMData` ->
/// `OSM Data`), and around digits between letter runs (`Crowd2Map`). Case is read from the
/// text as written, so this runs before folding.
std::string compound_word_parts(std::string_view text);

/// Where the word after an elision begins in `word` (any case): `l'evacuation` and
/// `d’ivoire` give 2, `qu'il` 3, `dell'acqua` 5; 0 when `word` does not begin with one of the
/// French, Italian or Catalan elided articles, pronouns and prepositions. Xapian keeps the
/// apostrophe inside a word, so without this `ivoire` never finds `Côte d'Ivoire`.
std::size_t elided_word_start(std::string_view word);

/// The words of folded `text` that follow an elision (`la côte d'ivoire et l'evacuation` ->
/// "ivoire evacuation"), separated by spaces; empty when there are none. Indexed beside the
/// whole words, as compound_word_parts() are.
std::string elided_words(std::string_view text);

}  // namespace hotsearch
