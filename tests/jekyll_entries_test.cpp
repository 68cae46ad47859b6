// Which files Jekyll builds: the rules of Jekyll 4's reader and EntryFilter, checked file by
// file against what `jekyll build` (4.3.1) reads from the same tree, and the indexer leaving
// out what it does not build.
#include "indexer/jekyll_entries.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/error.h"
#include "indexer/site_config.h"
#include "tests/test_support.h"

using namespace hotsearch;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> built(const JekyllEntries& entries, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const std::string& id : ids) {
    if (entries.builds(id)) out.push_back(id);
  }
  return out;
}

}  // namespace

TEST_CASE("names Jekyll reads nothing from: `_`, `.`, `#`, `~`, and posts without a date",
          "[jekyll_entries]") {
  JekyllEntries jekyll;
  // Built by Jekyll with its defaults (collections declared, as the indexer assumes them).
  for (const char* id :
       {"index.md", "about/ok.md", "_projects/ok.md", "_projects/a/_b/c.md",
        "_projects/nested/deeper/c.md", "_posts/2019-01-01-ok.md",
        "_posts/sub/2019-01-02-nested.md", "_posts/19-1-1-short.md", "_posts/2019-5-5-.md",
        "news/_posts/2019-02-01-n.md", "about/_posts/2019-04-04-q.md", "_projects/Gemfile.md"}) {
    CAPTURE(id);
    CHECK(jekyll.builds(id));
  }
  // Never read: they were indexed, with URLs that do not exist.
  for (const char* id :
       {"_projects/_template.md", "_projects/_sub/x.md", "_projects/#x.md", "_projects/~x.md",
        "about/_private/z.md", "about/#scratch.md", "about/~tilde.md", "#scratch.md", "~home.md",
        "_root.md", "_posts/no-date-in-name.md", "_posts/_sub/2019-01-03-hidden.md",
        "_posts/_2019-01-05-x.md", "_posts/12019-01-01-five.md", "news/_posts/undated.md",
        "_hidden/_posts/2019-02-02-h.md", "_projects/_posts/2019-02-02-h.md", "Gemfile-notes.md",
        "node_modules/x/README.md"}) {
    CAPTURE(id);
    CHECK_FALSE(jekyll.builds(id));
  }
}

TEST_CASE("exclude and include of _config.yml, matched as Jekyll matches them",
          "[jekyll_entries]") {
  test::TempDir dir;
  test::write_file(
      dir / "_config.yml",
      "exclude: [old-site, secret.md, _projects/archived, '*.tmp.md', notes/, drafty]\n"
      "include: [_keep.md, _incl, drafty-kept.md]\n");
  SiteConfig site = SiteConfig::load(dir.path());
  std::vector<std::string> ids = {"keep.md",
                                  "old-site/x.md",
                                  "old-site-2/y.md",  // `old-site` is a prefix of its name
                                  "secret.md",
                                  "_projects/archived/z.md",
                                  "_projects/archive.md",
                                  "_projects/a.tmp.md",  // `*` matches `/` too
                                  "notes/a.md",
                                  "notes.md",
                                  "drafty-page.md",
                                  "drafty-kept.md",  // included: never excluded
                                  "_keep.md",
                                  "sub/_keep.md",  // include patterns match names at any depth
                                  "_incl/x.md"};
  CHECK(built(site.entries(), ids) ==
        std::vector<std::string>{"keep.md", "_projects/archive.md", "notes.md", "drafty-kept.md",
                                 "_keep.md", "sub/_keep.md", "_incl/x.md"});
  // Jekyll refuses a value that is not a list.
  test::write_file(dir / "_config.yml", "title: x\nexclude: secret.md\n");
  CHECK_THROWS_AS(SiteConfig::load(dir.path()), ConfigError);
  CHECK_THROWS_WITH(
      SiteConfig::load(dir.path()),
      (dir / "_config.yml").string() + ":2:10: `exclude` should be a list, as Jekyll requires");
}

TEST_CASE("the indexer leaves out the files Jekyll does not build, and removes them once left out",
          "[jekyll_entries]") {
  test::TempDir dir;
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  auto page = [](const std::string& title) {
    return "---\ntitle: " + title + "\n---\nunbuiltword\n";
  };
  for (const char* id : {"about.md", "_projects/ok.md", "_posts/2019-01-01-ok.md", "old/x.md",
                         "_projects/_template.md", "_posts/undated.md", "#scratch.md",
                         "about/_private/z.md", "_plugins/readme.md"}) {
    test::write_file(site / id, page(id));
  }
  nlohmann::json first = test::index_summary(site, db);
  CHECK(first["exit_code"] == 0);
  CHECK(first["documents"] == 4);
  std::vector<std::string> ids = test::hit_ids(test::search_index(db, "unbuiltword", 20));
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"_posts/2019-01-01-ok.md", "_projects/ok.md", "about.md",
                                        "old/x.md"});
  // Excluded afterwards: an incremental run removes it.
  test::write_file(site / "_config.yml", "exclude: [old]\n");
  nlohmann::json second = test::index_summary(site, db);
  CHECK(second["exit_code"] == 0);
  CHECK(second["documents"] == 3);
  CHECK_FALSE(test::contains(test::hit_ids(test::search_index(db, "unbuiltword", 20)), "old/x.md"));
}
