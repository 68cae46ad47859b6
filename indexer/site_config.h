#pragma once
// SiteConfig: what `_config.yml` says about collections, permalinks, front-matter defaults and
// which files are built (`include:`/`exclude:`), and how Jekyll turns a page into a URL.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "indexer/jekyll_entries.h"

namespace hotsearch {

/// Everything a page's URL depends on (Jekyll's URL placeholders).
struct UrlInputs {
  std::string page_id;     ///< path relative to the content root: `_posts/2019-07-01-a.md`
  std::string collection;  ///< `posts`, `projects`, ... or `pages`
  std::string permalink;   ///< the front matter's `permalink`, or empty
  std::string date;        ///< `YYYY-MM-DD`, or empty
  std::vector<std::string> categories;  ///< front-matter `categories`/`category`, folders
  std::string slug;                     ///< front-matter `slug`, or empty
};

class SiteConfig {
 public:
  /// Reads `<root>/_config.yml` when it exists, else Jekyll's defaults. Throws ConfigError with
  /// file:line:col when the file is not valid YAML.
  static SiteConfig load(const std::filesystem::path& content_root);

  /// The URL Jekyll gives a page: front-matter `permalink` (or one from `defaults:`), else the
  /// collection's permalink pattern (`:path`, `:name`, `:title`, `:slug`, `:year`, `:month`,
  /// `:day`, `:categories`, `:collection`, `:output_ext`...), else the site's style for posts
  /// and `/:collection/:path` + the style's ending for other collections, else the page's path
  /// (`.md` -> `.html`, `index` -> its folder). `page_id` is relative to the root; `date` is
  /// `YYYY-MM-DD` or empty; `title` is unused (Jekyll's `:title` is the file's slug).
  std::string url_for(const std::string& page_id, const std::string& collection,
                      const std::string& front_matter_permalink, const std::string& title,
                      const std::string& date) const;
  /// Same, with categories and slug.
  std::string url_for(const UrlInputs& page) const;

  /// The value `defaults:` gives `key` for this page (most specific scope wins), or empty.
  /// Front matter written in the page itself overrides it.
  std::string default_value(const std::string& page_id, const std::string& collection,
                            const std::string& key) const;

  /// False when `_config.yml` declares the collection with `output: false` (Jekyll renders
  /// none of its pages, so they have no URL to show). True for undeclared collections.
  bool collection_has_output(const std::string& collection) const;

  /// Which files Jekyll builds, by the site's `include:` and `exclude:`.
  const JekyllEntries& entries() const { return entries_; }

  /// A stable digest of what was read (permalinks, collections, defaults): a change forces
  /// re-reading pages; comments and keys hotsearch does not read change nothing.
  std::string fingerprint() const;

 private:
  struct Collection {
    bool output = true;
    std::string permalink;  // empty: Jekyll's default for the site's style
  };
  struct Default {
    std::string path;  // scope path, relative to the root, no leading or trailing slash
    std::string type;  // scope type: a collection name, `pages`, or empty for any
    std::map<std::string, std::string> values;  // scalar values only
  };

  std::string site_permalink_ = "date";  // Jekyll's default style
  std::map<std::string, Collection> collections_;
  std::vector<Default> defaults_;
  JekyllEntries entries_;
};

}  // namespace hotsearch
