// scripts/gen-corpus, the benchmarks' page source: the tree it grows has the size asked for, is
// the same for the same seed, differs for another, is a site hotsearch reads without a
// failure, and keeps each page's text in one language.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using hotsearch::test::TempDir;

namespace {

/// Runs gen-corpus from `source` into `site`.
void grow_from(const fs::path& source, const fs::path& site, int pages, int seed) {
  fs::path script = fs::path(HOTSEARCH_SOURCE_DIR) / "scripts" / "gen-corpus";
  auto r = hotsearch::test::run_process(
      "python3", {script.string(), source.string(), site.string(), std::to_string(pages), "--seed",
                  std::to_string(seed)});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

/// Runs gen-corpus from the real corpus into `site`.
void grow(const fs::path& site, int pages, int seed) {
  grow_from(hotsearch::test::real_corpus(), site, pages, seed);
}

/// How many pages of language `lang` in `db` have `word`.
long pages_with(const fs::path& db, const std::string& lang, const std::string& word) {
  auto r = hotsearch::test::run_program(
      "hotsearch", {"--db", db.string(), "--lang", lang, "--json", "--limit", "1", word});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  return nlohmann::json::parse(r.out)["total"].get<long>();
}

/// Every file of a tree, by path relative to it, with its bytes.
std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), root).string()] = hotsearch::test::read_file(entry.path());
    }
  }
  return files;
}

}  // namespace

TEST_CASE("gen-corpus grows the same tree of N pages for a seed, and hotsearch reads all of it",
          "[corpus][gen_corpus]") {
  TempDir dir;
  grow(dir / "a", 400, 1);
  grow(dir / "b", 400, 1);
  grow(dir / "c", 400, 2);
  auto a = tree(dir / "a");
  CHECK(a.size() == 400);
  CHECK(a == tree(dir / "b"));
  CHECK(a != tree(dir / "c"));

  auto indexed = hotsearch::test::run_program(
      "hotsearch-index",
      {"--content", (dir / "a").string(), "--db", (dir / "db").string(), "--json", "--quiet"});
  INFO(indexed.err);
  REQUIRE(indexed.exit_code == 0);
  auto summary = nlohmann::json::parse(indexed.out);
  CHECK(summary["added"] == 400);
  CHECK(summary["failed"] == 0);
  CHECK(summary["documents"] == 400);
}

TEST_CASE("gen-corpus keeps each new page in the language of the page it copies",
          "[corpus][gen_corpus]") {
  // Two English and two French pages, each language with a word the other never uses. Drawn
  // from every page, French pages had English sentences and summaries: a query's English words
  // then met French stems that no real page has (docs/benchmarks.md).
  TempDir dir;
  fs::path source = dir / "source";
  const std::string english =
      "The walrus rests on the ice with the rest of the herd. The mappers drew the walrus colony "
      "from the new imagery. Volunteers in the town checked the roads and the buildings of the "
      "map. The team shared the data with the local groups on the coast.";
  const std::string french =
      "Le hérisson dort dans les feuilles du jardin. Les équipes de la ville ont tracé les routes "
      "et les bâtiments sur la carte. Les bénévoles du projet ont vérifié les données avec les "
      "groupes de la région. Le hérisson cherche des insectes dans les haies du village.";
  auto page = [&](const std::string& name, const std::string& title, const std::string& summary,
                  const std::string& body) {
    hotsearch::test::write_file(source / "_posts" / name,
                                "---\ntitle: " + title + "\nsummary: " + summary + "\n---\n\n" +
                                    body + "\n\n" + body + "\n");
  };
  page("2020-01-01-walrus.md", "Walrus colony mapped",
       "The walrus colony on the coast was mapped by the volunteers of the team.", english);
  page("2020-01-02-ice.md", "Ice and walrus roads",
       "The roads of the walrus coast were drawn from the imagery of the year.", english);
  page("2020-01-03-herisson.md", "Le hérisson du jardin",
       "Le hérisson du jardin a été cartographié par les bénévoles de la ville.", french);
  page("2020-01-04-carte.md", "La carte des haies",
       "Les haies du village ont été tracées sur la carte par les équipes du projet.", french);

  grow_from(source, dir / "site", 40, 1);
  auto indexed = hotsearch::test::build_index(dir / "site", dir / "db");
  INFO(indexed.err);
  REQUIRE(indexed.exit_code == 0);
  // Both languages were grown, and recognised by the indexer...
  CHECK(pages_with(dir / "db", "en", "walrus") > 0);
  CHECK(pages_with(dir / "db", "fr", "hérisson") > 0);
  // ...and neither page has a word of the other language.
  CHECK(pages_with(dir / "db", "fr", "walrus") == 0);
  CHECK(pages_with(dir / "db", "en", "hérisson") == 0);
}
