// scripts/gen-corpus, the benchmarks' page source: the tree it grows has the size asked for, is
// the same for the same seed, differs for another, and is a site hotsearch reads without a
// failure.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using hotsearch::test::TempDir;

namespace {

/// Runs gen-corpus from the real corpus into `site`.
void grow(const fs::path& site, int pages, int seed) {
  fs::path script = fs::path(HOTSEARCH_SOURCE_DIR) / "scripts" / "gen-corpus";
  auto r = hotsearch::test::run_process(
      "python3", {script.string(), hotsearch::test::real_corpus().string(), site.string(),
                  std::to_string(pages), "--seed", std::to_string(seed)});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
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
