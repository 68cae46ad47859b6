#pragma once
// Which files of a content tree Jekyll 4 builds into the site, by its own rules (Reader,
// EntryFilter, PostReader and Collection in lib/jekyll/): a file it never reads has no URL,
// and a search result must not link to a page that does not exist.

#include <string>
#include <string_view>
#include <vector>

namespace hotsearch {

/// `include:` and `exclude:` of `_config.yml`, and the rules Jekyll reads a tree by.
class JekyllEntries {
 public:
  /// Jekyll's defaults: `include: [.htaccess]`, and its default excludes.
  JekyllEntries();
  /// The lists `_config.yml` gives: `include` replaces Jekyll's default, Jekyll's default
  /// excludes are added to `exclude`, and a pattern in both is not an exclusion.
  JekyllEntries(std::vector<std::string> include, std::vector<std::string> exclude);

  /// Whether Jekyll reads the file `id` (relative to the content root, '/'-separated):
  /// - a page at the root or in plain folders when neither it nor a folder above it is
  ///   excluded (unless included) or has a name that starts with `.`, `_`, `#` or `~` or
  ///   ends with `~` (unless included);
  /// - a post in a `_posts` folder (at the root or in a plain folder read as above) when its
  ///   name starts with a date (`2019-07-01-`) and its path inside `_posts` passes the same
  ///   test;
  /// - a document of a collection (a top folder `_name/`) when its path inside that folder
  ///   passes the test. Jekyll tests the path and the file's name only, not each folder of
  ///   it: `_projects/a/_b/c.md` is built, `_projects/_b/c.md` is not.
  bool builds(std::string_view id) const;

 private:
  /// EntryFilter#filter for one entry: `entry` as the reader lists it (a name, or a path
  /// inside a collection or `_posts`), `from_root` its path from the content root.
  bool rejects(std::string_view entry, std::string_view from_root, bool is_folder) const;
  /// A post: its path `inside` the `_posts` folder `posts_folder` (a path from the root).
  bool builds_post(std::string_view posts_folder, std::string_view inside) const;

  std::vector<std::string> include_;
  std::vector<std::string> exclude_;  ///< without the patterns `include_` has
};

}  // namespace hotsearch
