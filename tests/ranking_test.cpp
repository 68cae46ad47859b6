// Ranking on the real corpus: names written as one word found by their parts, pages with some
// of the words after the few that have them all, synonyms across languages and word forms.
#include <catch2/catch.hpp>
#include <set>

#include "indexer/word_parts.h"
#include "query/searcher.h"
#include "tests/test_support.h"

using hotsearch::test::contains;
using hotsearch::test::hit_ids;
using hotsearch::test::search_index;

namespace {

/// The corpus indexed with the project's synonyms file (content/_synonyms.yml).
const std::filesystem::path& corpus_with_synonyms() {
  static hotsearch::test::TempDir dir;
  static std::filesystem::path db = [] {
    std::filesystem::path path = dir / "db";
    auto r = hotsearch::test::build_index(
        hotsearch::test::real_corpus(), path,
        {"--synonyms", (hotsearch::test::sample_content() / "_synonyms.yml").string()});
    if (r.exit_code != 1) throw std::runtime_error("indexing the corpus failed: " + r.err);
    return path;
  }();
  return db;
}

}  // namespace

TEST_CASE("compound names split into their words", "[ranking]") {
  using hotsearch::compound_word_parts;
  CHECK(compound_word_parts("We use OpenAerialMap daily.") == "Open Aerial Map\n");
  CHECK(compound_word_parts("LearnOSM and InaSAFE") == "Learn OSM\nIna SAFE\n");
  CHECK(compound_word_parts("OSMData") == "OSM Data\n");
  CHECK(compound_word_parts("Crowd2Map Tanzania") == "Crowd 2 Map\n");
  // Not compounds: plain words, capitals, numbers, one-letter prefixes, accented words.
  CHECK(compound_word_parts("Missing Maps HOT COVID19 H2H 3D iPhone eLearning").empty());
  CHECK(compound_word_parts("ActivaciónHuracán").empty());
  CHECK(compound_word_parts("").empty());
}

TEST_CASE("the word after an elision is a word of its own", "[ranking]") {
  using hotsearch::elided_word_start;
  using hotsearch::elided_words;
  CHECK(elided_word_start("d'ivoire") == 2);
  CHECK(elided_word_start("D'Ivoire") == 2);
  CHECK(elided_word_start("l\u2019evacuation") == 4);  // the typographic apostrophe
  CHECK(elided_word_start("qu'il") == 3);
  CHECK(elided_word_start("dell'acqua") == 5);
  // Not elisions: English contractions and possessives, a bare prefix.
  for (const char* word : {"don't", "it's", "map's", "o'clock", "l'", "hot"}) {
    INFO(word);
    CHECK(elided_word_start(word) == 0);
  }
  CHECK(elided_words("la cote d'ivoire et l'evacuation, qu'il dit") == "ivoire evacuation il ");
  CHECK(elided_words("HOT's maps don't stop").empty());
}

TEST_CASE("a name written as one word is found by its words", "[ranking][corpus]") {
  // The page says `OpenAerialMap`, never `open aerial map`.
  auto r = search_index(hotsearch::test::corpus_index(), "open aerial map");
  REQUIRE(!r.hits.empty());
  CHECK(r.hits.front().id == "_projects/openaerialmap.md");
  // Typed as one word it is still found.
  CHECK(search_index(hotsearch::test::corpus_index(), "openaerialmap").hits.front().id ==
        "_projects/openaerialmap.md");
}

TEST_CASE("pages with some of the words follow the few that have them all", "[ranking][corpus]") {
  const auto& db = hotsearch::test::corpus_index();
  // `+a +b` is not plain words: it is answered strictly, the set every word is in.
  auto strict = search_index(db, "+typhoon +philippines");
  REQUIRE(strict.total > 0);
  REQUIRE(strict.total < 10);
  auto r = search_index(db, "typhoon philippines");
  CHECK(r.all_words_total == strict.total);
  CHECK(r.total > strict.total);
  REQUIRE(r.hits.size() > strict.total);
  std::vector<std::string> all_words = hit_ids(strict);
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    CHECK(contains(all_words, r.hits[i].id) == (i < strict.total));
  }
  // The country page has only one of the words, and is now listed.
  CHECK(contains(hit_ids(r), "_where-we-work/philippines.md"));
  // A second page of results continues the same list.
  hotsearch::Searcher searcher(db);
  hotsearch::SearchRequest first;
  first.query = "typhoon philippines";
  first.limit = 4;
  hotsearch::SearchRequest second = first;
  second.offset = 4;
  std::vector<std::string> paged = hit_ids(searcher.search(first));
  for (const auto& id : hit_ids(searcher.search(second))) paged.push_back(id);
  std::vector<std::string> whole = hit_ids(r);
  whole.resize(std::min<std::size_t>(whole.size(), 8));
  paged.resize(std::min(paged.size(), whole.size()));
  CHECK(paged == whole);
  // Many pages have both words: nothing is added.
  auto common = search_index(db, "missing maps");
  CHECK(common.all_words_total == 0);
  // A few pages have both words and no other page has either: nothing follows them, so
  // there is no "then pages with some of them" to announce.
  auto alone = search_index(db, "rebecca firth");
  REQUIRE(alone.total > 0);
  REQUIRE(alone.total < 10);
  CHECK(alone.total == search_index(db, "+rebecca +firth").total);
  CHECK(alone.all_words_total == 0);
}

TEST_CASE("a facet value's count is what ticking it gives, whichever reading",
          "[ranking][corpus]") {
  hotsearch::Searcher searcher(hotsearch::test::corpus_index());
  // Several words, with many pages having all of them (`missing maps`, `disaster response`) or
  // few (`typhoon philippines`, `open mapping hubs`).
  for (const char* query :
       {"missing maps", "typhoon philippines", "open mapping hubs", "disaster response"}) {
    hotsearch::SearchRequest request;
    request.query = query;
    hotsearch::SearchResult unfiltered = searcher.search(request);
    REQUIRE(unfiltered.total > 0);
    for (const auto& facet : unfiltered.facets) {
      if (facet.name != "type" && facet.name != "country") continue;
      for (std::size_t i = 0; i < facet.values.size() && i < 4; ++i) {
        INFO(query << " with " << facet.name << "=" << facet.values[i].value);
        hotsearch::SearchRequest narrowed = request;
        narrowed.filters[facet.name] = {facet.values[i].value};
        // Before, `missing maps` with type=projects counted 6 and gave 44: six pages had both
        // words, fewer than ten, so the pages with one of them followed.
        CHECK(searcher.search(narrowed).total == facet.values[i].count);
      }
    }
  }
}

TEST_CASE("synonyms cross languages and word forms", "[ranking][corpus]") {
  const auto& db = corpus_with_synonyms();
  // No page says `inondations`; the flood pages say `floods` and `flood`.
  auto french = hit_ids(search_index(db, "inondations"));
  CHECK(contains(french, "_posts/2010-08-25-pakistan-floods.md"));
  // Without the synonyms file the French word does not reach them.
  CHECK(!contains(hit_ids(search_index(hotsearch::test::corpus_index(), "inondations")),
                  "_posts/2010-08-25-pakistan-floods.md"));
  // The Spanish malaria word finds the English malaria programme page.
  CHECK(contains(hit_ids(search_index(db, "paludismo")),
                 "_projects/botswana-field-data-collection-to-support-the-national-malaria-"
                 "programme.markdown"));
  // `coronavirus` finds the COVID-19 response page, which never says it.
  CHECK(contains(hit_ids(search_index(db, "coronavirus")),
                 "_projects/hot-covid-19-response.markdown"));
}

TEST_CASE("the first results are the top of the whole ranking, whatever the page size",
          "[ranking][corpus]") {
  // A search ranked with Xapian's pruning (only the best `limit` kept, matches it judged unable
  // to reach them skipped) left out `mapping`'s 10th page, which outweighs the one shown.
  for (const char* query : {"mapping", "maps", "missing maps", "humanitarian", "open data"}) {
    CAPTURE(query);
    hotsearch::SearchResult first = search_index(hotsearch::test::corpus_index(), query, 10);
    hotsearch::SearchResult more = search_index(hotsearch::test::corpus_index(), query, 100);
    REQUIRE(first.hits.size() == 10);
    std::vector<std::string> top = hit_ids(more);
    top.resize(10);
    CHECK(hit_ids(first) == top);
    CHECK(first.total == more.total);
    for (std::size_t i = 1; i < more.hits.size(); ++i) {
      CHECK(more.hits[i - 1].score >= more.hits[i].score);
    }
  }
}

TEST_CASE("navigational queries find their page: the kind of page and question words",
          "[ranking][corpus]") {
  const auto& db = hotsearch::test::corpus_index();
  // The job page never says "job": its collection's name does, and weighs as a heading. As
  // one word of text it came second, after a page that mentions jobs once.
  auto jobs = search_index(db, "jobs");
  REQUIRE(!jobs.hits.empty());
  CHECK(jobs.hits.front().id == "_jobs/designer-may-2019.md");
  // `how`, `can` and `i` are not words a page must have: the one page that had all four
  // words (a board meeting) came first, and the page to get involved was not in the ten.
  auto question = search_index(db, "how can i volunteer");
  CHECK(question.all_words_total == 0);
  std::vector<std::string> top3 = hit_ids(question);
  top3.resize(std::min<std::size_t>(top3.size(), 3));
  CHECK(contains(top3, "get-involved.markdown"));
  CHECK_FALSE(contains(top3, "_posts/2018-09-17-hot-board-meeting-in-dar-es-salaam.markdown"));
  // The words still count in a phrase.
  CHECK(search_index(db, "\"board of directors\"").total <
        search_index(db, "board directors").total);
}
