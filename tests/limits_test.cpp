// Each limit fed with input just under and just over it (README "Limits"): under is served,
// over gets a clear error, nothing is silently cut.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "indexer/error.h"
#include "indexer/page_reader.h"
#include "query/searcher.h"
#include "tests/test_support.h"
#include "web/handler.h"

using namespace hotsearch;

namespace {

Searcher& sample() {
  static test::TempDir dir;
  static bool built = false;
  if (!built) {
    REQUIRE(test::build_index(test::sample_content(), dir / "db").exit_code == 0);
    built = true;
  }
  static Searcher searcher(dir / "db");
  return searcher;
}

std::string usage_error(const SearchRequest& request) {
  try {
    sample().search(request);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

int status(const std::string& target) {
  web::Site site;
  site.searcher = &sample();
  return web::handle(site, web::Request{"GET", target, {}}).status;
}

std::string words(std::size_t n) {
  std::string q;
  for (std::size_t i = 0; i < n; ++i) q += (i ? " w" : "w") + std::to_string(i);
  return q;
}

}  // namespace

TEST_CASE("query length: 1024 bytes are searched and 1025 refused", "[limits]") {
  SearchRequest under, over;
  under.query = std::string(1024, 'a');
  over.query = std::string(1025, 'a');
  CHECK(usage_error(under).empty());
  CHECK(usage_error(over) == "query is longer than 1024 bytes");
}

TEST_CASE("query words: 64 are searched and 65 refused", "[limits]") {
  SearchRequest under, over;
  under.query = words(64);
  over.query = words(65);
  CHECK(usage_error(under).empty());
  CHECK(usage_error(over) == "query has more than 64 words");
  // Operators are not words: 64 words joined by 63 ORs are 64 words.
  SearchRequest joined;
  for (std::size_t i = 0; i < 64; ++i) joined.query += (i ? " OR w" : "w") + std::to_string(i);
  CHECK(usage_error(joined).empty());
}

TEST_CASE("wildcards: a prefix within the expansion limit works and a wider one is refused",
          "[limits]") {
  RequestLimits tight;
  tight.max_wildcard_expansion = 3;
  test::TempDir dir;
  REQUIRE(test::build_index(test::sample_content(), dir / "db").exit_code == 0);
  Searcher searcher(dir / "db", tight);
  SearchRequest narrow, wide;
  narrow.query = "mapathon*";  // mapathon, mapathons
  wide.query = "m*";
  CHECK(searcher.search(narrow).total > 0);
  try {
    searcher.search(wide);
    FAIL("m* was not refused");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()) ==
          "a wildcard matches more than 3 words; type more letters before the *");
  }
}

TEST_CASE("result window: page x per_page up to 10000 is served and beyond refused", "[limits]") {
  CHECK(status("/api/search?q=mapping&per_page=100&page=100") == 200);
  CHECK(status("/api/search?q=mapping&per_page=100&page=101") == 400);
  CHECK(status("/api/search?q=mapping&per_page=100") == 200);
  CHECK(status("/api/search?q=mapping&per_page=101") == 400);
}

TEST_CASE("filter values: 50 are accepted and 51 refused; 200 bytes each", "[limits]") {
  SearchRequest under, over, long_value;
  for (int i = 0; i < 50; ++i) under.filters["country"].push_back("c" + std::to_string(i));
  over = under;
  over.filters["project"].push_back("one more");
  CHECK(usage_error(under).empty());
  CHECK(usage_error(over) == "too many filter values (at most 50)");
  long_value.filters["project"].push_back(std::string(200, 'p'));
  CHECK(usage_error(long_value).empty());
  long_value.filters["project"].push_back(std::string(201, 'p'));
  CHECK(usage_error(long_value) == "project filter value is longer than 200 bytes");
}

TEST_CASE("URL and parameter sizes: just under is served and just over refused", "[limits]") {
  CHECK(status("/api/search?q=" + std::string(1024, 'a')) == 200);
  CHECK(status("/api/search?q=" + std::string(1025, 'a')) == 400);
  std::string at_limit = "/api/search?x=" + std::string(4096 - 14, 'a');
  REQUIRE(at_limit.size() == 4096);
  CHECK(status(at_limit) == 400);  // served as far as size goes (unknown parameter x)
  CHECK(status(at_limit + "a") == 414);
}

TEST_CASE("page file size: 4 MiB is read and a byte more refused", "[limits]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  std::string page = "---\ntitle: big\n---\n";
  page += std::string(std::size_t{4} * 1024 * 1024 - page.size(), 'a');
  CHECK(reader.read_bytes("big.md", page).status == ReadStatus::Page);
  page += 'a';
  CHECK_THROWS_WITH(reader.read_bytes("big.md", page),
                    "big.md: file is 4194305 bytes, over the limit of 4194304 bytes");
}

TEST_CASE("front matter depth: 32 levels are read and 33 refused", "[limits]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  auto nested = [](int depth) {
    return "---\ntitle: deep\nText: " + std::string(depth, '[') + "x" + std::string(depth, ']') +
           "\n---\n";
  };
  CHECK(reader.read_bytes("d.md", nested(32)).status == ReadStatus::Page);
  CHECK_THROWS_WITH(reader.read_bytes("d.md", nested(33)),
                    "d.md:2:1: front matter nests deeper than 32 levels");
}

TEST_CASE("front matter values: the node budget holds exactly at its limit", "[limits]") {
  ReaderLimits limits;
  limits.max_yaml_nodes = 10;
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults(), limits);
  // title is read apart; `Text` counts 1 for the list and 1 per item.
  std::string under = "---\ntitle: t\nText: [a, b, c, d, e, f, g, h, i]\n---\n";
  std::string over = "---\ntitle: t\nText: [a, b, c, d, e, f, g, h, i, j]\n---\n";
  CHECK(reader.read_bytes("n.md", under).status == ReadStatus::Page);
  CHECK_THROWS_WITH(reader.read_bytes("n.md", over),
                    Catch::Contains("front matter has more than 10 values"));
}
