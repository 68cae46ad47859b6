// Walks a content tree for candidate page files, without reading them.
#include "indexer/content_scanner.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>

namespace hotsearch {

namespace fs = std::filesystem;

namespace {

bool is_skipped_folder(const std::string& name) {
  static const std::set<std::string> jekyll = {"_layouts", "_includes",    "_sass",
                                               "_data",    "_site",        "_drafts",
                                               "assets",   "node_modules", "vendor"};
  return jekyll.count(name) > 0 || (!name.empty() && name[0] == '.');
}

bool is_page_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext == ".md" || ext == ".markdown" || ext == ".html";
}

bool is_inside(const fs::path& path, const fs::path& root) {
  auto mismatch = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return mismatch.first == root.end();
}

struct Walker {
  fs::path root;  // canonical
  ScanResult result;
  std::set<fs::path> visited;  // canonical folders, against link loops

  std::string id_of(const fs::path& path) const {
    return path.lexically_relative(root).generic_string();
  }

  void problem(const fs::path& path, const std::string& message) {
    result.problems.emplace_back(id_of(path), 0, 0, message);
  }

  void walk(const fs::path& folder, const fs::path& real_folder) {
    if (!visited.insert(real_folder).second) {
      problem(folder, "symbolic link loop: folder already visited as " + id_of(real_folder));
      return;
    }
    std::error_code ec;
    fs::directory_iterator it(folder, ec), end;
    if (ec) {
      problem(folder, "cannot read folder: " + ec.message());
      return;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        problem(folder, "cannot read folder: " + ec.message());
        return;
      }
      const fs::path& path = it->path();
      std::string name = path.filename().string();
      std::error_code link_ec;
      bool is_link = it->is_symlink(link_ec);
      fs::path real = path;
      if (is_link) {
        real = fs::weakly_canonical(path, link_ec);
        if (link_ec || !fs::exists(real, link_ec)) {
          problem(path, "broken symbolic link");
          continue;
        }
        if (!is_inside(real, root)) {
          problem(path, "symbolic link leads outside the content folder");
          continue;
        }
      }
      std::error_code type_ec;
      if (fs::is_directory(real, type_ec)) {
        if (!is_skipped_folder(name)) walk(path, is_link ? real : real_folder / name);
        continue;
      }
      if (!is_page_extension(path) || !fs::is_regular_file(real, type_ec)) continue;
      struct stat st;
      if (::stat(real.c_str(), &st) != 0) {
        problem(path, "cannot read file");
        continue;
      }
      SourceFile file;
      file.id = id_of(path);
      file.path = path;
      file.size = static_cast<std::uint64_t>(st.st_size);
      file.mtime_ns =
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
      result.files.push_back(std::move(file));
    }
  }
};

}  // namespace

ScanResult scan_content(const fs::path& root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) {
    throw IndexUnavailable("content folder not found: " + root.string());
  }
  Walker walker;
  walker.root = canonical;
  walker.walk(canonical, canonical);
  std::sort(walker.result.files.begin(), walker.result.files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.id < b.id; });
  return std::move(walker.result);
}

}  // namespace hotsearch
