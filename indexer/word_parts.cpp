// Splitting compound names into their words.
#include "indexer/word_parts.h"

#include <algorithm>
#include <vector>

namespace hotsearch {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }

/// Split points of one ASCII word; empty when it is not a compound.
std::vector<std::size_t> split_points(std::string_view word) {
  std::vector<std::size_t> points;
  for (std::size_t i = 1; i < word.size(); ++i) {
    char before = word[i - 1];
    char here = word[i];
    bool lower_to_upper = is_lower(before) && is_upper(here);
    bool end_of_capitals = is_upper(before) && is_upper(here) && i + 1 < word.size() &&
                           is_lower(word[i + 1]) && i >= 2 && is_upper(word[i - 2]);
    bool letters_digits = (is_digit(before) != is_digit(here));
    if (lower_to_upper || end_of_capitals || letters_digits) points.push_back(i);
  }
  if (points.empty()) return points;
  // Digit splits only inside names (`Crowd2Map`), not in `COVID19`, `3D` or `H2H`: every part
  // made of letters must have at least two.
  std::size_t start = 0;
  bool has_digits = false;
  for (std::size_t k = 0; k <= points.size(); ++k) {
    std::size_t end = k < points.size() ? points[k] : word.size();
    std::string_view part = word.substr(start, end - start);
    if (is_digit(part[0])) {
      has_digits = true;
    } else if (part.size() < 2) {
      // A lone letter (`iPhone`, `eLearning`) is a prefix, not a word of its own.
      return {};
    }
    start = end;
  }
  if (has_digits && (is_digit(word.front()) || is_digit(word.back()))) return {};
  return points;
}

}  // namespace

std::string compound_word_parts(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_alnum(text[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && is_alnum(text[i])) ++i;
    // A word glued to non-ASCII letters (`Activación`) is not an ASCII compound.
    bool glued = (start > 0 && static_cast<unsigned char>(text[start - 1]) >= 0x80) ||
                 (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80);
    if (glued) continue;
    std::string_view word = text.substr(start, i - start);
    std::vector<std::size_t> points = split_points(word);
    if (points.empty()) continue;
    std::size_t from = 0;
    for (std::size_t point : points) {
      out.append(word.substr(from, point - from));
      out += ' ';
      from = point;
    }
    out.append(word.substr(from));
    out += '\n';
  }
  return out;
}

std::size_t elided_word_start(std::string_view word) {
  // French (`l'`, `d'`, `qu'`, `jusqu'`...), Catalan (`l'`, `d'`, `n'`, `s'`) and the common
  // Italian ones (`dell'`, `nell'`, `un'`...).
  static const std::string_view kElided[] = {
      "c",    "d",     "j",      "l",      "m",      "n",   "s",    "t",
      "qu",   "jusqu", "lorsqu", "puisqu", "quoiqu", "all", "dall", "dell",
      "nell", "sull",  "coll",   "quell",  "quest",  "un",  "sant"};
  for (std::size_t at = 1; at < word.size() && at <= 6; ++at) {
    bool ascii_apostrophe = word[at] == '\'';
    bool curly_apostrophe = word.compare(at, 3, "\xE2\x80\x99") == 0;  // U+2019
    if (!ascii_apostrophe && !curly_apostrophe) continue;
    std::size_t rest = at + (ascii_apostrophe ? 1 : 3);
    if (rest >= word.size()) return 0;
    std::string_view prefix = word.substr(0, at);
    for (std::string_view elided : kElided) {
      bool same = elided.size() == prefix.size() &&
                  std::equal(prefix.begin(), prefix.end(), elided.begin(), [](char a, char b) {
                    return (is_upper(a) ? static_cast<char>(a - 'A' + 'a') : a) == b;
                  });
      if (same) return rest;
    }
    return 0;
  }
  return 0;
}

std::string elided_words(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    // Words are runs of anything but ASCII spaces and punctuation other than the apostrophe:
    // enough to find the start of a word and its elision.
    auto separates = [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u < 0x80 && !is_alnum(c) && c != '\'';
    };
    while (i < text.size() && separates(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !separates(text[i])) ++i;
    std::string_view word = text.substr(start, i - start);
    if (std::size_t rest = elided_word_start(word)) {
      out += word.substr(rest);
      out += ' ';
    }
  }
  return out;
}

}  // namespace hotsearch
