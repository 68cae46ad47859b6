// The most query-dense passage of a text, highlighted and HTML-safe.
#include "query/snippet.h"

#include <xapian.h>

#include <map>
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
/// the term generator.
std::vector<Word> split_words(const std::string& text) {
  std::vector<Word> words;
  Xapian::Utf8Iterator it(text), end;
  const char* base = text.data();
  bool in_word = false;
  Word current;
  for (; it != end; ++it) {
    unsigned ch = *it;
    std::size_t offset = static_cast<std::size_t>(it.raw() - base);
    bool word_char = Xapian::Unicode::is_wordchar(ch) || ch == '\'';
    if (word_char && !in_word) {
      current.begin = offset;
      in_word = true;
    } else if (!word_char && in_word) {
      current.end = offset;
      words.push_back(current);
      in_word = false;
    }
  }
  if (in_word) {
    current.end = text.size();
    words.push_back(current);
  }
  return words;
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
  Xapian::Stem stemmer(xapian_stemmer_name(lang));
  std::map<std::string, int> term_ids;
  for (Word& w : words) {
    std::string folded = fold(text.substr(w.begin, w.end - w.begin));
    // Apostrophes: "Map's" is indexed as "map's"; try the word and its stem.
    std::string key;
    if (terms.words.count(folded)) {
      key = folded;
    } else if (!terms.stems.empty()) {
      std::string stem = stemmer(folded);
      if (terms.stems.count(stem)) key = "Z" + stem;
    }
    if (!key.empty()) {
      auto inserted = term_ids.emplace(key, static_cast<int>(term_ids.size()));
      w.match = inserted.first->second;
    }
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
