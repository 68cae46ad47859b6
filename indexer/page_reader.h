#pragma once
// PageReader: one content file -> Page. Splits the front matter, reads it with yaml-cpp, renders
// the Markdown body with cmark-gfm to plain text, strips HTML and Liquid, finds facets, the
// date, the language and the URL.

#include <cstddef>
#include <memory>
#include <string>

#include "indexer/content_scanner.h"
#include "indexer/field_map.h"
#include "indexer/language.h"
#include "indexer/page.h"
#include "indexer/site_config.h"

namespace hotsearch {

/// Limits on what a page may be; over a limit the page fails with a PageError.
struct ReaderLimits {
  std::size_t max_file_bytes = 4 * 1024 * 1024;
  std::size_t max_front_matter_bytes = 512 * 1024;
  std::size_t max_yaml_depth = 32;
  std::size_t max_yaml_nodes = 100000;  ///< after alias expansion: stops alias bombs
};

/// What reading a file found.
enum class ReadStatus {
  Page,         ///< a searchable page
  NotAPage,     ///< no front matter: a static file
  Unpublished,  ///< `published: false`
};

struct ReadResult {
  ReadStatus status = ReadStatus::NotAPage;
  Page page;               ///< filled when status == Page
  std::uint64_t hash = 0;  ///< content hash of the file's bytes (for incremental runs)
};

class PageReader {
 public:
  PageReader(SiteConfig site, FieldMap fields, ReaderLimits limits = {});

  /// Reads one file. Throws PageError (`id:line:col: message`) when the file cannot be read or
  /// parsed, is too large, is not UTF-8 or breaks a limit.
  ReadResult read(const SourceFile& file) const;

  /// Same, from bytes already in memory (tests and fuzzing).
  ReadResult read_bytes(const std::string& id, std::string_view bytes) const;

 private:
  SiteConfig site_;
  FieldMap fields_;
  ReaderLimits limits_;
  std::shared_ptr<const LanguageDetector> detector_;  ///< shared by copies: loading is slow
};

}  // namespace hotsearch
