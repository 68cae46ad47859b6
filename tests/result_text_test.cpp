// The CLI's text rendering: what reaches a terminal.
#include "query/result_text.h"

#include <catch2/catch.hpp>

using hotsearch::SearchHit;
using hotsearch::SearchResult;
using hotsearch::TextStyle;

TEST_CASE("a page's control characters never reach the terminal", "[cli]") {
  // A title that would retitle the window and clear the screen, a C1 control in the URL, and
  // an escape in the snippet's text: each becomes a space.
  SearchResult result;
  SearchHit hit;
  hit.title = "Roads\033]0;owned\007 and \033[2Jbridges";
  hit.url =
      "/projects/a\xC2\x9B"
      "b/";
  hit.type = "projects";
  hit.snippet = "The <mark>roads</mark>\033[31m of town\x7F";
  result.hits.push_back(hit);
  result.total = 1;
  result.warnings.push_back("query syntax error at column 1: \033[5m");

  std::string plain = hotsearch::render_results(result, TextStyle::Plain);
  CHECK(plain.find('\033') == std::string::npos);
  CHECK(plain.find('\007') == std::string::npos);
  CHECK(plain.find('\x7F') == std::string::npos);
  CHECK(plain.find("\xC2\x9B") == std::string::npos);
  CHECK_THAT(plain, Catch::Contains("1. Roads ]0;owned  and  [2Jbridges\n"));
  CHECK_THAT(plain, Catch::Contains("   The roads [31m of town \n"));

  // On a terminal only hotsearch's own bold and dim codes are there.
  std::string styled = hotsearch::render_results(result, TextStyle::Terminal);
  std::string without_own = styled;
  for (const char* own : {"\033[1m", "\033[2m", "\033[0m"}) {
    for (auto at = without_own.find(own); at != std::string::npos; at = without_own.find(own)) {
      without_own.erase(at, 4);
    }
  }
  CHECK(without_own.find('\033') == std::string::npos);
  CHECK(hotsearch::printable("caf\xC3\xA9 \xC2\xA0ok") == "caf\xC3\xA9 \xC2\xA0ok");  // text stays
}

TEST_CASE("bidi overrides and line separators in a page never reach the terminal", "[cli]") {
  // U+202E (right-to-left override) would reverse the rest of the line on terminals that do
  // bidi; U+2066 starts an isolate; U+2028 breaks the line.
  std::string title =
      "Maps \xE2\x80\xAE"
      "desrever\xE2\x80\xAC and \xE2\x81\xA6x\xE2\x81\xA9 then\xE2\x80\xA8next";
  CHECK(hotsearch::printable(title) == "Maps  desrever  and  x  then next");
  // Other characters of the same block stay: an en dash, curly quotes, an ellipsis.
  std::string kept =
      "a \xE2\x80\x93 \xE2\x80\x9C"
      "b\xE2\x80\x9D \xE2\x80\xA6";
  CHECK(hotsearch::printable(kept) == kept);
}

TEST_CASE("terminal styles follow NO_COLOR and TERM=dumb", "[cli]") {
  using hotsearch::terminal_style;
  CHECK(terminal_style(true, nullptr, "xterm-256color") == TextStyle::Terminal);
  CHECK(terminal_style(false, nullptr, "xterm-256color") == TextStyle::Plain);
  CHECK(terminal_style(true, "1", "xterm-256color") == TextStyle::Plain);
  CHECK(terminal_style(true, "", "xterm-256color") == TextStyle::Terminal);  // set but empty
  CHECK(terminal_style(true, nullptr, "dumb") == TextStyle::Plain);
  CHECK(terminal_style(true, nullptr, nullptr) == TextStyle::Terminal);
}

TEST_CASE("the text says when no page has every word and when facet values are left out", "[cli]") {
  SearchResult result;
  SearchHit hit;
  hit.title = "Nepal";
  hit.type = "pages";
  result.hits.push_back(hit);
  result.total = 1;
  result.matched_any_word = true;
  std::string text = hotsearch::render_results(result, TextStyle::Plain);
  CHECK(text.find("No page has every word; pages with some of them:\n\n1. Nepal") == 0);

  hotsearch::FacetCounts people;
  people.name = "person";
  people.values = {{"Ana", 3}, {"Bo", 2}};
  people.more = 34;
  result.facets.push_back(people);
  CHECK(hotsearch::render_facets(result, TextStyle::Plain) ==
        "person\n  3  Ana\n  2  Bo\n  … and 34 more\n");
}
