// The Searcher as a long-lived reader (one per server thread): what it keeps between searches
// (the facet table of the open revision) follows every new revision of the index.
#include "query/searcher.h"

#include <catch2/catch.hpp>
#include <thread>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using hotsearch::FacetCounts;
using hotsearch::Searcher;
using hotsearch::SearchRequest;
using hotsearch::test::TempDir;

namespace {

/// The count of `value` in `facet` of a result's facet counts; 0 when it is not listed.
std::size_t count_of(const std::vector<FacetCounts>& facets, const std::string& facet,
                     const std::string& value) {
  for (const FacetCounts& f : facets) {
    if (f.name != facet) continue;
    for (const auto& v : f.values) {
      if (v.value == value) return v.count;
    }
  }
  return 0;
}

std::size_t count_of(const FacetCounts& facet, const std::string& value) {
  return count_of({facet}, facet.name, value);
}

const std::string kPost =
    "---\ntitle: Wombatvalley mapathon\ndate: 2026-11-20\nCountry: [Kenya, Wombatland]\n"
    "Project: Missing Maps\n---\nVolunteers mapped the wombatvalley roads.\n";

}  // namespace

TEST_CASE("one Searcher's facet counts follow incremental runs and full rebuilds", "[searcher]") {
  TempDir dir;
  auto [site, db] = hotsearch::test::indexed_sample_copy(dir);

  Searcher searcher(db);
  SearchRequest everything;  // no words, no filters: every page, with facet counts
  auto before = searcher.search(everything);
  std::size_t kenya = count_of(before.facets, "country", "Kenya");
  std::size_t missing_maps = count_of(searcher.facet_values("project"), "Missing Maps");
  REQUIRE(count_of(before.facets, "country", "Wombatland") == 0);

  // An incremental run adds a page with a new country and a known one.
  hotsearch::test::write_file(site / "_posts/2026-11-20-wombatvalley.md", kPost);
  REQUIRE(hotsearch::test::build_index(site, db).exit_code == 0);
  auto added = searcher.search(everything);
  CHECK(added.total == before.total + 1);
  CHECK(count_of(added.facets, "country", "Wombatland") == 1);
  CHECK(count_of(added.facets, "country", "Kenya") == kenya + 1);
  CHECK(count_of(searcher.facet_values("project"), "Missing Maps") == missing_maps + 1);
  SearchRequest filtered;
  filtered.filters["country"] = {"wombatland"};
  auto only = searcher.search(filtered);
  CHECK(only.total == 1);
  CHECK(count_of(only.facets, "project", "Missing Maps") == 1);

  // A full rebuild without the page switches to a new generation: its counts, not the old ones.
  fs::remove(site / "_posts/2026-11-20-wombatvalley.md");
  REQUIRE(hotsearch::test::build_index(site, db, {"--full"}).exit_code == 0);
  auto rebuilt = searcher.search(everything);
  CHECK(rebuilt.total == before.total);
  CHECK(count_of(rebuilt.facets, "country", "Wombatland") == 0);
  CHECK(count_of(rebuilt.facets, "country", "Kenya") == kenya);
  CHECK(count_of(searcher.facet_values("project"), "Missing Maps") == missing_maps);
  CHECK(count_of(searcher.facet_values("country"), "Wombatland") == 0);
}

TEST_CASE("one Searcher finds the words a new revision brings, in its language", "[searcher]") {
  // The Searcher leaves out of a query the stems no page has (query/known_terms.h), read once
  // per revision: a French page's new word must be found by the same Searcher after the run
  // that adds it, in the text and in the title, although its French stem was unknown before.
  TempDir dir;
  auto [site, db] = hotsearch::test::indexed_sample_copy(dir);
  Searcher searcher(db);
  SearchRequest in_text, in_title;
  in_text.query = "wombatières";
  in_title.query = "title:wombatières";
  REQUIRE(searcher.search(in_text).total == 0);
  REQUIRE(searcher.search(in_title).total == 0);

  hotsearch::test::write_file(
      site / "_posts/2026-11-21-wombatieres.md",
      "---\ntitle: Les wombatières du Sahel\ndate: 2026-11-21\nlang: fr\n---\nLes "
      "bénévoles ont cartographié les wombatières et les routes du village.\n");
  REQUIRE(hotsearch::test::build_index(site, db).exit_code == 0);
  auto text = searcher.search(in_text);
  REQUIRE(text.total == 1);
  CHECK(text.hits[0].lang == "fr");
  CHECK(searcher.search(in_title).total == 1);
  in_text.query = "wombatière";  // another form: found through the French stem alone
  CHECK(searcher.search(in_text).total == 1);
}

TEST_CASE("searchers on several threads at once give each thread the same answers", "[searcher]") {
  // Xapian's reference counts are not atomic: a query object shared between threads (such as
  // Xapian::Query::MatchAll, copied by every search without words) corrupts the heap sooner
  // or later. Each thread here runs filter-only and word searches with its own Searcher.
  TempDir dir;
  fs::path db = dir / "db";
  REQUIRE(hotsearch::test::build_index(hotsearch::test::sample_content(), db).exit_code == 0);
  std::vector<SearchRequest> requests(3);
  requests[1].filters["type"] = {"projects"};
  requests[2].query = "mapping";
  std::vector<std::size_t> expected;
  {
    Searcher one(db);
    for (const SearchRequest& r : requests) expected.push_back(one.search(r).total);
  }
  REQUIRE(expected[0] > expected[1]);
  REQUIRE(expected[2] > 0);
  constexpr int kThreads = 4;
  constexpr int kRounds = 1500;
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Searcher mine(db);
      for (int round = 0; round < kRounds; ++round) {
        const std::size_t which = static_cast<std::size_t>(round) % requests.size();
        if (mine.search(requests[which]).total != expected[which]) ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) CHECK(wrong[t] == 0);
}
