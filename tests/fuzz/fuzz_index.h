#pragma once
// The small real index the fuzz targets search: the project's content/, built once per process.

#include <unistd.h>

#include <filesystem>
#include <string>

#include "indexer/index_writer.h"

namespace hotsearch::fuzz {

inline const std::filesystem::path& sample_index() {
  static const std::filesystem::path db = [] {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("hotsearch-fuzz-" + std::to_string(::getpid()));
    IndexOptions options;
    options.content_root = std::filesystem::path(HOTSEARCH_SOURCE_DIR) / "content";
    options.db_path = path;
    options.mode = RebuildMode::Full;
    run_indexer(options);
    return path;
  }();
  return db;
}

}  // namespace hotsearch::fuzz
