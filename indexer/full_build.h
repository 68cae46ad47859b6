#pragma once
// A full build on several threads. The files are cut into runs of consecutive pages; each of K
// workers (with its own PageReader, DocumentBuilder and Xapian database) writes whole runs into
// small shards, and one Xapian compaction merges the shards, in file order, into the new
// generation, so documents get the same ids as in a sequential build. Small shards pay on one
// thread too: the cost per posting of Xapian's in-memory inverter grows with the documents it
// holds (TermGenerator + add_document over 10,000 generated pages: 49 s into one database,
// 20 s into shards of 250 pages and their merge).

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "indexer/content_scanner.h"
#include "indexer/document_builder.h"
#include "indexer/field_map.h"
#include "indexer/index_writer.h"
#include "indexer/page_reader.h"
#include "indexer/site_config.h"
#include "indexer/synonyms.h"

namespace hotsearch {

/// What pages are read and built with; each worker makes its own reader and builder from it.
struct PageSetup {
  const SiteConfig& site;
  const FieldMap& fields;
  const ReaderLimits& limits;
  const Synonyms& synonyms;
};

struct FullBuildOptions {
  std::filesystem::path shard_area;  ///< scratch folder for the shards, removed at the end
  std::filesystem::path output;      ///< the new generation's folder (must not hold a database)
  unsigned jobs = 1;                 ///< worker threads (fewer when there are fewer runs)
};

/// What a full build read and wrote.
struct FullBuildResult {
  std::size_t read = 0;             ///< files opened and parsed
  std::size_t added = 0;            ///< documents written
  std::size_t skipped = 0;          ///< files that are not pages, or not published
  std::vector<PageError> failures;  ///< pages that failed, in file order
  std::vector<std::pair<std::string, std::string>> not_pages;  ///< id and stamp, in file order
  SpellingCounts spelling;   ///< every word indexed, not yet in the database
  double merge_seconds = 0;  ///< wall time of the final merge, which runs on one thread
};

/// Reads every file of `files` (sorted by id) and writes a document for each page into a new
/// database at `options.output`, committed, with neither user metadata nor spelling data: the
/// caller adds those and commits again. Progress and failures are reported from the calling
/// thread, in file order, as in a sequential run. Throws IndexUnavailable naming the shard and
/// page, or the merge, when Xapian fails (disk full, ...).
FullBuildResult build_full(const std::vector<SourceFile>& files, const PageSetup& setup,
                           const FullBuildOptions& options, const ProgressCallback& on_progress,
                           const FailureCallback& on_failure);

/// A file's stamp, `size:mtime_ns:hash`, stored with its document: size and mtime decide
/// whether the next run re-reads the file, the hash whether a re-read file really changed.
std::string file_stamp(const SourceFile& file, std::uint64_t hash);

/// The worker threads a full build uses by default: every core, at most 8 (the merge is one
/// thread, and more workers mostly add memory).
unsigned default_jobs();

}  // namespace hotsearch
