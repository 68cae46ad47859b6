// Jekyll 4's rules for which files it reads (jekyll-4.3.1/lib/jekyll/entry_filter.rb,
// reader.rb, readers/post_reader.rb, collection.rb, document.rb).
#include "indexer/jekyll_entries.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>

namespace hotsearch {

namespace {

/// Configuration::DEFAULT_EXCLUDES, added to every site's `exclude`.
const std::vector<std::string>& default_excludes() {
  static const std::vector<std::string> excludes = {
      ".sass-cache",  ".jekyll-cache",  "gemfiles",      "Gemfile",      "Gemfile.lock",
      "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/"};
  return excludes;
}

std::string_view base_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// EntryFilter::SPECIAL_LEADING_CHAR_REGEX: hidden, Jekyll's own, editor scratch files.
bool starts_specially(std::string_view name) {
  return !name.empty() && (name[0] == '.' || name[0] == '_' || name[0] == '#' || name[0] == '~');
}

/// EntryFilter#glob_include?, both sides taken from the content root: the pattern matches as
/// a glob in which `*` matches `/` too (File.fnmatch? without flags), as the start of the
/// path's text (`old` excludes `old-site/` as well), or, for a folder, with a `/` after it.
bool glob_includes(const std::vector<std::string>& patterns, std::string_view path,
                   bool is_folder) {
  std::string entry = "/" + std::string(path);
  for (const std::string& pattern : patterns) {
    // File.join(source, pattern): a leading `/` of the pattern is the source's own.
    std::string from_root =
        "/" + pattern.substr(std::min(pattern.find_first_not_of('/'), pattern.size()));
    if (::fnmatch(from_root.c_str(), entry.c_str(), 0) == 0 ||
        entry.compare(0, from_root.size(), from_root) == 0 ||
        (is_folder && from_root == entry + "/")) {
      return true;
    }
  }
  return false;
}

/// Document::DATE_FILENAME_MATCHER on a post's file name: `YYYY-MM-DD-slug.ext`, with a year
/// of two to four digits and a month and day of one or two.
bool has_post_date(std::string_view name) {
  std::size_t i = 0;
  auto number_then_dash = [&](std::size_t min, std::size_t max) {
    std::size_t start = i;
    while (i < name.size() && i - start < max && std::isdigit(static_cast<unsigned char>(name[i])))
      ++i;
    return i - start >= min && i < name.size() && name[i++] == '-';
  };
  if (!number_then_dash(2, 4) || !number_then_dash(1, 2) || !number_then_dash(1, 2)) return false;
  std::string_view rest = name.substr(i);
  std::size_t dot = rest.rfind('.');
  return dot != std::string_view::npos && dot + 1 < rest.size();
}

}  // namespace

JekyllEntries::JekyllEntries() : JekyllEntries({".htaccess"}, {}) {}

JekyllEntries::JekyllEntries(std::vector<std::string> include, std::vector<std::string> exclude)
    : include_(std::move(include)) {
  for (const std::string& pattern : default_excludes()) {
    if (std::find(exclude.begin(), exclude.end(), pattern) == exclude.end()) {
      exclude.push_back(pattern);
    }
  }
  // `site.exclude - site.include`: what is included is never excluded.
  for (std::string& pattern : exclude) {
    if (std::find(include_.begin(), include_.end(), pattern) == include_.end()) {
      exclude_.push_back(std::move(pattern));
    }
  }
}

bool JekyllEntries::rejects(std::string_view entry, std::string_view from_root,
                            bool is_folder) const {
  if (entry.empty() || entry.back() == '.') return true;
  // Jekyll compares the include patterns with the entry as if it were at the root.
  bool included = glob_includes(include_, entry, is_folder) ||
                  glob_includes(include_, base_name(entry), is_folder);
  if (!included && glob_includes(exclude_, from_root, is_folder)) return true;
  if (included) return false;
  return starts_specially(entry) || starts_specially(base_name(entry)) || entry.back() == '~';
}

bool JekyllEntries::builds_post(std::string_view posts_folder, std::string_view inside) const {
  std::string from_root = std::string(posts_folder) + "/" + std::string(inside);
  return has_post_date(base_name(inside)) && !rejects(inside, from_root, false);
}

bool JekyllEntries::builds(std::string_view id) const {
  std::size_t first_slash = id.find('/');
  if (id.empty()) return false;
  if (id[0] == '_' && first_slash != std::string_view::npos) {
    // Posts at the root, or a collection's documents: the reader lists their paths inside the
    // folder, and filters those.
    std::string_view folder = id.substr(0, first_slash);
    std::string_view inside = id.substr(first_slash + 1);
    if (folder == "_posts") return builds_post(folder, inside);
    return !rejects(inside, id, false);
  }
  // A page: the reader filters each folder's entries by name on its way down, and reads the
  // posts of each `_posts` folder it meets.
  std::size_t start = 0;
  while (true) {
    std::size_t end = id.find('/', start);
    bool is_folder = end != std::string_view::npos;
    std::string_view name = id.substr(start, is_folder ? end - start : std::string_view::npos);
    if (is_folder && name == "_posts") {
      return builds_post(id.substr(0, end), id.substr(end + 1));
    }
    if (rejects(name, id.substr(0, is_folder ? end : id.size()), is_folder)) return false;
    if (!is_folder) return true;
    start = end + 1;
  }
}

}  // namespace hotsearch
