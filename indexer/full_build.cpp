// A full build: runs of pages written into shards by worker threads, merged by compaction.
#include "indexer/full_build.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "indexer/error.h"

namespace hotsearch {

namespace fs = std::filesystem;

namespace {

// A run ends at whichever comes first. Xapian's inverter slows down as it fills (see
// full_build.h), and each shard costs a database to create and a merge input; at these sizes
// neither cost shows (25 to 400 pages a run measured alike on 1,000 and 10,000 pages).
constexpr std::size_t kRunPages = 100;
constexpr std::uintmax_t kRunBytes = std::uintmax_t{1024} * 1024;
// A big site gets longer runs instead of more shards: the merge holds every shard open (four
// descriptors each), and cron's usual limit is 1,024. Each run but the last fills its share
// of pages or of bytes, so there are at most 2 * kShardBudget + 1 shards.
constexpr std::size_t kShardBudget = 64;
constexpr unsigned kMaxDefaultJobs = 8;

/// Files [first, last) of the sorted list.
struct Run {
  std::size_t first = 0;
  std::size_t last = 0;
};

std::vector<Run> cut_into_runs(const std::vector<SourceFile>& files) {
  std::uintmax_t total_bytes = 0;
  for (const SourceFile& file : files) total_bytes += file.size;
  std::size_t run_pages = std::max(kRunPages, (files.size() + kShardBudget - 1) / kShardBudget);
  std::uintmax_t run_bytes = std::max(kRunBytes, (total_bytes + kShardBudget - 1) / kShardBudget);
  std::vector<Run> runs;
  std::size_t first = 0;
  std::uintmax_t bytes = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    bytes += files[i].size;
    if (i + 1 - first >= run_pages || bytes >= run_bytes || i + 1 == files.size()) {
      runs.push_back({first, i + 1});
      first = i + 1;
      bytes = 0;
    }
  }
  return runs;
}

/// What one run gave; filled by a worker, read by the coordinating thread once `done`.
struct RunOutcome {
  bool done = false;
  std::size_t read = 0;
  std::size_t added = 0;
  std::size_t skipped = 0;
  std::vector<PageError> failures;
  std::vector<std::pair<std::string, std::string>> not_pages;
  fs::path shard;            ///< empty when the run had no page to write
  std::exception_ptr error;  ///< what stopped the run: rethrown by the coordinating thread
};

/// One worker's reader and builder. Not movable: the builder points at the synonyms and
/// counts beside it.
struct Worker {
  explicit Worker(const PageSetup& setup)
      : reader(setup.site, setup.fields, setup.limits),
        synonyms(setup.synonyms),
        builder(&synonyms, &spelling) {}
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  PageReader reader;  ///< its own language detector: a shared one serialises its callers
  Synonyms synonyms;  ///< its own copy: the stem cache inside is not thread-safe
  SpellingCounts spelling;
  DocumentBuilder builder;
};

/// Reads the run's files and writes their documents into a fresh shard at `shard`.
void write_run(const std::vector<SourceFile>& files, Run run, Worker& worker, const fs::path& shard,
               RunOutcome& out) {
  std::optional<Xapian::WritableDatabase> db;
  for (std::size_t i = run.first; i < run.last; ++i) {
    const SourceFile& file = files[i];
    try {
      ReadResult read = worker.reader.read(file);
      ++out.read;
      std::string stamp = file_stamp(file, read.hash);
      if (read.status != ReadStatus::Page) {
        out.not_pages.emplace_back(file.id, std::move(stamp));
        ++out.skipped;
        continue;
      }
      Xapian::Document doc = worker.builder.build(read.page, stamp);
      try {
        // The shard is scratch until the merge, which syncs what it writes: no fsync here.
        if (!db) db.emplace(shard.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        // A fresh database holds no other version of the page: no id-term lookup needed.
        db->add_document(doc);
      } catch (const Xapian::Error& e) {
        throw IndexUnavailable("index " + shard.string() + ": writing " + file.id + ": " +
                               e.get_description());
      }
      ++out.added;
    } catch (const PageError& e) {
      out.failures.push_back(e);
    }
  }
  if (!db) return;
  try {
    db->commit();
    db->close();
  } catch (const Xapian::Error& e) {
    throw IndexUnavailable("index " + shard.string() + ": committing " + std::to_string(out.added) +
                           " pages: " + e.get_description());
  }
  out.shard = shard;
}

/// The worker threads; joined when it goes, whatever happened (an exception leaving the
/// coordinating thread must not meet a joinable std::thread).
class WorkerThreads {
 public:
  explicit WorkerThreads(std::atomic<bool>& stop) : stop_(stop) {}
  ~WorkerThreads() {
    stop_ = true;
    join();
  }
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  template <typename F>
  void start(F&& body) {
    threads_.emplace_back(std::forward<F>(body));
  }
  void join() {
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  std::atomic<bool>& stop_;
  std::vector<std::thread> threads_;
};

}  // namespace

std::string file_stamp(const SourceFile& file, std::uint64_t hash) {
  return std::to_string(file.size) + ":" + std::to_string(file.mtime_ns) + ":" +
         std::to_string(hash);
}

unsigned default_jobs() {
  unsigned cores = std::thread::hardware_concurrency();
  return std::clamp(cores, 1u, kMaxDefaultJobs);
}

FullBuildResult build_full(const std::vector<SourceFile>& files, const PageSetup& setup,
                           const FullBuildOptions& options, const ProgressCallback& on_progress,
                           const FailureCallback& on_failure) {
  std::vector<Run> runs = cut_into_runs(files);
  std::vector<RunOutcome> outcomes(runs.size());
  fs::remove_all(options.shard_area);
  fs::create_directories(options.shard_area);

  std::size_t worker_count =
      std::clamp<std::size_t>(options.jobs, 1, std::max<std::size_t>(runs.size(), 1));
  std::vector<std::unique_ptr<Worker>> workers;
  for (std::size_t w = 0; w < worker_count; ++w) workers.push_back(std::make_unique<Worker>(setup));

  std::mutex mutex;
  std::condition_variable run_finished;
  std::atomic<std::size_t> next_run{0};
  std::atomic<bool> stop{false};
  FullBuildResult result;
  {
    WorkerThreads threads(stop);
    for (auto& worker : workers) {
      threads.start([&, &me = *worker] {
        while (!stop) {
          std::size_t r = next_run++;
          if (r >= runs.size()) break;
          RunOutcome outcome;
          try {
            write_run(files, runs[r], me, options.shard_area / ("shard-" + std::to_string(r)),
                      outcome);
          } catch (...) {
            // Carried to the coordinating thread, which rethrows it.
            outcome.error = std::current_exception();
          }
          std::lock_guard<std::mutex> lock(mutex);
          if (outcome.error) stop = true;
          outcome.done = true;
          outcomes[r] = std::move(outcome);
          run_finished.notify_all();
        }
      });
    }

    // Report each run in file order, as a sequential run would have.
    IndexProgress progress{0, files.size()};
    for (std::size_t r = 0; r < runs.size(); ++r) {
      std::unique_lock<std::mutex> lock(mutex);
      run_finished.wait(lock, [&] { return outcomes[r].done || stop; });
      if (!outcomes[r].done || outcomes[r].error) {
        lock.unlock();
        threads.join();
        // The first failed run in file order: its error is the build's.
        for (RunOutcome& outcome : outcomes) {
          if (outcome.error) std::rethrow_exception(outcome.error);
        }
        throw std::logic_error("full build: the workers stopped without an error");
      }
      RunOutcome& outcome = outcomes[r];
      lock.unlock();
      for (PageError& e : outcome.failures) {
        if (on_failure) on_failure(e);
        result.failures.push_back(std::move(e));
      }
      result.read += outcome.read;
      result.added += outcome.added;
      result.skipped += outcome.skipped;
      for (auto& entry : outcome.not_pages) result.not_pages.push_back(std::move(entry));
      progress.done += runs[r].last - runs[r].first;
      if (on_progress) on_progress(progress);
    }
    threads.join();
  }
  for (const auto& worker : workers) result.spelling.merge(worker->spelling);

  std::vector<fs::path> shards;
  for (const RunOutcome& outcome : outcomes) {
    if (!outcome.shard.empty()) shards.push_back(outcome.shard);
  }
  fs::create_directories(options.output);
  if (!shards.empty()) {
    auto merge_started = std::chrono::steady_clock::now();
    try {
      // Shards in file order, numbered one after the other: the documents keep the ids a
      // sequential build gives them.
      Xapian::Database all;
      for (const fs::path& shard : shards) all.add_database(Xapian::Database(shard.string()));
      all.compact(options.output.string());
    } catch (const Xapian::Error& e) {
      throw IndexUnavailable("index " + options.output.string() + ": merging " +
                             std::to_string(shards.size()) + " shards: " + e.get_description());
    }
    result.merge_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_started).count();
  }
  std::error_code leftover_is_removed_by_the_next_full_run;
  fs::remove_all(options.shard_area, leftover_is_removed_by_the_next_full_run);
  return result;
}

}  // namespace hotsearch
