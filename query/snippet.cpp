// The most query-dense passage of a text, highlighted and HTML-safe.
#include "query/snippet.h"

#include <xapian.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "indexer/language.h"
#include "indexer/stem_cache.h"
#include "indexer/text_fold.h"
#include "indexer/word_parts.h"

namespace hotsearch {

namespace {

struct Word {
  std::size_t begin = 0;  ///< byte offsets in the text
  std::size_t end = 0;
  int match = -1;  ///< index of the distinct query term matched, or -1
};

/// Per byte: 1 for Xapian's word characters among ASCII (letters, digits, `_`) and the
/// apostrophe of `Map's`; 0 for other ASCII; 2 for bytes of characters outside ASCII, which are
/// classified one by one.
struct ByteClasses {
  std::uint8_t of[256] = {};
  constexpr ByteClasses() {
    for (int c = 0; c < 256; ++c) {
      bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '\'';
      of[c] = c >= 0x80 ? 2 : word ? 1 : 0;
    }
  }
};
constexpr ByteClasses kByteClasses;

#if defined(__SSE2__)
/// Sixteen bytes classified at once, as kByteClasses does one: bit j of `word` is set when
/// byte j is an ASCII word character, bit j of `outside` when it is not ASCII.
struct WordBits16 {
  unsigned word, outside;
};
WordBits16 ascii_word_bits16(const unsigned char* p) {
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // `x - low < count` as unsigned bytes: shift both sides by 0x80 and compare signed.
  auto in_range = [](__m128i x, char low, int count) {
    __m128i shifted = _mm_add_epi8(_mm_sub_epi8(x, _mm_set1_epi8(low)), _mm_set1_epi8(-128));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(-128 + count)));
  };
  __m128i letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);
  __m128i digit = in_range(v, '0', 10);
  __m128i other =
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('_')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
  __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), other);
  return {static_cast<unsigned>(_mm_movemask_epi8(word)),
          static_cast<unsigned>(_mm_movemask_epi8(v))};
}
#endif

/// Whether the word at `at` may begin with an elision (`d'Ivoire`, `l’eau`): an apostrophe
/// within its first seven bytes. Such a word is looked at whatever its first letter.
bool may_begin_with_elision(const unsigned char* data, std::size_t at, std::size_t size) {
  std::size_t end = std::min(size, at + 7);
  for (std::size_t i = at + 1; i < end; ++i) {
    if (data[i] == '\'' ||
        (data[i] == 0xE2 && i + 2 < size && data[i + 1] == 0x80 && data[i + 2] == 0x99)) {
      return true;
    }
  }
  return false;
}

/// Splits text into words with Xapian's own idea of a word character, so snippets agree with
/// the term generator. This runs over every byte of every hit's text, so it avoids a branch per
/// byte: one bit per byte says "word character" (ASCII by a table, other characters decoded),
/// and the words' edges are found 64 bytes at a time from where the bits change.
/// The words whose first byte has `look_at` set are listed in `candidates` (their indices, in
/// order), so that only they are walked again to be matched.
std::vector<Word> split_words(const std::string& text, const bool (&look_at)[256],
                              std::vector<std::size_t>& candidates) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::vector<std::uint64_t> bits((size + 63) / 64, 0);
  std::vector<std::size_t> outside_ascii;  // blocks with a byte of a character outside ASCII
  for (std::size_t block = 0; block < bits.size(); ++block) {
    std::size_t first = block * 64, n = std::min<std::size_t>(64, size - first);
    std::uint64_t mask = 0;
    bool any_outside = false;
    std::size_t j = 0;
#if defined(__SSE2__)
    for (; j + 16 <= n; j += 16) {
      WordBits16 b = ascii_word_bits16(data + first + j);
      mask |= static_cast<std::uint64_t>(b.word) << j;
      any_outside |= b.outside != 0;
    }
#endif
    for (; j < n; ++j) {
      std::uint8_t c = kByteClasses.of[data[first + j]];
      mask |= static_cast<std::uint64_t>(c & 1) << j;
      any_outside |= (c & 2) != 0;
    }
    bits[block] = mask;
    if (any_outside) outside_ascii.push_back(block);
  }
  // Characters outside ASCII, decoded from the blocks that hold them; `next` is where the last
  // one ended (it may have run into the next block).
  std::size_t next = 0;
  for (std::size_t block : outside_ascii) {
    std::size_t end_of_block = std::min(size, block * 64 + 64);
    for (std::size_t i = std::max(next, block * 64); i < end_of_block;) {
      if (data[i] < 0x80) {
        ++i;
        continue;
      }
      // The length from the lead byte (stored text is valid UTF-8; a stray byte counts alone).
      unsigned char lead = data[i];
      std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      std::size_t end = std::min(size, i + length);
      bool word = Xapian::Unicode::is_wordchar(*Xapian::Utf8Iterator(text.data() + i, end - i));
      if (word) {
        for (std::size_t j = i; j < end; ++j) bits[j / 64] |= std::uint64_t{1} << (j % 64);
      }
      i = end;
      next = end;
    }
  }
  std::vector<Word> words;
  words.reserve(size / 6);
  std::uint64_t before = 0;  // the bit of the byte before the block
  for (std::size_t block = 0; block < bits.size(); ++block) {
    std::uint64_t mask = bits[block];
    std::uint64_t shifted = mask << 1 | before;  // bit j: byte j - 1 is a word character
    std::uint64_t begins = mask & ~shifted, ends = ~mask & shifted;
    std::size_t n = std::min<std::size_t>(64, size - block * 64);
    if (n < 64) ends &= (std::uint64_t{1} << n) - 1;
    // Beginnings and ends alternate, so each is walked on its own (no test per edge): the
    // first end closes the word left open by the block before, if any, the others close the
    // words begun here, in order.
    std::size_t base = block * 64;
    std::size_t closing = words.size() - before;
    while (begins) {
      std::size_t at = base + static_cast<std::size_t>(__builtin_ctzll(begins));
      if (look_at[data[at]] || may_begin_with_elision(data, at, size)) {
        candidates.push_back(words.size());
      }
      words.push_back({at, size, -1});
      begins &= begins - 1;
    }
    while (ends) {
      words[closing++].end = base + static_cast<std::size_t>(__builtin_ctzll(ends));
      ends &= ends - 1;
    }
    before = mask >> 63;
  }
  return words;
}

/// The first one or two bytes of a folded ASCII word, as one number: what the quick test
/// below compares. 0 when they are not both ASCII (such words are always looked at).
std::uint16_t ascii_head(std::string_view word) {
  auto lower = [](unsigned char c) -> std::uint16_t {
    return c >= 'A' && c <= 'Z' ? static_cast<std::uint16_t>(c - 'A' + 'a') : c;
  };
  if (word.empty() || static_cast<unsigned char>(word[0]) >= 0x80) return 0;
  std::uint16_t head = lower(static_cast<unsigned char>(word[0]));
  if (word.size() == 1) return head;
  if (static_cast<unsigned char>(word[1]) >= 0x80) return 0;
  return static_cast<std::uint16_t>(head << 8 | lower(static_cast<unsigned char>(word[1])));
}

/// `word` folded as the index folds it; plain ASCII is only lower-cased (no ICU, no allocation
/// for short words).
void fold_word(std::string_view word, std::string& out) {
  out.resize(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    auto c = static_cast<unsigned char>(word[i]);
    if (c >= 0x80) {
      out = fold(word);
      return;
    }
    // Lower-cased here rather than by std::tolower: a call per byte was a tenth of folding.
    out[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
}

// Words a snippet stemmer remembers, per language and thread: a search server's pages, not
// a whole indexing run, so less than the indexer's bound (a few MB a thread at most).
constexpr std::size_t kSnippetCachedWords = 20000;

/// This thread's stemmer for `stemmer_name`, remembering the stems of the words it has met:
/// the same words come back hit after hit and search after search, and stemming each anew
/// was the largest part of a snippet. Per thread because searches run on several at once.
Xapian::Stem& thread_stemmer(const std::string& stemmer_name) {
  thread_local std::unordered_map<std::string, Xapian::Stem> by_name;
  auto it = by_name.find(stemmer_name);
  if (it == by_name.end()) {
    it = by_name.emplace(stemmer_name, cached_stemmer(stemmer_name, kSnippetCachedWords)).first;
  }
  return it->second;
}

/// Appends `text` HTML-escaped (`&<>"'`) to `out`.
void append_escaped(std::string_view text, std::string& out) {
  // Runs of characters that need no escaping are appended as one piece (a snippet is mostly
  // such runs); appending a byte at a time was most of the cost of building the output.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:  // the apostrophe
        out += "&#39;";
    }
  }
  out.append(text.data() + run, text.size() - run);
}

bool starts_with_any(const std::string& word, const std::set<std::string>& prefixes) {
  for (const std::string& prefix : prefixes) {
    if (word.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_escaped(text, out);
  return out;
}

/// One language's part of a SnippetMaker: the quick tests of a word's first letters, and the
/// words already looked at.
struct SnippetMaker::Language {
  Xapian::Stem* stem_of = nullptr;
  // Indonesian strips prefixes too, so all its words are looked at.
  bool strips_prefixes = false;
  bool all_heads_ascii = false;
  std::vector<std::uint16_t> heads;  // of the terms: two letters, or one for one-letter terms
  // Most words fail on their first letter: one table look-up.
  bool first_letter_ok[128] = {};
  // By first byte, while the text is split: words outside ASCII are always looked at.
  bool look_at[256] = {};
  // Folded word -> the id of the term it matches, or -1. Kept for the whole search: its hits
  // repeat words, and each look-up here saves a stem and a look-up in the stemmer's cache.
  std::unordered_map<std::string, int> matches;

  /// The candidates' first byte has passed already; this looks at their first two letters.
  bool may_match(std::string_view word) const {
    if (strips_prefixes || !all_heads_ascii) return true;
    std::uint16_t head = ascii_head(word);
    if (head == 0) return true;  // begins with a letter outside ASCII: look at it
    std::uint16_t first = head > 0xFF ? static_cast<std::uint16_t>(head >> 8) : head;
    if (!first_letter_ok[first]) return false;
    for (std::uint16_t h : heads) {
      if (h == head || h == first) return true;
    }
    return false;
  }
};

SnippetMaker::SnippetMaker(const SnippetTerms& terms) : terms_(terms) {}
SnippetMaker::~SnippetMaker() = default;

SnippetMaker::Language& SnippetMaker::language(const std::string& lang) {
  std::string stemmer_name = xapian_stemmer_name(lang);
  std::unique_ptr<Language>& slot = languages_[stemmer_name];
  if (slot) return *slot;
  slot = std::make_unique<Language>();
  Language& l = *slot;
  l.stem_of = &thread_stemmer(stemmer_name);
  // Folding, hashing and stemming every word of a long page was most of a search's time: words
  // that cannot match are passed over by their first letters, and each distinct word is looked
  // up once.
  l.strips_prefixes = stemmer_name == "indonesian";
  // A word can match only when it begins with the first two letters of a query word, a prefix
  // or a stem (one letter for one-letter terms): the other languages' Snowball stemmers only
  // change a word's end, and text is folded before it is stemmed.
  // Short stems keep one letter: English's exceptions (`dying` -> `die`) change the second.
  for (const auto* set : {&terms_.words, &terms_.stems, &terms_.prefixes}) {
    for (const std::string& term : *set) {
      bool short_stem = set == &terms_.stems && term.size() <= 3;
      std::uint16_t head = ascii_head(short_stem ? std::string_view(term).substr(0, 1) : term);
      if (head != 0) l.heads.push_back(head);
    }
  }
  l.all_heads_ascii =
      l.heads.size() == terms_.words.size() + terms_.stems.size() + terms_.prefixes.size();
  for (std::uint16_t h : l.heads) l.first_letter_ok[h > 0xFF ? h >> 8 : h] = true;
  bool look_at_all = l.strips_prefixes || !l.all_heads_ascii;
  std::fill(l.look_at, l.look_at + 0x80, look_at_all);
  std::fill(l.look_at + 0x80, l.look_at + 256, true);
  for (std::uint16_t h : l.heads) {
    auto first = static_cast<unsigned char>(h > 0xFF ? h >> 8 : h);
    l.look_at[first] = true;
    if (first >= 'a' && first <= 'z') l.look_at[first - 'a' + 'A'] = true;
  }
  return l;
}

std::string make_snippet(const std::string& text, const SnippetTerms& terms,
                         const std::string& lang, std::size_t max_chars) {
  return SnippetMaker(terms)(text, lang, max_chars);
}

std::string SnippetMaker::operator()(const std::string& text, const std::string& lang,
                                     std::size_t max_chars) {
  Language& l = language(lang);
  const SnippetTerms& terms = terms_;
  std::vector<std::size_t> candidates;
  candidates.reserve(text.size() / 16 + 16);  // growing it step by step showed in profiles
  std::vector<Word> words = split_words(text, l.look_at, candidates);
  if (words.empty()) return std::string();
  // Term ids are the search's (term_ids_), so that a word's id can be remembered across hits.
  std::string folded;
  std::vector<std::size_t> matched;  // indices of the words that match, in order
  // The id of the search's term that `word` matches, or -1.
  auto match_of = [&](std::string_view word) {
    if (!l.may_match(word)) return -1;
    fold_word(word, folded);
    auto known = l.matches.find(folded);
    if (known == l.matches.end()) {
      // Apostrophes: "Map's" is indexed as "map's"; try the word and its stem.
      std::string key;
      if (terms.words.count(folded) || starts_with_any(folded, terms.prefixes)) {
        key = folded;
      } else if (!terms.stems.empty() && !folded.empty()) {
        std::string stem = (*l.stem_of)(folded);
        if (terms.stems.count(stem)) key = "Z" + stem;
      }
      int id = -1;
      if (!key.empty()) {
        id = term_ids_.emplace(key, static_cast<int>(term_ids_.size())).first->second;
      }
      known = l.matches.emplace(folded, id).first;
    }
    return known->second;
  };
  for (std::size_t i : candidates) {
    Word& w = words[i];
    std::string_view word = std::string_view(text).substr(w.begin, w.end - w.begin);
    w.match = match_of(word);
    // `d'Ivoire` is also `Ivoire`, as the index has it (elided_words()).
    if (std::size_t after = w.match < 0 ? elided_word_start(word) : 0) {
      w.match = match_of(word.substr(after));
    }
    if (w.match >= 0) matched.push_back(i);
  }

  // The window of about max_chars with the most distinct terms, then the most of them side by
  // side (`open data` as written, not `open` here and `data` there: a phrase query's pages
  // have it), then the most hits; of equal windows the first, started as early as it can be
  // while holding the same matches (so a match is read after the words that lead to it). Only
  // windows that begin at a match can be best, so the search walks the matches, not every word.
  auto reach = [&](std::size_t from, std::size_t right) {
    while (right < words.size() && words[right].end - words[from].begin <= max_chars) ++right;
    return right;
  };
  std::size_t best_start = 0, best_end = 0;
  if (matched.empty()) {
    best_end = reach(0, 0);
  } else {
    std::vector<int> in_window(term_ids_.size(), 0);
    // joined[m]: matched[m] comes right after a word that matches another term.
    std::vector<bool> joined(matched.size(), false);
    for (std::size_t m = 1; m < matched.size(); ++m) {
      joined[m] = matched[m - 1] + 1 == matched[m] &&
                  words[matched[m - 1]].match != words[matched[m]].match;
    }
    long distinct = 0, side_by_side = 0, hits = 0, best_score = -1;
    std::size_t best_first = 0, best_last = 0;  // positions in `matched`
    std::size_t right = 0;
    for (std::size_t first = 0; first < matched.size(); ++first) {
      // The first match always counts, even a word longer than the window on its own.
      while (right < matched.size() &&
             (right == first ||
              words[matched[right]].end - words[matched[first]].begin <= max_chars)) {
        if (in_window[words[matched[right]].match]++ == 0) ++distinct;
        if (right > first && joined[right]) ++side_by_side;
        ++hits;
        ++right;
      }
      long score = (distinct * 1000 + side_by_side) * 1000 + hits;
      if (score > best_score) {
        best_score = score;
        best_first = first;
        best_last = right - 1;
      }
      if (--in_window[words[matched[first]].match] == 0) --distinct;
      if (first + 1 < right && joined[first + 1]) --side_by_side;
      --hits;
    }
    // Back to the earliest word that still keeps the last match in the window, but not as far
    // as the match before (a window holding it scored less or was found first).
    std::size_t last_word = matched[best_last];
    std::size_t floor = best_first > 0 ? matched[best_first - 1] + 1 : 0;
    best_start = matched[best_first];
    while (best_start > floor && words[last_word].end - words[best_start - 1].begin <= max_chars) {
      --best_start;
    }
    best_end = reach(best_start, last_word + 1);
  }
  if (best_end <= best_start) best_end = std::min(words.size(), best_start + 1);

  // Start a couple of words before the first match so it is read in context.
  std::size_t first_match = best_start;
  while (first_match < best_end && words[first_match].match < 0) ++first_match;
  bool all_fits = best_start == 0 && best_end == words.size();
  if (!all_fits && first_match < best_end && first_match > best_start + 3) {
    std::size_t shift = first_match - best_start - 3;
    best_start += shift;
    while (best_end < words.size() && words[best_end].end - words[best_start].begin <= max_chars) {
      ++best_end;
    }
  }

  // Appended in place: a string per word for the pieces was a tenth of a snippet's time.
  std::string out;
  out.reserve(2 * max_chars);
  std::string_view all(text);
  if (best_start > 0) out += "\u2026";
  std::size_t cursor = words[best_start].begin;
  // Text from `pending` to `cursor` goes out as it is (escaped), as one piece: words joined by
  // one space, the common case, need nothing else, and escaping word by word cost more.
  std::size_t pending = cursor;
  auto flush = [&] {
    append_escaped(all.substr(pending, cursor - pending), out);
    pending = cursor;
  };
  for (std::size_t i = best_start; i < best_end; ++i) {
    const Word& w = words[i];
    std::string_view between = all.substr(cursor, w.begin - cursor);
    if (between != " ") {
      flush();
      // Whitespace alone between two words becomes one space.
      bool only_space = !between.empty() && collapse_whitespace(between).empty();
      append_escaped(only_space ? std::string_view(" ") : between, out);
      pending = w.begin;
    }
    cursor = w.end;
    if (w.match >= 0) {
      cursor = w.begin;
      flush();
      out += "<mark>";
      append_escaped(all.substr(w.begin, w.end - w.begin), out);
      out += "</mark>";
      cursor = pending = w.end;
    }
  }
  flush();
  if (best_end < words.size()) {
    out += "\u2026";
  } else {
    append_escaped(all.substr(cursor), out);  // the closing punctuation of the text
  }
  return collapse_whitespace(out);
}

}  // namespace hotsearch
