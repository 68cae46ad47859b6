// The caching stemmer: the same stems and the same terms as Xapian's own, for less work.
#include "indexer/stem_cache.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/page_reader.h"
#include "tests/test_support.h"

using namespace hotsearch;

namespace {

/// Every term of `text` indexed as DocumentBuilder does (stems beside words), with its wdf
/// and positions, as one line per term.
std::vector<std::string> terms_of(const std::string& text, const Xapian::Stem& stemmer) {
  Xapian::TermGenerator generator;
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_stemmer(stemmer);
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(text, 3);
  generator.index_text(text, 1, "S");
  std::vector<std::string> lines;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    std::string line = *t + " " + std::to_string(t.get_wdf()) + ":";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      line += " " + std::to_string(*p);
    }
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("a cached stemmer stems and describes itself as Xapian's own, asked once or again",
          "[stem_cache]") {
  for (const std::string language : {"english", "french", "spanish", "indonesian"}) {
    Xapian::Stem plain(language);
    Xapian::Stem cached = cached_stemmer(language);
    CHECK(cached.get_description() == plain.get_description());
    for (int round = 0; round < 2; ++round) {
      for (const std::string word : {"mapping", "maps", "cartographie", "comunidades", "pemetaan",
                                     "", "2019", "openstreetmap"}) {
        CHECK(cached(word) == plain(word));
      }
    }
  }
}

TEST_CASE("the cached stemmer of a language Xapian cannot stem is Xapian's none", "[stem_cache]") {
  CHECK(cached_stemmer("none").is_none());
  CHECK_FALSE(cached_stemmer("english").is_none());
}

TEST_CASE("a real page gets the same terms, wdf and positions with the cached stemmer",
          "[stem_cache][corpus]") {
  PageReader reader(SiteConfig::load(test::real_corpus()), FieldMap::defaults());
  const std::string id = "_posts/2010-01-12-haiti-openstreetmap-response-by-mikel.md";
  ReadResult read = reader.read_bytes(id, test::read_file(test::real_corpus() / id));
  REQUIRE(read.status == ReadStatus::Page);
  std::string text = read.page.title + "\n" + read.page.body;
  REQUIRE(text.size() > 1000);
  Xapian::Stem cached = cached_stemmer("english");
  std::vector<std::string> expected = terms_of(text, Xapian::Stem("english"));
  CHECK(terms_of(text, cached) == expected);
  CHECK(terms_of(text, cached) == expected);  // answered from the cache this time
}
