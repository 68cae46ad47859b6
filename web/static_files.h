#pragma once
// The search page's files (web/static/), read once at start-up and served from memory.

#include <filesystem>
#include <map>
#include <string>

namespace hotsearch::web {

struct StaticFile {
  std::string content_type;
  std::string body;
};

class StaticFiles {
 public:
  /// Reads every file of `folder`; throws Error naming the folder when it has no index.html.
  static StaticFiles load(const std::filesystem::path& folder);
  /// The file served at `path` (`/` is index.html), or nullptr.
  const StaticFile* find(const std::string& path) const;

 private:
  std::map<std::string, StaticFile> files_;
};

/// The folder the build was made from (web/static), the default for `--static`.
std::filesystem::path default_static_folder();

}  // namespace hotsearch::web
