#pragma once
// Splits a content file into its YAML front matter and its body, remembering where each starts
// so errors can name the file's own line numbers.

#include <cstddef>
#include <optional>
#include <string_view>

namespace hotsearch {

struct FrontMatterSplit {
  std::string_view yaml;        ///< between the `---` lines (may be empty)
  std::string_view body;        ///< after the closing line
  std::size_t yaml_first_line;  ///< 1-based line of the file where `yaml` starts
  std::size_t body_first_line;  ///< 1-based line of the file where `body` starts
};

/// True when the file starts with a `---` line (after an optional byte order mark): a page,
/// not a static file, whatever follows.
bool starts_with_front_matter(std::string_view file);

/// nullopt when the file does not start with a `---` line (a static file, not a page). Throws
/// PageError(id, 1, 1, "front matter is not closed ...") when no closing `---`/`...` follows.
std::optional<FrontMatterSplit> split_front_matter(std::string_view file, const std::string& id);

}  // namespace hotsearch
