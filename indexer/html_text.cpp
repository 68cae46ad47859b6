// HTML and Liquid stripping.
#include "indexer/html_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

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
  static const std::array<const char*, 30> blocks = {
      "p",      "div", "br", "li", "ul", "ol",     "h1",         "h2",      "h3",      "h4",
      "h5",     "h6",  "tr", "td", "th", "table",  "blockquote", "section", "article", "header",
      "footer", "hr",  "dd", "dt", "dl", "figure", "figcaption", "pre",     "nav",     "aside"};
  return std::find(blocks.begin(), blocks.end(), tag) != blocks.end();
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
  static const std::unordered_map<std::string, unsigned long> named = {
      {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},     {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},
      {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
      {"hellip", 0x2026}, {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122},
      {"eacute", 0xE9},   {"egrave", 0xE8},  {"aacute", 0xE1},  {"agrave", 0xE0},
      {"iacute", 0xED},   {"oacute", 0xF3},  {"uacute", 0xFA},  {"ntilde", 0xF1},
      {"ccedil", 0xE7},   {"ecirc", 0xEA},   {"acirc", 0xE2},   {"ocirc", 0xF4},
      {"uuml", 0xFC},     {"ouml", 0xF6},    {"auml", 0xE4},    {"szlig", 0xDF},
      {"euro", 0x20AC},   {"pound", 0xA3},   {"deg", 0xB0},     {"middot", 0xB7},
      {"bull", 0x2022},   {"laquo", 0xAB},   {"raquo", 0xBB},   {"times", 0xD7},
      {"atilde", 0xE3},   {"otilde", 0xF5},  {"Eacute", 0xC9},  {"iexcl", 0xA1},
      {"iquest", 0xBF},   {"shy", 0xAD},     {"zwnj", 0x200C},  {"ensp", 0x2002},
      {"emsp", 0x2003},   {"thinsp", 0x2009}};
  auto it = named.find(std::string(name));
  if (it != named.end()) append_utf8(out, it->second);
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  std::string hidden_until;  // closing tag name while inside <script> etc.
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      // Comments, CDATA and declarations.
      if (html.compare(i, 4, "<!--") == 0) {
        std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        out += ' ';
        continue;
      }
      std::size_t j = i + 1;
      bool closing = j < html.size() && html[j] == '/';
      if (closing) ++j;
      std::size_t name_start = j;
      while (j < html.size() &&
             (std::isalnum(static_cast<unsigned char>(html[j])) || html[j] == '-'))
        ++j;
      bool is_tag = j > name_start || (j < html.size() && (html[j] == '!' || html[j] == '?'));
      if (!is_tag) {
        // A lone `<` in text ("a < b"): keep it.
        if (hidden_until.empty()) out += c;
        ++i;
        continue;
      }
      std::string name = lower(html.substr(name_start, j - name_start));
      // Find the tag's end, skipping quoted attribute values that may contain `>`.
      char quote = 0;
      while (j < html.size()) {
        char d = html[j];
        if (quote) {
          if (d == quote) quote = 0;
        } else if (d == '"' || d == '\'') {
          quote = d;
        } else if (d == '>') {
          break;
        }
        ++j;
      }
      i = j < html.size() ? j + 1 : html.size();
      if (!hidden_until.empty()) {
        if (closing && name == hidden_until) hidden_until.clear();
        continue;
      }
      if (!closing && is_hidden_content(name)) {
        hidden_until = name;
        continue;
      }
      // Block tags end a line; inline tags (a, span, b...) join what a browser shows joined.
      if (is_block(name)) {
        out += '\n';
      } else if (name == "img" || name == "input" || name == "button") {
        out += ' ';
      }
      continue;
    }
    if (!hidden_until.empty()) {
      ++i;
      continue;
    }
    if (c == '&') {
      std::size_t end = html.find(';', i + 1);
      if (end != std::string_view::npos && end - i <= 12) {
        std::string decoded = decode_entity(html.substr(i + 1, end - i - 1));
        if (!decoded.empty()) {
          out += decoded;
          i = end + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  return out;
}

std::string strip_liquid(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{' && i + 1 < text.size() && (text[i + 1] == '%' || text[i + 1] == '{')) {
      bool is_tag = text[i + 1] == '%';
      std::size_t end = text.find(is_tag ? "%}" : "}}", i + 2);
      if (end == std::string_view::npos) {
        out += text[i++];
        continue;
      }
      std::string inner = lower(text.substr(i + 2, end - i - 2));
      i = end + 2;
      if (is_tag) {
        std::size_t k = inner.find_first_not_of(" -\t\n");
        std::string word =
            k == std::string::npos ? "" : inner.substr(k, inner.find_first_of(" \t\n-", k) - k);
        if (word == "comment" || word == "raw") {
          // A comment's body is not text; a raw block's body is kept as text.
          std::string closing = word == "comment" ? "endcomment" : "endraw";
          std::size_t close = text.find(closing, i);
          std::size_t close_end =
              close == std::string_view::npos ? std::string_view::npos : text.find("%}", close);
          if (word == "raw" && close != std::string_view::npos) {
            std::size_t open = text.rfind("{%", close);
            out += text.substr(i, (open == std::string_view::npos || open < i ? close : open) - i);
          }
          i = close_end == std::string_view::npos ? text.size() : close_end + 2;
        }
      }
      out += ' ';
      continue;
    }
    out += text[i++];
  }
  return out;
}

}  // namespace hotsearch
