// End-to-end tests of `hotsearch` (the CLI) over an index of the real corpus, built once with
// the real `hotsearch-index`. Expected page sets come from tests/tools/corpus_facts.py, a
// second reading of the YAML that shares no code with the C++ reader.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "indexer/text_fold.h"
#include "tests/test_support.h"

using hotsearch::test::run_program;
using nlohmann::json;

namespace {

const std::filesystem::path& corpus_db() { return hotsearch::test::corpus_index(); }

hotsearch::test::RunResult search(std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", corpus_db().string()});
  return run_program("hotsearch", args);
}

json search_json(std::vector<std::string> args) {
  args.push_back("--json");
  auto r = search(args);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  return json::parse(r.out);
}

const json& facts() {
  static json parsed =
      json::parse(hotsearch::test::corpus_facts_json(hotsearch::test::real_corpus()));
  return parsed;
}

std::set<std::string> ids_of(const json& result) {
  std::set<std::string> ids;
  for (const auto& hit : result["results"]) ids.insert(hit["id"].get<std::string>());
  return ids;
}

}  // namespace

TEST_CASE("indexing the real corpus makes every page with front matter searchable",
          "[corpus][cli]") {
  json all = search_json({"--limit", "10000"});
  std::set<std::string> expected;
  for (const auto& id : facts()["pages"]) expected.insert(id.get<std::string>());
  CHECK(all["total"].get<std::size_t>() == expected.size());
  CHECK(ids_of(all) == expected);
}

TEST_CASE("a page the reader cannot parse is reported as PATH:LINE:COL and the rest indexed",
          "[corpus][cli]") {
  hotsearch::test::TempDir dir;
  auto r = hotsearch::test::build_index(hotsearch::test::real_corpus(), dir / "db");
  CHECK(r.exit_code == 1);
  // The one page of the corpus without a closing --- line.
  CHECK_THAT(r.err, Catch::Contains("_people/bo-percival.markdown:1:1: "));
  CHECK_THAT(r.out, Catch::Contains(" 1 failed"));
}

TEST_CASE("filtering by project lists exactly the pages that name the project anywhere",
          "[corpus][cli]") {
  for (std::string project : {"Missing Maps", "missing maps", "MISSING MAPS"}) {
    json result = search_json({"--project", project});
    std::set<std::string> expected;
    for (const auto& id : facts()["facets"]["project"]["missing maps"]) {
      expected.insert(id.get<std::string>());
    }
    INFO(project);
    REQUIRE(!expected.empty());
    CHECK(ids_of(result) == expected);
  }
}

TEST_CASE("facet filters match case- and accent-insensitively", "[corpus][cli]") {
  // The corpus spells this person with an accent; facts are folded (no accents, lower case).
  auto expected = facts()["facets"]["person"]["benoit fournier"];
  REQUIRE(expected.size() >= 2);
  json with = search_json({"--person", "Benoît Fournier"});
  json without = search_json({"--person", "BENOIT fournier"});
  CHECK(ids_of(with).size() == expected.size());
  CHECK(ids_of(with) == ids_of(without));
  // ß folds to ss both ways.
  CHECK(ids_of(search_json({"--person", "Michael Heissmeier"})) ==
        ids_of(search_json({"--person", "Michael Heißmeier"})));
  CHECK(!ids_of(search_json({"--person", "Michael Heißmeier"})).empty());
}

TEST_CASE("facet counts equal the true number of pages per value for every facet",
          "[corpus][cli]") {
  json all = search_json({"--limit", "10000"});
  for (const auto& [facet, values] : facts()["facets"].items()) {
    INFO("facet " << facet);
    std::map<std::string, std::size_t> counted;
    for (const auto& v : all["facets"][facet]) {
      counted[hotsearch::fold(v["value"].get<std::string>())] = v["count"].get<std::size_t>();
    }
    std::map<std::string, std::size_t> expected;
    for (const auto& [value, ids] : values.items()) expected[value] = ids.size();
    CHECK(counted == expected);
  }
  // type counts add up to the total: every page has exactly one type.
  std::size_t types = 0;
  for (const auto& v : all["facets"]["type"]) types += v["count"].get<std::size_t>();
  CHECK(types == all["total"].get<std::size_t>());
}

TEST_CASE("missing maps ranks the Missing Maps pages first with highlighted snippets",
          "[corpus][cli]") {
  json result = search_json({"missing maps"});
  REQUIRE(result["results"].size() >= 3);
  CHECK(result["results"][0]["id"] == "_projects/missing-maps.md");
  for (std::size_t i = 0; i < 3; ++i) {
    std::string title = result["results"][i]["title"];
    std::string snippet = result["results"][i]["snippet"];
    INFO(title << " | " << snippet);
    CHECK_THAT(snippet, Catch::Contains("<mark>"));
  }
  // On a terminal the highlight is bold; piped it is plain text.
  auto plain = search({"missing maps"});
  CHECK(plain.exit_code == 0);
  CHECK_THAT(plain.out, Catch::Contains("Missing Maps"));
  CHECK_THAT(plain.out, !Catch::Contains("<mark>"));
  CHECK_THAT(plain.out, !Catch::Contains("\033["));
  CHECK_THAT(plain.out, Catch::Contains(" results"));
}

TEST_CASE("phrase and boolean and prefix and field and date-range queries work", "[corpus][cli]") {
  std::size_t both = search_json({"missing", "maps"})["total"];
  std::size_t phrase = search_json({"\"missing maps\""})["total"];
  std::size_t either = search_json({"missing OR maps"})["total"];
  std::size_t without = search_json({"maps NOT missing"})["total"];
  CHECK(phrase > 0);
  CHECK(phrase <= both);
  CHECK(either > both);
  CHECK(without > 0);
  CHECK(without + both == search_json({"maps"})["total"].get<std::size_t>());

  json prefix = search_json({"cyclo*"});
  CHECK(prefix["total"].get<std::size_t>() >= search_json({"cyclone"})["total"].get<std::size_t>());

  json title = search_json({"title:haiti"});
  REQUIRE(title["total"].get<std::size_t>() > 0);
  for (const auto& hit : title["results"]) {
    CHECK_THAT(hotsearch::fold(hit["title"].get<std::string>()), Catch::Contains("haiti"));
  }

  json field = search_json({"project:\"Missing Maps\""});
  CHECK(ids_of(field) == ids_of(search_json({"--project", "Missing Maps"})));

  json range = search_json({"haiti", "2010-01-01..2010-12-31"});
  REQUIRE(range["total"].get<std::size_t>() > 0);
  for (const auto& hit : range["results"]) {
    std::string date = hit["date"];
    CHECK(date >= "2010-01-01");
    CHECK(date <= "2010-12-31");
  }
  json year = search_json({"year:2010"});
  CHECK(year["total"] == search_json({"--since", "2010-01-01", "--until", "2010-12-31"})["total"]);
}

TEST_CASE("a query with a syntax error is answered as plain words with a warning",
          "[corpus][cli]") {
  json quote = search_json({"\"missing maps"});
  CHECK(quote["total"].get<std::size_t>() > 0);
  REQUIRE(quote["warnings"].size() == 1);
  CHECK(quote["warnings"][0] ==
        "query syntax error at column 1: unbalanced quote; answered as plain words");

  json dangling = search_json({"haiti AND"});
  CHECK(dangling["total"].get<std::size_t>() > 0);
  CHECK(dangling["warnings"][0] ==
        "query syntax error at column 7: dangling operator AND; answered as plain words");

  json field = search_json({"colour:red maps"});
  CHECK(field["warnings"][0] ==
        "query syntax error at column 1: unknown field \"colour\"; answered as plain words");

  json bracket = search_json({"(haiti OR nepal"});
  CHECK(bracket["warnings"][0] ==
        "query syntax error at column 1: unbalanced bracket; answered as plain words");

  auto text = search({"\"missing maps"});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.err,
             Catch::Contains("warning: query syntax error at column 1: unbalanced quote"));
}

TEST_CASE("bad flags and dates and numbers exit 2 and a missing index exits 3", "[corpus][cli]") {
  CHECK(search({"--no-such-flag"}).exit_code == 2);
  auto bad_date = search({"--since", "2019-02-30", "haiti"});
  CHECK(bad_date.exit_code == 2);
  CHECK_THAT(bad_date.err,
             Catch::Contains(
                 "since: \"2019-02-30\" is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"));
  CHECK(search({"--limit", "ten", "haiti"}).exit_code == 2);
  // Not wrapped round to the largest number, as Boost reads -1 into an unsigned flag.
  CHECK(search({"--offset=-1", "haiti"}).exit_code == 2);
  CHECK(search({"--limit=-1", "haiti"}).exit_code == 2);
  // Past the 10,000 that can be listed: said as such, not blamed on a --limit never given.
  auto far = search({"--offset", "20000", "--type", "projects"});
  CHECK(far.exit_code == 2);
  CHECK_THAT(far.err, Catch::Contains("--offset: results past 10000 are not available"));
  CHECK(search({"--sort", "best", "haiti"}).exit_code == 2);
  CHECK(search({"zzzzqqqq"}).exit_code == 1);

  hotsearch::test::TempDir empty;
  auto missing = run_program("hotsearch", {"--db", (empty / "nothing").string(), "haiti"});
  CHECK(missing.exit_code == 3);
  CHECK_THAT(missing.err, Catch::Contains("no index at "));

  // A stub that names no index (empty, or a remote one) is an index that cannot be opened:
  // exit 3 with the reason, not an abort on Xapian's exception.
  for (const std::string stub : {"", "remote :1\n"}) {
    INFO("stub \"" << stub << "\"");
    std::filesystem::create_directories(empty / "stub");
    hotsearch::test::write_file(empty / "stub" / "XAPIANDB", stub);
    auto broken = run_program("hotsearch", {"--db", (empty / "stub").string(), "haiti"});
    CHECK(broken.exit_code == 3);
    CHECK_THAT(broken.err, Catch::Contains("cannot open the index at "));
  }

  // What is wrong with the flags is said first, whether or not there is an index: exit 2.
  auto bad_flag_no_index =
      run_program("hotsearch", {"--db", (empty / "nothing").string(), "--since", "2019-02-30"});
  CHECK(bad_flag_no_index.exit_code == 2);
  CHECK_THAT(bad_flag_no_index.err, Catch::Contains("since: \"2019-02-30\" is not a date"));
  auto long_query_no_index =
      run_program("hotsearch", {"--db", (empty / "nothing").string(), std::string(2000, 'a')});
  CHECK(long_query_no_index.exit_code == 2);
}

TEST_CASE("results that cannot be written are a failure, not results found", "[corpus][cli]") {
  // /dev/full takes no byte: the results were lost, and the exit status said 0.
  for (const std::string format : {"text", "json"}) {
    INFO(format);
    std::vector<std::string> args{"-c",
                                  "exec \"$0\" \"$@\" >/dev/full",
                                  hotsearch::test::program_path("hotsearch").string(),
                                  "--db",
                                  corpus_db().string(),
                                  "haiti"};
    if (format == "json") args.push_back("--json");
    auto r = hotsearch::test::run_process("sh", args);
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::Contains("cannot write the results to standard output"));
  }
}

TEST_CASE("a query of fields alone is listed whole, newest first, as the same flags are",
          "[corpus][cli]") {
  json by_flag = search_json({"--type", "posts"});
  json by_field = search_json({"type:posts"});
  REQUIRE(by_flag["total"].get<int>() > 10);
  CHECK(by_field["total"] == by_flag["total"]);
  // It stopped at the ten results of a search.
  CHECK(by_field["results"].size() == by_flag["results"].size());
  CHECK(ids_of(by_field) == ids_of(by_flag));
  CHECK(by_field["results"][0]["id"] == by_flag["results"][0]["id"]);
  // --limit still decides when it is given.
  CHECK(search_json({"--limit", "3", "type:posts"})["results"].size() == 3);
}

TEST_CASE("the JSON says where its results start and how many facet values it left out",
          "[corpus][cli]") {
  // --offset 5 holds ranks 6-15: `page` 1 alone read as ranks 1-10.
  json shifted = search_json({"--offset", "5", "haiti"});
  CHECK(shifted["offset"] == 5);
  json first = search_json({"--limit", "15", "haiti"});
  REQUIRE(first["results"].size() == 15);
  CHECK(shifted["results"][0]["id"] == first["results"][5]["id"]);
  // Listed whole, the page is what was listed, not 10000 less the offset.
  json listed = search_json({"--offset", "3", "--type", "projects"});
  CHECK(listed["offset"] == 3);
  CHECK(listed["per_page"] == listed["results"].size());
  CHECK(listed["results"].size() + 3 == listed["total"].get<std::size_t>());

  // A search lists a facet's 100 most frequent values, and says how many more it has.
  hotsearch::test::TempDir dir;
  std::string partners;
  for (int i = 0; i < 103; ++i) partners += "  - Partner " + std::to_string(i) + "\n";
  hotsearch::test::write_file(dir / "site" / "many.md", "---\ntitle: Many partners\nPartners:\n" +
                                                            partners + "---\nWombat.\n");
  REQUIRE(hotsearch::test::build_index(dir / "site", dir / "db").exit_code == 0);
  auto r = run_program("hotsearch", {"--db", (dir / "db").string(), "--json", "wombat"});
  REQUIRE(r.exit_code == 0);
  json many = json::parse(r.out);
  CHECK(many["facets"]["partner"].size() == 100);
  CHECK(many["facets_more"]["partner"] == 3);
  CHECK_FALSE(many["facets_more"].contains("type"));
  auto text = run_program("hotsearch", {"--db", (dir / "db").string(), "--facets", "wombat"});
  CHECK_THAT(text.out, Catch::Contains("  … and 3 more\n"));
}

TEST_CASE("suggestions never print a page's escape sequences and are the API's list", "[cli]") {
  hotsearch::test::TempDir dir;
  hotsearch::test::write_file(
      dir / "site" / "evil.md",
      "---\ntitle: \"Evil \\e]0;pwned\\a title\"\nCountry: \"Ugan\\e[2Jda\"\n"
      "---\nText.\n");
  for (int i = 0; i < 12; ++i) {
    hotsearch::test::write_file(dir / "site" / ("m" + std::to_string(i) + ".md"),
                                "---\ntitle: Mapping " + std::to_string(i) + "\n---\nText.\n");
  }
  REQUIRE(hotsearch::test::build_index(dir / "site", dir / "db").exit_code == 0);
  std::string db = (dir / "db").string();
  for (const std::string prefix : {"evil", "ugan"}) {
    auto r = run_program("hotsearch", {"--db", db, "--suggest", prefix});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find('\033') == std::string::npos);
    CHECK(r.out.find('\a') == std::string::npos);
  }
  CHECK(run_program("hotsearch", {"--db", db, "--suggest", "evil"}).out ==
        "Evil  ]0;pwned  title\ttitle\n");
  // The search box's list is ten long; the CLI's was eight.
  auto listed = run_program("hotsearch", {"--db", db, "--suggest", "--json", "mapping"});
  CHECK(json::parse(listed.out)["suggestions"].size() == 10);
}

TEST_CASE("a year or a month is a date bound: its first day since, its last until",
          "[corpus][cli]") {
  json by_days = search_json({"--since", "2019-01-01", "--until", "2019-12-31", "--type", "posts"});
  json by_year = search_json({"--since", "2019", "--until", "2019", "--type", "posts"});
  REQUIRE(by_days["total"].get<int>() > 0);
  CHECK(ids_of(by_year) == ids_of(by_days));
  // February of a leap year ends on the 29th, of another year on the 28th.
  json by_month = search_json({"--since", "2019-02", "--until", "2019-02", "--type", "posts"});
  json feb = search_json({"--since", "2019-02-01", "--until", "2019-02-28", "--type", "posts"});
  CHECK(ids_of(by_month) == ids_of(feb));
  json to_may = search_json({"--until", "2019-05", "--type", "posts"});
  for (const auto& hit : to_may["results"]) CHECK(hit["date"].get<std::string>() <= "2019-05-31");
  for (const std::string bad : {"2019-13", "19", "2019-5", "0000", "2019-00"}) {
    INFO(bad);
    CHECK(search({"--since", bad, "haiti"}).exit_code == 2);
  }
  CHECK(search({"--since", "2020", "--until", "2019-12", "haiti"}).exit_code == 2);
}
