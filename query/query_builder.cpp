// The query language -> Xapian::Query.
#include "query/query_builder.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <regex>
#include <stdexcept>

#include "indexer/accented_stems.h"
#include "indexer/dates.h"
#include "indexer/error.h"
#include "indexer/language.h"
#include "indexer/schema.h"
#include "indexer/synonyms.h"
#include "indexer/text_fold.h"
#include "query/ranking.h"

namespace hotsearch {

namespace {

// Completions of a word still being typed (search as you type), most frequent first.
constexpr Xapian::termcount kMaxPartialExpansion = 50;
// The query language's parts Xapian reads (the search and its spelling correction alike).
constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD;
// A word the index has is corrected, when nothing is found, only to a word on at least this
// many times as many pages.
constexpr Xapian::doccount kCorrectKnownWordRatio = 10;
/// English function words a question is made of (`how can i volunteer`, `board of
/// directors`): left out of the words every page must have, since pages that say "how" and
/// "can" are not the better for it. Xapian keeps them in phrases, after `+`, and in a query
/// of nothing else (`the who`).
const Xapian::SimpleStopper& question_words() {
  static const char* const kWords[] = {
      "a",   "an",   "and",  "are",  "as",    "at",  "be",  "by",   "can", "do",   "does",
      "for", "from", "how",  "i",    "in",    "is",  "it",  "of",   "on",  "or",   "the",
      "to",  "we",   "what", "when", "where", "who", "why", "with", "you", "your", "our"};
  static const Xapian::SimpleStopper stopper(std::begin(kWords), std::end(kWords));
  return stopper;
}

/// A query that matches every page, made anew: Xapian::Query::MatchAll is one static object
/// whose reference count is not atomic, so copying it from several server threads at once
/// corrupts the heap (searcher_test reproduced it).
Xapian::Query match_all() { return Xapian::Query(std::string()); }

/// A text term split into its field prefix (empty for plain words, `S` titles, `XH` headers)
/// and its word; nothing for other terms (facets, languages, ids, the exact title).
struct TextTerm {
  std::string prefix, word;
};
std::optional<TextTerm> text_term(const std::string& term) {
  for (std::string_view p : {schema::kTitlePrefix, schema::kHeaderPrefix}) {
    if (term.size() > p.size() && term.compare(0, p.size(), p) == 0 &&
        !(term[p.size()] >= 'A' && term[p.size()] <= 'Z')) {
      return TextTerm{std::string(p), term.substr(p.size())};
    }
  }
  if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) return TextTerm{"", term};
  return std::nullopt;
}

/// Whether a parsed query has words to weigh (a word, a stem, a phrase or a wildcard) and not
/// only facet fields and date ranges: `type:posts` is a list of pages, newest first, like the
/// same filter given as a parameter. What AND_NOT takes away and FILTER keeps weighs nothing.
bool has_text(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      auto term = query.get_terms_begin();
      if (term == query.get_terms_end()) return false;
      return (*term).compare(0, schema::kStemPrefix.size(), schema::kStemPrefix) == 0 ||
             text_term(*term).has_value();
    }
    case Xapian::Query::OP_WILDCARD:
      return true;
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_FILTER:
      return query.get_num_subqueries() > 0 && has_text(query.get_subquery(0));
    default:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (has_text(query.get_subquery(i))) return true;
      }
      return false;
  }
}

const std::vector<std::string>& operator_words() {
  static const std::vector<std::string> words = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  return words;
}
bool is_operator(const std::string& token) {
  const auto& ops = operator_words();
  return std::find(ops.begin(), ops.end(), token) != ops.end();
}

/// Fields the query language knows: free-text fields and every facet.
bool is_known_field(const std::string& name) {
  return name == "title" || name == "header" || schema::find_facet(name) != nullptr;
}

/// A facet field (`project:"Missing Maps"`) is a boolean filter on the folded value.
class FacetFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit FacetFieldProcessor(const schema::Facet& facet) : facet_(facet) {}
  Xapian::Query operator()(const std::string& value) override {
    if (facet_.source == schema::FacetSource::Year) {
      if (std::optional<Xapian::Query> years = year_range(value)) return *years;
    }
    return Xapian::Query(schema::facet_term(facet_, value));
  }

 private:
  /// `year:2019..2021`, the date ranges' form with years: any of those years. Nothing else.
  std::optional<Xapian::Query> year_range(const std::string& value) const {
    static const std::regex form(R"(^([0-9]{4})\.\.([0-9]{4})$)");
    std::smatch m;
    if (!std::regex_match(value, m, form)) return std::nullopt;
    int first = std::stoi(m[1]);
    int last = std::stoi(m[2]);
    if (last - first > kMaxYearSpan) return std::nullopt;  // `0000..9999`: a term per year
    std::vector<Xapian::Query> years;
    for (int year = first; year <= last; ++year) {
      years.emplace_back(schema::facet_term(facet_, std::to_string(year)));
    }
    // From after to before (`2021..2019`) is no year: the query matches nothing, as a
    // reversed date range does.
    if (years.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end());
  }

  static constexpr int kMaxYearSpan = 1000;
  const schema::Facet& facet_;
};

/// Splits on whitespace, keeping quoted phrases' pieces as separate tokens.
std::vector<std::string> split_tokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

/// Folds every word like the indexed text (lower case, no accents) but keeps the upper-case
/// boolean operators the query language reads.
std::string fold_query(const std::string& query) {
  std::string folded;
  for (const std::string& token : split_tokens(query)) {
    if (!folded.empty()) folded += ' ';
    folded += is_operator(token) ? token : fold(token);
  }
  return folded;
}

/// The query reduced to plain words: what a query with a syntax error is answered as.
std::string plain_words(const std::string& query) {
  std::string plain;
  for (char c : query) {
    bool syntax = c == '"' || c == '(' || c == ')' || c == ':' || c == '+' || c == '*' ||
                  c == '-' || c == '.';
    plain += syntax ? ' ' : c;
  }
  std::string words;
  for (const std::string& token : split_tokens(plain)) {
    if (!words.empty()) words += ' ';
    words += is_operator(token) ? fold(token) : token;
  }
  return words;
}

std::size_t utf8_column(const std::string& text, std::size_t byte_offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

/// Top-level pieces of a query: split on whitespace outside quotes and brackets, so that
/// `-"missing maps"` and `NOT (a OR b)` are one piece each (with their offsets).
struct Piece {
  std::string text;
  std::size_t offset;
};
std::vector<Piece> top_level_pieces(const std::string& query) {
  std::vector<Piece> pieces;
  bool quoted = false, in_piece = false;
  int depth = 0;
  for (std::size_t i = 0; i < query.size(); ++i) {
    char c = query[i];
    if (std::isspace(static_cast<unsigned char>(c)) && !quoted && depth == 0) {
      in_piece = false;
      continue;
    }
    if (!in_piece) pieces.push_back({std::string(), i});
    in_piece = true;
    pieces.back().text += c;
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '(') ++depth;
    if (!quoted && c == ')' && depth > 0) --depth;
  }
  return pieces;
}

/// When every piece of `query` is excluded (`-flood`, `NOT flood`, `-"missing maps"`), the
/// excluded pieces without their signs; otherwise nothing. Xapian reads `-flood` alone as
/// `flood`, the opposite of what was asked.
std::optional<std::string> only_excluded(const std::string& query) {
  std::vector<Piece> pieces = top_level_pieces(query);
  std::string excluded;
  bool negate_next = false;
  for (const Piece& piece : pieces) {
    std::string rest;
    if (negate_next) {
      rest = piece.text;
      negate_next = false;
    } else if (piece.text == "NOT") {
      negate_next = true;
      continue;
    } else if (piece.text.size() > 1 && piece.text[0] == '-') {
      rest = piece.text.substr(1);
    } else {
      return std::nullopt;
    }
    excluded += (excluded.empty() ? "" : " ") + rest;
  }
  if (excluded.empty() || negate_next) return std::nullopt;
  return excluded;
}

bool is_date_shaped(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return c == '-' || std::isdigit(static_cast<unsigned char>(c));
         });
}

/// `YYYY-MM-DD` and a day of the calendar (the indexer's date reading decides which days are).
bool is_calendar_date(const std::string& s) { return is_date_shaped(s) && parse_date(s); }

/// Xapian's date ranges, except that a `YYYY-MM-DD` end that is no day of the calendar
/// (`2018-02-30`) matches nothing, as impossible_date_ranges() warns, rather than what Xapian
/// makes of it.
class CheckedDateRanges : public Xapian::DateRangeProcessor {
 public:
  using Xapian::DateRangeProcessor::DateRangeProcessor;
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    for (const std::string* date : {&begin, &end}) {
      if (is_date_shaped(*date) && !is_calendar_date(*date)) return Xapian::Query();
    }
    return Xapian::DateRangeProcessor::operator()(begin, end);
  }
};

/// The query's date ranges (`2018-01-01..2018-12-31`) that no page can match, as warnings:
/// Xapian answers a reversed range with nothing at all, silently.
std::vector<std::string> impossible_date_ranges(const std::string& query) {
  std::vector<std::string> warnings;
  for (const Piece& piece : top_level_pieces(query)) {
    std::size_t dots = piece.text.find("..");
    if (dots == std::string::npos) continue;
    std::string from = piece.text.substr(0, dots), to = piece.text.substr(dots + 2);
    std::string where = "date range at column " + std::to_string(utf8_column(query, piece.offset));
    bool dates = true;
    for (const std::string* end : {&from, &to}) {
      if (end->empty()) continue;
      if (!is_date_shaped(*end)) {
        dates = false;
        continue;
      }
      if (!is_calendar_date(*end)) {
        warnings.push_back(where + ": \"" + *end + "\" is not a date; no page matches it");
        dates = false;
      }
    }
    if (dates && !from.empty() && !to.empty() && from > to) {
      std::string warning = where;
      warning.append(": it ends (").append(to).append(") before it begins (").append(from);
      warnings.push_back(warning.append("); no page matches it"));
    }
  }
  return warnings;
}

/// Xapian's parser error as a syntax problem: its messages name no position, so the column
/// is that of the first date range for a range error, of the operator for an operator's.
SyntaxProblem parser_problem(const std::string& query, const std::string& message) {
  bool about_range = message.find("range") != std::string::npos;
  for (const Piece& piece : top_level_pieces(query)) {
    std::size_t column = utf8_column(query, piece.offset);
    if (about_range && piece.text.find("..") != std::string::npos) {
      return {column, "not a date range (expected YYYY-MM-DD..YYYY-MM-DD)"};
    }
    if (is_operator(piece.text) && message.find("> " + piece.text + " <") != std::string::npos) {
      return {column, piece.text + " needs words on both sides"};
    }
  }
  return {0, message};
}

/// `query` with its field names as the query language spells them: in any case (`Title:`,
/// `COUNTRY:`), and the facets' as the CLI's flags (`impact-area:`). Xapian's field names
/// are case-sensitive: it took `TITLE:haiti` for an unknown field, and the words it was
/// answered as for a misspelling (`time haiti`).
std::string with_field_names(const std::string& query) {
  std::string out;
  std::size_t at = 0;
  while (at < query.size()) {
    bool starts_word =
        at == 0 || std::string_view(" (+-\"").find(query[at - 1]) != std::string_view::npos;
    std::size_t end = at;
    while (end < query.size() && (std::isalpha(static_cast<unsigned char>(query[end])) ||
                                  query[end] == '_' || query[end] == '-')) {
      ++end;
    }
    if (starts_word && end > at && end < query.size() && query[end] == ':') {
      std::string name = query.substr(at, end - at);
      for (char& c : name) {
        c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      if (is_known_field(name)) {
        out += name;
        at = end;
        continue;
      }
    }
    std::size_t next = std::max(end, at + 1);
    out.append(query, at, next - at);
    at = next;
  }
  return out;
}

/// The query with a space between an operator and a bracket it touches (`haiti OR(nepal)`,
/// `(haiti)AND nepal`), outside phrases: Xapian reads `OR(` as the word `or`.
std::string operators_spaced(const std::string& query) {
  std::string out;
  bool in_phrase = false;
  std::size_t word_start = 0;  // in `out`: where the current run of letters began
  for (std::size_t i = 0; i < query.size(); ++i) {
    char c = query[i];
    if (c == '"') in_phrase = !in_phrase;
    if (!in_phrase && c == '(' && is_operator(out.substr(word_start))) out += ' ';
    out += c;
    if (!in_phrase && c == ')') {
      std::size_t end = i + 1;
      while (end < query.size() && std::isalpha(static_cast<unsigned char>(query[end]))) ++end;
      bool operator_next = (end == query.size() || query[end] == ' ' || query[end] == '(') &&
                           is_operator(query.substr(i + 1, end - i - 1));
      if (operator_next) out += ' ';
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) word_start = out.size();
  }
  return out;
}

/// A token's words as the index splits them (`covid-19` is `covid` and `19`), without the
/// query language's signs and field name.
std::vector<std::string> token_words(const std::string& token) {
  std::size_t colon = token.find(':');
  return split_words(token.substr(colon == std::string::npos ? 0 : colon + 1));
}

}  // namespace

bool QueryBuilder::completes_last_word(const std::vector<std::string>& tokens) const {
  if (tokens.empty()) return false;
  const std::string& last = tokens.back();
  bool plain_word = std::all_of(last.begin(), last.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) >= 0x80);
  });
  if (!plain_word) return false;
  // A fragment of one or two letters (`missing m`, `haiti co`) is most likely a word being
  // typed even where the index has it as a word (`m`, `co`): it matches as itself and as a
  // prefix. Digits stay exact (`covid 19`).
  bool short_fragment = last.size() <= 2 && std::all_of(last.begin(), last.end(), [](char c) {
                          return std::isalpha(static_cast<unsigned char>(c));
                        });
  return short_fragment || !db_.term_exists(last);
}

SnippetTerms QueryBuilder::highlight_terms(const Xapian::Query& query,
                                           const std::string& text) const {
  SnippetTerms terms;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string& term = *t;
    if (term.empty()) continue;
    if (term[0] == 'Z') {
      if (auto stem = text_term(term.substr(1))) {
        terms.stems.insert(std::string(schema::unmarked_stem(stem->word)));
      }
    } else if (auto word = text_term(term)) {
      terms.words.insert(word->word);
    }
  }
  std::vector<std::string> tokens = split_tokens(fold_query(text));
  for (const std::string& token : tokens) {
    if (token.size() > 1 && token.back() == '*') {
      std::string bare =
          token.substr(token.find(':') == std::string::npos ? 0 : token.find(':') + 1);
      bare.pop_back();
      if (!bare.empty()) terms.prefixes.insert(bare);
    }
  }
  if (completes_last_word(tokens)) terms.prefixes.insert(tokens.back());
  return terms;
}

bool QueryBuilder::is_several_plain_words(const std::string& text) {
  std::vector<std::string> tokens = split_tokens(text);
  if (tokens.size() < 2) return false;
  return std::all_of(tokens.begin(), tokens.end(), [](const std::string& token) {
    return !is_operator(token) && std::all_of(token.begin(), token.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
  });
}

bool QueryBuilder::has_unknown_word(const std::string& folded_query) const {
  for (const std::string& token : split_tokens(folded_query)) {
    if (is_operator(token) || known_as_written(token)) continue;
    for (const std::string& word : token_words(token)) {
      if (!db_.term_exists(word)) return true;
    }
  }
  return false;
}

std::string QueryBuilder::raw_correction(const std::string& text) const {
  // Fields, ranges and dates are not words to correct (`2018-12-31` would become `...312`).
  if (text.find(':') != std::string::npos || text.find("..") != std::string::npos ||
      std::any_of(text.begin(), text.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return {};
  }
  Xapian::QueryParser parser;
  parser.set_database(db_);
  // Parsed as the search parses it, so that operators stay operators (`NOT` is not `hot`).
  std::string folded = fold_query(text);
  parser.parse_query(folded, kParseFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
  return keep_known_words(folded, parser.get_corrected_query_string(), true);
}

bool QueryBuilder::worth_correcting(const std::vector<std::string>& tokens, std::size_t i,
                                    const std::string& offered, bool common_ones_too) const {
  const std::string& asked = tokens[i];
  if (is_operator(asked) || known_as_written(asked)) return false;
  std::vector<std::string> words = token_words(asked), offered_words = token_words(offered);
  if (words.empty() || offered_words.empty()) return false;
  // A last word still being typed is completed (`hai` finds `haiti`), not corrected.
  if (i + 1 == tokens.size() && completes_last_word(tokens) &&
      db_.allterms_begin(words.back()) != db_.allterms_end(words.back())) {
    return false;
  }
  // Most misspellings keep the first letter; a suggestion that changes it is another word
  // (`deforestation` was answered as the Spanish `reforestacion`, its opposite).
  if (words.front()[0] != offered_words.front()[0]) return false;
  // A suggestion the search already finds: in every language whose pages have the suggested
  // word's stem, the typed word has the same stem (`careers`: "did you mean career?" over the
  // pages that say "career"; `tanzanie` shares a French stem with `tanzania` but not the
  // English one, so the suggestion stays).
  if (words.size() == 1 && offered_words.size() == 1) {
    bool same_somewhere = false, new_somewhere = false;
    for (const IndexLanguage& language : languages_.all()) {
      if (!language.stemmer) continue;
      std::string offered_stem = (*language.stemmer)(offered_words.front());
      std::string mark = std::string(schema::kStemPrefix) + schema::stem_mark(language.code);
      if (!db_.term_exists(mark + offered_stem)) continue;
      bool same = (*language.stemmer)(words.front()) == offered_stem;
      same_somewhere |= same;
      new_somewhere |= !same;
    }
    if (same_somewhere && !new_somewhere) return false;
  }
  auto rarest = [this](const std::vector<std::string>& of) {
    Xapian::doccount least = db_.get_doccount();
    for (const std::string& word : of) least = std::min(least, db_.get_termfreq(word));
    return least;
  };
  Xapian::doccount asked_pages = rarest(words);
  if (asked_pages == 0) return true;
  // A word the index has is corrected only to one on many more pages (`manger`, a French word
  // on two pages, to `manager`): common words are what they are (`or` is not `for`).
  return common_ones_too && asked_pages * kCorrectKnownWordRatio <= rarest(offered_words);
}

std::string QueryBuilder::keep_known_words(const std::string& query, const std::string& suggestion,
                                           bool common_ones_too) const {
  // Xapian suggests a more frequent neighbour even for a word the index has (`maps` -> `map`);
  // only words the index lacks (and, when asked, rare ones) are corrected.
  std::vector<std::string> asked = split_tokens(query);
  std::vector<std::string> offered = suggestion.empty() ? asked : split_tokens(suggestion);
  if (asked.size() != offered.size()) return suggestion;
  bool changed = false;
  std::string kept;
  for (std::size_t i = 0; i < asked.size(); ++i) {
    std::string word = asked[i];
    if (std::string joined = joined_known_word(asked[i]); !joined.empty()) {
      // Before Xapian's word-by-word suggestion, which corrects each part apart (`has*it`).
      word = joined;
      changed = true;
    } else if (offered[i] != asked[i] && worth_correcting(asked, i, offered[i], common_ones_too)) {
      word = offered[i];
      changed = true;
    } else if (std::string parts = two_known_words(asked[i]); !parts.empty()) {
      word = parts;
      changed = true;
    }
    kept += (kept.empty() ? "" : " ") + word;
  }
  return changed ? kept : std::string();
}

bool QueryBuilder::known_as_written(const std::string& token) const {
  std::size_t start = token.find_first_not_of("+-");
  if (start == std::string::npos) return false;
  std::size_t colon = token.find(':', start);
  std::string word = token.substr(colon == std::string::npos ? start : colon + 1);
  return !word.empty() && db_.term_exists(word);
}

std::string QueryBuilder::two_known_words(const std::string& token) const {
  // Names written as one word in addresses and handles (missingmaps.org, @themissingmaps) are
  // typed that way. Only plain lower-case words: a part of two letters or less would split
  // too many misspellings into a word and a stray syllable.
  constexpr std::size_t kShortestPart = 3;
  bool plain = std::all_of(token.begin(), token.end(),
                           [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
  if (!plain || token.size() < 2 * kShortestPart || db_.term_exists(token)) return {};
  std::string best;
  Xapian::doccount best_pages = 0;
  for (std::size_t cut = kShortestPart; cut + kShortestPart <= token.size(); ++cut) {
    std::string first = token.substr(0, cut), second = token.substr(cut);
    Xapian::doccount pages = std::min(db_.get_termfreq(first), db_.get_termfreq(second));
    if (pages > best_pages) {
      best_pages = pages;
      best = first + " " + second;
    }
  }
  return best;
}

std::string QueryBuilder::joined_known_word(const std::string& token) const {
  if (known_as_written(token)) return {};
  std::size_t colon = token.find(':');
  std::size_t start = colon == std::string::npos ? token.find_first_not_of("+-") : colon + 1;
  if (start == std::string::npos) return {};
  std::vector<std::string> parts = split_words(token.substr(start));
  if (parts.size() < 2 || std::all_of(parts.begin(), parts.end(), [this](const std::string& part) {
        return db_.term_exists(part);
      })) {
    return {};
  }
  std::string joined;
  for (const std::string& part : parts) joined += part;
  return db_.term_exists(joined) ? token.substr(0, start) + joined : std::string();
}

std::string unjoined_words(const std::string& query) {
  auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  };
  // Fields and ranges are left whole (`2018-01-01..2018-12-31` is no set of words).
  if (query.find(':') != std::string::npos || query.find("..") != std::string::npos) return query;
  std::string out = query;
  bool in_phrase = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    char c = out[i];
    if (c == '"') in_phrase = !in_phrase;
    bool joins = c == '-' || c == '*' || c == '.' || c == '_' || c == '/' || c == '\'';
    if (!in_phrase && joins && i > 0 && i + 1 < out.size() && word_char(out[i - 1]) &&
        word_char(out[i + 1])) {
      out[i] = ' ';
    }
  }
  return out;
}

std::optional<SyntaxProblem> check_query_syntax(const std::string& query) {
  // Quotes first: inside a phrase nothing else is syntax.
  std::size_t open_quote = std::string::npos;
  std::vector<std::size_t> brackets;
  struct Token {
    std::string text;
    std::size_t offset;
  };
  std::vector<Token> tokens;
  std::string current;
  std::size_t current_start = 0;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back({current, current_start});
    current.clear();
  };
  for (std::size_t i = 0; i < query.size(); ++i) {
    char c = query[i];
    if (c == '"') {
      flush();
      if (open_quote == std::string::npos) {
        open_quote = i;
      } else {
        // A phrase is an operand like a word: `"missing maps" OR haiti` has no dangling OR.
        tokens.push_back({"\"", open_quote});
        open_quote = std::string::npos;
      }
      continue;
    }
    if (open_quote != std::string::npos) continue;
    if (c == '(') {
      flush();
      brackets.push_back(i);
      tokens.push_back({"(", i});
    } else if (c == ')') {
      flush();
      if (brackets.empty()) return SyntaxProblem{utf8_column(query, i), "unbalanced bracket"};
      brackets.pop_back();
      tokens.push_back({")", i});
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else {
      if (current.empty()) current_start = i;
      current += c;
    }
  }
  flush();
  if (open_quote != std::string::npos) {
    return SyntaxProblem{utf8_column(query, open_quote), "unbalanced quote"};
  }
  if (!brackets.empty()) {
    return SyntaxProblem{utf8_column(query, brackets.back()), "unbalanced bracket"};
  }
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens[t];
    if (is_operator(token.text)) {
      bool binary = token.text != "NOT";
      bool at_start = t == 0 || tokens[t - 1].text == "(";
      if (!binary && t > 0 && tokens[t - 1].text == "(") {
        // `nepal AND (NOT haiti)`: Xapian has no NOT of its own inside a group, and reads the
        // word `not` there instead, silently. (A query that begins with NOT lists every page
        // but those: only_excluded().)
        return SyntaxProblem{utf8_column(query, token.offset),
                             "NOT needs words on both sides (a NOT b)"};
      }
      bool at_end = t + 1 == tokens.size() || tokens[t + 1].text == ")";
      bool before_binary =
          t + 1 < tokens.size() && is_operator(tokens[t + 1].text) && tokens[t + 1].text != "NOT";
      if (at_end || (binary && at_start) || before_binary) {
        return SyntaxProblem{utf8_column(query, token.offset), "dangling operator " + token.text};
      }
      continue;
    }
    auto colon = token.text.find(':');
    if (colon != std::string::npos && colon > 0) {
      std::string field = token.text.substr(0, colon);
      bool word_like = std::all_of(field.begin(), field.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
      });
      if (word_like && !is_known_field(field)) {
        return SyntaxProblem{utf8_column(query, token.offset), "unknown field \"" + field + "\""};
      }
    }
  }
  return std::nullopt;
}

std::string date_bound(const std::string& typed, DateEnd end, const std::string& what) {
  auto digits = [&typed](std::size_t from, std::size_t count) {
    return std::all_of(typed.begin() + static_cast<long>(from),
                       typed.begin() + static_cast<long>(from + count),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  bool year = typed.size() == 4 && digits(0, 4) && typed != "0000";
  bool month = typed.size() == 7 && digits(0, 4) && typed[4] == '-' && digits(5, 2) &&
               typed.compare(5, 2, "01") >= 0 && typed.compare(5, 2, "12") <= 0 &&
               typed.compare(0, 4, "0000") != 0;
  if (year) return typed + (end == DateEnd::First ? "-01-01" : "-12-31");
  if (month) {
    if (end == DateEnd::First) return typed + "-01";
    for (const char* last : {"-31", "-30", "-29", "-28"}) {
      if (is_calendar_date(typed + last)) return typed + last;
    }
  }
  if (!is_calendar_date(typed)) {
    throw UsageError(what + ": \"" + typed +
                     "\" is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)");
  }
  return typed;
}

std::pair<std::string, std::string> date_bounds(const SearchRequest& request) {
  return {request.since.empty() ? "" : date_bound(request.since, DateEnd::First, "since"),
          request.until.empty() ? "" : date_bound(request.until, DateEnd::Last, "until")};
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const IndexLanguages& languages,
                           const KnownTerms& known, const RequestLimits& limits)
    : db_(db), languages_(languages), known_(known), limits_(limits) {}

Xapian::Query QueryBuilder::parse_words(const std::string& text, std::vector<std::string>& warnings,
                                        std::string* corrected, Xapian::Query::op default_op,
                                        const std::string& default_prefix,
                                        std::string* corrected_any) const {
  (void)warnings;
  std::string folded = fold_query(text);
  Xapian::QueryParser parser;
  parser.set_database(db_);
  parser.set_stopper(&question_words());
  // Words are parsed unstemmed; expand_stems() then stems each of them in every language the
  // index holds, so one parse keeps the query's structure (NOT, +/-) for all languages.
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
  parser.set_default_op(default_op);
  // An explicit `word*` that matches too many words is refused with a message (no silent
  // truncation); a word still being typed completes to its most frequent continuations.
  parser.set_max_expansion(limits_.max_wildcard_expansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
                           Xapian::QueryParser::FLAG_WILDCARD);
  parser.set_max_expansion(kMaxPartialExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                           Xapian::QueryParser::FLAG_PARTIAL);
  parser.add_prefix("title", std::string(schema::kTitlePrefix));
  parser.add_prefix("header", std::string(schema::kHeaderPrefix));
  for (const schema::Facet& facet : schema::facets()) {
    // release(): the parser then owns the processor and deletes it.
    parser.add_boolean_prefix(std::string(facet.name), (new FacetFieldProcessor(facet))->release());
  }
  parser.add_rangeprocessor((new CheckedDateRanges(schema::kDateSlot))->release());
  unsigned flags = kParseFlags;
  if (corrected && has_unknown_word(folded)) {
    // Only a word the index lacks needs a correction now (the search that finds nothing asks
    // raw_correction() later). Asked of a parse without FLAG_PARTIAL, which would leave a
    // misspelt last word alone. Spelling look-ups are the dearest part of parsing.
    parser.parse_query(folded, flags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    *corrected = keep_known_words(folded, parser.get_corrected_query_string(), false);
    if (corrected_any) {
      *corrected_any = keep_known_words(folded, parser.get_corrected_query_string(), true);
    }
  }
  // Search as you type: a last word the index does not have as a word is likely still being
  // typed, so it also matches as a prefix (`hai` finds `haiti`).
  if (completes_last_word(split_tokens(folded))) flags |= Xapian::QueryParser::FLAG_PARTIAL;
  Xapian::Query parsed = parser.parse_query(folded, flags, default_prefix);
  // The words typed with accents, by their folded form: their stems as written are looked
  // for too (indexer/accented_stems.h).
  AccentedWords accented;
  for (const std::string& word : split_words(text)) {
    if (std::any_of(word.begin(), word.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
      accented.emplace(fold(word), word);
    }
  }
  return expand_stems(parsed, accented);
}

Xapian::Query QueryBuilder::stems_of(const std::string& term, const AccentedWords& accented) const {
  // `term` is a plain word or a text-field prefix (`S`, `XH`) and a word; others stay.
  std::optional<TextTerm> text = text_term(term);
  if (!text) return Xapian::Query(term);
  const std::string& prefix = text->prefix;
  const std::string& word = text->word;
  // Each language's stem matches only pages of that language: another language's stemmer can
  // reduce a word to something unrelated (a stem of `malaria` meeting French `Mali`). Stem terms
  // carry their language (schema::stem_mark), so a stem is one term with no filter. Pages in a
  // language Xapian cannot stem were indexed with their words as written: that one term is
  // kept to those languages. A stem no page has is left out: it would match nothing, yet cost
  // Xapian its reads.
  auto typed = accented.find(word);
  std::vector<Xapian::Query> branches;
  std::vector<std::string> unstemmed;  // languages whose pages match `term` as written
  for (const IndexLanguage& language : languages_.all()) {
    if (language.stemmer) {
      std::string marked =
          std::string(schema::kStemPrefix) + prefix + schema::stem_mark(language.code);
      std::string stem = marked + (*language.stemmer)(word);
      if (known_.may_have(stem)) branches.emplace_back(stem);
      if (typed != accented.end()) {
        if (std::optional<std::string> as_written =
                stem_as_written(*language.stemmer, typed->second)) {
          if (known_.may_have(marked + *as_written)) branches.emplace_back(marked + *as_written);
        }
      }
    } else {
      unstemmed.push_back(language.code);
    }
  }
  if (!unstemmed.empty()) {
    branches.push_back(languages_.restrict_to(Xapian::Query(term), unstemmed));
  }
  // No stem of the word is on any page. Words that begin with a digit (`2019`, `3d`) are never
  // stemmed (Xapian stems only words that begin with a letter), so the word as written is what
  // pages have. For any other word it is a term no page has: it still takes its place in the
  // query, matching nothing (an empty Query would drop it, and `a AND <nothing>` would be `a`).
  if (branches.empty()) return Xapian::Query(term);
  if (branches.size() == 1) return branches.front();
  // One word, however many languages: SYNONYM weighs the stems as one term, by how many pages
  // have any of them. As an OR each stem was weighed by its own language's pages, so a common
  // English word on two Spanish pages (`data`, `HOT`) put those pages first.
  return Xapian::Query(Xapian::Query::OP_SYNONYM, branches.begin(), branches.end());
}

Xapian::Query QueryBuilder::expand_stems(const Xapian::Query& query,
                                         const AccentedWords& accented) const {
  Xapian::Query::op type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    auto term = query.get_terms_begin();
    return term == query.get_terms_end() ? query : stems_of(*term, accented);
  }
  // Operators rebuilt with expanded children. Others (phrases and NEAR keep exact words;
  // value ranges, wildcards and scaled filters have parameters 1.4 cannot read back) stay.
  switch (type) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
      std::vector<Xapian::Query> children;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        children.push_back(expand_stems(query.get_subquery(i), accented));
      }
      return Xapian::Query(type, children.begin(), children.end());
    }
    default:
      return query;
  }
}

WordsQuery QueryBuilder::words_query(const std::string& text, Xapian::Query::op default_op) const {
  std::vector<std::string> ignored;
  try {
    return boost_titles(parse_words(text, ignored, nullptr, default_op), text, true);
  } catch (const Xapian::QueryParserError&) {
    // This reading of the query does not parse (only filters and ranges, say, with OR):
    // there is no alternative to offer. fuzz_query found it.
    return WordsQuery();
  }
}

WordsQuery QueryBuilder::boost_titles(const Xapian::Query& matching, const std::string& words,
                                      bool exact) const {
  // Xapian 1.4 has no BM25F: a body that repeats a word many times saturates as high as a
  // title that has it once. The words are matched against titles again, as an optional part
  // that only adds weight; and a query that is exactly a page's title puts that page first.
  std::vector<std::string> ignored;
  std::vector<Xapian::Query> boosts;
  Xapian::Query in_titles =
      parse_words(words, ignored, nullptr, Xapian::Query::OP_OR, std::string(schema::kTitlePrefix));
  if (!in_titles.empty()) {
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, in_titles, ranking::kTitleBoost);
  }
  if (exact) {
    // Left out when no page has this title: most queries are not a title.
    std::string exact_title = schema::exact_title_term(words);
    if (known_.may_have(exact_title)) {
      boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(exact_title),
                          ranking::kExactTitleBoost);
    }
  }
  WordsQuery out{matching, matching, Xapian::Query()};
  if (!boosts.empty()) {
    out.ranked = Xapian::Query(Xapian::Query::OP_AND_MAYBE, matching,
                               Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
  }
  // Words that stand together on a page, as typed, rank it above pages that scatter them (the
  // searcher adds the weight: query/phrase_boost.h says why it cannot be part of `ranked`).
  std::vector<std::string> terms = split_words(fold(words));
  if (exact && terms.size() >= 2 && terms.size() <= 6) {
    out.phrase = Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
  }
  return out;
}

Xapian::Query QueryBuilder::build_filter(const SearchRequest& request) const {
  std::vector<Xapian::Query> all;
  for (const auto& [name, values] : request.filters) {
    const schema::Facet* facet = schema::find_facet(name);
    // check_request() refuses unknown names before the index is opened.
    if (!facet) throw std::logic_error("unchecked search request: unknown facet " + name);
    std::vector<Xapian::Query> any;
    for (const std::string& value : values) {
      if (fold(value).empty()) continue;
      any.emplace_back(schema::facet_term(*facet, value));
    }
    if (!any.empty()) all.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  auto [since, until] = date_bounds(request);
  if (!since.empty() && !until.empty()) {
    all.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, schema::date_value(since),
                     schema::date_value(until));
  } else if (!since.empty()) {
    all.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, schema::date_value(since));
  } else if (!until.empty()) {
    // Pages without a date have an empty value, which sorts first: require some date.
    all.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, "0",
                     schema::date_value(until));
  }
  if (all.empty()) return Xapian::Query();  // no filter (BuiltQuery::filtered)
  return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

void check_request(const SearchRequest& request, const RequestLimits& limits) {
  const std::string& q = request.query;
  if (q.size() > limits.max_query_bytes) {
    throw UsageError("query is longer than " + std::to_string(limits.max_query_bytes) + " bytes");
  }
  if (!is_valid_utf8(q)) throw UsageError("query is not valid UTF-8");
  std::vector<std::string> tokens = split_tokens(q);
  // Operators join words; they are not words (33 words joined by OR are 33 words).
  if (static_cast<std::size_t>(std::count_if(
          tokens.begin(), tokens.end(), [](const std::string& t) { return !is_operator(t); })) >
      limits.max_query_terms) {
    throw UsageError("query has more than " + std::to_string(limits.max_query_terms) + " words");
  }
  std::size_t value_count = 0;
  for (const auto& [name, values] : request.filters) {
    if (!schema::find_facet(name)) throw UsageError("unknown facet \"" + name + "\"");
    for (const std::string& value : values) {
      if (++value_count > limits.max_filter_values) {
        throw UsageError("too many filter values (at most " +
                         std::to_string(limits.max_filter_values) + ")");
      }
      if (value.size() > limits.max_filter_value_bytes) {
        throw UsageError(name + " filter value is longer than " +
                         std::to_string(limits.max_filter_value_bytes) + " bytes");
      }
      if (!is_valid_utf8(value)) throw UsageError(name + " filter value is not valid UTF-8");
    }
  }
  auto [since, until] = date_bounds(request);
  if (!since.empty() && !until.empty() && since > until) {
    throw UsageError("since (" + request.since + ") is after until (" + request.until + ")");
  }
}

BuiltQuery QueryBuilder::build(const SearchRequest& request) const {
  BuiltQuery built;
  built.filter = build_filter(request);
  std::string words = operators_spaced(with_field_names(collapse_whitespace(request.query)));
  if (words.empty()) {
    built.words = {match_all(), match_all(), Xapian::Query()};
    return built;
  }
  std::optional<SyntaxProblem> problem = check_query_syntax(words);
  std::optional<std::string> excluded = problem ? std::nullopt : only_excluded(words);
  try {
    if (excluded) {
      // Every page but those with the excluded words (`-flood`): listed as a filter would be,
      // newest first.
      Xapian::Query unwanted =
          parse_words(*excluded, built.warnings, nullptr, Xapian::Query::OP_OR);
      Xapian::Query rest(Xapian::Query::OP_AND_NOT, match_all(), unwanted);
      built.words = {rest, rest, Xapian::Query()};
      built.parsed_text = words;
      return built;
    }
    if (!problem) {
      built.parsed_text = words;
      built.words.matching = parse_words(words, built.warnings, &built.corrected,
                                         Xapian::Query::OP_AND, "", &built.corrected_any);
    }
  } catch (const Xapian::QueryParserError& e) {
    problem = parser_problem(words, e.get_msg());
  }
  std::vector<std::string> impossible = impossible_date_ranges(words);
  built.warnings.insert(built.warnings.end(), impossible.begin(), impossible.end());
  if (!problem && built.words.matching.empty() && words.find("..") != std::string::npos) {
    // A date range no page can match leaves nothing to match (`uganda AND <nothing>`): the
    // answer is no page, not every page as for a query without words, and no other reading.
    if (impossible.empty()) built.warnings.push_back("no page matches the date range");
    built.has_words = true;
    built.impossible = true;
    return built;
  }
  if (problem) {
    std::string where =
        problem->column > 0 ? " at column " + std::to_string(problem->column) : std::string();
    built.warnings.push_back("query syntax error" + where + ": " + problem->message +
                             "; answered as plain words");
    built.parsed_text = plain_words(words);
    built.words.matching = parse_words(built.parsed_text, built.warnings, &built.corrected,
                                       Xapian::Query::OP_AND, "", &built.corrected_any);
  }
  built.has_words = has_text(built.words.matching);
  if (built.has_words) {
    built.words = boost_titles(built.words.matching, built.parsed_text, !problem);
  } else if (!built.words.matching.empty()) {
    // Only fields (`type:posts`, a date range): the pages they select, listed newest first.
    built.words = {built.words.matching, built.words.matching, Xapian::Query()};
  } else {
    // Typed, but nothing in it to search for (`?`, `%`, an emoji): no page, and why. (An empty
    // query lists every page; this one listed the whole site as if it were empty.)
    built.warnings.push_back("the query has no words to search for");
    built.words = {Xapian::Query(), Xapian::Query(), Xapian::Query()};
    built.has_words = true;
    built.impossible = true;
  }
  return built;
}

}  // namespace hotsearch
