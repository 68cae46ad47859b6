// Terminal rendering of search results.
#include "query/result_text.h"

#include <sstream>

namespace hotsearch {

namespace {
constexpr const char* kBold = "\033[1m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kReset = "\033[0m";

/// Bytes from `text[i]` that are a control character (C0, DEL, C1, or a Unicode format
/// character that rearranges a line, as UTF-8), else 0.
std::size_t control_length(std::string_view text, std::size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x20 || c == 0x7F) return 1;
  if (c == 0xC2 && i + 1 < text.size()) {
    auto next = static_cast<unsigned char>(text[i + 1]);
    if (next >= 0x80 && next <= 0x9F) return 2;
  }
  if (c == 0xE2 && i + 2 < text.size()) {
    // Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) reorder the rest of
    // the terminal's line; line and paragraph separators (U+2028, U+2029) break it.
    auto second = static_cast<unsigned char>(text[i + 1]);
    auto third = static_cast<unsigned char>(text[i + 2]);
    if ((second == 0x80 && third >= 0xA8 && third <= 0xAE) ||
        (second == 0x81 && third >= 0xA6 && third <= 0xA9)) {
      return 3;
    }
  }
  return 0;
}

std::string styled(const std::string& text, const char* code, TextStyle style) {
  if (style == TextStyle::Plain) return printable(text);
  return code + printable(text) + kReset;
}
}  // namespace

TextStyle terminal_style(bool is_terminal, const char* no_color, const char* term) {
  bool no_color_asked = no_color != nullptr && *no_color != '\0';
  bool dumb = term != nullptr && std::string_view(term) == "dumb";
  return is_terminal && !no_color_asked && !dumb ? TextStyle::Terminal : TextStyle::Plain;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = control_length(text, i);
    out += n ? ' ' : text[i];
    i += n ? n : 1;
  }
  return out;
}

std::string snippet_to_text(const std::string& snippet, TextStyle style) {
  static const std::pair<const char*, const char*> entities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
  std::string out;
  for (std::size_t i = 0; i < snippet.size();) {
    if (snippet.compare(i, 6, "<mark>") == 0) {
      if (style == TextStyle::Terminal) out += kBold;
      i += 6;
      continue;
    }
    if (snippet.compare(i, 7, "</mark>") == 0) {
      if (style == TextStyle::Terminal) out += kReset;
      i += 7;
      continue;
    }
    bool replaced = false;
    for (const auto& [entity, text] : entities) {
      std::size_t n = std::char_traits<char>::length(entity);
      if (snippet.compare(i, n, entity) == 0) {
        out += text;
        i += n;
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    std::size_t control = control_length(snippet, i);
    out += control ? ' ' : snippet[i];
    i += control ? control : 1;
  }
  return out;
}

std::string render_results(const SearchResult& result, TextStyle style) {
  std::ostringstream out;
  for (const std::string& warning : result.warnings) {
    out << "warning: " << printable(warning) << "\n";
  }
  if (!result.corrected_query.empty()) {
    out << (result.answered_with_correction ? "Showing results for: " : "Did you mean: ")
        << styled(result.corrected_query, kBold, style) << "\n\n";
  }
  if (result.matched_any_word && !result.hits.empty()) {
    out << styled("No page has every word; pages with some of them:", kDim, style) << "\n\n";
  }
  std::size_t rank = result.offset;
  for (const SearchHit& hit : result.hits) {
    if (result.all_words_total && rank == result.all_words_total) {
      out << styled("Pages with some of the words:", kDim, style) << "\n\n";
    }
    ++rank;
    out << rank << ". " << styled(hit.title.empty() ? hit.id : hit.title, kBold, style) << "\n";
    std::string meta = hit.url + "  " + hit.type;
    if (!hit.date.empty()) meta += "  " + hit.date;
    out << "   " << styled(meta, kDim, style) << "\n";
    if (!hit.snippet.empty()) out << "   " << snippet_to_text(hit.snippet, style) << "\n";
    out << "\n";
  }
  out << result.total << (result.total == 1 ? " result" : " results");
  if (!result.hits.empty()) {
    out << " (showing " << result.offset + 1 << "-" << result.offset + result.hits.size() << ")";
  }
  out << "\n";
  return out.str();
}

std::string render_facets(const SearchResult& result, TextStyle style) {
  std::ostringstream out;
  for (const FacetCounts& facet : result.facets) {
    if (facet.values.empty()) continue;
    out << styled(facet.name, kBold, style) << "\n";
    for (const FacetCount& v : facet.values) {
      out << "  " << v.count << "  " << printable(v.value) << "\n";
    }
    if (facet.more) out << "  … and " << facet.more << " more\n";
  }
  return out.str();
}

}  // namespace hotsearch
