// `_config.yml` and Jekyll's URL rules.
#include "indexer/site_config.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "indexer/error.h"

namespace hotsearch {

namespace fs = std::filesystem;

namespace {

/// Jekyll's named permalink styles.
std::string expand_style(const std::string& style) {
  if (style == "date") return "/:categories/:year/:month/:day/:title:output_ext";
  if (style == "pretty") return "/:categories/:year/:month/:day/:title/";
  if (style == "ordinal") return "/:categories/:year/:y_day/:title:output_ext";
  if (style == "none") return "/:categories/:title:output_ext";
  return style;
}

/// Percent-encodes what a URL path cannot hold as is (spaces, `?`, `#`, `%`, controls).
std::string escape_path(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (c <= 0x20 || c == '?' || c == '#' || c == '%' || c == '"' || c == '<' || c == '>' ||
        c == 0x7F) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size()) {
    text.replace(pos, from.size(), to);
  }
}

std::string collapse_slashes(std::string url) {
  std::string out;
  for (char c : url) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  return out;
}

}  // namespace

SiteConfig SiteConfig::load(const fs::path& content_root) {
  SiteConfig config;
  fs::path file = content_root / "_config.yml";
  std::error_code ec;
  if (!fs::exists(file, ec)) return config;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  config.raw_ = text.str();
  YAML::Node root;
  try {
    root = YAML::Load(config.raw_);
  } catch (const YAML::Exception& e) {
    throw ConfigError(file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                      std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  if (!root.IsMap()) return config;
  try {
    if (root["permalink"] && root["permalink"].IsScalar()) {
      config.site_permalink_ = root["permalink"].Scalar();
    }
    const YAML::Node collections = root["collections"];
    if (collections && collections.IsMap()) {
      for (const auto& entry : collections) {
        const YAML::Node& settings = entry.second;
        if (settings.IsMap() && settings["permalink"] && settings["permalink"].IsScalar()) {
          config.collection_permalinks_[entry.first.Scalar()] = settings["permalink"].Scalar();
        }
      }
    }
  } catch (const YAML::Exception& e) {
    throw ConfigError(file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                      std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  return config;
}

std::string SiteConfig::url_for(const std::string& page_id, const std::string& collection,
                                const std::string& front_matter_permalink,
                                const std::string& /*title*/, const std::string& date) const {
  if (!front_matter_permalink.empty()) {
    std::string url = front_matter_permalink;
    if (url.front() != '/') url = "/" + url;
    return escape_path(collapse_slashes(url));
  }
  fs::path id(page_id);
  std::string ext = id.extension().string();
  std::string output_ext = ext == ".html" || ext == ".htm" ? ext : ".html";
  std::string name = id.stem().string();
  bool in_collection = collection != "pages";

  // :path is the path inside the collection folder (or the page's folder), without extension.
  std::string inner = page_id;
  if (in_collection) {
    std::string folder = "_" + collection + "/";
    if (inner.rfind(folder, 0) == 0) inner = inner.substr(folder.size());
  }
  std::string path_no_ext = (fs::path(inner).parent_path() / name).generic_string();

  std::string pattern;
  std::string slug = name;
  if (collection == "posts") {
    // A post's :title is its file name without the date.
    if (name.size() > 11 && name[4] == '-' && name[7] == '-' && name[10] == '-')
      slug = name.substr(11);
    auto it = collection_permalinks_.find("posts");
    pattern = it != collection_permalinks_.end() ? it->second : expand_style(site_permalink_);
  } else if (in_collection) {
    auto it = collection_permalinks_.find(collection);
    pattern = it != collection_permalinks_.end() ? expand_style(it->second)
                                                 : "/:collection/:path:output_ext";
  } else {
    // Pages: their path, `index` standing for its folder.
    std::string url = "/" + path_no_ext + output_ext;
    if (name == "index") url = "/" + fs::path(inner).parent_path().generic_string() + "/";
    if (site_permalink_ == "pretty" && name != "index") url = "/" + path_no_ext + "/";
    return escape_path(collapse_slashes(url));
  }
  std::string url = pattern;
  std::string year = date.size() >= 10 ? date.substr(0, 4) : "";
  std::string month = date.size() >= 10 ? date.substr(5, 2) : "";
  std::string day = date.size() >= 10 ? date.substr(8, 2) : "";
  // Longer placeholders first, so `:title` does not eat `:titles`, `:i_month` before `:month`.
  replace_all(url, ":categories", "");
  replace_all(url, ":collection", collection);
  replace_all(url, ":output_ext", output_ext);
  replace_all(url, ":i_month", month.empty() ? "" : std::to_string(std::stoi(month)));
  replace_all(url, ":i_day", day.empty() ? "" : std::to_string(std::stoi(day)));
  replace_all(url, ":short_year", year.size() == 4 ? year.substr(2) : "");
  replace_all(url, ":year", year);
  replace_all(url, ":month", month);
  replace_all(url, ":day", day);
  replace_all(url, ":path", path_no_ext);
  replace_all(url, ":name", name);
  replace_all(url, ":slug", slug);
  replace_all(url, ":title", slug);
  if (url.empty() || url.front() != '/') url = "/" + url;
  return escape_path(collapse_slashes(url));
}

std::string SiteConfig::fingerprint() const {
  return std::to_string(std::hash<std::string>{}(raw_));
}

}  // namespace hotsearch
