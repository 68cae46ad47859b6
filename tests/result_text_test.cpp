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
