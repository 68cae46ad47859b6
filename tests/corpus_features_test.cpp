// The search-quality features of issue #5 on the real HOT website pages (../shared/corpus):
// stemming in each page's language, accents, the last word as a prefix, spelling correction
// and snippets. quality_test.cpp checks the same features on the sample site, whose pages were
// written for them; these check that they hold on pages nobody wrote for a test.
#include <catch2/catch.hpp>
#include <regex>

#include "query/searcher.h"
#include "tests/test_support.h"

using hotsearch::test::contains;
using hotsearch::test::corpus_index;
using hotsearch::test::hit_ids;
using hotsearch::test::search_index;

namespace {

const std::string kMaliFrench = "_projects/2013-02-01-activation-pour-le-mali.md";
const std::string kSpanishFloods = "_projects/essaie-1.markdown";
const std::string kOtisSpanish = "_projects/activacion-por-el-huracan-otis-acapulco.markdown";
const std::string kCuracao = "_where-we-work/curaao.md";
const std::string kMozambique = "_where-we-work/mozambique.md";

const hotsearch::SearchHit* find_hit(const hotsearch::SearchResult& r, const std::string& id) {
  for (const auto& hit : r.hits) {
    if (hit.id == id) return &hit;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("real pages are stemmed in their own language", "[corpus][quality]") {
  // No page says `cartographiques`; the French Mali page says `cartographie` and
  // `cartographique`, which the French stemmer brings to the same stem.
  auto french = search_index(corpus_index(), "cartographiques");
  REQUIRE(contains(hit_ids(french), kMaliFrench));
  CHECK(find_hit(french, kMaliFrench)->lang == "fr");
  // The Spanish flood page says `mapeo` and never `mapear`: Spanish stems meet.
  auto spanish = search_index(corpus_index(), "mapear");
  REQUIRE(contains(hit_ids(spanish), kSpanishFloods));
  CHECK(find_hit(spanish, kSpanishFloods)->lang == "es");
}

TEST_CASE("real pages are found with or without their accents", "[corpus][quality]") {
  // The page's title is `Curaçao`.
  auto plain = search_index(corpus_index(), "curacao");
  REQUIRE(!plain.hits.empty());
  CHECK(plain.hits.front().id == kCuracao);
  CHECK(hit_ids(search_index(corpus_index(), "curaçao")) == hit_ids(plain));
  // The Spanish page says `Activación`.
  CHECK(contains(hit_ids(search_index(corpus_index(), "activacion")), kOtisSpanish));
  CHECK(contains(hit_ids(search_index(corpus_index(), "ACTIVACIÓN")), kOtisSpanish));
}

TEST_CASE("a real country is found from the first letters of its name", "[corpus][quality]") {
  auto r = search_index(corpus_index(), "mozamb");
  REQUIRE(!r.hits.empty());
  CHECK(r.hits.front().id == kMozambique);
  // The completion is highlighted as the word the page has.
  CHECK_THAT(r.hits.front().snippet, Catch::Contains("<mark>Mozambique</mark>"));
}

TEST_CASE("misspelt names of real places are corrected and answered", "[corpus][quality]") {
  auto r = search_index(corpus_index(), "guatamala");
  CHECK(r.corrected_query == "guatemala");
  CHECK(r.answered_with_correction);
  REQUIRE(!r.hits.empty());
  CHECK(r.hits.front().id.rfind("_where-we-work/guatemala.", 0) == 0);
  // Every word known and together on pages: answered as typed, nothing corrected.
  auto fine = search_index(corpus_index(), "cyclone idai");
  CHECK(fine.corrected_query.empty());
  CHECK(!fine.answered_with_correction);
}

TEST_CASE("snippets of real pages are whole words, highlighted and HTML-safe",
          "[corpus][quality]") {
  auto r = search_index(corpus_index(), "cyclone idai");
  REQUIRE(r.hits.size() >= 3);
  const std::regex mark("<mark>([^<]*)</mark>");
  const std::regex tag("<(?!/?mark>)");  // any `<` that is not our own mark tag
  for (const auto& hit : r.hits) {
    INFO(hit.id << ": " << hit.snippet);
    CHECK(!std::regex_search(hit.snippet, tag));
    // Every highlight is a query word, whole, in the page's own case.
    for (auto m = std::sregex_iterator(hit.snippet.begin(), hit.snippet.end(), mark);
         m != std::sregex_iterator(); ++m) {
      std::string word = (*m)[1];
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      CHECK((word == "cyclone" || word == "cyclones" || word == "idai"));
    }
  }
  // The best page shows both words, side by side, as in its text.
  CHECK_THAT(r.hits.front().snippet, Catch::Contains("<mark>Cyclone</mark> <mark>Idai</mark>"));
}
