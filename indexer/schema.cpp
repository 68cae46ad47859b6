// The facet table and the term/value encodings of the index schema.
#include "indexer/schema.h"

#include <cctype>
#include <stdexcept>

#include "indexer/text_fold.h"

namespace hotsearch::schema {

namespace {
// Glass refuses terms over 245 bytes; keep facet terms well under it, cut at a UTF-8 boundary.
constexpr std::size_t kMaxTermBytes = 240;
}  // namespace

const std::vector<Facet>& facets() {
  static const std::vector<Facet> table = {
      {"project", "XP", "project", "projects", "Project", FacetSource::FrontMatter,
       kFacetSlotBase + 0},
      {"country", "XC", "country", "countries", "Country", FacetSource::FrontMatter,
       kFacetSlotBase + 1},
      {"impact_area", "XI", "impact-area", "", "Impact area", FacetSource::FrontMatter,
       kFacetSlotBase + 2},
      {"partner", "XR", "partner", "", "Partner", FacetSource::FrontMatter, kFacetSlotBase + 3},
      {"person", "XE", "person", "", "Person", FacetSource::FrontMatter, kFacetSlotBase + 4},
      {"working_group", "XW", "working-group", "", "Working group", FacetSource::FrontMatter,
       kFacetSlotBase + 5},
      {"type", "XT", "type", "", "Type", FacetSource::Type, kFacetSlotBase + 6},
      {"year", "Y", "", "", "Year", FacetSource::Year, kFacetSlotBase + 7},
      {"lang", "L", "lang", "", "Language", FacetSource::Lang, kFacetSlotBase + 8},
  };
  return table;
}

const Facet* find_facet(std::string_view name) {
  for (const Facet& f : facets()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Facet& facet(std::string_view name) {
  const Facet* f = find_facet(name);
  if (!f) throw std::logic_error("unknown facet: " + std::string(name));
  return *f;
}

std::string facet_term(const Facet& facet, std::string_view value) {
  return cut_at_char_boundary(std::string(facet.prefix) + fold(value), kMaxTermBytes);
}

std::string exact_title_term(std::string_view title) {
  // Words only, so punctuation never decides a match: "Haiti:" and "haiti" are one title.
  std::string words;
  for (char c : fold(title)) {
    bool word =
        std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
    if (word) {
      words += c;
    } else if (!words.empty() && words.back() != ' ') {
      words += ' ';
    }
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  return cut_at_char_boundary(std::string(kExactTitlePrefix) + words, kMaxTermBytes);
}

std::string stem_mark(std::string_view lang) {
  if (lang == "en") return "";
  std::string mark(lang);
  mark += ':';
  return mark;
}

std::string_view unmarked_stem(std::string_view marked) {
  auto colon = marked.find(':');
  return colon == std::string_view::npos ? marked : marked.substr(colon + 1);
}

std::string id_term(std::string_view page_id) {
  // Ids are paths; a path longer than a term allows is hashed into the term's tail.
  std::string term = std::string(kIdPrefix) + std::string(page_id);
  if (term.size() <= kMaxTermBytes) return term;
  std::size_t hash = std::hash<std::string_view>{}(page_id);
  return cut_at_char_boundary(term, kMaxTermBytes - 20) + "#" + std::to_string(hash);
}

// A facet value list is `key \x1F display \x1E key \x1F display ...`: the separators are ASCII
// control characters that never survive whitespace collapsing into a value.
std::string encode_facet_values(const std::vector<std::string>& display_values) {
  std::string encoded;
  for (const std::string& display : display_values) {
    if (!encoded.empty()) encoded += '\x1E';
    encoded += fold(display);
    encoded += '\x1F';
    encoded += display;
  }
  return encoded;
}

std::vector<FacetValue> decode_facet_values(std::string_view encoded) {
  std::vector<FacetValue> values;
  while (!encoded.empty()) {
    std::size_t end = encoded.find('\x1E');
    std::string_view item = encoded.substr(0, end);
    std::size_t sep = item.find('\x1F');
    if (sep != std::string_view::npos) {
      values.push_back({std::string(item.substr(0, sep)), std::string(item.substr(sep + 1))});
    }
    if (end == std::string_view::npos) break;
    encoded.remove_prefix(end + 1);
  }
  return values;
}

std::string date_value(std::string_view iso_date) {
  std::string value;
  for (char c : iso_date) {
    if (c != '-') value += c;
  }
  return value;
}

}  // namespace hotsearch::schema
