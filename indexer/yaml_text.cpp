// Walking front-matter YAML into a page's fields.
#include "indexer/yaml_text.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "indexer/dates.h"
#include "indexer/error.h"
#include "indexer/file_names.h"
#include "indexer/html_text.h"
#include "indexer/liquid.h"
#include "indexer/markdown_text.h"
#include "indexer/text_fold.h"

namespace hotsearch {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_url_like(std::string_view word) {
  return starts_with(word, "http://") || starts_with(word, "https://") || starts_with(word, "//") ||
         starts_with(word, "mailto:") || starts_with(word, "www.") || starts_with(word, "ftp://");
}

/// A block's `Header:` is a header however long; a `title:` of an item in a list of points
/// that is a sentence (`Health facilities are accessible by population and healthcare
/// providers`) is text, or one passing word would weigh as a heading. The real site's list
/// items titled as headings have at most 7 words, its sentences 8 to 25.
bool is_list_heading_length(std::string_view text) {
  constexpr std::size_t kMaxHeaderWords = 7;
  std::size_t words = 1;
  for (char c : text) words += c == ' ' ? 1 : 0;  // the text's whitespace is collapsed
  return words <= kMaxHeaderWords;
}

/// `name@domain.tld`: one `@` with something before it and a dot in the domain.
bool is_email(std::string_view v) {
  std::size_t at = v.find('@');
  if (at == 0 || at == std::string_view::npos || v.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::size_t dot = v.find('.', at + 2);
  return dot != std::string_view::npos && dot + 1 < v.size();
}

bool is_colour(std::string_view v) {
  if (v.size() != 4 && v.size() != 7 && v.size() != 9) return false;
  if (v.front() != '#') return false;
  return std::all_of(v.begin() + 1, v.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

/// Plain YAML scalars keep `\r\n` as written; the CMS that wrote them meant line breaks.
std::string unescape_literal_breaks(const std::string& value) {
  if (value.find('\\') == std::string::npos) return value;
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      char next = value[i + 1];
      if (next == 'n') {
        out += '\n';
        ++i;
        continue;
      }
      if (next == 'r') {
        ++i;  // `\r\n` is one break; a lone `\r` is one too
        if (!(i + 2 < value.size() && value[i + 1] == '\\' && value[i + 2] == 'n')) out += '\n';
        continue;
      }
      if (next == 't') {
        out += ' ';
        ++i;
        continue;
      }
    }
    out += value[i];
  }
  return out;
}

bool is_null_word(const std::string& value) {
  return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

/// Counts nodes and depth as the walk goes: yaml-cpp shares the node an alias points to, so a
/// small file can stand for billions of nodes; counting stops that long before it costs.
class FrontMatterWalker {
 public:
  FrontMatterWalker(const FieldMap& fields, const YamlWalkOptions& options, Page& page)
      : fields_(fields), options_(options), page_(page) {}

  PageError error_at(const YAML::Mark& mark, const std::string& message) const {
    if (mark.is_null()) return PageError(options_.id, options_.first_line, 1, message);
    return PageError(options_.id, options_.first_line + static_cast<std::size_t>(mark.line),
                     static_cast<std::size_t>(mark.column) + 1, message);
  }

  YamlScalar scalar_at(const YAML::Node& node) const {
    YamlScalar scalar;
    if (!node.IsScalar()) return scalar;
    scalar.value = node.Scalar();
    YAML::Mark mark = node.Mark();
    scalar.line = mark.is_null() ? options_.first_line
                                 : options_.first_line + static_cast<std::size_t>(mark.line);
    scalar.column = mark.is_null() ? 1 : static_cast<std::size_t>(mark.column) + 1;
    return scalar;
  }

  FrontMatterKeys top_level(const YAML::Node& root) {
    FrontMatterKeys keys;
    if (!root.IsDefined() || root.IsNull()) return keys;
    if (root.IsScalar() && root.Scalar().empty()) return keys;
    if (!root.IsMap()) {
      throw error_at(root.Mark(), "front matter is not a mapping of keys to values");
    }
    check_expanded_size(root);
    for (const auto& entry : root) {
      std::string key = key_of(entry.first);
      const YAML::Node& value = entry.second;
      // The reader's own keys are not counted against the node budget: they are read once.
      if (key == "title") {
        if (value.IsScalar() && !is_null_word(value.Scalar())) {
          page_.title = title_text(value.Scalar());
        } else if (!value.IsScalar()) {
          walk("title text", value, 1);
        }
      } else if (key == "date") {
        if (value.IsScalar() || value.IsNull()) {
          keys.date = scalar_at(value);
        } else {
          throw error_at(value.Mark(), "date is not a date (a list or a map)");
        }
      } else if (key == "permalink") {
        keys.permalink = scalar_at(value);
      } else if (key == "published") {
        keys.published = scalar_at(value);
      } else if (key == "lang" || key == "language") {
        if (!keys.lang.present() || key == "lang") keys.lang = scalar_at(value);
      } else if (key == "slug") {
        keys.slug = scalar_at(value);
      } else {
        if (key == "categories" || key == "category") categories(value, keys.categories);
        walk(key, value, 0);
      }
    }
    return keys;
  }

 private:
  static std::string key_of(const YAML::Node& key) {
    return key.IsScalar() ? key.Scalar() : std::string();
  }

  /// The reader's own top-level keys: read once, not counted against the node budget.
  static bool is_reader_key(const std::string& key) {
    return key == "title" || key == "date" || key == "permalink" || key == "published" ||
           key == "lang" || key == "language" || key == "slug";
  }

  /// Counts the nodes the walk would visit, aliases expanded, without walking them: an alias
  /// points to a node yaml-cpp already built, so each collection's size is computed once and
  /// reused. `a: &a [x,x,...]`, `b: &b [*a,*a,...]`... is refused after a few hundred steps.
  void check_expanded_size(const YAML::Node& root) {
    std::map<std::tuple<std::size_t, int, std::size_t>, std::size_t> sizes;
    std::size_t total = 0;
    for (const auto& entry : root) {
      if (is_reader_key(key_of(entry.first))) continue;
      total += expanded_size(entry.second, 0, sizes);
      if (total > options_.max_nodes) {
        throw error_at(entry.second.Mark(), "front matter has more than " +
                                                std::to_string(options_.max_nodes) +
                                                " values (YAML aliases expanding?)");
      }
    }
  }

  std::size_t expanded_size(
      const YAML::Node& node, std::size_t depth,
      std::map<std::tuple<std::size_t, int, std::size_t>, std::size_t>& sizes) const {
    if (!node.IsSequence() && !node.IsMap()) return 1;
    if (depth > options_.max_depth) {
      throw error_at(node.Mark(), "front matter nests deeper than " +
                                      std::to_string(options_.max_depth) + " levels");
    }
    // A collection is known by where it starts, its kind and its length.
    auto key = std::make_tuple(static_cast<std::size_t>(node.Mark().pos),
                               static_cast<int>(node.Type()), node.size());
    if (auto known = sizes.find(key); known != sizes.end()) return known->second;
    std::size_t size = 1;
    bool is_map = node.IsMap();
    for (const auto& item : node) {
      size += is_map ? expanded_size(item.second, depth + 1, sizes)
                     : expanded_size(item, depth + 1, sizes);
      if (size > options_.max_nodes) break;  // already too many: no need to be exact
    }
    sizes.emplace(key, size);
    return size;
  }

  void count(const YAML::Node& node, std::size_t depth) {
    if (++nodes_ > options_.max_nodes) {
      throw error_at(node.Mark(), "front matter has more than " +
                                      std::to_string(options_.max_nodes) +
                                      " values (YAML aliases expanding?)");
    }
    if (depth > options_.max_depth) {
      throw error_at(node.Mark(), "front matter nests deeper than " +
                                      std::to_string(options_.max_depth) + " levels");
    }
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
      std::string text = render_text_value(value);
      if (text.empty()) return;
      if (role == FieldRole::Header && depth > 0 &&
          (lists_entered_ == 0 || is_list_heading_length(text))) {
        page_.headers.push_back(std::move(text));
      } else {
        page_.texts.push_back(std::move(text));
      }
    } else if (node.IsSequence()) {
      ++lists_entered_;
      for (const auto& item : node) walk(key, item, depth + 1);
      --lists_entered_;
    } else if (node.IsMap()) {
      for (const auto& entry : node) walk(key_of(entry.first), entry.second, depth + 1);
    }
  }

  void facet_values(const schema::Facet& facet, const YAML::Node& node, std::size_t depth) {
    if (node.IsScalar()) {
      std::string value =
          collapse_whitespace(drop_urls(html_to_text(unescape_literal_breaks(node.Scalar()))));
      if (is_null_word(value)) return;
      auto& values = page_.facets[std::string(facet.name)];
      std::string folded = fold(value);
      if (folded.empty()) return;
      bool seen = std::any_of(values.begin(), values.end(),
                              [&](const std::string& v) { return fold(v) == folded; });
      if (!seen) values.push_back(std::move(value));
    } else if (node.IsSequence()) {
      for (const auto& item : node) {
        count(item, depth + 1);
        facet_values(facet, item, depth + 1);
      }
    } else if (node.IsMap()) {
      // `Countries: {Country: Tanzania}`: nested keys keep their own roles.
      for (const auto& entry : node) walk(key_of(entry.first), entry.second, depth + 1);
    }
  }

  void categories(const YAML::Node& node, std::vector<std::string>& out) const {
    auto add_words = [&](const std::string& text) {
      std::size_t i = 0;
      while (i < text.size()) {
        std::size_t start = text.find_first_not_of(" \t\n", i);
        if (start == std::string::npos) break;
        std::size_t end = text.find_first_of(" \t\n", start);
        out.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        i = end == std::string::npos ? text.size() : end;
      }
    };
    if (node.IsScalar()) {
      add_words(node.Scalar());  // Jekyll splits a string of categories on spaces
    } else if (node.IsSequence()) {
      std::size_t seen = 0;
      for (const auto& item : node) {
        if (++seen > options_.max_nodes) break;
        if (item.IsScalar() && !item.Scalar().empty()) out.push_back(item.Scalar());
      }
    }
  }

  const FieldMap& fields_;
  const YamlWalkOptions& options_;
  Page& page_;
  std::size_t lists_entered_ = 0;  ///< sequences around the node being walked
  std::size_t nodes_ = 0;
};

}  // namespace

std::string drop_urls(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    // Every address below starts with one of these: most characters need no comparison (this
    // loop was a sixth of reading a page).
    char c = text[i];
    if (c != 'h' && c != 'f' && c != 'm' && c != 'w' && c != '/') {
      out += c;
      ++i;
      continue;
    }
    std::string_view rest = std::string_view(text).substr(i);
    bool word_start = i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])) ||
                      text[i - 1] == '(' || text[i - 1] == '<' || text[i - 1] == '[';
    // A scheme is an address even glued to a word (`campaignhttp://...`, `[VIDEO::http://`).
    bool address = starts_with(rest, "http://") || starts_with(rest, "https://") ||
                   starts_with(rest, "ftp://") || starts_with(rest, "mailto:") ||
                   (word_start && (starts_with(rest, "www.") || starts_with(rest, "//")));
    if (address) {
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

std::string render_text_value(const std::string& value) {
  // Most values are plain words: no Markdown, HTML, Liquid or escapes to render, so no parser.
  bool plain = value.find_first_of("<>&*_[]`\\{}|~#!\n\r") == std::string::npos;
  std::size_t first = value.find_first_not_of(' ');
  if (plain && first != std::string::npos &&
      std::string_view("-+=0123456789").find(value[first]) != std::string_view::npos) {
    plain = false;  // a list item, a numbered item or a setext underline
  }
  if (plain) return collapse_whitespace(drop_urls(value));
  std::string markdown = unescape_literal_breaks(strip_liquid(value));
  return collapse_whitespace(drop_urls(markdown_to_text(markdown).text));
}

std::string title_text(const std::string& value) {
  // Jekyll prints a title as written: rendered as Markdown, `1. First steps` lost its number,
  // `# 10 years` its `#`, and a title that is an address became empty. Only HTML is read,
  // as a browser shows it.
  return collapse_whitespace(html_to_text(value));
}

bool is_non_text_value(const std::string& raw) {
  std::string v = collapse_whitespace(raw);
  if (v.empty()) return true;
  // A file name, or a path even with spaces (`/uploads/IMG 1 (2).jpg`). A sentence that ends
  // in a file name (`Download the report as report.pdf`) is text: it was dropped whole.
  bool is_path = v.find(' ') == std::string::npos || v.front() == '/' || starts_with(v, "./") ||
                 starts_with(v, "../") || is_url_like(v);
  if (is_path && has_file_extension(v)) return true;
  if (v.find(' ') == std::string::npos) {
    // An e-mail address is text (people search for `partnerships@hotosm.org`); a handle
    // (`@hotosm`) or any other word with an `@` is not.
    if (is_url_like(v) || v.front() == '/' || (v.find('@') != std::string::npos && !is_email(v))) {
      return true;
    }
    if (is_colour(v)) return true;
    std::string lower = fold(v);
    if (lower == "true" || lower == "false" || lower == "yes" || lower == "no" || lower == "on" ||
        lower == "off" || lower == "null" || lower == "~") {
      return true;
    }
    bool numeric = std::all_of(v.begin(), v.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
             c == ',' || c == ':' || c == '%';
    });
    if (numeric) return true;
  }
  return parse_date(v).has_value();
}

FrontMatterKeys read_front_matter(const YAML::Node& root, const FieldMap& fields,
                                  const YamlWalkOptions& options, Page& page) {
  FrontMatterWalker walker(fields, options, page);
  return walker.top_level(root);
}

}  // namespace hotsearch
