#pragma once
// Unicode helpers shared by the indexer and the query side, so that text is folded the same
// way when it is written and when it is searched.

#include <string>
#include <string_view>

namespace hotsearch {

/// Lower-cases, removes accents (NFD, drop combining marks, so `Activación` and a decomposed
/// `Activacio\u0301n` both give `activacion`), makes typographic apostrophes (U+2018, U+2019)
/// the ASCII one, trims and collapses inner whitespace.
/// Used for facet match keys and for the text given to the term generator.
std::string fold(std::string_view text);

/// Lower-cases and composes (NFC) `word`, keeping its accents: the form a stemmer's rules
/// are written for (`Huracán` -> `huracán`, whether its accent came composed or not).
std::string lower_keeping_accents(std::string_view word);

/// Trims and collapses runs of whitespace (including NBSP) to one space; keeps case and accents.
/// With `max_bytes`, stops once the result holds more than `max_bytes` bytes: the start of the
/// whole result, for a caller that reads no further (language detection).
std::string collapse_whitespace(std::string_view text,
                                std::size_t max_bytes = std::string_view::npos);

/// `text` cut to at most `max_bytes`, never inside a UTF-8 sequence.
std::string cut_at_char_boundary(std::string text, std::size_t max_bytes);

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view text);

/// Byte offset of the first invalid UTF-8 sequence, or std::string_view::npos.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace hotsearch
