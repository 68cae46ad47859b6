// Shared test helpers: paths, temporary folders, running the built programs.
#include "tests/test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "query/searcher.h"

extern char** environ;

namespace hotsearch::test {

namespace fs = std::filesystem;

fs::path real_corpus() {
  fs::path corpus = fs::path(HOTSEARCH_SOURCE_DIR) / ".." / "shared" / "corpus" / "hotosm-website";
  if (!fs::is_directory(corpus)) {
    throw std::runtime_error("the real corpus is absent: " + corpus.string());
  }
  return fs::canonical(corpus);
}

fs::path sample_content() { return fs::path(HOTSEARCH_SOURCE_DIR) / "content"; }

TempDir::TempDir() {
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = fs::temp_directory_path() /
                         ("hotsearch-test-" + std::to_string(::getpid()) + "-" +
                          std::to_string(counter++) + "-" + std::to_string(random() % 100000));
    if (fs::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ignored_because_cleanup_is_best_effort;
  fs::remove_all(path_, ignored_because_cleanup_is_best_effort);
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void write_file(const fs::path& path, const std::string& text) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out << text;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path program_path(const std::string& program) {
  fs::path dir = fs::path(HOTSEARCH_BINARY_DIR);
  for (const char* sub : {"query", "indexer", "web"}) {
    fs::path candidate = dir / sub / program;
    if (fs::exists(candidate)) return candidate;
  }
  throw std::runtime_error("program not built: " + program);
}

namespace {
std::string slurp_fd(int fd) {
  std::string text;
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
  return text;
}
}  // namespace

RunResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::vector<std::string>& env) {
  return run_process(program_path(program).string(), args, env);
}

std::string corpus_facts_json(const fs::path& content) {
  fs::path script = fs::path(HOTSEARCH_SOURCE_DIR) / "tests" / "tools" / "corpus_facts.py";
  RunResult r = run_process("python3", {script.string(), content.string()});
  if (r.exit_code != 0) throw std::runtime_error("corpus_facts.py failed: " + r.err);
  return r.out;
}

RunResult build_index(const fs::path& content, const fs::path& db,
                      const std::vector<std::string>& extra_args) {
  std::vector<std::string> args = {"--content", content.string(), "--db", db.string(), "--quiet"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return run_program("hotsearch-index", args);
}

Xapian::Database sample_index(const fs::path& db) {
  RunResult r = build_index(sample_content(), db);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return Xapian::Database(db.string());
}

SampleCopy indexed_sample_copy(const TempDir& dir) {
  SampleCopy copy{dir / "site", dir / "db"};
  copy_tree(sample_content(), copy.site);
  RunResult r = build_index(copy.site, copy.db);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return copy;
}

const fs::path& corpus_index() {
  static TempDir dir;
  static fs::path db = [] {
    fs::path path = dir / "corpus-db";
    RunResult r = build_index(real_corpus(), path);
    // The corpus has one page that cannot be parsed (no closing ---): exit 1, the rest indexed.
    if (r.exit_code != 1) throw std::runtime_error("indexing the corpus failed: " + r.err);
    return path;
  }();
  return db;
}

SearchResult search_index(const fs::path& db, const std::string& query, std::size_t limit) {
  Searcher searcher(db);
  SearchRequest request;
  request.query = query;
  request.limit = limit;
  return searcher.search(request);
}

std::vector<std::string> hit_ids(const SearchResult& result) {
  std::vector<std::string> ids;
  for (const auto& hit : result.hits) ids.push_back(hit.id);
  return ids;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string alias_bomb_page() {
  std::string bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'k'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + previous;
    bomb += "]\n";
    previous = name;
  }
  return bomb + "---\nbody\n";
}

RunResult run_process(const std::string& exe, const std::vector<std::string>& args,
                      const std::vector<std::string>& env) {
  std::vector<std::string> argv_strings{exe};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  env_strings.insert(env_strings.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  pid_t pid;
  int rc = exe.find('/') == std::string::npos
               ? posix_spawnp(&pid, exe.c_str(), &actions, nullptr, argv.data(), envp.data())
               : posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) throw std::runtime_error("cannot start " + exe);

  RunResult result;
  std::thread err_reader([&] { result.err = slurp_fd(err_pipe[0]); });
  result.out = slurp_fd(out_pipe[0]);
  err_reader.join();
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

nlohmann::json index_summary(const std::filesystem::path& content, const std::filesystem::path& db,
                             const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"--content", content.string(), "--db", db.string(), "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = run_program("hotsearch-index", args);
  INFO(r.err);
  REQUIRE(r.exit_code <= 1);
  nlohmann::json summary = nlohmann::json::parse(r.out);
  summary["exit_code"] = r.exit_code;
  summary["stderr"] = r.err;
  return summary;
}

pid_t start_indexer_quietly(const std::vector<std::string>& args) {
  std::string exe = program_path("hotsearch-index").string();
  std::vector<std::string> strings{exe};
  strings.insert(strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace hotsearch::test
