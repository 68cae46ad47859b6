// split_words: the words of folded text, as Xapian's Unicode tables tell them.
#include "indexer/synonyms.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/page_reader.h"
#include "indexer/text_fold.h"
#include "tests/test_support.h"

using namespace hotsearch;

namespace {

/// Character by character through Xapian, as split_words did before its ASCII fast path.
std::vector<std::string> words_by_xapian(const std::string& text) {
  std::vector<std::string> words;
  std::string current;
  for (Xapian::Utf8Iterator it(text), end; it != end; ++it) {
    if (Xapian::Unicode::is_wordchar(*it)) {
      Xapian::Unicode::append_utf8(current, *it);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

}  // namespace

TEST_CASE("split_words cuts at what is not a word character, in any script", "[synonyms]") {
  CHECK(split_words("open_street map2024, 3.5 km") ==
        std::vector<std::string>{"open_street", "map2024", "3", "5", "km"});
  CHECK(split_words("  cartografía—comunitária  ") ==
        std::vector<std::string>{"cartografía", "comunitária"});
  CHECK(split_words("").empty());
  CHECK(split_words(" .,;").empty());
  for (const std::string& text : std::vector<std::string>{
           "naïve café, déjà-vu", "地图 マップ 지도", "карта мира", "emoji 🗺️ map",
           "tab\tnew\nline", std::string("bad \xff\xfe utf8 \xc3"),
           "x" + std::string(1, '\0') + "y", "a'b \"c\" d-e"}) {
    INFO(text);
    CHECK(split_words(text) == words_by_xapian(text));
  }
}

TEST_CASE("split_words reads every real page as Xapian's iterator does", "[synonyms][corpus]") {
  PageReader reader(SiteConfig::load(test::real_corpus()), FieldMap::defaults());
  std::size_t pages = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::real_corpus())) {
    std::string extension = entry.path().extension().string();
    if (!entry.is_regular_file() ||
        (extension != ".md" && extension != ".markdown" && extension != ".html")) {
      continue;
    }
    std::string id = std::filesystem::relative(entry.path(), test::real_corpus()).string();
    ReadResult read;
    try {
      read = reader.read_bytes(id, test::read_file(entry.path()));
    } catch (const PageError&) {
      continue;  // the corpus' unparseable page
    }
    if (read.status != ReadStatus::Page) continue;
    std::string folded = fold(read.page.title + "\n" + read.page.body);
    INFO(id);
    CHECK(split_words(folded) == words_by_xapian(folded));
    ++pages;
  }
  CHECK(pages > 100);
}
