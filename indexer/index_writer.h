#pragma once
// IndexWriter: one indexer run. Compares the content tree with the index, re-reads only changed
// files, replaces or removes their documents and commits once at the end, so readers see the
// whole run at once. Holds an exclusive lock for the run.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "indexer/error.h"
#include "indexer/page_reader.h"

namespace hotsearch {

enum class RebuildMode { Incremental, Full };

struct IndexOptions {
  std::filesystem::path content_root;
  std::filesystem::path db_path;
  RebuildMode mode = RebuildMode::Incremental;
  bool dry_run = false;  ///< read and report, write nothing
  /// Threads of a full build; 0: default_jobs() (every core, at most 8). Incremental runs and
  /// dry runs read page by page on one.
  unsigned jobs = 0;
  /// Synonyms file; empty: `<content_root>/_synonyms.yml` when it exists.
  std::filesystem::path synonyms_file;
  ReaderLimits limits;
};

/// The numbers of the summary line.
struct IndexSummary {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;  ///< files without front matter or `published: false`, not indexed
  std::size_t read = 0;     ///< files actually opened and parsed this run
  std::size_t total_documents = 0;  ///< documents in the index after the run
  double seconds = 0;
  /// Of `seconds`, the full build's final merge (one thread); 0 in incremental runs.
  double merge_seconds = 0;
  bool full = false;
  bool dry_run = false;
  std::vector<PageError> failures;  ///< every page that failed, in id order
  std::vector<PageError> notes;     ///< files left out on purpose (a link to a folder read already)
};

/// Progress reports during a run (for a terminal progress line).
struct IndexProgress {
  std::size_t done = 0;
  std::size_t total = 0;
};
using ProgressCallback = std::function<void(const IndexProgress&)>;
/// Called once per failed page, as it happens.
using FailureCallback = std::function<void(const PageError&)>;

/// Runs one indexer pass. Throws IndexUnavailable when it cannot run at all (content missing,
/// index locked by another indexer — the message names it —, database corrupt, disk full).
IndexSummary run_indexer(const IndexOptions& options, const ProgressCallback& on_progress = {},
                         const FailureCallback& on_failure = {});

/// The one-line summary: `indexed 229 pages: 3 added, 1 updated, ... in 0.41 s`.
std::string summary_line(const IndexSummary& summary);
/// The same as JSON text.
std::string summary_json(const IndexSummary& summary);

}  // namespace hotsearch
