// The search result's JSON text is written directly, without a document: it must be exactly
// what nlohmann::json prints for the same document (sorted keys, its number and escape forms),
// which the CLI's --json and every client already read.
#include "query/result_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using hotsearch::SearchResult;

namespace {

SearchResult awkward_result() {
  SearchResult r;
  r.query = "say \"maps\" \\ or\ttabs\x01 and caf\xC3\xA9 \xE2\x80\xA8";
  r.total = 12345;
  r.offset = 20;
  r.limit = 10;
  r.took_ms = 0.1234567;
  r.corrected_query = "maps";
  r.answered_with_correction = true;
  r.matched_any_word = true;
  r.all_words_total = 3;
  r.warnings = {"query syntax error at column 5: unknown field \"foo\"; answered as plain words"};
  hotsearch::SearchHit hit;
  hit.id = "_posts/a.md";
  hit.url = "/a/";
  hit.title = "<Maps> & \"more\"";
  hit.type = "posts";
  hit.date = "2020-01-02";
  hit.lang = "fr";
  hit.snippet = "\xE2\x80\xA6 <mark>maps</mark> \x7F";
  hit.projects = {"Missing Maps", "Open \"Cities\""};
  hit.score = 12.5;
  r.hits = {hit, hit};
  r.hits[1].score = 3e-7;
  r.hits[1].countries = {"C\xC3\xB4te d'Ivoire"};
  r.facets = {{"type", {{"posts", 2}}}, {"country", {{"Nepal", 7}, {"Mali", 1}}}, {"lang", {}}};
  return r;
}

}  // namespace

TEST_CASE("the search result's JSON text is the one nlohmann::json prints for it", "[json]") {
  std::string text = hotsearch::search_result_text(awkward_result());
  nlohmann::json parsed = nlohmann::json::parse(text);
  CHECK(parsed.dump() == text);
  CHECK(parsed["query"] == awkward_result().query);
  CHECK(parsed["page"] == 3);
  CHECK(parsed["results"][1]["score"] == 3e-7);
  CHECK(parsed["results"][0]["title"] == "<Maps> & \"more\"");
  CHECK(parsed["facets"]["country"][1] == nlohmann::json({{"value", "Mali"}, {"count", 1}}));
  CHECK(parsed["facets"]["lang"] == nlohmann::json::array());
  CHECK(hotsearch::search_result_json(awkward_result()) == parsed);
}

TEST_CASE("invalid UTF-8 in a stored field is replaced, not thrown on", "[json]") {
  SearchResult r;
  r.query = "bad \xff byte";
  std::string text = hotsearch::search_result_text(r);
  nlohmann::json parsed = nlohmann::json::parse(text);
  CHECK(parsed["query"] == "bad \xEF\xBF\xBD byte");
  CHECK(parsed.dump() == text);
}
