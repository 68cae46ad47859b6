// `_config.yml` and Jekyll's URL rules (jekyll/lib/jekyll/{url,document,page,utils}.rb, 3.x/4.x).
#include "indexer/site_config.h"

#include <fnmatch.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "indexer/content_hash.h"
#include "indexer/dates.h"
#include "indexer/error.h"

namespace hotsearch {

namespace fs = std::filesystem;

namespace {

/// Jekyll's named permalink styles (Utils.style_to_permalink).
std::string expand_style(const std::string& style) {
  if (style == "date") return "/:categories/:year/:month/:day/:title:output_ext";
  if (style == "pretty") return "/:categories/:year/:month/:day/:title/";
  if (style == "ordinal") return "/:categories/:year/:y_day/:title:output_ext";
  if (style == "weekdate") return "/:categories/:year/W:week/:short_day/:title:output_ext";
  if (style == "none") return "/:categories/:title:output_ext";
  return style;
}

/// Utils.add_permalink_suffix: what follows `/:collection/:path` or a page's basename.
std::string permalink_suffix(const std::string& style) {
  if (style == "pretty") return "/";
  if (style == "date" || style == "ordinal" || style == "none" || style == "weekdate") {
    return ":output_ext";
  }
  std::string suffix;
  if (!style.empty() && style.back() == '/') suffix += "/";
  if (style.size() >= 11 && style.compare(style.size() - 11, 11, ":output_ext") == 0) {
    suffix += ":output_ext";
  }
  return suffix;
}

/// URL.escape_path: percent-encodes everything but unreserved characters, sub-delimiters,
/// `:`, `@` and `/` (so spaces, `?`, `#`, `%` and non-ASCII bytes are encoded).
std::string escape_path(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  static const std::string safe = "-._~!$&'()*+,;=:@/";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        safe.find(static_cast<char>(c)) != std::string::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size()) {
    text.replace(pos, from.size(), to);
  }
}

/// URL#sanitize_url: a leading slash, `..` and `./` taken out, runs of slashes squeezed. Then
/// `\` escaped: browsers read it as `/` in a link, so `/\evil.example/x` would lead to another
/// site (Jekyll keeps it; a server would get `%5C` for it from a browser anyway).
std::string sanitize_url(std::string url) {
  replace_all(url, "\\", "%5C");
  url = "/" + url;
  replace_all(url, "..", "/");
  replace_all(url, "./", "");
  std::string out;
  for (char c : url) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  return out;
}

enum class SlugMode { Default, Pretty };

/// Utils.slugify: runs of characters other than letters, marks and digits (and, in pretty
/// mode, `._~!$&'()+,;=@`) become one `-`; no `-` at either end; lower-cased unless `cased`.
std::string slugify(const std::string& text, SlugMode mode, bool cased) {
  std::string out;
  bool pending_dash = false;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    bool keep = c >= 0 && (u_isalpha(c) || (U_GET_GC_MASK(c) & (U_GC_M_MASK | U_GC_ND_MASK)));
    if (!keep && mode == SlugMode::Pretty && c >= 0 && c < 0x80) {
      keep = std::string("._~!$&'()+,;=@").find(static_cast<char>(c)) != std::string::npos;
    }
    if (!keep) {
      pending_dash = !out.empty();
      continue;
    }
    if (pending_dash) out += '-';
    pending_dash = false;
    if (!cased && c < 0x80) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!cased) {
      char bytes[4];
      int32_t n = 0;
      U8_APPEND_UNSAFE(bytes, n, u_tolower(c));
      out.append(bytes, static_cast<std::size_t>(n));
    } else {
      out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

/// Replaces Jekyll's `:name` placeholders (`:[a-z_]+`); a name ending in `_` may stand for the
/// name without it (`:title_`). Values are URL-escaped; unknown names stay as written.
std::string expand_placeholders(const std::string& pattern,
                                const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] != ':') {
      out += pattern[i++];
      continue;
    }
    std::size_t end = i + 1;
    while (end < pattern.size() &&
           ((pattern[end] >= 'a' && pattern[end] <= 'z') || pattern[end] == '_')) {
      ++end;
    }
    std::string name = pattern.substr(i + 1, end - i - 1);
    auto it = values.find(name);
    std::string rest;
    if (it == values.end() && !name.empty() && name.back() == '_') {
      it = values.find(name.substr(0, name.size() - 1));
      rest = "_";
    }
    if (it == values.end()) {
      out += pattern.substr(i, end - i);
    } else {
      out += escape_path(it->second) + rest;
    }
    i = end;
  }
  return out;
}

int day_of_year(int year, int month, int day) {
  static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return before[month - 1] + day + (leap && month > 2 ? 1 : 0);
}

ConfigError yaml_error(const fs::path& file, const YAML::Exception& e) {
  return ConfigError(file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                     std::to_string(e.mark.column + 1) + ": " + e.msg);
}

/// The list `include:` or `exclude:` gives (`fallback` when the key is absent). Jekyll refuses
/// a value that is not a list; items that are not strings (`~`) match nothing.
std::vector<std::string> patterns(const fs::path& file, const YAML::Node& root,
                                  const std::string& key, std::vector<std::string> fallback) {
  const YAML::Node list = root[key];
  if (!list) return fallback;
  if (!list.IsSequence()) {
    throw ConfigError(file.string() + ":" + std::to_string(list.Mark().line + 1) + ":" +
                      std::to_string(list.Mark().column + 1) + ": `" + key +
                      "` should be a list, as Jekyll requires");
  }
  std::vector<std::string> out;
  for (const auto& item : list) {
    if (item.IsScalar()) out.push_back(item.Scalar());
  }
  return out;
}

/// `/a/b/` or `./a/b` -> `a/b`.
std::string trim_slashes(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

/// FrontmatterDefaults#applies_path?: the scope path is the page itself, one of its folders,
/// or a glob matching them.
bool scope_path_applies(const std::string& scope, const std::string& page_id) {
  if (scope.empty()) return true;
  bool glob = scope.find('*') != std::string::npos;
  for (std::string path = page_id; !path.empty();) {
    if (glob ? ::fnmatch(scope.c_str(), path.c_str(), 0) == 0 : path == scope) return true;
    auto slash = path.rfind('/');
    path = slash == std::string::npos ? std::string() : path.substr(0, slash);
  }
  return false;
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
  try {
    YAML::Node root = YAML::Load(text.str());
    if (!root.IsMap()) return config;
    if (root["permalink"] && root["permalink"].IsScalar()) {
      config.site_permalink_ = root["permalink"].Scalar();
    }
    config.entries_ = JekyllEntries(patterns(file, root, "include", {".htaccess"}),
                                    patterns(file, root, "exclude", {}));
    const YAML::Node collections = root["collections"];
    if (collections && collections.IsMap()) {
      for (const auto& entry : collections) {
        Collection collection;
        const YAML::Node& settings = entry.second;
        if (settings.IsMap()) {
          if (settings["output"] && settings["output"].IsScalar()) {
            collection.output = settings["output"].as<bool>(true);
          }
          if (settings["permalink"] && settings["permalink"].IsScalar()) {
            collection.permalink = settings["permalink"].Scalar();
          }
        }
        config.collections_[entry.first.Scalar()] = collection;
      }
    } else if (collections && collections.IsSequence()) {
      // `collections: [projects, people]`: declared with Jekyll's defaults.
      for (const auto& name : collections) {
        if (name.IsScalar()) config.collections_[name.Scalar()] = Collection{};
      }
    }
    const YAML::Node defaults = root["defaults"];
    if (defaults && defaults.IsSequence()) {
      for (const auto& set : defaults) {
        if (!set.IsMap() || !set["values"] || !set["values"].IsMap()) continue;
        Default entry;
        const YAML::Node scope = set["scope"];
        if (scope && scope.IsMap()) {
          if (scope["path"] && scope["path"].IsScalar()) {
            entry.path = trim_slashes(scope["path"].Scalar());
          }
          if (scope["type"] && scope["type"].IsScalar()) entry.type = scope["type"].Scalar();
        }
        for (const auto& value : set["values"]) {
          if (value.first.IsScalar() && value.second.IsScalar()) {
            entry.values[value.first.Scalar()] = value.second.Scalar();
          }
        }
        config.defaults_.push_back(std::move(entry));
      }
    }
  } catch (const YAML::Exception& e) {
    throw yaml_error(file, e);
  }
  return config;
}

std::string SiteConfig::default_value(const std::string& page_id, const std::string& collection,
                                      const std::string& key) const {
  // FrontmatterDefaults#has_precedence?: a longer scope path wins, then a scope with a type,
  // then the later entry.
  const std::string* best = nullptr;
  std::tuple<std::size_t, bool> best_rank{0, false};
  for (const Default& set : defaults_) {
    auto value = set.values.find(key);
    if (value == set.values.end()) continue;
    if (!set.type.empty() && set.type != collection) continue;
    if (!scope_path_applies(set.path, page_id)) continue;
    std::tuple<std::size_t, bool> rank{set.path.size(), !set.type.empty()};
    if (!best || rank >= best_rank) {
      best = &value->second;
      best_rank = rank;
    }
  }
  return best ? *best : std::string();
}

bool SiteConfig::collection_has_output(const std::string& collection) const {
  auto it = collections_.find(collection);
  return it == collections_.end() || it->second.output;
}

std::string SiteConfig::url_for(const std::string& page_id, const std::string& collection,
                                const std::string& front_matter_permalink,
                                const std::string& /*title*/, const std::string& date) const {
  UrlInputs page;
  page.page_id = page_id;
  page.collection = collection;
  page.permalink = front_matter_permalink;
  page.date = date;
  return url_for(page);
}

std::string SiteConfig::url_for(const UrlInputs& page) const {
  fs::path id(page.page_id);
  std::string ext = id.extension().string();
  std::string output_ext = ext == ".html" || ext == ".htm" ? ext : ".html";
  std::string basename = id.stem().string();
  std::string folder = id.parent_path().generic_string();
  bool is_document = page.collection != "pages";

  std::map<std::string, std::string> values;
  values["output_ext"] = output_ext;
  values["basename"] = basename;
  values["collection"] = page.collection;
  if (is_document) {
    // Document#cleaned_relative_path: inside the collection's folder, without extension.
    std::string inner = page.page_id.substr(0, page.page_id.size() - ext.size());
    auto marker = inner.find("_" + page.collection + "/");
    if (marker != std::string::npos) inner = inner.substr(marker + page.collection.size() + 1);
    values["path"] = inner;
  } else {
    values["path"] = folder;  // Page#url_placeholders: the page's folder
  }
  // Document#populate_title: the slug is the file name without a leading date.
  std::string slug = page.slug;
  if (slug.empty()) {
    slug = basename;
    std::size_t slug_start = 0;
    if (date_from_post_name(basename, &slug_start)) slug = basename.substr(slug_start);
    while (!slug.empty() && slug.back() == '.') slug.pop_back();
  }
  values["name"] = slugify(basename, SlugMode::Default, false);
  values["slug"] = slugify(slug, SlugMode::Default, false);
  values["title"] = slugify(slug, SlugMode::Pretty, true);
  std::string categories;
  for (const std::string& category : page.categories) {
    std::string lower;
    for (char c : category) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.empty() || ("/" + categories + "/").find("/" + lower + "/") != std::string::npos) {
      continue;
    }
    categories += (categories.empty() ? "" : "/") + lower;
  }
  values["categories"] = categories;
  if (page.date.size() == 10) {
    int year = std::stoi(page.date.substr(0, 4));
    int month = std::stoi(page.date.substr(5, 2));
    int day = std::stoi(page.date.substr(8, 2));
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    values["year"] = page.date.substr(0, 4);
    values["short_year"] = page.date.substr(2, 2);
    values["month"] = page.date.substr(5, 2);
    values["i_month"] = std::to_string(month);
    values["short_month"] = months[month - 1];
    values["day"] = page.date.substr(8, 2);
    values["i_day"] = std::to_string(day);
    std::string y_day = std::to_string(day_of_year(year, month, day));
    values["y_day"] = std::string(3 - y_day.size(), '0') + y_day;
    values["hour"] = values["minute"] = values["second"] = "00";
  } else {
    // No date: the date placeholders are empty rather than left in the URL.
    for (const char* name : {"year", "short_year", "month", "i_month", "short_month", "day",
                             "i_day", "y_day", "hour", "minute", "second"}) {
      values[name] = "";
    }
  }

  std::string permalink = page.permalink;
  if (permalink.empty()) permalink = default_value(page.page_id, page.collection, "permalink");
  std::string pattern;
  if (!permalink.empty()) {
    pattern = permalink;
  } else if (page.collection == "posts") {
    auto it = collections_.find("posts");
    pattern = it != collections_.end() && !it->second.permalink.empty()
                  ? expand_style(it->second.permalink)
                  : expand_style(site_permalink_);
  } else if (is_document) {
    auto it = collections_.find(page.collection);
    pattern = it != collections_.end() && !it->second.permalink.empty()
                  ? expand_style(it->second.permalink)
                  : "/:collection/:path" + permalink_suffix(site_permalink_);
  } else if (basename == "index") {
    pattern = "/:path/";  // Page#template: an index page stands for its folder
  } else {
    pattern = "/:path/:basename" + permalink_suffix(site_permalink_);
  }
  return sanitize_url(expand_placeholders(pattern, values));
}

std::string SiteConfig::fingerprint() const {
  // What was read, not the file's text: a comment or a key hotsearch does not read (the
  // site's title, its plugins) must not make the nightly run a full one.
  std::string read = "permalink=" + site_permalink_ + "\n";
  for (const auto& [name, collection] : collections_) {
    read += "collection " + name + " output=" + (collection.output ? "1" : "0") +
            " permalink=" + collection.permalink + "\n";
  }
  for (const Default& entry : defaults_) {
    read += "defaults path=" + entry.path + " type=" + entry.type + "\n";
    for (const auto& [key, value] : entry.values) {
      read.append("  ").append(key).append("=").append(value).append("\n");
    }
  }
  return fnv1a_64_hex(read);
}

}  // namespace hotsearch
