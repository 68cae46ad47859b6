// Front matter: `---` line, YAML, `---` or `...` line, then the body.
#include "indexer/front_matter.h"

#include <string>

#include "indexer/error.h"

namespace hotsearch {

namespace {
/// A delimiter line: the marker, then only trailing spaces/tabs and an optional CR.
bool is_delimiter(std::string_view line, std::string_view marker) {
  if (line.substr(0, marker.size()) != marker) return false;
  for (char c : line.substr(marker.size())) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}
}  // namespace

bool starts_with_front_matter(std::string_view file) {
  // A UTF-8 byte order mark before the first `---` is tolerated, as Jekyll does.
  std::size_t start = file.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::size_t first_end = file.find('\n', start);
  return is_delimiter(
      file.substr(start,
                  first_end == std::string_view::npos ? std::string_view::npos : first_end - start),
      "---");
}

std::optional<FrontMatterSplit> split_front_matter(std::string_view file, const std::string& id) {
  if (!starts_with_front_matter(file)) return std::nullopt;
  std::size_t first_end = file.find('\n');
  if (first_end == std::string_view::npos) {
    throw PageError(id, 1, 1, "front matter is not closed (no `---` line after the opening one)");
  }
  std::size_t yaml_start = first_end + 1;
  std::size_t line_start = yaml_start;
  std::size_t line_number = 2;
  while (line_start <= file.size()) {
    std::size_t line_end = file.find('\n', line_start);
    std::string_view line =
        file.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                   : line_end - line_start);
    if (is_delimiter(line, "---") || is_delimiter(line, "...")) {
      FrontMatterSplit split;
      split.yaml = file.substr(yaml_start, line_start - yaml_start);
      split.body =
          line_end == std::string_view::npos ? std::string_view() : file.substr(line_end + 1);
      split.yaml_first_line = 2;
      split.body_first_line = line_number + 1;
      return split;
    }
    if (line_end == std::string_view::npos) break;
    line_start = line_end + 1;
    ++line_number;
  }
  throw PageError(id, 1, 1, "front matter is not closed (no `---` line after the opening one)");
}

}  // namespace hotsearch
