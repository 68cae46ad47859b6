// One content file -> Page.
#include "indexer/page_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "indexer/content_hash.h"
#include "indexer/dates.h"
#include "indexer/error.h"
#include "indexer/front_matter.h"
#include "indexer/html_text.h"
#include "indexer/language.h"
#include "indexer/liquid.h"
#include "indexer/markdown_text.h"
#include "indexer/text_fold.h"
#include "indexer/yaml_text.h"

namespace hotsearch {

namespace {

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

bool ends_with_lower(std::string s, std::string_view suffix) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// How deep the YAML's flow collections (`[...]`, `{...}`) nest, read from the text before
/// yaml-cpp builds anything. Brackets inside quoted scalars and comments do not count; a quote
/// opens a scalar only where YAML allows one to start (after `[`, `{`, `,`, `: `, `- ` or
/// at the start of a line), so the apostrophe of `HOT's` is just a letter.
std::size_t flow_depth(std::string_view yaml) {
  std::size_t depth = 0, deepest = 0;
  char previous = '\n';  // the last character that is not a space
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    char c = yaml[i];
    if (c == ' ' || c == '\t') {
      continue;
    }
    bool after_space = i > 0 && (yaml[i - 1] == ' ' || yaml[i - 1] == '\t');
    if (c == '#' && (after_space || previous == '\n')) {
      while (i < yaml.size() && yaml[i] != '\n') ++i;
      previous = '\n';
      continue;
    }
    bool scalar_may_start = previous == '\n' || previous == '[' || previous == '{' ||
                            previous == ',' ||
                            ((previous == ':' || previous == '-') && after_space);
    if ((c == '"' || c == '\'') && scalar_may_start) {
      for (++i; i < yaml.size(); ++i) {
        if (c == '"' && yaml[i] == '\\') {
          ++i;
        } else if (yaml[i] == c) {
          if (c == '\'' && i + 1 < yaml.size() && yaml[i + 1] == '\'') {
            ++i;  // '' is an escaped quote
          } else {
            break;
          }
        }
      }
      previous = c;
      continue;
    }
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if ((c == ']' || c == '}') && depth > 0) --depth;
    previous = c;
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

/// An upper bound of the YAML's nodes: every node needs a separator before it.
std::size_t separator_count(std::string_view yaml) {
  std::size_t count = 0;
  for (char c : yaml) {
    if (c == ',' || c == '\n' || c == ':' || c == '[' || c == '{' || c == '-') ++count;
  }
  return count;
}

/// The collection a page belongs to: its top folder `_name/` (nested folders stay in it), or
/// `posts` for a `_posts` folder anywhere (Jekyll's rule), else `pages`.
// Appended to the front matter as a comment. yaml-cpp 0.7 takes a quoted value that is never
// closed (`title: "Maps`) to the end of the text without an error, swallowing the keys after
// it; a value that holds this comment's text shows that it did.
constexpr std::string_view kEndOfFrontMatter = "hotsearch: end of front matter";

/// The first scalar under `node` that swallowed kEndOfFrontMatter, if any. Looks at no more
/// than `budget` nodes: aliases can make a small text a huge tree (the front matter walk,
/// which runs first, refuses one with more nodes than the reader allows).
std::optional<YAML::Mark> swallowed_end(const YAML::Node& node, std::size_t& budget) {
  if (budget == 0) return std::nullopt;
  --budget;
  if (node.IsScalar()) {
    if (node.Scalar().find(kEndOfFrontMatter) != std::string::npos) {
      return node.Mark();
    }
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (auto mark = swallowed_end(item, budget)) return mark;
    }
  } else if (node.IsMap()) {
    for (const auto& entry : node) {
      if (auto mark = swallowed_end(entry.first, budget)) return mark;
      if (auto mark = swallowed_end(entry.second, budget)) return mark;
    }
  }
  return std::nullopt;
}

std::string collection_of(const std::string& id) {
  if (id.rfind("_posts/", 0) == 0 || id.find("/_posts/") != std::string::npos) return "posts";
  auto slash = id.find('/');
  if (slash == std::string::npos || id[0] != '_') return "pages";
  return id.substr(1, slash - 1);
}

/// The folders above a `_posts` folder are the post's categories (`news/_posts/a.md`).
std::vector<std::string> folder_categories(const std::string& id) {
  std::vector<std::string> categories;
  auto posts = id.find("/_posts/");
  if (posts == std::string::npos) return categories;
  std::string folders = id.substr(0, posts);
  std::size_t start = 0;
  while (start <= folders.size()) {
    auto end = folders.find('/', start);
    if (end == std::string::npos) end = folders.size();
    if (end > start) categories.push_back(folders.substr(start, end - start));
    start = end + 1;
  }
  return categories;
}

bool is_false_word(const std::string& value) {
  std::string v;
  for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "false" || v == "no" || v == "off";
}

bool is_null_value(const YamlScalar& scalar) {
  const std::string& v = scalar.value;
  return !scalar.present() || v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

std::string file_name_of(const std::string& id) {
  auto slash = id.rfind('/');
  return id.substr(slash == std::string::npos ? 0 : slash + 1);
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
  std::ifstream in(file.path, std::ios::binary);
  if (!in) throw PageError(file.id, 0, 0, std::string("cannot read file: ") + std::strerror(errno));
  if (size > limits_.max_file_bytes) {
    // Only a page is too large: a big static file (a report.html without front matter) is
    // not one, and must not fail every run. Its first bytes say which it is.
    std::string head(16, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (!starts_with_front_matter(head)) {
      ReadResult result;
      result.hash = fnv1a_64(head);
      result.status = ReadStatus::NotAPage;
      return result;
    }
    throw PageError(file.id, 0, 0,
                    "file is " + std::to_string(size) + " bytes, over the limit of " +
                        std::to_string(limits_.max_file_bytes) + " bytes");
  }
  std::string bytes;
  bytes.resize(size);
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return read_bytes(file.id, bytes);
}

ReadResult PageReader::read_bytes(const std::string& id, std::string_view bytes) const {
  ReadResult result;
  result.hash = fnv1a_64(bytes);
  if (bytes.size() > limits_.max_file_bytes) {
    throw PageError(id, 0, 0,
                    "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                        std::to_string(limits_.max_file_bytes) + " bytes");
  }
  // A file without front matter is a static file whatever its bytes (a Latin-1 README.md
  // is not an error); a page must be text.
  if (!starts_with_front_matter(bytes)) {
    result.status = ReadStatus::NotAPage;
    return result;
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
  // yaml-cpp builds every node before the walk can count them, at a few hundred bytes each:
  // half a megabyte of `a,a,a,...` would cost 130 MB. Refuse a front matter with far more
  // separators than the node budget before it is built (the walk counts exactly afterwards).
  if (separator_count(split->yaml) > limits_.max_yaml_nodes + 64) {
    throw PageError(
        id, split->yaml_first_line, 1,
        "front matter has more than " + std::to_string(limits_.max_yaml_nodes) + " values");
  }

  Page& page = result.page;
  page.id = id;
  page.type = collection_of(id);
  YamlWalkOptions options;
  options.id = id;
  options.first_line = split->yaml_first_line;
  options.max_depth = limits_.max_yaml_depth;
  options.max_nodes = limits_.max_yaml_nodes;
  FrontMatterKeys keys;
  try {
    YAML::Node root =
        YAML::Load(std::string(split->yaml) + "\n# " + std::string(kEndOfFrontMatter) + "\n");
    keys = read_front_matter(root, fields_, options, page);
    std::size_t budget = limits_.max_yaml_nodes;
    if (std::optional<YAML::Mark> mark = swallowed_end(root, budget)) {
      throw YAML::ParserException(*mark, "a quoted value is never closed");
    }
  } catch (const YAML::Exception& e) {
    // yaml-cpp's marks count from the YAML's first line; errors name the file's own lines.
    if (e.mark.is_null()) throw PageError(id, split->yaml_first_line, 1, "front matter: " + e.msg);
    // An error at the end of the text (an unclosed `[`) is met in the appended comment: it is
    // named where the front matter itself ends.
    auto line = static_cast<std::size_t>(e.mark.line);
    auto column = static_cast<std::size_t>(e.mark.column);
    auto last_line =
        static_cast<std::size_t>(std::count(split->yaml.begin(), split->yaml.end(), '\n'));
    if (line > last_line) {
      line = last_line;
      column = 0;
    }
    throw PageError(id, split->yaml_first_line + line, column + 1, "front matter: " + e.msg);
  }

  std::string published = keys.published.present()
                              ? keys.published.value
                              : site_.default_value(id, page.type, "published");
  if (is_false_word(published) || !site_.collection_has_output(page.type)) {
    result.status = ReadStatus::Unpublished;
    return result;
  }

  if (const schema::Facet* facet = fields_.title_facet(page.type); facet && !page.title.empty()) {
    // A country page is a page of its country (field_map.yml, `titles_as_facets:`).
    std::vector<std::string>& values = page.facets[std::string(facet->name)];
    std::string key = fold(page.title);
    if (std::none_of(values.begin(), values.end(),
                     [&key](const std::string& v) { return fold(v) == key; })) {
      values.push_back(page.title);
    }
  }

  if (!is_null_value(keys.date)) {
    std::optional<std::string> date = parse_date(keys.date.value);
    if (!date) {
      throw PageError(id, keys.date.line, keys.date.column,
                      "date \"" + keys.date.value +
                          "\" is not a date (expected YYYY-MM-DD, optionally with a time)");
    }
    page.date = *date;
  } else if (page.type != "pages") {
    // Jekyll dates any collection document by a `YYYY-MM-DD-` file name.
    if (auto date = date_from_post_name(file_name_of(id))) page.date = *date;
  }

  // The body: Liquid out first, then Markdown (or HTML for .html pages) to text.
  std::string body = strip_liquid(split->body);
  std::vector<std::string> headings;
  if (ends_with_lower(id, ".html")) {
    HtmlText html = read_html(body);
    page.body = drop_urls(html.text);
    headings = std::move(html.headings);
  } else {
    MarkdownText markdown = markdown_to_text(body);
    page.body = drop_urls(markdown.text);
    headings = std::move(markdown.headings);
  }
  for (std::string& heading : headings) {
    std::string text = collapse_whitespace(drop_urls(heading));
    if (!text.empty()) page.headers.push_back(std::move(text));
  }

  std::string lang =
      keys.lang.present() ? keys.lang.value : site_.default_value(id, page.type, "lang");
  page.lang = normalize_language(lang);
  if (page.lang.empty()) {
    // Title, front-matter text and the start of the body: enough words to decide.
    std::string sample = page.title + "\n";
    for (const std::string& t : page.texts) {
      if (sample.size() > 4096) break;
      sample += t + "\n";
    }
    sample += page.body.substr(0, 4096);
    // Only the start is read: collapsing the rest of up to 8 KiB was 1.4% of a full build.
    page.lang = detector_->detect(collapse_whitespace(sample, LanguageDetector::kSampleBytes));
  }

  UrlInputs url;
  url.page_id = id;
  url.collection = page.type;
  url.permalink = collapse_whitespace(keys.permalink.value);
  url.date = page.date;
  url.categories = folder_categories(id);
  url.categories.insert(url.categories.end(), keys.categories.begin(), keys.categories.end());
  url.slug = keys.slug.value;
  page.url = site_.url_for(url);
  result.status = ReadStatus::Page;
  return result;
}

}  // namespace hotsearch
