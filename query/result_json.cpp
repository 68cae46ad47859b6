// The API's JSON documents: the search result written directly, the small ones with nlohmann::json.
#include "query/result_json.h"

#include <algorithm>
#include <cstdio>

#include "indexer/text_fold.h"

namespace hotsearch {

namespace {
// Invalid UTF-8 can only come from a foreign index; replace rather than throw mid-response.
constexpr auto kReplaceInvalid = nlohmann::json::error_handler_t::replace;

nlohmann::json facet_list(const FacetCounts& counts) {
  nlohmann::json values = nlohmann::json::array();
  for (const FacetCount& v : counts.values)
    values.push_back({{"value", v.value}, {"count", v.count}});
  return values;
}
}  // namespace

namespace {

/// Writes compact JSON text as nlohmann::json::dump() would (object keys in sorted order,
/// its number formats), without building a document first: building and freeing one was a
/// twentieth of the server's time per search.
class JsonWriter {
 public:
  std::string take() { return std::move(out_); }

  // Every value clears first_: what follows it needs a comma.
  void string(const std::string& text) {
    first_ = false;
    if (!is_valid_utf8(text)) {
      out_ += nlohmann::json(text).dump(-1, ' ', false, kReplaceInvalid);
      return;
    }
    out_ += '"';
    for (char c : text) {
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
            out_ += escaped;
          } else {
            out_ += c;
          }
      }
    }
    out_ += '"';
  }
  void number(std::size_t n) {
    first_ = false;
    out_ += std::to_string(n);
  }
  void number(double d) {
    first_ = false;
    out_ += nlohmann::json(d).dump();  // its shortest round-trip form
  }
  void boolean(bool b) {
    first_ = false;
    out_ += b ? "true" : "false";
  }
  void strings(const std::vector<std::string>& list) {
    out_ += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out_ += ',';
      string(list[i]);
    }
    out_ += ']';
    first_ = false;
  }

  /// `{`, `[`, `}`, `]`, or a key (the caller gives keys in sorted order).
  void open_object() {
    out_ += '{';
    first_ = true;
  }
  void close_object() {
    out_ += '}';
    first_ = false;
  }
  void open_array() {
    out_ += '[';
    first_ = true;
  }
  void close_array() {
    out_ += ']';
    first_ = false;
  }
  void key(const char* name) {
    comma();
    out_ += '"';
    out_ += name;
    out_ += "\":";
    first_ = true;  // the value that follows needs no comma
  }
  /// Before an array element.
  void element() { comma(); }

 private:
  void comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }

  std::string out_;
  bool first_ = true;
};

}  // namespace

std::string search_result_text(const SearchResult& result) {
  // Keys in the order nlohmann's sorted objects print them: the CLI's document is this text.
  JsonWriter w;
  w.open_object();
  if (result.all_words_total) {
    w.key("all_words_total");
    w.number(result.all_words_total);
  }
  if (!result.corrected_query.empty()) {
    w.key("answered_with_correction");
    w.boolean(result.answered_with_correction);
    w.key("corrected_query");
    w.string(result.corrected_query);
  }
  w.key("facets");
  std::vector<const FacetCounts*> facets;
  for (const FacetCounts& counts : result.facets) facets.push_back(&counts);
  std::sort(facets.begin(), facets.end(),
            [](const FacetCounts* a, const FacetCounts* b) { return a->name < b->name; });
  w.open_object();
  for (const FacetCounts* counts : facets) {
    w.key(counts->name.c_str());
    w.open_array();
    for (const FacetCount& v : counts->values) {
      w.element();
      w.open_object();
      w.key("count");
      w.number(v.count);
      w.key("value");
      w.string(v.value);
      w.close_object();
    }
    w.close_array();
  }
  w.close_object();
  if (result.matched_any_word) {
    w.key("matched_any_word");
    w.boolean(true);
  }
  w.key("page");
  w.number(result.limit ? result.offset / result.limit + 1 : std::size_t{1});
  w.key("per_page");
  w.number(result.limit);
  w.key("query");
  w.string(result.query);
  w.key("results");
  w.open_array();
  for (const SearchHit& hit : result.hits) {
    w.element();
    w.open_object();
    w.key("countries");
    w.strings(hit.countries);
    w.key("date");
    w.string(hit.date);
    w.key("id");
    w.string(hit.id);
    w.key("lang");
    w.string(hit.lang);
    w.key("projects");
    w.strings(hit.projects);
    w.key("score");
    w.number(hit.score);
    w.key("snippet");
    w.string(hit.snippet);
    w.key("title");
    w.string(hit.title);
    w.key("type");
    w.string(hit.type);
    w.key("url");
    w.string(hit.url);
    w.close_object();
  }
  w.close_array();
  w.key("took_ms");
  w.number(result.took_ms);
  w.key("total");
  w.number(result.total);
  if (!result.warnings.empty()) {
    w.key("warnings");
    w.strings(result.warnings);
  }
  w.close_object();
  return w.take();
}

nlohmann::json search_result_json(const SearchResult& result) {
  return nlohmann::json::parse(search_result_text(result));
}

nlohmann::json suggestions_json(const std::string& query, const std::vector<Suggestion>& items) {
  nlohmann::json list = nlohmann::json::array();
  for (const Suggestion& s : items) {
    nlohmann::json item = {{"text", s.text}, {"kind", s.kind}};
    if (!s.url.empty()) item["url"] = s.url;
    list.push_back(std::move(item));
  }
  return {{"query", query}, {"suggestions", std::move(list)}};
}

nlohmann::json facet_values_json(const FacetCounts& counts) {
  return {{"facet", counts.name}, {"values", facet_list(counts)}};
}

nlohmann::json index_info_json(const IndexInfo& info) {
  return {{"status", "ok"}, {"documents", info.doc_count}, {"revision", info.revision}};
}

std::string json_text(const nlohmann::json& document, int indent) {
  return document.dump(indent, ' ', false, kReplaceInvalid);
}

nlohmann::json error_json(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

}  // namespace hotsearch
