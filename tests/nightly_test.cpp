// The nightly reindex promises (issue 4), end to end with the real programs on a copy of the
// real corpus: edits, additions, deletions, renames and broken pages in one run; no-op runs;
// crashes at any moment; two indexers at once; readers during reindexing.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "query/searcher.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using hotsearch::test::index_summary;
using hotsearch::test::run_program;
using hotsearch::test::TempDir;
using nlohmann::json;

namespace {

json query_json(const fs::path& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", db.string(), "--json"});
  auto r = run_program("hotsearch", args);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  return json::parse(r.out);
}

std::set<std::string> ids(const json& result) {
  std::set<std::string> out;
  for (const auto& hit : result["results"]) out.insert(hit["id"].get<std::string>());
  return out;
}

void replace_in_file(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = hotsearch::test::read_file(file);
  auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  text.replace(pos, from.size(), to);
  hotsearch::test::write_file(file, text);
}

}  // namespace

TEST_CASE(
    "a night of edits: changes are found and gone pages leave and a broken page keeps its old text",
    "[corpus][nightly]") {
  TempDir dir;
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  hotsearch::test::copy_tree(hotsearch::test::real_corpus(), site);
  json first = index_summary(site, db);
  std::size_t pages = first["documents"];
  REQUIRE(pages > 200);

  // Edit a title, add a page, delete a page, rename a page, break one page's YAML.
  replace_in_file(site / "_projects/missing-maps.md", "title: Missing Maps",
                  "title: Missing Maps Zanzibarwombat");
  hotsearch::test::write_file(site / "_posts/2026-11-20-night-test.md",
                              "---\ntitle: Quokkafestival in Lusaka\ndate: 2026-11-20\n---\n"
                              "A new page about *mapping* with local volunteers.\n");
  fs::remove(site / "_projects/inasafe.md");
  fs::rename(site / "_projects/field-papers.md", site / "_projects/field-papers-renamed.md");
  fs::path broken = site / "_projects/openaerialmap.md";
  std::string old_text = hotsearch::test::read_file(broken);
  json before_break = query_json(db, {"title:openaerialmap"});
  REQUIRE(ids(before_break).count("_projects/openaerialmap.md") == 1);
  hotsearch::test::write_file(
      broken, "---\ntitle: OpenAerialMap\nSummary Text: Open: Aerial: Map\n---\nnew text\n");

  json night = index_summary(site, db);
  CHECK(night["exit_code"] == 1);
  CHECK(night["added"] == 2);  // the new post and the renamed page
  CHECK(night["updated"] == 1);
  CHECK(night["removed"] == 2);  // the deleted page and the renamed-away path
  // The broken page, and the corpus' own page without a closing --- line.
  CHECK(night["failed"] == 2);
  CHECK(night["documents"] == pages);
  std::string report = night["stderr"];
  CHECK_THAT(report,
             Catch::Contains("_projects/openaerialmap.md:3:19: front matter: illegal map value\n"));
  REQUIRE(night["failures"].size() == 2);
  CHECK(night["failures"][1]["path"] == "_projects/openaerialmap.md");
  CHECK(night["failures"][1]["line"] == 3);
  CHECK(night["failures"][1]["column"] == 19);

  CHECK(ids(query_json(db, {"zanzibarwombat"})) ==
        std::set<std::string>{"_projects/missing-maps.md"});
  CHECK(ids(query_json(db, {"quokkafestival"})) ==
        std::set<std::string>{"_posts/2026-11-20-night-test.md"});
  json all = query_json(db, {"--limit", "10000"});
  CHECK(ids(all).count("_projects/inasafe.md") == 0);
  CHECK(ids(all).count("_projects/field-papers.md") == 0);
  CHECK(ids(all).count("_projects/field-papers-renamed.md") == 1);
  // The broken page is still found with its old text.
  CHECK(ids(query_json(db, {"title:openaerialmap"})).count("_projects/openaerialmap.md") == 1);

  // Once fixed, the page is updated and the run is clean again.
  hotsearch::test::write_file(broken, old_text);
  json fixed = index_summary(site, db);
  CHECK(fixed["failed"] == 1);  // only the corpus' own broken page is left
  // The broken version never reached the index, so the restored bytes are what it holds.
  CHECK(fixed["updated"] == 0);
  CHECK(ids(query_json(db, {"title:openaerialmap"})).count("_projects/openaerialmap.md") == 1);
}

TEST_CASE("a run with nothing changed re-reads no page and changes nothing readers see",
          "[corpus][nightly]") {
  TempDir dir;
  fs::path db = dir / "db";
  index_summary(hotsearch::test::real_corpus(), db);
  json before = query_json(db, {"haiti"});
  std::string revision_before = hotsearch::Searcher(db).info().revision;
  json noop = index_summary(hotsearch::test::real_corpus(), db);
  CHECK(noop["read"] == 0);
  CHECK(noop["added"] == 0);
  CHECK(noop["updated"] == 0);
  CHECK(noop["removed"] == 0);
  CHECK(noop["unchanged"].get<std::size_t>() == noop["documents"].get<std::size_t>());
  json after = query_json(db, {"haiti"});
  CHECK(ids(after) == ids(before));
  CHECK(after["total"] == before["total"]);
  CHECK(hotsearch::Searcher(db).info().revision == revision_before);
}

TEST_CASE("killing the indexer at any moment leaves the last index searchable",
          "[corpus][nightly]") {
  TempDir dir;
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  hotsearch::test::copy_tree(hotsearch::test::real_corpus(), site);
  index_summary(site, db);
  json before = query_json(db, {"missing maps"});
  REQUIRE(before["total"].get<std::size_t>() > 0);

  for (int delay_ms : {1, 5, 15, 40, 80, 150}) {
    for (const char* mode : {"--full", ""}) {
      // Something changes each round so incremental runs have work to do.
      hotsearch::test::write_file(
          site / "_posts/2026-01-01-crash.md",
          "---\ntitle: Crash round " + std::to_string(delay_ms) + "\n---\nbody\n");
      std::vector<std::string> args = {"--content", site.string(), "--db", db.string()};
      if (*mode) args.emplace_back(mode);
      pid_t pid = hotsearch::test::start_indexer_quietly(args);
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      kill(pid, SIGKILL);
      int status = 0;
      waitpid(pid, &status, 0);
      INFO("killed after " << delay_ms << " ms, mode " << (*mode ? mode : "incremental"));
      json now = query_json(db, {"missing maps"});
      CHECK(now["total"] == before["total"]);
      CHECK(now["results"][0]["id"] == before["results"][0]["id"]);
    }
  }
  json next = index_summary(site, db);
  CHECK(next["exit_code"] == 1);  // the corpus' one unparseable page
  CHECK(query_json(db, {"missing maps"})["total"] == before["total"]);
  json full = index_summary(site, db, {"--full"});
  CHECK(full["documents"] == next["documents"]);
}

TEST_CASE("a full run killed while it writes shards or while it merges them leaves the last index",
          "[corpus][nightly]") {
  TempDir dir;
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  // 1,500 pages grown from the real corpus: each phase of a full run lasts long enough to be
  // caught in the act.
  fs::path gen_corpus = fs::path(HOTSEARCH_SOURCE_DIR) / "scripts" / "gen-corpus";
  auto grown = hotsearch::test::run_process(
      "python3", {gen_corpus.string(), site.string(), "1500", "--seed", "1"});
  INFO(grown.err);
  REQUIRE(grown.exit_code == 0);
  json first = index_summary(site, db, {"--full"});
  REQUIRE(first["documents"] == 1500);
  json before = query_json(db, {"missing maps"});
  std::string stub_before = hotsearch::test::read_file(db / "XAPIANDB");
  REQUIRE(stub_before == "glass gen-1\n");

  struct Phase {
    const char* name;
    fs::path sign;  ///< appears once the run is in that phase
  };
  // Shards are written into gen-2.shards; the merge writes gen-2 itself, postlist first.
  for (const Phase& phase : {Phase{"writing shards", db / "gen-2.shards" / "shard-0"},
                             Phase{"merging the shards", db / "gen-2" / "postlist.glass"}}) {
    INFO("killed while " << phase.name);
    pid_t pid = hotsearch::test::start_indexer_quietly(
        {"--content", site.string(), "--db", db.string(), "--full", "--jobs", "2"});
    bool reached = false;
    int status = 0;
    bool exited = false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!reached && !exited && std::chrono::steady_clock::now() < deadline) {
      std::error_code ec;
      reached = fs::exists(phase.sign, ec);
      if (!reached) {
        exited = waitpid(pid, &status, WNOHANG) == pid;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    }
    if (!exited) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    REQUIRE(reached);
    REQUIRE(WIFSIGNALED(status));
    // The stub was not switched: readers still see the last complete index.
    CHECK(hotsearch::test::read_file(db / "XAPIANDB") == stub_before);
    json now = query_json(db, {"missing maps"});
    CHECK(now["total"] == before["total"]);
    CHECK(ids(now) == ids(before));
  }

  // The next run removes what the killed ones left and completes.
  json next = index_summary(site, db, {"--full"});
  CHECK(next["documents"] == 1500);
  CHECK(query_json(db, {"missing maps"})["total"] == before["total"]);
  std::vector<std::string> entries;
  for (const auto& entry : fs::directory_iterator(db)) {
    entries.push_back(entry.path().filename().string());
  }
  std::sort(entries.begin(), entries.end());
  CHECK(entries == std::vector<std::string>{".lock", "XAPIANDB", "gen-2"});
}

TEST_CASE("a second indexer exits 3 at once naming the one that holds the lock", "[nightly]") {
  TempDir dir;
  fs::path db = dir / "db";
  fs::create_directories(db);
  // Hold the lock the way a running indexer does.
  int fd = open((db / ".lock").c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(flock(fd, LOCK_EX | LOCK_NB) == 0);
  std::string holder = "pid 4242, started 2026-11-25T02:30:00Z\n";
  REQUIRE(pwrite(fd, holder.data(), holder.size(), 0) == static_cast<ssize_t>(holder.size()));

  auto start = std::chrono::steady_clock::now();
  auto r = run_program("hotsearch-index", {"--content", hotsearch::test::sample_content().string(),
                                           "--db", db.string()});
  auto waited = std::chrono::steady_clock::now() - start;
  CHECK(r.exit_code == 3);
  CHECK(r.err == "hotsearch-index: index " + db.string() +
                     " is locked by another indexer (pid 4242, started 2026-11-25T02:30:00Z)\n");
  CHECK(waited < std::chrono::seconds(30));  // not waiting for the lock (a bound, not a benchmark)
  close(fd);

  // Released: the next run goes ahead.
  auto again = run_program(
      "hotsearch-index",
      {"--content", hotsearch::test::sample_content().string(), "--db", db.string(), "--quiet"});
  CHECK(again.exit_code == 0);
}

TEST_CASE("two indexers started together: one runs and the other exits 3", "[corpus][nightly]") {
  TempDir dir;
  fs::path db = dir / "db";
  std::string content = hotsearch::test::real_corpus().string();
  hotsearch::test::RunResult a, b;
  std::thread first([&] {
    a = run_program("hotsearch-index", {"--content", content, "--db", db.string(), "--full"});
  });
  std::thread second([&] {
    b = run_program("hotsearch-index", {"--content", content, "--db", db.string(), "--full"});
  });
  first.join();
  second.join();
  // Both may finish one after the other when the first is quick; if they overlapped, one lost.
  std::vector<int> codes = {a.exit_code, b.exit_code};
  std::sort(codes.begin(), codes.end());
  INFO(a.err << "\n----\n" << b.err);
  CHECK(codes[0] == 1);  // a completed run (the corpus has one unparseable page)
  CHECK((codes[1] == 1 || codes[1] == 3));
  if (codes[1] == 3) {
    const std::string& loser = a.exit_code == 3 ? a.err : b.err;
    CHECK_THAT(loser, Catch::Contains("is locked by another indexer (pid "));
  }
}

TEST_CASE("readers never fail while the index is rebuilt again and again", "[corpus][nightly]") {
  TempDir dir;
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  hotsearch::test::copy_tree(hotsearch::test::real_corpus(), site);
  index_summary(site, db);

  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, searches{0};
  std::string first_error;
  std::thread reader([&] {
    hotsearch::Searcher searcher(db);
    hotsearch::SearchRequest request;
    request.query = "missing maps";
    while (!stop) {
      try {
        auto result = searcher.search(request);
        if (result.total == 0) ++failures;
        ++searches;
      } catch (const std::exception& e) {
        if (failures++ == 0) first_error = e.what();
      }
    }
  });
  for (int round = 0; round < 3; ++round) {
    hotsearch::test::write_file(site / "_posts/2026-02-02-round.md",
                                "---\ntitle: Round " + std::to_string(round) + "\n---\nbody\n");
    index_summary(site, db);
    index_summary(site, db, {"--full"});
  }
  stop = true;
  reader.join();
  INFO(first_error);
  CHECK(failures == 0);
  CHECK(searches > 0);
}

TEST_CASE("nightly runs keep the spelling dictionary what a fresh index would hold",
          "[nightly]") {
  // Xapian never removes spelling entries: a deleted page's words were offered as corrections
  // that found nothing, and each touch of a page counted its words again.
  TempDir dir;
  fs::path site = dir / "site", db = dir / "db", fresh = dir / "fresh";
  hotsearch::test::write_file(site / "_posts/2020-01-01-a.md",
                              "---\ntitle: A\n---\nThe wombatville valley.\n");
  hotsearch::test::write_file(site / "_posts/2020-01-02-b.md",
                              "---\ntitle: B\n---\nThe wombatvilla river.\n");
  REQUIRE(index_summary(site, db)["exit_code"] == 0);
  auto correction = [](const fs::path& index, const std::string& q) {
    json r = query_json(index, {q});
    return std::make_pair(r.value("corrected_query", std::string()), r["total"].get<int>());
  };
  // Touched again and again: the answer does not move.
  auto before = correction(db, "wombatvilli");
  for (int i = 0; i < 3; ++i) {
    fs::last_write_time(site / "_posts/2020-01-02-b.md",
                        fs::last_write_time(site / "_posts/2020-01-02-b.md") +
                            std::chrono::seconds(10 + i));
    REQUIRE(index_summary(site, db)["exit_code"] == 0);
  }
  CHECK(correction(db, "wombatvilli") == before);
  // Deleted: its word is no longer offered; a misspelling of it meets the living page's word.
  fs::remove(site / "_posts/2020-01-02-b.md");
  REQUIRE(index_summary(site, db)["exit_code"] == 0);
  REQUIRE(index_summary(site, fresh)["exit_code"] == 0);
  for (const std::string q : {"wombatvila", "wombatvilla", "wombatvilli"}) {
    INFO(q);
    CHECK(correction(db, q) == correction(fresh, q));
    CHECK(correction(db, q).first != "wombatvilla");
  }
  CHECK(correction(db, "wombatvilla").first == "wombatville");
}
