#pragma once
// Finds the candidate page files of a content tree: `.md`, `.markdown`, `.html` files outside
// Jekyll's own folders, with their size and mtime, without reading them.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "indexer/error.h"
#include "indexer/jekyll_entries.h"

namespace hotsearch {

/// One candidate file, as the incremental indexer compares it with the index.
struct SourceFile {
  std::string id;              ///< path relative to the root, '/'-separated (the page id)
  std::filesystem::path path;  ///< absolute path to read
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

struct ScanResult {
  std::vector<SourceFile> files;  ///< sorted by id
  /// Files that will not be read: symlinks leaving the root or looping, unreadable folders.
  std::vector<PageError> problems;
  /// Left out on purpose, nothing wrong: a link to a folder read under its own path (its pages
  /// would be there twice).
  std::vector<PageError> notes;
};

/// Walks `root`. Skips `_layouts`, `_includes`, `_sass`, `_data`, `_site`, `_drafts`,
/// `_plugins`, `assets`, `node_modules`, `vendor` and dot-folders, and leaves out the files
/// Jekyll does not build (`entries`: the site's `exclude:`, `_` names, undated posts...).
/// Throws IndexUnavailable when `root` is not a readable folder.
ScanResult scan_content(const std::filesystem::path& root,
                        const JekyllEntries& entries = JekyllEntries());

}  // namespace hotsearch
