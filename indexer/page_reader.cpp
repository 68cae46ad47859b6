// One content file -> Page.
#include "indexer/page_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "indexer/dates.h"
#include "indexer/error.h"
#include "indexer/front_matter.h"
#include "indexer/html_text.h"
#include "indexer/language.h"
#include "indexer/markdown_text.h"
#include "indexer/text_fold.h"

namespace hotsearch {

namespace {

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

/// 1-based line and column (in characters) of a byte offset.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with_lower(std::string s, std::string_view suffix) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_url_like(std::string_view word) {
  return starts_with(word, "http://") || starts_with(word, "https://") || starts_with(word, "//") ||
         starts_with(word, "mailto:") || starts_with(word, "www.") || starts_with(word, "ftp://");
}

/// Scalars that are not human text: URLs, paths, file names, colours, numbers, booleans,
/// dates, e-mail addresses.
bool is_non_text_value(const std::string& raw) {
  std::string v = collapse_whitespace(raw);
  if (v.empty()) return true;
  bool has_space = v.find(' ') != std::string::npos;
  if (!has_space) {
    if (is_url_like(v) || v.front() == '/' || v.find('@') != std::string::npos) return true;
    for (const char* ext : {".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".pdf", ".mp4",
                            ".csv", ".zip", ".geojson", ".html"}) {
      if (ends_with_lower(v, ext)) return true;
    }
    if (v.front() == '#' && v.size() <= 9) return true;  // #fff, #a1b2c3
    std::string lower = fold(v);
    if (lower == "true" || lower == "false" || lower == "yes" || lower == "no" || lower == "null" ||
        lower == "~") {
      return true;
    }
    bool numeric = std::all_of(v.begin(), v.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
             c == ',' || c == ':';
    });
    if (numeric) return true;
  }
  return parse_date(v).has_value();
}

/// Drops words that are URLs (autolinks, pasted addresses) and turns the literal `\r\n`
/// escapes some CMS exports leave in strings into spaces.
std::string clean_text(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\\' && i + 1 < text.size() &&
        (text[i + 1] == 'r' || text[i + 1] == 'n' || text[i + 1] == 't')) {
      out += ' ';
      i += 2;
      continue;
    }
    bool word_start = i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])) ||
                      text[i - 1] == '(' || text[i - 1] == '<' || text[i - 1] == '[';
    if (word_start && is_url_like(std::string_view(text).substr(i, 8))) {
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
             text[i] != ')' && text[i] != '>' && text[i] != ']') {
        ++i;
      }
      continue;
    }
    out += text[i++];
  }
  return out;
}

/// Front-matter strings may hold Markdown, inline HTML and Liquid: render them to text.
std::string render_inline(const std::string& value) {
  return collapse_whitespace(clean_text(markdown_to_text(strip_liquid(value)).text));
}

/// How deep the YAML nests, read from the text, so yaml-cpp's recursive parser never meets
/// a document deep enough to exhaust the stack.
std::size_t flow_depth(std::string_view yaml) {
  std::size_t depth = 0, deepest = 0;
  for (char c : yaml) {
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}
std::size_t deepest_indent(std::string_view yaml) {
  std::size_t deepest = 0, current = 0;
  bool at_line_start = true;
  for (char c : yaml) {
    if (c == '\n') {
      at_line_start = true;
      current = 0;
    } else if (at_line_start && (c == ' ' || c == '-')) {
      deepest = std::max(deepest, ++current);
    } else {
      at_line_start = false;
    }
  }
  return deepest;
}

/// Walks a front matter's YAML, filling the page.
class FrontMatterWalker {
 public:
  FrontMatterWalker(const std::string& id, std::size_t first_line, const FieldMap& fields,
                    const ReaderLimits& limits, Page& page)
      : id_(id), first_line_(first_line), fields_(fields), limits_(limits), page_(page) {}

  PageError error_at(const YAML::Mark& mark, const std::string& message) const {
    if (mark.is_null()) return PageError(id_, first_line_, 1, message);
    return PageError(id_, first_line_ + static_cast<std::size_t>(mark.line),
                     static_cast<std::size_t>(mark.column) + 1, message);
  }

  /// A key at any depth: its role decides what its values become.
  void walk(const std::string& key, const YAML::Node& node, std::size_t depth) {
    count(node, depth);
    FieldRole role = fields_.role(key);
    if (role == FieldRole::Ignored) return;
    if (role == FieldRole::Facet) {
      facet_values(*fields_.facet(key), node, depth);
      return;
    }
    if (node.IsScalar()) {
      const std::string& value = node.Scalar();
      if (is_non_text_value(value)) return;
      std::string text = render_inline(value);
      if (text.empty()) return;
      if (role == FieldRole::Header && depth > 0) {
        page_.headers.push_back(text);
      } else {
        page_.texts.push_back(text);
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node) walk(key, item, depth + 1);
    } else if (node.IsMap()) {
      for (const auto& entry : node) walk(key_of(entry.first), entry.second, depth + 1);
    }
  }

  static std::string key_of(const YAML::Node& key) {
    return key.IsScalar() ? key.Scalar() : std::string();
  }

 private:
  /// Node budget and depth: aliases make yaml-cpp share nodes, so a small file can stand for
  /// billions of nodes; counting as we walk stops that long before it costs anything.
  void count(const YAML::Node& node, std::size_t depth) {
    if (++nodes_ > limits_.max_yaml_nodes) {
      throw error_at(node.Mark(), "front matter has more than " +
                                      std::to_string(limits_.max_yaml_nodes) +
                                      " values (YAML aliases expanding?)");
    }
    if (depth > limits_.max_yaml_depth) {
      throw error_at(node.Mark(), "front matter nests deeper than " +
                                      std::to_string(limits_.max_yaml_depth) + " levels");
    }
  }

  void facet_values(const schema::Facet& facet, const YAML::Node& node, std::size_t depth) {
    count(node, depth);
    if (node.IsScalar()) {
      std::string value = collapse_whitespace(clean_text(html_to_text(node.Scalar())));
      if (value.empty() || value == "null" || value == "~") return;
      auto& values = page_.facets[std::string(facet.name)];
      std::string key = fold(value);
      bool seen = std::any_of(values.begin(), values.end(),
                              [&](const std::string& v) { return fold(v) == key; });
      if (!seen) values.push_back(value);
    } else if (node.IsSequence()) {
      for (const auto& item : node) facet_values(facet, item, depth + 1);
    } else if (node.IsMap()) {
      // `Countries: {Country: Tanzania}`: nested keys keep their own roles.
      for (const auto& entry : node) walk(key_of(entry.first), entry.second, depth + 1);
    }
  }

  const std::string& id_;
  std::size_t first_line_;
  const FieldMap& fields_;
  const ReaderLimits& limits_;
  Page& page_;
  std::size_t nodes_ = 0;
};

std::string collection_of(const std::string& id) {
  auto slash = id.find('/');
  if (slash == std::string::npos || id[0] != '_') return "pages";
  return id.substr(1, slash - 1);
}

std::string scalar_or_empty(const YAML::Node& node) {
  return node && node.IsScalar() ? node.Scalar() : std::string();
}

}  // namespace

PageReader::PageReader(SiteConfig site, FieldMap fields, ReaderLimits limits)
    : site_(std::move(site)),
      fields_(std::move(fields)),
      limits_(limits),
      detector_(std::make_shared<LanguageDetector>()) {}

ReadResult PageReader::read(const SourceFile& file) const {
  std::error_code ec;
  auto size = std::filesystem::file_size(file.path, ec);
  if (ec) throw PageError(file.id, 0, 0, "cannot read file: " + ec.message());
  if (size > limits_.max_file_bytes) {
    throw PageError(file.id, 0, 0,
                    "file is " + std::to_string(size) + " bytes, over the limit of " +
                        std::to_string(limits_.max_file_bytes) + " bytes");
  }
  std::ifstream in(file.path, std::ios::binary);
  if (!in) throw PageError(file.id, 0, 0, "cannot read file");
  std::string bytes;
  bytes.resize(size);
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return read_bytes(file.id, bytes);
}

ReadResult PageReader::read_bytes(const std::string& id, std::string_view bytes) const {
  ReadResult result;
  result.hash = fnv1a(bytes);
  if (bytes.size() > limits_.max_file_bytes) {
    throw PageError(id, 0, 0,
                    "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                        std::to_string(limits_.max_file_bytes) + " bytes");
  }
  if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    auto [line, column] = line_and_column(bytes, nul);
    throw PageError(id, line, column, "binary content (NUL byte), not a text page");
  }
  if (auto bad = first_invalid_utf8(bytes); bad != std::string_view::npos) {
    auto [line, column] = line_and_column(bytes, bad);
    throw PageError(id, line, column, "invalid UTF-8");
  }
  std::optional<FrontMatterSplit> split = split_front_matter(bytes, id);
  if (!split) {
    result.status = ReadStatus::NotAPage;
    return result;
  }
  if (split->yaml.size() > limits_.max_front_matter_bytes) {
    throw PageError(id, split->yaml_first_line, 1,
                    "front matter is " + std::to_string(split->yaml.size()) +
                        " bytes, over the limit of " +
                        std::to_string(limits_.max_front_matter_bytes) + " bytes");
  }
  if (flow_depth(split->yaml) > limits_.max_yaml_depth ||
      deepest_indent(split->yaml) > limits_.max_yaml_depth * 8) {
    throw PageError(
        id, split->yaml_first_line, 1,
        "front matter nests deeper than " + std::to_string(limits_.max_yaml_depth) + " levels");
  }

  Page& page = result.page;
  page.id = id;
  page.type = collection_of(id);
  FrontMatterWalker walker(id, split->yaml_first_line, fields_, limits_, page);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(split->yaml));
  } catch (const YAML::Exception& e) {
    throw walker.error_at(e.mark, "front matter: " + e.msg);
  }
  std::string permalink;
  std::string front_matter_lang;
  try {
    if (root.IsMap()) {
      for (const auto& entry : root) {
        std::string key = FrontMatterWalker::key_of(entry.first);
        const YAML::Node& value = entry.second;
        if (key == "title") {
          page.title = value.IsScalar() ? render_inline(value.Scalar()) : std::string();
        } else if (key == "date") {
          if (auto date = parse_date(scalar_or_empty(value))) page.date = *date;
        } else if (key == "permalink") {
          permalink = collapse_whitespace(scalar_or_empty(value));
        } else if (key == "published") {
          if (fold(scalar_or_empty(value)) == "false") {
            result.status = ReadStatus::Unpublished;
            return result;
          }
        } else if (key == "lang" || key == "language") {
          front_matter_lang = normalize_language(scalar_or_empty(value));
        } else {
          walker.walk(key, value, 0);
        }
      }
    } else if (root.IsDefined() && !root.IsNull() && !(root.IsScalar() && root.Scalar().empty())) {
      throw walker.error_at(root.Mark(), "front matter is not a mapping of keys to values");
    }
  } catch (const YAML::Exception& e) {
    throw walker.error_at(e.mark, "front matter: " + e.msg);
  }

  // The body: Liquid out first, then Markdown (or HTML for .html pages) to text.
  std::string body = strip_liquid(split->body);
  if (ends_with_lower(id, ".html")) {
    page.body = clean_text(html_to_text(body));
  } else {
    MarkdownText markdown = markdown_to_text(body);
    page.body = clean_text(markdown.text);
    for (std::string& heading : markdown.headings) {
      std::string text = collapse_whitespace(clean_text(heading));
      if (!text.empty()) page.headers.push_back(std::move(text));
    }
  }

  if (page.date.empty() && page.type == "posts") {
    auto slash = id.rfind('/');
    if (auto date = date_from_post_name(id.substr(slash == std::string::npos ? 0 : slash + 1))) {
      page.date = *date;
    }
  }
  if (!front_matter_lang.empty()) {
    page.lang = front_matter_lang;
  } else {
    std::string sample = page.title + "\n";
    for (const std::string& t : page.texts) {
      if (sample.size() > 4096) break;
      sample += t + "\n";
    }
    sample += page.body.substr(0, 4096);
    page.lang = detector_->detect(collapse_whitespace(sample));
  }
  page.url = site_.url_for(id, page.type, permalink, page.title, page.date);
  result.status = ReadStatus::Page;
  return result;
}

}  // namespace hotsearch
