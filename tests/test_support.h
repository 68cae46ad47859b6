#pragma once
// Helpers the tests share: where the real corpus is, temporary folders, running the programs.

#include <sys/types.h>
#include <xapian.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "query/search_result.h"

namespace hotsearch::test {

/// `../shared/corpus/hotosm-website` beside the repository. Tests that use it carry the tag
/// `[corpus]`; CMake leaves them out, with a warning, when the folder is absent.
std::filesystem::path real_corpus();

/// The project's own sample site (`content/`).
std::filesystem::path sample_content();

/// A fresh empty folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Copies a tree (used to edit a copy of the real corpus).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

/// Writes a file, creating its folders.
void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_file(const std::filesystem::path& path);

/// The result of running one of the built programs.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `program` (hotsearch, hotsearch-index, hotsearch-web) from the build tree with
/// `args`, without a shell; stdin is /dev/null. `env` entries are `NAME=value` added.
RunResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {});

/// Runs any executable (found on PATH when `exe` has no slash) the same way.
RunResult run_process(const std::string& exe, const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {});

/// What tests/tools/corpus_facts.py reads from a content tree with PyYAML, independently of
/// hotsearch's reader: the searchable page ids and, per facet, folded value -> page ids (JSON).
std::string corpus_facts_json(const std::filesystem::path& content);

/// `hotsearch-index --content CONTENT --db DB --json EXTRA...`: its summary (the JSON it
/// prints) with `exit_code` and `stderr` added. Fails the test unless it exits 0 or 1.
nlohmann::json index_summary(const std::filesystem::path& content, const std::filesystem::path& db,
                             const std::vector<std::string>& extra = {});

/// Starts `hotsearch-index ARGS...` with its output thrown away, without waiting: for tests
/// that kill it mid-way. The child's pid.
pid_t start_indexer_quietly(const std::vector<std::string>& args);

/// Builds an index of `content` at `db` with the real indexer; returns its result.
RunResult build_index(const std::filesystem::path& content, const std::filesystem::path& db,
                      const std::vector<std::string>& extra_args = {});

/// The sample site (`content/`) indexed at `db` with the real indexer, opened; fails the test
/// when the indexer does not build it.
Xapian::Database sample_index(const std::filesystem::path& db);

/// A copy of the sample site, for a test to edit and index again.
struct SampleCopy {
  std::filesystem::path site;  ///< `dir`/site
  std::filesystem::path db;    ///< `dir`/db, already built from the copy
};
/// Copies the sample site into `dir` and indexes it with the real indexer; fails the test when
/// the indexer does not build it.
SampleCopy indexed_sample_copy(const TempDir& dir);

/// An index of the real corpus built once per test run with the real indexer (read-only:
/// tests that change an index build their own).
const std::filesystem::path& corpus_index();

/// `query` searched in the index at `db` (relevance order, the first `limit` hits).
SearchResult search_index(const std::filesystem::path& db, const std::string& query,
                          std::size_t limit = 10);

/// The page ids of a result's hits, in rank order.
std::vector<std::string> hit_ids(const SearchResult& result);

/// True when `id` is one of `ids`.
bool contains(const std::vector<std::string>& ids, const std::string& id);

/// A YAML alias bomb (ten levels of ten aliases: 10^10 values if expanded), as a page.
std::string alias_bomb_page();

/// The absolute path of a built program.
std::filesystem::path program_path(const std::string& program);

}  // namespace hotsearch::test
