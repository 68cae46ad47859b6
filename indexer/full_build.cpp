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
constexpr std::uintmax_t kRunBytes = 1024 * 1024;
// One compaction opens at most about this many databases (four descriptors each; cron's usual
// limit is 1,024; runs cut by bytes can make up to twice as many). A site of up to kMergeInputs
// runs of kMaxRunGrowth * kRunPages pages has its shards merged in one go. A bigger one keeps
// runs of kRunPages: each group of consecutive shards is merged into one database by the
// worker that finished the group's last run, while the others go on indexing, and the final
// merge takes the groups. With one level, 100,000 pages made runs of 1,563 pages, which cost
// 35% more CPU per page than runs of 100 (full_build.h) and nearly 4 times the memory.
constexpr std::size_t kMergeInputs = 64;
// A group smaller than this would merge little for a whole extra pass over its data.
constexpr std::size_t kMinGroupRuns = 16;
// Runs may grow to this many times kRunPages to fit one merge (25 to 400 pages measured alike).
constexpr std::size_t kMaxRunGrowth = 4;
constexpr unsigned kMaxDefaultJobs = 8;

/// Files [first, last) of the sorted list.
struct Run {
  std::size_t first = 0;
  std::size_t last = 0;
};

/// Cuts `files` into runs of `min_pages` pages or kRunBytes, whichever comes first; longer
/// ones when there would be more than about `max_runs` of them.
std::vector<Run> cut_into_runs(const std::vector<SourceFile>& files, std::size_t min_pages,
                               std::size_t max_runs) {
  std::uintmax_t total_bytes = 0;
  for (const SourceFile& file : files) total_bytes += file.size;
  std::size_t run_pages = std::max(min_pages, (files.size() + max_runs - 1) / max_runs);
  std::uintmax_t run_bytes = std::max(kRunBytes, (total_bytes + max_runs - 1) / max_runs);
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

/// How many consecutive runs make a group: all of them in one when they fit one merge.
std::size_t runs_per_group(std::size_t runs, std::size_t merge_inputs) {
  if (runs <= merge_inputs) return std::max<std::size_t>(runs, 1);
  return std::clamp((runs + merge_inputs - 1) / merge_inputs, std::min(kMinGroupRuns, merge_inputs),
                    merge_inputs);
}

/// Compacts `inputs`, in order, into a new database at `output`: documents are numbered one
/// after the other, so they keep the ids a sequential build gives them.
void merge_databases(const std::vector<fs::path>& inputs, const fs::path& output) {
  try {
    Xapian::Database all;
    for (const fs::path& input : inputs) all.add_database(Xapian::Database(input.string()));
    all.compact(output.string());
  } catch (const Xapian::Error& e) {
    throw IndexUnavailable("index " + output.string() + ": merging " +
                           std::to_string(inputs.size()) + " shards: " + e.get_description());
  }
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

/// A group of consecutive runs, merged into one database once its last run is done.
struct GroupOutcome {
  std::size_t runs_left = 0;  ///< runs of the group not done yet
  bool done = false;
  fs::path db;               ///< empty when no run of the group wrote a page
  std::exception_ptr error;  ///< why the merge failed: rethrown by the coordinating thread
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
  std::size_t merge_inputs = options.merge_inputs > 0 ? options.merge_inputs : kMergeInputs;
  std::size_t min_pages = options.run_pages > 0 ? options.run_pages : kRunPages;
  bool one_merge = (files.size() + merge_inputs - 1) / merge_inputs <= kMaxRunGrowth * min_pages;
  std::vector<Run> runs =
      cut_into_runs(files, min_pages, one_merge ? merge_inputs : merge_inputs * merge_inputs);
  std::vector<RunOutcome> outcomes(runs.size());
  std::size_t group_runs = runs_per_group(runs.size(), merge_inputs);
  // One group: the final merge takes the shards themselves.
  bool grouped = runs.size() > group_runs;
  std::vector<GroupOutcome> groups(grouped ? (runs.size() + group_runs - 1) / group_runs : 0);
  for (std::size_t r = 0; r < runs.size() && grouped; ++r) ++groups[r / group_runs].runs_left;
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

  // Merges group `g`'s shards; called by the worker that finished its last run, so the
  // other workers go on indexing meanwhile.
  auto merge_group = [&](std::size_t g) {
    std::vector<fs::path> shards;
    {
      std::lock_guard<std::mutex> lock(mutex);
      std::size_t last = std::min(runs.size(), (g + 1) * group_runs);
      for (std::size_t r = g * group_runs; r < last; ++r) {
        if (!outcomes[r].shard.empty()) shards.push_back(outcomes[r].shard);
      }
    }
    GroupOutcome merged;
    try {
      if (shards.size() == 1) {
        merged.db = shards.front();  // nothing to merge it with
      } else if (shards.size() > 1) {
        fs::path db = options.shard_area / ("group-" + std::to_string(g));
        merge_databases(shards, db);
        merged.db = db;
        // Merged: the shards' disk space goes back now rather than at the end of the build.
        std::error_code removed_at_the_end_otherwise;
        for (const fs::path& shard : shards) fs::remove_all(shard, removed_at_the_end_otherwise);
      }
    } catch (...) {
      merged.error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (merged.error) stop = true;
    merged.done = true;
    groups[g] = std::move(merged);
    run_finished.notify_all();
  };

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
          bool group_complete = false;
          {
            std::lock_guard<std::mutex> lock(mutex);
            if (outcome.error) stop = true;
            outcome.done = true;
            outcomes[r] = std::move(outcome);
            if (grouped) group_complete = --groups[r / group_runs].runs_left == 0 && !stop;
            run_finished.notify_all();
          }
          if (group_complete) merge_group(r / group_runs);
        }
      });
    }

    // Stops the build with the first error: a run's in file order, else a group merge's.
    auto rethrow_first_error = [&] {
      threads.join();
      for (RunOutcome& outcome : outcomes) {
        if (outcome.error) std::rethrow_exception(outcome.error);
      }
      for (GroupOutcome& group : groups) {
        if (group.error) std::rethrow_exception(group.error);
      }
      throw std::logic_error("full build: the workers stopped without an error");
    };

    // Report each run in file order, as a sequential run would have.
    IndexProgress progress{0, files.size()};
    for (std::size_t r = 0; r < runs.size(); ++r) {
      std::unique_lock<std::mutex> lock(mutex);
      run_finished.wait(lock, [&] { return outcomes[r].done || stop; });
      if (!outcomes[r].done || outcomes[r].error) {
        lock.unlock();
        rethrow_first_error();
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
    {
      std::unique_lock<std::mutex> lock(mutex);
      auto all_merged = [&] {
        return std::all_of(groups.begin(), groups.end(),
                           [](const GroupOutcome& group) { return group.done; });
      };
      run_finished.wait(lock, [&] { return all_merged() || stop; });
      if (stop) {
        lock.unlock();
        rethrow_first_error();
      }
    }
    threads.join();
  }
  for (const auto& worker : workers) result.spelling.merge(worker->spelling);

  // Shards (or groups) in file order: the documents keep the ids a sequential build gives them.
  std::vector<fs::path> inputs;
  if (grouped) {
    for (const GroupOutcome& group : groups) {
      if (!group.db.empty()) inputs.push_back(group.db);
    }
  } else {
    for (const RunOutcome& outcome : outcomes) {
      if (!outcome.shard.empty()) inputs.push_back(outcome.shard);
    }
  }
  fs::create_directories(options.output);
  if (!inputs.empty()) {
    auto merge_started = std::chrono::steady_clock::now();
    merge_databases(inputs, options.output);
    result.merge_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_started).count();
  }
  std::error_code leftover_is_removed_by_the_next_full_run;
  fs::remove_all(options.shard_area, leftover_is_removed_by_the_next_full_run);
  return result;
}

}  // namespace hotsearch
