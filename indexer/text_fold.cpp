// Unicode folding with ICU: the same fold for indexed text, facet keys and queries.
//
// The indexer folds every word of every page, so fold() works one code point at a time:
// ASCII (most of the site) never leaves the byte loop, and only the other code points go
// through ICU, each with its own small decomposition and case folding. That gives the same
// result as normalising the whole string to NFD, case folding it and dropping the marks,
// without converting whole pages to UTF-16 and back.
#include "indexer/text_fold.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace hotsearch {

namespace {

/// NFD decomposes accented letters (and leaves already decomposed ones alone), so dropping
/// the combining marks afterwards removes accents whichever way the text spelled them.
const icu::Normalizer2& nfd() {
  static const icu::Normalizer2* const normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || !instance) throw std::runtime_error("ICU: no NFD normalizer");
    return instance;
  }();
  return *normalizer;
}

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Unicode spaces (NBSP, thin space, ideographic space...) and the zero-width space, which
/// pasted documents use between words.
/// Per byte: ASCII that is not whitespace (what collapse_whitespace copies in runs).
struct PlainAscii {
  bool of[256] = {};
  constexpr PlainAscii() {
    for (int c = 0; c < 0x80; ++c) {
      of[c] = !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v');
    }
  }
};
constexpr PlainAscii kPlainAscii;

bool is_space(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x200B; }

/// Invisible characters that sit inside words (soft hyphen, joiners, byte order mark,
/// direction marks): dropped, so `co\u00ADoperate` matches `cooperate`.
bool is_invisible(UChar32 c) {
  return c == 0x00AD || c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F || c == 0x2060 ||
         c == 0xFEFF;
}

/// Accents: the combining marks of the alphabets that write them as optional diacritics
/// (the generic combining block, Latin, Greek, Cyrillic, and the vowel points of Arabic and
/// Hebrew). The vowel signs of Indic and other scripts are parts of their letters and stay,
/// so Nepali words still reach the Nepali stemmer whole.
bool is_mark(UChar32 c) {
  if (u_getCombiningClass(c) == 0 && (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK)) == 0) {
    return false;
  }
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  if (U_FAILURE(status)) return true;
  switch (script) {
    case USCRIPT_INHERITED:
    case USCRIPT_COMMON:
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARABIC:
    case USCRIPT_HEBREW:
      return true;
    default:
      return false;
  }
}

/// Appends the code point with its case folded (full folding: `ß` -> `ss`), marks dropped.
void append_folded(UChar32 c, std::string& out, bool& pending_space) {
  UChar source[2] = {0, 0};  // the second unit is copied below even when unused
  int32_t source_length = 0;
  U16_APPEND_UNSAFE(source, source_length, c);
  UChar folded[8];
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = u_strFoldCase(folded, 8, source, source_length, U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status)) {
    folded[0] = source[0];
    folded[1] = source[1];
    length = source_length;
  }
  for (int32_t i = 0; i < length;) {
    UChar32 f;
    U16_NEXT(folded, i, length, f);
    if (is_mark(f)) continue;  // folding can expose marks (U+0390 -> iota + marks)
    if (pending_space) out += ' ';
    pending_space = false;
    char bytes[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(bytes, n, f);
    out.append(bytes, static_cast<std::size_t>(n));
  }
}

/// Folds one non-ASCII code point.
void fold_code_point(UChar32 c, std::string& out, bool& pending_space) {
  if (is_space(c)) {
    pending_space = !out.empty();
    return;
  }
  if (is_invisible(c) || is_mark(c)) return;
  if (c == 0x2018 || c == 0x2019) {
    // Typographic apostrophes are the apostrophe, as in Xapian's term generator: `Côte d’Ivoire`
    // and `Côte d'Ivoire` are one facet value and one word.
    append_folded('\'', out, pending_space);
    return;
  }
  icu::UnicodeString decomposition;
  // Hangul syllables would decompose into their jamo: they have no accents to lose.
  bool hangul = c >= 0xAC00 && c <= 0xD7A3;
  if (hangul || !nfd().getDecomposition(c, decomposition)) {
    append_folded(c, out, pending_space);
    return;
  }
  for (int32_t i = 0; i < decomposition.length();) {
    UChar32 part = decomposition.char32At(i);
    i += U16_LENGTH(part);
    if (!is_mark(part)) append_folded(part, out, pending_space);
  }
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    unsigned char b = s[i];
    if (b < 0x80) {
      ++i;
      if (is_ascii_space(b)) {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out += ' ';
      pending_space = false;
      out += (b >= 'A' && b <= 'Z') ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b);
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;  // invalid UTF-8: callers validate; never let it reach a term
    fold_code_point(c, out, pending_space);
  }
  return out;
}

std::string lower_keeping_accents(std::string_view word) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* const nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  text.toLower(icu::Locale::getRoot());
  status = U_ZERO_ERROR;
  icu::UnicodeString composed = nfc ? nfc->normalize(text, status) : text;
  if (U_FAILURE(status)) composed = text;
  std::string out;
  composed.toUTF8String(out);
  return out;
}

std::string collapse_whitespace(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  bool pending_space = false;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length && out.size() <= max_bytes) {
    int32_t start = i;
    bool space;
    if (kPlainAscii.of[s[i]]) {
      // A run of ASCII that is not space is copied as one piece: byte by byte, appending was
      // most of the cost of a snippet's last step. The run stops where a byte at a time would.
      // A single space between two such bytes stays in the run: the byte loop keeps it too.
      auto plain = [&](int32_t at) { return kPlainAscii.of[s[at]]; };
      int32_t end = i + 1;
      while (end < length &&
             (plain(end) || (s[end] == ' ' && end + 1 < length && plain(end + 1)))) {
        ++end;
      }
      if (pending_space) out += ' ';
      pending_space = false;
      std::size_t take = static_cast<std::size_t>(end - i);
      if (max_bytes != std::string_view::npos) {
        // One byte always; then more while the result holds at most max_bytes.
        std::size_t room = out.size() + 1 > max_bytes ? 1 : max_bytes + 1 - out.size();
        take = std::min(take, room);
        // The byte loop writes a space only with the byte after it.
        if (s[i + static_cast<int32_t>(take) - 1] == ' ') ++take;
      }
      out.append(text.data() + i, take);
      i += static_cast<int32_t>(take);
      continue;
    }
    if (s[i] < 0x80) {
      space = is_ascii_space(s[i]);
      ++i;
    } else {
      UChar32 c;
      U8_NEXT(s, i, length, c);
      space = c >= 0 && is_space(c);
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(text.data() + start, static_cast<std::size_t>(i - start));
  }
  return out;
}

std::size_t first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    // U8_NEXT rejects overlongs, surrogates and values past U+10FFFF.
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) {
  return first_invalid_utf8(text) == std::string_view::npos;
}

std::string cut_at_char_boundary(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

}  // namespace hotsearch
