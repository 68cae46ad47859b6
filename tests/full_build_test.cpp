// Full rebuilds on several threads (indexer/full_build.h), end to end with the real programs:
// the index they write is the one the page-by-page writer writes, document for document; a bad
// page or a Xapian error inside a worker reaches the report; a failed page keeps its previous
// version in a full run too.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "indexer/schema.h"
#include "query/searcher.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using hotsearch::test::index_summary;
using hotsearch::test::run_program;
using hotsearch::test::TempDir;
using nlohmann::json;

namespace {

bool is_page_file(const fs::path& path) {
  std::string ext = path.extension().string();
  return ext == ".md" || ext == ".markdown" || ext == ".html";
}

/// Moves every page file of `from` into the same place under `to` (renames keep the mtimes
/// the index stamps pages with).
void move_pages(const fs::path& from, const fs::path& to) {
  std::vector<fs::path> pages;
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    if (entry.is_regular_file() && is_page_file(entry.path())) pages.push_back(entry.path());
  }
  for (const fs::path& page : pages) {
    fs::path target = to / fs::relative(page, from);
    fs::create_directories(target.parent_path());
    fs::rename(page, target);
  }
}

/// The generation folder the stub of `db` names.
fs::path current_generation(const fs::path& db) {
  std::ifstream stub(db / "XAPIANDB");
  std::string backend, name;
  stub >> backend >> name;
  return db / name;
}

/// Everything a reader can get from one document, in a form Catch can compare and print.
std::string describe_document(const Xapian::Document& doc) {
  std::string text = "data " + doc.get_data() + "\n";
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    text += "term " + *t + " wdf " + std::to_string(t.get_wdf()) + " at";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      text += " " + std::to_string(*p);
    }
    text += "\n";
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
    text += "value " + std::to_string(v.get_valueno()) + " " + *v + "\n";
  }
  return text;
}

/// Checks that two indexes hold the same documents under the same ids, the same statistics,
/// spelling dictionary and metadata (but the time of the run).
void check_same_index(const fs::path& a_path, const fs::path& b_path) {
  Xapian::Database a(current_generation(a_path).string());
  Xapian::Database b(current_generation(b_path).string());
  REQUIRE(a.get_doccount() == b.get_doccount());
  REQUIRE(a.get_lastdocid() == b.get_lastdocid());
  CHECK(a.get_total_length() == b.get_total_length());
  for (Xapian::docid id = 1; id <= a.get_lastdocid(); ++id) {
    INFO("document " << id);
    REQUIRE(describe_document(a.get_document(id)) == describe_document(b.get_document(id)));
  }
  std::string spelling_a, spelling_b;
  for (auto w = a.spellings_begin(); w != a.spellings_end(); ++w) {
    spelling_a += *w + " " + std::to_string(w.get_termfreq()) + "\n";
  }
  for (auto w = b.spellings_begin(); w != b.spellings_end(); ++w) {
    spelling_b += *w + " " + std::to_string(w.get_termfreq()) + "\n";
  }
  CHECK(!spelling_a.empty());
  CHECK(spelling_a == spelling_b);
  for (const char* key : {"hotsearch.config", "hotsearch.not_pages"}) {
    INFO(key);
    CHECK(a.get_metadata(key) == b.get_metadata(key));
  }
}

/// The judged queries of tests/relevance/judgments.yml: what people type into the search box.
std::vector<std::string> judged_queries() {
  std::ifstream in(fs::path(HOTSEARCH_SOURCE_DIR) / "tests/relevance/judgments.yml");
  std::vector<std::string> queries;
  std::string line;
  const std::string marker = "- query: ";
  while (std::getline(in, line)) {
    if (line.rfind(marker, 0) == 0) queries.push_back(line.substr(marker.size()));
  }
  return queries;
}

/// What `hotsearch --json` answers, without the time it took.
json answer(const fs::path& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", db.string(), "--json", "--facets", "--limit", "50"});
  auto r = run_program("hotsearch", args);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  json result = json::parse(r.out);
  result.erase("took_ms");
  return result;
}

/// Runs hotsearch-index with writes to any file limited to `max_file_bytes` (RLIMIT_FSIZE,
/// SIGXFSZ ignored: a write past the limit fails with EFBIG, as on a full disk).
hotsearch::test::RunResult run_indexer_with_file_limit(const std::vector<std::string>& args,
                                                       rlim_t max_file_bytes) {
  std::string exe = hotsearch::test::program_path("hotsearch-index").string();
  std::vector<std::string> argv_strings{exe};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  int out_pipe[2], err_pipe[2];
  REQUIRE(pipe(out_pipe) == 0);
  REQUIRE(pipe(err_pipe) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]);
    close(err_pipe[0]);
    signal(SIGXFSZ, SIG_IGN);
    rlimit limit{max_file_bytes, max_file_bytes};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(126);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  auto slurp = [](int fd) {
    std::string text;
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
    close(fd);
    return text;
  };
  hotsearch::test::RunResult result;
  result.out = slurp(out_pipe[0]);  // small: it fits the pipe while stderr waits
  result.err = slurp(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace

TEST_CASE("a full build on several threads writes the index the page-by-page writer writes",
          "[corpus][full_build]") {
  TempDir dir;
  fs::path site = dir / "site";
  hotsearch::test::copy_tree(hotsearch::test::real_corpus(), site);

  // The page-by-page writer: an index of the site without its pages, then an incremental run
  // that adds every page in one transaction.
  fs::path sequential = dir / "sequential";
  move_pages(site, dir / "held");
  REQUIRE(index_summary(site, sequential, {})["documents"] == 0);
  move_pages(dir / "held", site);
  json by_page = index_summary(site, sequential, {});
  REQUIRE(by_page["mode"] == "incremental");
  REQUIRE(by_page["added"].get<std::size_t>() > 200);

  for (const char* jobs : {"1", "2", "3"}) {
    INFO("--jobs " << jobs);
    fs::path parallel = dir / (std::string("jobs-") + jobs);
    json built = index_summary(site, parallel, {"--full", "--jobs", jobs});
    CHECK(built["mode"] == "full");
    // The same summary, but for the time.
    for (const char* count :
         {"added", "updated", "unchanged", "removed", "failed", "read", "not_pages", "documents"}) {
      INFO(count);
      CHECK(built[count] == by_page[count]);
    }
    CHECK(built["failures"] == by_page["failures"]);
    CHECK(built["stderr"] == by_page["stderr"]);
    check_same_index(sequential, parallel);
    // No scratch left beside the generation.
    std::vector<std::string> entries;
    for (const auto& entry : fs::directory_iterator(parallel)) {
      entries.push_back(entry.path().filename().string());
    }
    std::sort(entries.begin(), entries.end());
    CHECK(entries == std::vector<std::string>{".lock", "XAPIANDB", "gen-1"});
  }
}

TEST_CASE("one thread and two answer every judged query and every facet alike",
          "[corpus][full_build]") {
  TempDir dir;
  fs::path one = dir / "one";
  fs::path two = dir / "two";
  REQUIRE(
      hotsearch::test::build_index(hotsearch::test::real_corpus(), one, {"--full", "--jobs", "1"})
          .exit_code == 1);  // the corpus' one unparseable page
  REQUIRE(
      hotsearch::test::build_index(hotsearch::test::real_corpus(), two, {"--full", "--jobs", "2"})
          .exit_code == 1);

  hotsearch::Searcher searcher_one(one);
  hotsearch::Searcher searcher_two(two);
  for (const hotsearch::schema::Facet& facet : hotsearch::schema::facets()) {
    std::string name(facet.name);
    INFO("facet " << name);
    auto counts_one = searcher_one.facet_values(name);
    auto counts_two = searcher_two.facet_values(name);
    REQUIRE(counts_one.values.size() == counts_two.values.size());
    for (std::size_t i = 0; i < counts_one.values.size(); ++i) {
      CHECK(counts_one.values[i].value == counts_two.values[i].value);
      CHECK(counts_one.values[i].count == counts_two.values[i].count);
    }
  }

  std::vector<std::string> queries = judged_queries();
  REQUIRE(queries.size() >= 60);
  // Misspellings (corrected from the spelling data), syntax errors, filters alone.
  queries.insert(queries.end(), {"misisng mapps", "\"cyclone idai", "title:haiti OR uganda"});
  for (const std::string& query : queries) {
    INFO("query " << query);
    CHECK(answer(one, {query}).dump() == answer(two, {query}).dump());
  }
  CHECK(answer(one, {"--country", "Uganda", "--sort", "newest"}).dump() ==
        answer(two, {"--country", "Uganda", "--sort", "newest"}).dump());
}

TEST_CASE("a page that fails in a full run is reported in file order and keeps its old version",
          "[corpus][full_build]") {
  TempDir dir;
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  hotsearch::test::copy_tree(hotsearch::test::real_corpus(), site);
  json first = index_summary(site, db, {"--full", "--jobs", "2"});
  std::size_t pages = first["documents"];

  // Two bad pages, in the first and the last run of the build (the files are cut into runs of
  // 100 pages), with the corpus' own bad page between them.
  hotsearch::test::write_file(site / "_disaster-services/2023-libya-floods.markdown",
                              "---\ntitle: 2023 Libya Floods\ndate: sometime\n---\nnew text\n");
  hotsearch::test::write_file(site / "_projects/openaerialmap.md",
                              "---\ntitle: OpenAerialMap\nSummary Text: Open: Aerial: Map\n---\n");
  json full = index_summary(site, db, {"--full", "--jobs", "2"});
  CHECK(full["exit_code"] == 1);
  CHECK(full["failed"] == 3);
  CHECK(full["added"] == first["added"].get<std::size_t>() - 2);
  // Both failed pages are still there with their previous text.
  CHECK(full["documents"] == pages);
  std::string report = full["stderr"];
  auto libya = report.find(
      "_disaster-services/2023-libya-floods.markdown:3:7: date \"sometime\" is not a date "
      "(expected YYYY-MM-DD, optionally with a time)\n");
  auto bo = report.find("_people/bo-percival.markdown:1:1: ");
  auto oam = report.find("_projects/openaerialmap.md:3:19: front matter: illegal map value\n");
  CHECK(libya < bo);
  CHECK(bo < oam);
  CHECK(oam != std::string::npos);
  REQUIRE(full["failures"].size() == 3);
  CHECK(full["failures"][0]["path"] == "_disaster-services/2023-libya-floods.markdown");
  CHECK(full["failures"][0]["line"] == 3);
  CHECK(full["failures"][0]["column"] == 7);
  CHECK(full["failures"][2]["path"] == "_projects/openaerialmap.md");

  json oam_hits = answer(db, {"title:openaerialmap"});
  REQUIRE(oam_hits["results"].size() >= 1);
  CHECK(oam_hits["results"][0]["id"] == "_projects/openaerialmap.md");
  json libya_hits = answer(db, {"title:libya"});
  REQUIRE(libya_hits["results"].size() >= 1);
  CHECK(libya_hits["results"][0]["id"] == "_disaster-services/2023-libya-floods.markdown");
  CHECK(libya_hits["results"][0]["date"] == "2023-09-18");
}

TEST_CASE("a Xapian error inside a worker stops the run with exit 3 naming shard and page",
          "[corpus][full_build]") {
  TempDir dir;
  fs::path db = dir / "db";
  std::string content = hotsearch::test::real_corpus().string();
  REQUIRE(index_summary(content, db, {})["exit_code"] == 1);
  json before = answer(db, {"missing maps"});
  fs::path generation = current_generation(db);

  // 32 KiB a file: the first shard's tables outgrow it (EFBIG, as ENOSPC on a full disk).
  auto r = run_indexer_with_file_limit(
      {"--content", content, "--db", db.string(), "--full", "--jobs", "2", "--quiet"},
      rlim_t{32} * 1024);
  INFO(r.err);
  CHECK(r.exit_code == 3);
  // The summary line says the run did not index (SPEC §2: a run always ends with one).
  CHECK(r.out.rfind("not indexed: index " + db.string() + "/gen-2.shards/shard-", 0) == 0);
  std::regex message("hotsearch-index: index " + db.string() +
                     "/gen-2\\.shards/shard-[0-9]+: (writing _[^ ]+|committing [0-9]+ pages): "
                     "DatabaseError: .*File too large.*\n");
  CHECK(std::regex_search(r.err, message));

  // The last index is untouched and still answers; the failed run removed what it wrote (on a
  // full disk, that space is what the next run needs), and the next run completes.
  CHECK(current_generation(db) == generation);
  CHECK(!fs::exists(db / "gen-2.shards"));
  CHECK(!fs::exists(db / "gen-2"));
  CHECK(answer(db, {"missing maps"}).dump() == before.dump());
  json next = index_summary(content, db, {"--full"});
  CHECK(next["exit_code"] == 1);
  CHECK(!fs::exists(db / "gen-2.shards"));
  CHECK(answer(db, {"missing maps"}).dump() == before.dump());
}

TEST_CASE("hotsearch-index refuses a word without a flag (exit 2) and writes nothing",
          "[full_build]") {
  TempDir dir;
  auto r = run_program("hotsearch-index", {"--db", (dir / "db").string(), "content"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("hotsearch-index: unexpected argument 'content' (the "
                                      "content folder is given with --content DIR)\n"));
  CHECK(!fs::exists(dir / "db"));
}

TEST_CASE("a full run takes 1 to 64 threads (--jobs), else exit 2", "[full_build]") {
  TempDir dir;
  for (const char* bad : {"0", "65", "many", "-1"}) {
    INFO("--jobs " << bad);
    auto r =
        run_program("hotsearch-index", {"--content", hotsearch::test::sample_content().string(),
                                        "--db", (dir / "db").string(), "--full", "--jobs", bad});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::StartsWith("hotsearch-index: "));
    CHECK(!fs::exists(dir / "db"));
  }
  auto r = run_program("hotsearch-index",
                       {"--content", hotsearch::test::sample_content().string(), "--db",
                        (dir / "db").string(), "--full", "--jobs", "64", "--quiet"});
  CHECK(r.exit_code == 0);
}

TEST_CASE("pages in a folder that cannot be read keep their indexed versions", "[full_build]") {
  TempDir dir;
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  hotsearch::test::write_file(site / "_projects/kept.md", "---\ntitle: Kept\n---\nfirst.\n");
  hotsearch::test::write_file(site / "_projects/sub/inside.md",
                              "---\ntitle: Quokkafolder page\n---\nquokkafolder words.\n");
  REQUIRE(index_summary(site, db, {})["documents"] == 2);

  // The folder becomes a link to itself: it is reported, and its page is not removed.
  fs::rename(site / "_projects/sub", dir / "sub-away");
  fs::create_directory_symlink("sub", site / "_projects/sub");
  for (const std::vector<std::string>& run : {std::vector<std::string>{}, {"--full"}}) {
    INFO((run.empty() ? "incremental" : "full"));
    json summary = index_summary(site, db, run);
    CHECK(summary["exit_code"] == 1);
    CHECK(summary["removed"] == 0);
    CHECK(summary["documents"] == 2);
    REQUIRE(summary["failures"].size() == 1);
    CHECK(summary["failures"][0]["path"] == "_projects/sub");
    json hits = answer(db, {"quokkafolder"});
    REQUIRE(hits["results"].size() == 1);
    CHECK(hits["results"][0]["id"] == "_projects/sub/inside.md");
  }

  // Back as a folder: read again. Gone for good: removed.
  fs::remove(site / "_projects/sub");
  fs::rename(dir / "sub-away", site / "_projects/sub");
  CHECK(index_summary(site, db, {})["exit_code"] == 0);
  if (::geteuid() != 0) {
    // Unreadable for this user (root reads any folder, so this part needs another user).
    fs::permissions(site / "_projects/sub", fs::perms::none);
    json summary = index_summary(site, db, {});
    fs::permissions(site / "_projects/sub", fs::perms::owner_all);
    CHECK(summary["removed"] == 0);
    CHECK(summary["documents"] == 2);
  }
  fs::remove_all(site / "_projects/sub");
  json gone = index_summary(site, db, {});
  CHECK(gone["removed"] == 1);
  CHECK(gone["documents"] == 1);
}

TEST_CASE("a page that fails in the full run a configuration change starts keeps its old version",
          "[full_build]") {
  TempDir dir;
  auto [site, db] = hotsearch::test::indexed_sample_copy(dir);
  json before = answer(db, {"title:wombatconfig"});
  hotsearch::test::write_file(site / "_projects/config-change.md",
                              "---\ntitle: Wombatconfig page\n---\nfirst text.\n");
  REQUIRE(index_summary(site, db, {})["added"] == 1);

  // The page breaks in the same run as the site's configuration changes: that run is full.
  hotsearch::test::write_file(site / "_projects/config-change.md",
                              "---\ntitle: [Wombatconfig\n---\nsecond text.\n");
  std::ofstream(site / "_config.yml", std::ios::app)
      << "  - scope: {path: \"\", type: people}\n    values: {layout: person}\n";
  json summary = index_summary(site, db, {});
  CHECK(summary["mode"] == "full");
  CHECK(summary["exit_code"] == 1);
  CHECK(summary["failed"] == 1);
  json hits = answer(db, {"title:wombatconfig"});
  REQUIRE(hits["results"].size() == 1);
  CHECK(hits["results"][0]["id"] == "_projects/config-change.md");
  CHECK(before["results"].empty());
}
