// Default locations of the index and the content.
#include "indexer/index_paths.h"

#include <cstdlib>

namespace hotsearch {

std::filesystem::path resolve_db_path(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("HOTSEARCH_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "hotsearch" / "index";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local" / "share" / "hotsearch" / "index";
  }
  return std::filesystem::path("/var/lib/hotsearch/index");
}

std::filesystem::path resolve_content_path(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  return std::filesystem::path(HOTSEARCH_SOURCE_DIR) / "content";
}

}  // namespace hotsearch
