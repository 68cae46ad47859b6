// The Searcher as a long-lived reader (one per server thread): what it keeps between searches
// (the facet table of the open revision) follows every new revision of the index.
#include "query/searcher.h"

#include <catch2/catch.hpp>

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
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  hotsearch::test::copy_tree(hotsearch::test::sample_content(), site);
  REQUIRE(hotsearch::test::build_index(site, db).exit_code == 0);

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
