// Walks a content tree for candidate page files, without reading them.
#include "indexer/content_scanner.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>

namespace hotsearch {

namespace fs = std::filesystem;

namespace {

bool is_skipped_folder(const std::string& name) {
  static const std::set<std::string> jekyll = {"_layouts",     "_includes", "_sass",    "_data",
                                               "_site",        "_drafts",   "_plugins", "assets",
                                               "node_modules", "vendor"};
  return jekyll.count(name) > 0 || (!name.empty() && name[0] == '.');
}

bool is_page_file(const fs::path& path) {
  std::string name = path.filename().string();
  if (name.empty() || name[0] == '.') return false;  // hidden files, editor locks (`.#a.md`)
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".md" || ext == ".markdown" || ext == ".html";
}

bool is_inside(const fs::path& path, const fs::path& root) {
  auto mismatch = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return mismatch.first == root.end();
}

/// Walks the real folders first and follows folder links afterwards, so which copy of a
/// folder reached twice is read does not depend on the order the file system lists them.
class Walker {
 public:
  Walker(fs::path root, const JekyllEntries& entries) : root_(std::move(root)), entries_(entries) {}

  ScanResult run() {
    walk(root_, root_);
    // Folder links, in id order; following one may find more.
    while (!links_.empty()) {
      std::sort(links_.begin(), links_.end());
      std::vector<std::pair<std::string, fs::path>> links;
      links.swap(links_);
      for (const auto& [id, target] : links) {
        if (visited_.count(target)) {
          if (is_inside(root_ / id, target)) {
            problem(id, "symbolic link loop: leads back to " + id_of(target));
          } else {
            result_.notes.emplace_back(
                id, 0, 0,
                "symbolic link to a folder already read as " + id_of(target) + ": not read twice");
          }
          continue;
        }
        walk(root_ / id, target);
      }
    }
    std::sort(result_.files.begin(), result_.files.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.id < b.id; });
    return std::move(result_);
  }

 private:
  std::string id_of(const fs::path& path) const {
    return path.lexically_relative(root_).generic_string();
  }

  void problem(const std::string& id, const std::string& message) {
    result_.problems.emplace_back(id, 0, 0, message);
  }

  /// Reads `folder` (as the tree names it) whose real location is `real_folder`.
  void walk(const fs::path& folder, const fs::path& real_folder) {
    visited_.insert(real_folder);
    std::error_code ec;
    fs::directory_iterator it(folder, ec), end;
    if (ec) return unreadable(folder, ec);
    for (; it != end; it.increment(ec)) {
      if (ec) return unreadable(folder, ec);
      entry(*it, real_folder);
    }
  }

  /// A folder that cannot be read keeps its pages' indexed versions (a failure names it). The
  /// content folder itself stops the run: every page would look deleted.
  void unreadable(const fs::path& folder, const std::error_code& ec) {
    if (folder == root_) {
      throw IndexUnavailable("cannot read content folder " + root_.string() + ": " + ec.message());
    }
    problem(id_of(folder), "cannot read folder: " + ec.message());
  }

  void entry(const fs::directory_entry& item, const fs::path& real_folder) {
    const fs::path& path = item.path();
    std::string name = path.filename().string();
    std::string id = id_of(path);
    std::error_code ec;
    bool is_link = item.is_symlink(ec);
    fs::path real = real_folder / name;
    if (is_link) {
      real = fs::canonical(path, ec);
      if (ec) {
        // A loop of links, or a link to nothing: only worth a word when it could be content.
        bool loop = ec == std::errc::too_many_symbolic_link_levels;
        if (loop || (is_page_file(path) && entries_.builds(id)) || path.extension().empty()) {
          problem(id, loop ? "symbolic link loop: not read"
                           : "symbolic link to a missing file or folder: not read");
        }
        return;
      }
      if (!is_inside(real, root_)) {
        if (fs::is_directory(real, ec) ? !is_skipped_folder(name)
                                       : is_page_file(path) && entries_.builds(id)) {
          problem(id, "symbolic link leads outside the content folder: not read");
        }
        return;
      }
    }
    if (fs::is_directory(real, ec)) {
      if (is_skipped_folder(name)) return;
      if (is_link) {
        links_.emplace_back(id, real);
      } else {
        walk(path, real);
      }
      return;
    }
    if (!is_page_file(path) || !entries_.builds(id) || !fs::is_regular_file(real, ec)) return;
    struct stat st;
    if (::stat(real.c_str(), &st) != 0) {
      problem(id, "cannot read file");
      return;
    }
    SourceFile file;
    file.id = id;
    file.path = path;
    file.size = static_cast<std::uint64_t>(st.st_size);
    file.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    result_.files.push_back(std::move(file));
  }

  fs::path root_;  // canonical
  const JekyllEntries& entries_;
  ScanResult result_;
  std::set<fs::path> visited_;                           // real folders read
  std::vector<std::pair<std::string, fs::path>> links_;  // folder links: id, real target
};

}  // namespace

ScanResult scan_content(const fs::path& root, const JekyllEntries& entries) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) {
    throw IndexUnavailable("content folder not found: " + root.string());
  }
  return Walker(canonical, entries).run();
}

}  // namespace hotsearch
