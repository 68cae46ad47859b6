// Serving the search page's files from memory.
#include "web/static_files.h"

#include <fstream>
#include <sstream>

#include "indexer/error.h"

namespace hotsearch::web {

namespace fs = std::filesystem;

namespace {
std::string content_type_of(const fs::path& file) {
  std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".xml") return "application/opensearchdescription+xml; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  return "application/octet-stream";
}
}  // namespace

StaticFiles StaticFiles::load(const fs::path& folder) {
  StaticFiles files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    std::string name = entry.path().filename().string();
    files.files_["/" + name] = {content_type_of(entry.path()), body.str()};
  }
  if (!files.find("/")) {
    throw Error("no search page: " + (folder / "index.html").string() + " is missing");
  }
  return files;
}

const StaticFile* StaticFiles::find(const std::string& path) const {
  auto it = files_.find(path == "/" ? "/index.html" : path);
  return it == files_.end() ? nullptr : &it->second;
}

fs::path default_static_folder() { return fs::path(HOTSEARCH_WEB_STATIC_DIR); }

std::vector<fs::path> static_folder_candidates() {
  std::vector<fs::path> folders = {default_static_folder()};
  std::error_code ec;
  fs::path program = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    folders.push_back(program.parent_path() / "static");
    folders.push_back(program.parent_path().parent_path() / "share" / "hotsearch" / "static");
  }
  return folders;
}

std::optional<fs::path> find_static_folder() {
  for (const fs::path& folder : static_folder_candidates()) {
    std::error_code ec;
    if (fs::is_regular_file(folder / "index.html", ec)) return folder;
  }
  return std::nullopt;
}

}  // namespace hotsearch::web
