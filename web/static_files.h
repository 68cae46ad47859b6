#pragma once
// The search page's files (web/static/), read once at start-up and served from memory.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

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

/// The folder the build was made from (web/static).
std::filesystem::path default_static_folder();

/// Where the search page is looked for without `--static`, in order: the build's web/static,
/// then `static/` and `../share/hotsearch/static/` beside the running program (an install).
std::vector<std::filesystem::path> static_folder_candidates();

/// The first candidate that holds an index.html, or nullopt (the server then serves the API
/// only: the site's search box needs nothing else).
std::optional<std::filesystem::path> find_static_folder();

}  // namespace hotsearch::web
