// The content scanner: which files of a tree are candidate pages, and which links it refuses.
#include "indexer/content_scanner.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "indexer/error.h"
#include "tests/test_support.h"

using namespace hotsearch;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> ids(const ScanResult& scan) {
  std::vector<std::string> out;
  for (const SourceFile& file : scan.files) out.push_back(file.id);
  return out;
}

std::vector<std::string> problems(const ScanResult& scan) {
  std::vector<std::string> out;
  for (const PageError& problem : scan.problems) out.push_back(problem.what());
  return out;
}

}  // namespace

TEST_CASE("the scanner finds pages, sorted by id, and skips Jekyll's own folders", "[scanner]") {
  test::TempDir dir;
  for (const char* file : {"index.md",
                           "about/history.markdown",
                           "_projects/b.md",
                           "_projects/a.html",
                           "_projects/nested/deeper/c.md",
                           "_posts/2019-01-01-x.md",
                           "_layouts/default.html",
                           "_includes/footer.html",
                           "_sass/x.md",
                           "_data/x.md",
                           "_site/index.html",
                           "_drafts/d.md",
                           "_plugins/readme.md",
                           "assets/readme.md",
                           "node_modules/pkg/README.md",
                           "vendor/bundle/x.md",
                           ".git/x.md",
                           ".hidden.md",
                           "_projects/.#b.md",
                           "image.png",
                           "_config.yml",
                           "notes.txt",
                           "UPPER.MD"}) {
    test::write_file(dir / file, "---\ntitle: x\n---\n");
  }
  ScanResult scan = scan_content(dir.path());
  CHECK(ids(scan) == std::vector<std::string>{
                         "UPPER.MD", "_posts/2019-01-01-x.md", "_projects/a.html", "_projects/b.md",
                         "_projects/nested/deeper/c.md", "about/history.markdown", "index.md"});
  CHECK(scan.problems.empty());
  const SourceFile& first = scan.files.front();
  CHECK(first.size == 17);
  CHECK(first.mtime_ns > 0);
  CHECK(first.path == dir / "UPPER.MD");
}

TEST_CASE("file names with spaces, accents and question marks are found", "[scanner]") {
  test::TempDir dir;
  std::vector<std::string> names = {"_posts/2019-04-26-How maps help aid response Cyclone Idai?.md",
                                    "_people/benoît-fournier.md", "a b/c d.markdown"};
  for (const auto& name : names) test::write_file(dir / name, "---\n---\n");
  ScanResult scan = scan_content(dir.path());
  CHECK(ids(scan) ==
        std::vector<std::string>{"_people/benoît-fournier.md",
                                 "_posts/2019-04-26-How maps help aid response Cyclone Idai?.md",
                                 "a b/c d.markdown"});
  for (const SourceFile& file : scan.files) CHECK(fs::is_regular_file(file.path));
}

TEST_CASE("symbolic links out of the tree, dangling or looping are reported, not read",
          "[scanner]") {
  test::TempDir dir;
  fs::path site = dir / "site";
  test::write_file(site / "_projects/a.md", "---\n---\n");
  test::write_file(dir / "outside/secret.md", "---\n---\n");
  fs::create_directory_symlink(dir / "outside", site / "escape");
  fs::create_symlink(dir / "outside/secret.md", site / "_projects/secret.md");
  fs::create_directory_symlink(site / "_projects", site / "_projects/loop");
  fs::create_symlink(site / "missing.md", site / "dangling.md");
  fs::create_symlink(site / "ping.md", site / "pong.md");
  fs::create_symlink(site / "pong.md", site / "ping.md");
  // A link inside the tree to a page inside the tree is read under its own id.
  fs::create_symlink(site / "_projects/a.md", site / "alias.md");

  ScanResult scan = scan_content(site);
  CHECK(ids(scan) == std::vector<std::string>{"_projects/a.md", "alias.md"});
  std::vector<std::string> found = problems(scan);
  std::sort(found.begin(), found.end());
  CHECK(found == std::vector<std::string>{
                     "_projects/loop: symbolic link loop: leads back to _projects",
                     "_projects/secret.md: symbolic link leads outside the content folder: not "
                     "read",
                     "dangling.md: symbolic link to a missing file or folder: not read",
                     "escape: symbolic link leads outside the content folder: not read",
                     "ping.md: symbolic link loop: not read",
                     "pong.md: symbolic link loop: not read"});
}

TEST_CASE("a folder reached by a link and by its own path is read once, by its path", "[scanner]") {
  test::TempDir dir;
  test::write_file(dir / "z-real/page.md", "---\n---\n");
  // `a-link` sorts (and may be listed) before `z-real`: the real path still wins.
  fs::create_directory_symlink(dir / "z-real", dir / "a-link");
  ScanResult scan = scan_content(dir.path());
  CHECK(ids(scan) == std::vector<std::string>{"z-real/page.md"});
  // Nothing is wrong (the pages are read once): a note, not a failure that fails every run.
  CHECK(scan.problems.empty());
  REQUIRE(scan.notes.size() == 1);
  CHECK(std::string(scan.notes[0].what()) ==
        "a-link: symbolic link to a folder already read as z-real: not read twice");
}

TEST_CASE("a missing content folder cannot be scanned", "[scanner]") {
  test::TempDir dir;
  CHECK_THROWS_AS(scan_content(dir / "nope"), IndexUnavailable);
  CHECK_THROWS_WITH(scan_content(dir / "nope"),
                    "content folder not found: " + (dir / "nope").string());
}

TEST_CASE("the real corpus scans to its page files without problems", "[scanner][corpus]") {
  ScanResult scan = scan_content(test::real_corpus());
  CHECK(scan.problems.empty());
  // 261 files: 3 drafts are skipped, the rest are .md/.markdown/.html.
  CHECK(scan.files.size() == 258);
  CHECK(std::is_sorted(scan.files.begin(), scan.files.end(),
                       [](const SourceFile& a, const SourceFile& b) { return a.id < b.id; }));
  auto has = [&](const std::string& id) {
    return std::any_of(scan.files.begin(), scan.files.end(),
                       [&](const SourceFile& f) { return f.id == id; });
  };
  CHECK(has("_posts/2019-04-26-How maps help aid response Cyclone Idai?.markdown"));
  CHECK(
      has("_projects/hotosm-website.siteleaf.net/hubs/open-mapping-hub-west-and-northern-"
          "africahub/ruwa.html"));
  CHECK_FALSE(has("_drafts/cayambe-gestao-de-risco-em-areas-vulcanicas.markdown"));
}
