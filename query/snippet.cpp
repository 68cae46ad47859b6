// The most query-dense passage of a text, highlighted and HTML-safe.
#include "query/snippet.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>
#include <vector>

#include "indexer/language.h"
#include "indexer/text_fold.h"

namespace hotsearch {

namespace {

struct Word {
  std::size_t begin = 0;  ///< byte offsets in the text
  std::size_t end = 0;
  int match = -1;  ///< index of the distinct query term matched, or -1
};

/// Splits text into words with Xapian's own idea of a word character, so snippets agree with
/// the term generator. ASCII is classified without decoding (most of the text, and this loop
/// runs over every byte of every hit's text).
std::vector<Word> split_words(const std::string& text) {
  std::vector<Word> words;
  words.reserve(text.size() / 6);
  bool in_word = false;
  Word current;
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char byte = static_cast<unsigned char>(text[i]);
    bool word_char;
    std::size_t length = 1;
    if (byte < 0x80) {
      word_char = std::isalnum(byte) || byte == '_' || byte == '\'';
    } else {
      Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
      word_char = Xapian::Unicode::is_wordchar(*it);
      ++it;
      length = it == Xapian::Utf8Iterator()
                   ? text.size() - i
                   : static_cast<std::size_t>(it.raw() - (text.data() + i));
    }
    if (word_char && !in_word) {
      current.begin = i;
      in_word = true;
    } else if (!word_char && in_word) {
      current.end = i;
      words.push_back(current);
      in_word = false;
    }
    i += length;
  }
  if (in_word) {
    current.end = text.size();
    words.push_back(current);
  }
  return words;
}

/// `word` folded as the index folds it; plain ASCII is only lower-cased (no ICU, no allocation
/// for short words).
void fold_word(std::string_view word, std::string& out) {
  bool ascii = std::all_of(word.begin(), word.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) {
    out = fold(word);
    return;
  }
  out.assign(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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
  for (char c : text) {
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
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string make_snippet(const std::string& text, const SnippetTerms& terms,
                         const std::string& lang, std::size_t max_chars) {
  std::vector<Word> words = split_words(text);
  if (words.empty()) return std::string();
  std::string stemmer_name = xapian_stemmer_name(lang);
  Xapian::Stem stemmer(stemmer_name);
  // Folding, hashing and stemming every word of a long page was most of a search's time. A
  // query word, a prefix, or a word whose stem is a query stem (suffix-stripping stemmers keep
  // the first letter) starts like one of them: other ASCII-initial words are passed over.
  // Indonesian strips prefixes too, so all its words are looked at. Each distinct word once.
  bool strips_prefixes = stemmer_name == "indonesian";
  bool can_start[256] = {};
  for (const auto* set : {&terms.words, &terms.stems, &terms.prefixes}) {
    for (const std::string& term : *set) {
      if (!term.empty()) can_start[static_cast<unsigned char>(term[0])] = true;
    }
  }
  std::map<std::string, int> term_ids;
  std::unordered_map<std::string, int> matches;  // folded word -> term id, or -1
  std::string folded;
  for (Word& w : words) {
    unsigned char first = static_cast<unsigned char>(text[w.begin]);
    if (first < 0x80 && !strips_prefixes && !can_start[std::tolower(first)]) continue;
    fold_word(std::string_view(text).substr(w.begin, w.end - w.begin), folded);
    auto known = matches.find(folded);
    if (known == matches.end()) {
      // Apostrophes: "Map's" is indexed as "map's"; try the word and its stem.
      std::string key;
      if (terms.words.count(folded)) {
        key = folded;
      } else if (starts_with_any(folded, terms.prefixes)) {
        key = folded;
      } else if (!terms.stems.empty() && !folded.empty()) {
        std::string stem = stemmer(folded);
        if (terms.stems.count(stem)) key = "Z" + stem;
      }
      int id = -1;
      if (!key.empty()) id = term_ids.emplace(key, static_cast<int>(term_ids.size())).first->second;
      known = matches.emplace(folded, id).first;
    }
    w.match = known->second;
  }

  // Slide a window of about max_chars over the words; score distinct terms first, then hits.
  std::size_t best_start = 0, best_end = 0;
  long best_score = -1;
  std::map<int, int> in_window;
  std::size_t right = 0;
  long hits = 0;
  for (std::size_t left = 0; left < words.size(); ++left) {
    while (right < words.size() && words[right].end - words[left].begin <= max_chars) {
      if (words[right].match >= 0) {
        ++in_window[words[right].match];
        ++hits;
      }
      ++right;
    }
    long score = static_cast<long>(in_window.size()) * 1000 + hits;
    // Prefer windows that start on a match's sentence rather than mid-way: ties go left.
    if (score > best_score) {
      best_score = score;
      best_start = left;
      best_end = right;
    }
    if (words[left].match >= 0) {
      if (--in_window[words[left].match] == 0) in_window.erase(words[left].match);
      --hits;
    }
    if (right == words.size() && best_score > 0 && in_window.empty()) break;
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

  std::string out;
  if (best_start > 0) out += "\u2026";
  std::size_t cursor = words[best_start].begin;
  for (std::size_t i = best_start; i < best_end; ++i) {
    const Word& w = words[i];
    std::string between = text.substr(cursor, w.begin - cursor);
    out += html_escape(collapse_whitespace(between).empty() && !between.empty() ? " " : between);
    std::string word = html_escape(text.substr(w.begin, w.end - w.begin));
    if (w.match >= 0) {
      out += "<mark>" + word + "</mark>";
    } else {
      out += word;
    }
    cursor = w.end;
  }
  if (best_end < words.size()) {
    out += "\u2026";
  } else {
    out += html_escape(text.substr(cursor));  // the closing punctuation of the text
  }
  return collapse_whitespace(out);
}

}  // namespace hotsearch
