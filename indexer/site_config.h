#pragma once
// SiteConfig: what `_config.yml` says about collections and permalinks, and how Jekyll turns a
// page into a URL.

#include <filesystem>
#include <map>
#include <string>

namespace hotsearch {

class SiteConfig {
 public:
  /// Reads `<root>/_config.yml` when it exists, else Jekyll's defaults. Throws ConfigError with
  /// file:line:col when the file is not valid YAML.
  static SiteConfig load(const std::filesystem::path& content_root);

  /// The URL Jekyll gives a page: front-matter `permalink`, else the collection's permalink
  /// pattern (`:path`, `:name`, `:title`, `:year`, `:month`, `:day`, `:categories`,
  /// `:collection`, `:output_ext`), else the site pattern for posts, else the path.
  /// `page_id` is relative to the root; `date` is `YYYY-MM-DD` or empty.
  std::string url_for(const std::string& page_id, const std::string& collection,
                      const std::string& front_matter_permalink, const std::string& title,
                      const std::string& date) const;

  /// A stable digest of everything here that changes URLs; a change forces re-reading pages.
  std::string fingerprint() const;

 private:
  std::string site_permalink_ = "date";  // Jekyll's default style for posts
  std::map<std::string, std::string> collection_permalinks_;
  std::string raw_;  // the file's text, for the fingerprint
};

}  // namespace hotsearch
