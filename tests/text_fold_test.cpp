// Folding, whitespace and UTF-8 checks: the same fold runs when a page is indexed and when a
// query is parsed, so these are the rules matching relies on.
#include "indexer/text_fold.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/test_support.h"

using namespace hotsearch;
using namespace std::string_literals;

TEST_CASE("fold lower-cases and removes accents, composed or decomposed", "[fold]") {
  CHECK(fold("Activación") == "activacion");
  CHECK(fold("Activacio\u0301n") == "activacion");  // o + COMBINING ACUTE ACCENT
  CHECK(fold("CÔTE D'IVOIRE") == "cote d'ivoire");
  CHECK(fold("Ñuñoa São Tomé Zürich") == "nunoa sao tome zurich");
  CHECK(fold("Michael Heißmeier") == "michael heissmeier");  // full case folding
  CHECK(fold("İstanbul") == "istanbul");
  CHECK(fold("ΑΘΗΝΑ Ωμέγα") == "αθηνα ωμεγα");
  CHECK(fold("ﬁeld") == "field");
}

TEST_CASE("fold trims and collapses every kind of space", "[fold]") {
  CHECK(fold("  Missing\t\tMaps \n") == "missing maps");
  CHECK(fold("Missing\u00A0Maps") == "missing maps");        // NO-BREAK SPACE
  CHECK(fold("Missing\u2009\u3000Maps") == "missing maps");  // thin + ideographic space
  CHECK(fold("Missing\u200BMaps") == "missing maps");        // ZERO WIDTH SPACE
  CHECK(fold("\u00A0 \u00A0").empty());
  CHECK(fold("").empty());
}

TEST_CASE("fold drops invisible characters inside words", "[fold]") {
  CHECK(fold("co\u00ADoperation") == "cooperation");  // SOFT HYPHEN
  CHECK(fold("\uFEFFtitle") == "title");              // byte order mark
  CHECK(fold("map\u200Dper") == "mapper");            // ZERO WIDTH JOINER
}

TEST_CASE("fold keeps the vowel signs of Indic scripts and Hangul syllables whole", "[fold]") {
  CHECK(fold("नेपाल") == "नेपाल");  // Nepal: U+0947 is a mark but part of the letter
  CHECK(fold("தமிழ்") == "தமிழ்");
  CHECK(fold("한국") == "한국");
  CHECK(fold("مَدْرَسَة") == "مدرسة");  // Arabic vowel points are optional: dropped
}

TEST_CASE("fold skips invalid UTF-8 rather than passing it on", "[fold]") {
  CHECK(fold("caf\xe9 bar") == "caf bar");
  CHECK(is_valid_utf8(fold("\xff\xfe abc \xc0\xaf")));
}

TEST_CASE("fold gives the same words on every page of the corpus as a whole-text fold",
          "[fold][corpus]") {
  // Folding word by word must not depend on where the text is cut.
  std::string text = test::read_file(test::real_corpus() / "_projects/missing-maps.md");
  std::string whole = fold(text);
  std::string pieces;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = fold(text.substr(start, end - start));
    if (!line.empty()) pieces += (pieces.empty() ? "" : " ") + line;
    start = end + 1;
  }
  CHECK(pieces == whole);
  CHECK(whole.find("heißmeier") == std::string::npos);
  CHECK(whole.find("heissmeier") != std::string::npos);
}

TEST_CASE("collapse_whitespace keeps case and accents", "[fold]") {
  CHECK(collapse_whitespace("  Côte\u00A0 d'Ivoire \r\n") == "Côte d'Ivoire");
  CHECK(collapse_whitespace("a\u2003b\u200Bc") == "a b c");
  CHECK(collapse_whitespace("\t\n ").empty());
  CHECK(collapse_whitespace("Douglas Ssebaggala ") == "Douglas Ssebaggala");
}

TEST_CASE("collapse_whitespace with a limit gives the start of the whole result, past the limit",
          "[fold]") {
  // Runs of plain ASCII words are copied whole: a limit must still cut them where it would cut
  // byte by byte, never after a space.
  for (const std::string text : {"  Côte\u00A0 d'Ivoire \r\n\n  Mapeo   comunitário\tà Abidjan  ",
                                 "a b  cd e fgh i\n j k", "Mapping Mali is a b c d e f g"}) {
    const std::string whole = collapse_whitespace(text);
    for (std::size_t limit = 0; limit <= whole.size() + 2; ++limit) {
      INFO(text << " limit " << limit);
      std::string start = collapse_whitespace(text, limit);
      CHECK(whole.compare(0, start.size(), start) == 0);
      CHECK(start.size() >= std::min(whole.size(), limit + 1));
      CHECK(start.size() <= limit + 5);  // at most a space and one character past it
      CHECK(start.back() != ' ');
    }
    CHECK(collapse_whitespace(text, whole.size()) == whole);
  }
}

TEST_CASE("UTF-8 validation finds the first bad byte", "[fold]") {
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8("Activación 😀"));
  CHECK(first_invalid_utf8("caf\xe9") == 3);           // Latin-1 é
  CHECK(first_invalid_utf8("ok \xc0\xaf") == 3);       // overlong `/`
  CHECK(first_invalid_utf8("ab\xed\xa0\x80") == 2);    // UTF-16 surrogate
  CHECK(first_invalid_utf8("\xf4\x90\x80\x80") == 0);  // past U+10FFFF
  CHECK(first_invalid_utf8("é\xe2\x82") == 2);         // truncated sequence at the end
  CHECK(first_invalid_utf8("") == std::string_view::npos);
  CHECK(first_invalid_utf8("a\0b"s) == std::string_view::npos);  // NUL is valid UTF-8
}
