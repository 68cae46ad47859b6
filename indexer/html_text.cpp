// HTML -> text.
#include "indexer/html_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "indexer/file_names.h"
#include "indexer/html_entities.h"

namespace hotsearch {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Tags whose content is not text for a reader.
bool is_hidden_content(const std::string& tag) {
  return tag == "script" || tag == "style" || tag == "iframe" || tag == "noscript" ||
         tag == "svg" || tag == "template" || tag == "object";
}

/// Tags that end a line of text.
bool is_block(const std::string& tag) {
  static const std::array<const char*, 40> blocks = {
      "p",          "div",     "br",         "li",     "ul",     "ol",       "h1",     "h2",
      "h3",         "h4",      "h5",         "h6",     "tr",     "td",       "th",     "table",
      "blockquote", "section", "article",    "header", "footer", "hr",       "dd",     "dt",
      "dl",         "figure",  "figcaption", "pre",    "nav",    "aside",    "main",   "details",
      "summary",    "caption", "address",    "center", "form",   "fieldset", "legend", "option"};
  return std::find(blocks.begin(), blocks.end(), tag) != blocks.end();
}

bool is_attribute_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/// The value of the attribute `wanted` (lower case) in a tag's attributes (` src="a.jpg"
/// alt='A map'`), as written; nullopt when the tag does not have it.
std::optional<std::string_view> attribute_value(std::string_view attributes,
                                                std::string_view wanted) {
  std::size_t i = 0;
  while (i < attributes.size()) {
    while (i < attributes.size() && (is_attribute_space(attributes[i]) || attributes[i] == '/')) {
      ++i;
    }
    std::size_t name_start = i;
    while (i < attributes.size() && !is_attribute_space(attributes[i]) && attributes[i] != '=' &&
           attributes[i] != '/' && attributes[i] != '>') {
      ++i;
    }
    std::string name = lower(attributes.substr(name_start, i - name_start));
    while (i < attributes.size() && is_attribute_space(attributes[i])) ++i;
    std::string_view value;
    if (i < attributes.size() && attributes[i] == '=') {
      ++i;
      while (i < attributes.size() && is_attribute_space(attributes[i])) ++i;
      std::size_t value_start = i;
      if (i < attributes.size() && (attributes[i] == '"' || attributes[i] == '\'')) {
        char quote = attributes[i];
        std::size_t end = attributes.find(quote, i + 1);
        if (end == std::string_view::npos) end = attributes.size();
        value = attributes.substr(i + 1, end - i - 1);
        i = end + 1;
      } else {
        while (i < attributes.size() && !is_attribute_space(attributes[i]) &&
               attributes[i] != '>') {
          ++i;
        }
        value = attributes.substr(value_start, i - value_start);
      }
    }
    if (name == wanted) return value;
    if (name.empty() && i == name_start) ++i;  // a stray `>` or `=`: step over it
  }
  return std::nullopt;
}

/// Decodes the entity that starts at `text[at]` (`&amp;`, `&#233;`) into `out`; the number
/// of bytes it took, or 0 when no known entity starts there.
std::size_t decode_entity_at(std::string_view text, std::size_t at, std::string& out) {
  // The `;` is looked for no further than the longest name: a page of `&`s without one is
  // not read again from each of them.
  std::size_t length = text.substr(at + 1, longest_entity_name() + 1).find(';');
  if (length == std::string_view::npos) return 0;
  std::string decoded = decode_entity(text.substr(at + 1, length));
  if (decoded.empty()) return 0;
  out += decoded;
  return length + 2;
}

/// Attribute text with its entities decoded (`Caf&eacute;` -> `Café`).
std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t used = text[i] == '&' ? decode_entity_at(text, i, out) : 0;
    if (used == 0) out += text[i++];
    i += used;
  }
  return out;
}

}  // namespace

std::string decode_entity(std::string_view name) {
  std::string out;
  if (!name.empty() && name[0] == '#') {
    std::string_view digits = name.substr(1);
    int base = 10;
    if (!digits.empty() && (digits[0] == 'x' || digits[0] == 'X')) {
      base = 16;
      digits.remove_prefix(1);
    }
    if (digits.empty() || digits.size() > 8) return out;
    unsigned long cp = 0;
    for (char c : digits) {
      int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : (base == 16 && std::isxdigit(static_cast<unsigned char>(c)))
                  ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                  : -1;
      if (v < 0) return out;
      cp = cp * static_cast<unsigned long>(base) + static_cast<unsigned long>(v);
    }
    append_utf8(out, cp);
    return out;
  }
  return std::string(named_entity(name));
}

namespace {

/// Scans HTML once; the hidden element being skipped is carried in `hidden_until`.
class HtmlScanner {
 public:
  explicit HtmlScanner(std::string_view html) : html_(html) {}

  /// Reads the whole fragment into `out`.
  void run(HtmlText& out) {
    out.text.reserve(out.text.size() + html_.size());
    while (i_ < html_.size()) {
      char c = html_[i_];
      if (c == '<') {
        tag(out);
      } else if (!hidden_until_.empty()) {
        ++i_;
      } else if (c == '&') {
        entity(out.text);
      } else {
        out.text += c;
        ++i_;
      }
    }
  }

  const std::string& hidden_until() const { return hidden_until_; }

 private:
  void tag(HtmlText& out) {
    // Comments (which may hold tags) end at `-->`.
    if (html_.compare(i_, 4, "<!--") == 0) {
      std::size_t end = html_.find("-->", i_ + 4);
      i_ = end == std::string_view::npos ? html_.size() : end + 3;
      if (hidden_until_.empty()) out.text += ' ';
      return;
    }
    std::size_t j = i_ + 1;
    bool closing = j < html_.size() && html_[j] == '/';
    if (closing) ++j;
    std::size_t name_start = j;
    while (j < html_.size() &&
           (std::isalnum(static_cast<unsigned char>(html_[j])) || html_[j] == '-')) {
      ++j;
    }
    bool is_tag = (j > name_start && std::isalpha(static_cast<unsigned char>(html_[name_start]))) ||
                  (!closing && j < html_.size() && (html_[j] == '!' || html_[j] == '?'));
    if (!is_tag) {
      // A lone `<` in text ("a < b"): keep it.
      if (hidden_until_.empty()) out.text += '<';
      ++i_;
      return;
    }
    std::string name = lower(html_.substr(name_start, j - name_start));
    std::size_t attributes_start = j;
    // The tag ends at the first `>` outside quoted attribute values.
    char quote = 0;
    while (j < html_.size()) {
      char d = html_[j];
      if (quote) {
        if (d == quote) quote = 0;
      } else if (d == '"' || d == '\'') {
        quote = d;
      } else if (d == '>') {
        break;
      }
      ++j;
    }
    i_ = j < html_.size() ? j + 1 : html_.size();
    if (!hidden_until_.empty()) {
      if (closing && name == hidden_until_) hidden_until_.clear();
      return;
    }
    bool self_closing = j > 0 && j < html_.size() && html_[j - 1] == '/';
    if (!closing && !self_closing && is_hidden_content(name)) {
      hidden_until_ = name;
      return;
    }
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
      if (!closing) {
        heading_start_ = out.text.size();
        in_heading_ = true;
      } else if (in_heading_) {
        std::string heading = collapse(out.text.substr(heading_start_));
        if (!heading.empty()) out.headings.push_back(std::move(heading));
        in_heading_ = false;
      }
    }
    // Block tags end a line; inline tags (a, span, b...) join what a browser shows joined.
    if (is_block(name)) {
      out.text += '\n';
    } else if (name == "img") {
      // An image's alt text is what a reader is told it shows (SPEC: alt text is kept, as
      // for Markdown's `![alt](...)`); its address is not text.
      out.text += ' ';
      std::string_view attributes = html_.substr(attributes_start, j - attributes_start);
      std::optional<std::string_view> alt = attribute_value(attributes, "alt");
      if (alt && !is_file_name_alt(*alt)) {  // not `alt="IMG_1654.jpg"`
        out.text += decode_entities(*alt);
        out.text += ' ';
      }
    } else if (name == "input" || name == "button") {
      out.text += ' ';
    }
  }

  void entity(std::string& out) {
    std::size_t used = decode_entity_at(html_, i_, out);
    if (used == 0) {
      out += '&';
      used = 1;
    }
    i_ += used;
  }

  /// Whitespace collapsed (ASCII and NBSP), without depending on the fold module.
  static std::string collapse(const std::string& text) {
    std::string out;
    bool space = false;
    for (std::size_t k = 0; k < text.size(); ++k) {
      char c = text[k];
      bool is_space = std::isspace(static_cast<unsigned char>(c)) != 0;
      if (c == '\xC2' && k + 1 < text.size() && text[k + 1] == '\xA0') {
        is_space = true;
        ++k;
      }
      if (is_space) {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    return out;
  }

  std::string_view html_;
  std::size_t i_ = 0;
  std::string hidden_until_;  // closing tag name while inside <script> etc.
  bool in_heading_ = false;
  std::size_t heading_start_ = 0;
};

}  // namespace

HtmlText read_html(std::string_view html) {
  HtmlText out;
  HtmlScanner(html).run(out);
  return out;
}

std::string html_to_text(std::string_view html) { return read_html(html).text; }

std::string unclosed_hidden_element(std::string_view fragment) {
  HtmlText ignored;
  HtmlScanner scanner(fragment);
  scanner.run(ignored);
  return scanner.hidden_until();
}

}  // namespace hotsearch
