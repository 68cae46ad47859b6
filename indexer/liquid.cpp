// Liquid stripping.
#include "indexer/liquid.h"

#include <cctype>

namespace hotsearch {

namespace {

/// The tag's name: `{%- comment -%}` -> `comment`.
std::string_view tag_name(std::string_view inner) {
  std::size_t start = inner.find_first_not_of(" -\t\r\n");
  if (start == std::string_view::npos) return {};
  std::size_t end = start;
  while (end < inner.size() &&
         (std::isalnum(static_cast<unsigned char>(inner[end])) || inner[end] == '_')) {
    ++end;
  }
  return inner.substr(start, end - start);
}

/// Where the `{% end... %}` tag named `closing` starts at or after `from`, and where it ends.
bool find_closing_tag(std::string_view text, std::size_t from, std::string_view closing,
                      std::size_t& open, std::size_t& close) {
  for (std::size_t at = text.find("{%", from); at != std::string_view::npos;
       at = text.find("{%", at + 2)) {
    std::size_t end = text.find("%}", at + 2);
    if (end == std::string_view::npos) return false;
    if (tag_name(text.substr(at + 2, end - at - 2)) == closing) {
      open = at;
      close = end + 2;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string strip_liquid(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // What is known to have no closing part after the current position: once a search for one
  // fails, every later search for it would too. Searching again for each of many unclosed
  // tags made a page of them quadratic (minutes for 1.6 MB of `{% raw %}`).
  bool no_tag_end = false, no_output_end = false, no_endraw = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t at = text.find('{', i);
    if (at == std::string_view::npos || at + 1 >= text.size()) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, at - i));
    char kind = text[at + 1];
    if (kind != '%' && kind != '{') {
      out += '{';
      i = at + 1;
      continue;
    }
    bool& no_end = kind == '%' ? no_tag_end : no_output_end;
    std::size_t end =
        no_end ? std::string_view::npos : text.find(kind == '%' ? "%}" : "}}", at + 2);
    if (end == std::string_view::npos) {
      no_end = true;
      out += '{';
      i = at + 1;
      continue;
    }
    i = end + 2;
    out += ' ';  // a tag between two words still separates them
    if (kind != '%') continue;
    std::string_view name = tag_name(text.substr(at + 2, end - at - 2));
    if (name != "comment" && name != "raw") continue;
    std::size_t open = 0, close = 0;
    if ((name == "raw" && no_endraw) ||
        !find_closing_tag(text, i, name == "comment" ? "endcomment" : "endraw", open, close)) {
      // An unclosed comment hides the rest, as Liquid would refuse the page anyway.
      if (name == "comment") i = text.size();
      if (name == "raw") no_endraw = true;
      continue;
    }
    if (name == "raw") out.append(text.substr(i, open - i));
    out += ' ';
    i = close;
  }
  return out;
}

}  // namespace hotsearch
