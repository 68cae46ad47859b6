// hotsearch-index when what it works on is broken: a content folder it cannot read or that is
// empty (an unmounted disk), an index that is damaged, what a killed full run left behind, an
// index folder it may not write to. Nothing already indexed is lost, and the operator is told.
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using hotsearch::test::index_summary;
using hotsearch::test::run_program;
using hotsearch::test::RunResult;
using hotsearch::test::TempDir;
using hotsearch::test::write_file;
using nlohmann::json;

namespace {

/// hotsearch-index under the file permissions a cron job's user meets. Root reads and writes
/// any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so as root it runs without those two
/// capabilities (setpriv, util-linux).
RunResult run_indexer_as_a_user(const std::vector<std::string>& args) {
  if (::geteuid() != 0) return run_program("hotsearch-index", args);
  std::vector<std::string> setpriv_args = {"--inh-caps=-dac_override,-dac_read_search",
                                           "--bounding-set=-dac_override,-dac_read_search",
                                           hotsearch::test::program_path("hotsearch-index")};
  setpriv_args.insert(setpriv_args.end(), args.begin(), args.end());
  return hotsearch::test::run_process("setpriv", setpriv_args);
}

/// One incremental run of `site` into `db` as a user (above) while `path` has only `perms`;
/// its permissions are put back after.
RunResult run_indexer_while(const fs::path& path, fs::perms perms, const fs::path& site,
                            const fs::path& db) {
  fs::perms before = fs::status(path).permissions();
  fs::permissions(path, perms);
  RunResult r = run_indexer_as_a_user({"--content", site.string(), "--db", db.string()});
  fs::permissions(path, before);
  return r;
}

/// The ids `hotsearch --json` lists for `word` (up to 50).
std::vector<std::string> ids_for(const fs::path& db, const std::string& word) {
  RunResult r = run_program("hotsearch", {"--db", db.string(), "--json", "--limit", "50", word});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  json answer = json::parse(r.out);
  std::vector<std::string> ids;
  for (const json& hit : answer["results"]) ids.push_back(hit["id"]);
  return ids;
}

/// A site of two pages, indexed.
struct TwoPages {
  TempDir dir;
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  TwoPages() {
    write_file(site / "_projects/one.md", "---\ntitle: One\n---\nquokkarecovery first.\n");
    write_file(site / "_posts/2020-01-02-two.md", "---\ntitle: Two\n---\nquokkarecovery second.\n");
    REQUIRE(index_summary(site, db)["documents"] == 2);
  }
  fs::path generation() const {
    std::ifstream stub(db / "XAPIANDB");
    std::string backend, name;
    stub >> backend >> name;
    return db / name;
  }
};

}  // namespace

TEST_CASE("a content folder that cannot be read stops the run and every page is kept",
          "[index_recovery]") {
  TwoPages s;
  RunResult r = run_indexer_while(s.site, fs::perms::none, s.site, s.db);
  INFO(r.err);
  // Before, the folder's pages all looked deleted: `0 pages: 2 removed, 1 failed`.
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("cannot read content folder " + fs::canonical(s.site).string() +
                                    ": Permission denied"));
  CHECK_THAT(r.out, Catch::StartsWith("not indexed: cannot read content folder"));
  CHECK(ids_for(s.db, "quokkarecovery").size() == 2);
}

TEST_CASE("an empty content folder leaves the index as it is unless --full is asked",
          "[index_recovery]") {
  TwoPages s;
  fs::remove_all(s.site);
  fs::create_directory(s.site);  // an unmounted disk's mount point, a failed checkout
  RunResult r = run_program("hotsearch-index",
                            {"--content", s.site.string(), "--db", s.db.string(), "--json"});
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("has no pages: the index's 2 pages are kept"));
  json summary = json::parse(r.out);
  CHECK(summary["indexed"] == false);
  CHECK_THAT(summary["error"].get<std::string>(), Catch::Contains("has no pages"));
  CHECK(ids_for(s.db, "quokkarecovery").size() == 2);
  // Asked for in so many words, the index is emptied.
  json emptied = index_summary(s.site, s.db, {"--full"});
  CHECK(emptied["exit_code"] == 0);
  CHECK(emptied["documents"] == 0);
  CHECK(ids_for(s.db, "quokkarecovery").empty());
}

TEST_CASE("a content folder of files that are not pages leaves the index as it is",
          "[index_recovery]") {
  TwoPages s;
  fs::remove_all(s.site);
  // A failed checkout that kept only its README: a file, but not a page. The guard counted
  // files, and this run removed both pages with exit 0.
  write_file(s.site / "README.md", "This checkout failed\n");
  write_file(s.site / "draft.md", "---\ntitle: Draft\npublished: false\n---\nquokkarecovery\n");
  RunResult r =
      run_program("hotsearch-index", {"--content", s.site.string(), "--db", s.db.string()});
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("has no pages: the index's 2 pages are kept"));
  CHECK_THAT(r.out, Catch::StartsWith("not indexed: content folder"));
  CHECK(ids_for(s.db, "quokkarecovery").size() == 2);
  // The same when a changed configuration makes the run a full one.
  write_file(s.site / "_config.yml", "permalink: pretty\n");
  RunResult full =
      run_program("hotsearch-index", {"--content", s.site.string(), "--db", s.db.string()});
  INFO(full.err);
  CHECK(full.exit_code == 3);
  CHECK_THAT(full.err, Catch::Contains("has no pages: the index's 2 pages are kept"));
  CHECK(ids_for(s.db, "quokkarecovery").size() == 2);
  // One page is enough to say the folder is the site: the other page is removed.
  write_file(s.site / "_projects/one.md", "---\ntitle: One\n---\nquokkarecovery first.\n");
  json summary = index_summary(s.site, s.db);
  CHECK(summary["exit_code"] == 0);
  CHECK(ids_for(s.db, "quokkarecovery") == std::vector<std::string>{"_projects/one.md"});
}

TEST_CASE("a damaged index is rebuilt by the next run, which says so", "[index_recovery]") {
  // The last three are tables a plain open does not read: the nightly run exited 0 over them
  // while every word search failed.
  for (const char* damage :
       {"lost version file", "lost postlist table", "garbage table", "position table cut short",
        "lost term list table", "lost data table"}) {
    INFO(damage);
    TwoPages s;
    fs::path generation = s.generation();
    if (std::string(damage) == "position table cut short") {
      fs::path positions = generation / "position.glass";
      fs::resize_file(positions, fs::file_size(positions) / 2);
    }
    if (std::string(damage) == "lost term list table") fs::remove(generation / "termlist.glass");
    if (std::string(damage) == "lost data table") fs::remove(generation / "docdata.glass");
    if (std::string(damage) == "lost version file") fs::remove(generation / "iamglass");
    if (std::string(damage) == "lost postlist table") fs::remove(generation / "postlist.glass");
    if (std::string(damage) == "garbage table") {
      std::ofstream(generation / "postlist.glass", std::ios::binary | std::ios::trunc)
          << std::string(16384, '\x5a');
    }
    // Incremental, as the nightly job runs it: before, it exited 3 every night until the
    // index was removed by hand, and --full did too.
    json summary = index_summary(s.site, s.db);
    CHECK(summary["exit_code"] == 1);
    CHECK(summary["mode"] == "full");
    CHECK_THAT(summary["stderr"].get<std::string>(),
               Catch::Contains(generation.string() + ": the index cannot be read ("));
    CHECK(ids_for(s.db, "quokkarecovery").size() == 2);
    CHECK(!fs::exists(generation));
    CHECK(index_summary(s.site, s.db)["exit_code"] == 0);  // and all is well again
  }
}

TEST_CASE("a damaged stub in hotsearch's own folder is rebuilt, not refused every night",
          "[index_recovery]") {
  for (const std::string stub : {"", "glass nonsense\n", "\x01\x02garbage"}) {
    INFO("stub \"" << stub << "\"");
    TwoPages s;
    write_file(s.db / "XAPIANDB", stub);
    // Every run exited 3, `--full` too, until the stub was removed by hand.
    json summary = index_summary(s.site, s.db);
    CHECK(summary["exit_code"] == 1);
    CHECK(summary["mode"] == "full");
    CHECK_THAT(summary["stderr"].get<std::string>(),
               Catch::Contains((s.db / "XAPIANDB").string() + ": not a hotsearch index stub"));
    CHECK(ids_for(s.db, "quokkarecovery").size() == 2);
    CHECK(index_summary(s.site, s.db)["exit_code"] == 0);
  }
}

TEST_CASE("an index the run may not read is left as it is, not rebuilt", "[index_recovery]") {
  TwoPages s;
  // A page that fails keeps its indexed version: a rebuild would lose it.
  write_file(s.site / "_posts/2020-01-02-two.md", "---\ntitle: [Two\n---\nbroken now.\n");
  REQUIRE(index_summary(s.site, s.db)["exit_code"] == 1);
  REQUIRE(ids_for(s.db, "quokkarecovery").size() == 2);
  fs::path generation = s.generation();
  RunResult r = run_indexer_while(generation / "postlist.glass", fs::perms::none, s.site, s.db);
  INFO(r.err);
  // Before, a permission error was taken for damage: the index was rebuilt, and the failed
  // page's old version was lost.
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("Permission denied"));
  CHECK(s.generation() == generation);
  CHECK(ids_for(s.db, "quokkarecovery").size() == 2);
}

TEST_CASE("what a killed full run left is removed by the next run, even an incremental one",
          "[index_recovery]") {
  TwoPages s;
  fs::path leftover = s.db / "gen-7";
  fs::path shards = s.db / "gen-7.shards";
  fs::copy(s.generation(), leftover, fs::copy_options::recursive);
  fs::create_directories(shards);
  fs::copy(s.generation(), shards / "shard-0", fs::copy_options::recursive);
  json summary = index_summary(s.site, s.db);
  CHECK(summary["exit_code"] == 0);
  CHECK(summary["mode"] == "incremental");
  CHECK(!fs::exists(leftover));
  CHECK(!fs::exists(shards));
  CHECK(ids_for(s.db, "quokkarecovery").size() == 2);
}

TEST_CASE("an index folder the run may not write to is said to be that, not locked by another",
          "[index_recovery]") {
  TwoPages s;
  write_file(s.site / "_projects/three.md", "---\ntitle: Three\n---\nquokkarecovery third.\n");
  // Xapian's own lock file, which it must open for writing.
  RunResult r =
      run_indexer_while(s.generation() / "flintlock", fs::perms::owner_read, s.site, s.db);
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("cannot be locked for writing"));
  CHECK_THAT(r.err, !Catch::Contains("another writer"));
  CHECK(ids_for(s.db, "quokkarecovery").size() == 2);
}

TEST_CASE("an index folder that holds another program's Xapian database is refused",
          "[index_recovery]") {
  TempDir dir;
  fs::path db = dir / "db";
  { Xapian::WritableDatabase other(db.string(), Xapian::DB_CREATE_OR_OPEN); }
  write_file(dir / "site/_projects/one.md", "---\ntitle: One\n---\nquokkarecovery.\n");
  RunResult r =
      run_program("hotsearch-index", {"--content", (dir / "site").string(), "--db", db.string()});
  // Before, the run wrote its index beside it and exited 0, and readers kept opening the other.
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("holds a Xapian database that hotsearch did not write"));
  CHECK(!fs::exists(db / "XAPIANDB"));
}

TEST_CASE("a link to a folder read under its own path is a note, not a failure",
          "[index_recovery]") {
  TwoPages s;
  fs::create_directory_symlink(s.site / "_projects", s.site / "projects-alias");
  for (const std::vector<std::string>& run : {std::vector<std::string>{}, {"--full"}}) {
    INFO((run.empty() ? "incremental" : "full"));
    json summary = index_summary(s.site, s.db, run);
    // Before, it failed every run (exit 1), though every page was read once.
    CHECK(summary["exit_code"] == 0);
    CHECK(summary["failed"] == 0);
    REQUIRE(summary["notes"].size() == 1);
    CHECK(summary["notes"][0]["path"] == "projects-alias");
    CHECK_THAT(summary["stderr"].get<std::string>(),
               Catch::Contains("note: projects-alias: symbolic link to a folder already read as "
                               "_projects: not read twice"));
    CHECK(summary["documents"] == 2);
  }
}
