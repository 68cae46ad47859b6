// Search quality features on real pages: stemming per language, accents, prefixes while
// typing, spelling correction, synonyms, snippets. Uses the sample site (content/), whose
// pages were written for these cases, and the real corpus.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "query/searcher.h"
#include "tests/test_support.h"

using nlohmann::json;

namespace {

hotsearch::Searcher& sample_searcher() {
  static hotsearch::test::TempDir dir;
  static bool built = false;
  if (!built) {
    REQUIRE(hotsearch::test::build_index(hotsearch::test::sample_content(), dir / "db").exit_code ==
            0);
    built = true;
  }
  static hotsearch::Searcher searcher(dir / "db");
  return searcher;
}

hotsearch::SearchResult search(const std::string& q) {
  hotsearch::SearchRequest request;
  request.query = q;
  request.limit = 20;
  return sample_searcher().search(request);
}

/// A site of a few pages written for one test (path in the site -> file text), indexed.
class TinySite {
 public:
  explicit TinySite(std::initializer_list<std::pair<std::string, std::string>> pages) {
    for (const auto& [path, text] : pages) hotsearch::test::write_file(dir_ / "site" / path, text);
    REQUIRE(hotsearch::test::build_index(dir_ / "site", dir_ / "db").exit_code == 0);
    searcher_.emplace(dir_ / "db");
  }
  hotsearch::SearchResult search(const std::string& q) {
    hotsearch::SearchRequest request;
    request.query = q;
    return searcher_->search(request);
  }

 private:
  hotsearch::test::TempDir dir_;
  std::optional<hotsearch::Searcher> searcher_;
};

std::set<std::string> ids(const hotsearch::SearchResult& r) {
  std::set<std::string> out;
  for (const auto& hit : r.hits) out.insert(hit.id);
  return out;
}

}  // namespace

TEST_CASE("each page is stemmed in its own language", "[quality]") {
  // French plural and singular meet on the French page.
  CHECK(ids(search("inondables")).count("_projects/cartographie-inondations-bamako.md") == 1);
  CHECK(ids(search("inondable")).count("_projects/cartographie-inondations-bamako.md") == 1);
  CHECK(ids(search("cartographes")).count("_projects/cartographie-inondations-bamako.md") == 1);
  // English forms meet on English pages.
  CHECK(ids(search("mapped")).count("_projects/river-valley-flood-resilience.md") == 1);
  // Spanish.
  CHECK(ids(search("voluntario")).count("_projects/activacion-huracan-costa-pacifico.md") == 1);
}

TEST_CASE("accents are ignored both ways", "[quality]") {
  auto without = ids(search("activacion huracan"));
  auto with = ids(search("activación huracán"));
  CHECK(without.count("_projects/activacion-huracan-costa-pacifico.md") == 1);
  CHECK(with == without);
  CHECK(ids(search("cote d'ivoire")).count("_where-we-work/cote-divoire.md") == 1);
  CHECK(ids(search("Haïti")) == ids(search("haiti")));
}

TEST_CASE("the last word matches as a prefix while typing", "[quality]") {
  auto r = search("cyclone prepar");
  CHECK(ids(r).count("_projects/coastal-cyclone-preparedness.md") == 1);
  CHECK(ids(search("mogad")).empty() == true);  // no such word: nothing, not everything
  CHECK(ids(search("banglad")).count("_where-we-work/bangladesh.md") == 1);
}

TEST_CASE("a misspelt query is corrected and answered", "[quality]") {
  auto r = search("cyclnoe");
  CHECK(r.corrected_query == "cyclone");
  CHECK(r.answered_with_correction);
  CHECK(ids(r).count("_projects/coastal-cyclone-preparedness.md") == 1);
  // A query that finds something as typed is answered as typed.
  auto ok = search("cyclone");
  CHECK(ok.corrected_query.empty());
  CHECK(!ok.answered_with_correction);
}

TEST_CASE("synonyms from content/_synonyms.yml find pages that use the other word", "[quality]") {
  // The page says "Tasking Manager" and never "TM".
  CHECK(ids(search("TM")).count("_projects/tasking-manager-localisation.md") == 1);
  // Pages that say "drone" are found by "UAV", and the other way round.
  CHECK(ids(search("UAV")).count("_projects/drone-imagery-for-informal-settlements.md") == 1);
  // A one-word synonym finds a page that only has the phrase.
  CHECK(ids(search("GBV")).count("_projects/gender-inclusive-mapping.md") == 1);
}

TEST_CASE("snippets show the densest passage with whole words highlighted", "[quality]") {
  auto r = search("evacuation plan");
  REQUIRE(!r.hits.empty());
  const auto& hit = r.hits.front();
  CHECK(hit.id == "_projects/river-valley-flood-resilience.md");
  CHECK_THAT(hit.snippet, Catch::Contains("<mark>evacuation</mark> <mark>plan</mark>"));
  // Stemmed matches are highlighted in their own form.
  auto stems = search("mapathons");
  bool highlighted = false;
  for (const auto& h : stems.hits) {
    if (h.snippet.find("<mark>mapathon") != std::string::npos ||
        h.snippet.find("<mark>Mapathon") != std::string::npos) {
      highlighted = true;
    }
  }
  CHECK(highlighted);
}

TEST_CASE("snippets escape the page's own markup", "[quality]") {
  TinySite site(
      {{"_posts/2020-01-01-x.md",
        "---\ntitle: Escapes\n---\nUse `a < b && c > d` and \"quotes\" to zebrafind.\n"}});
  auto r = site.search("zebrafind");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].snippet ==
        "Use a &lt; b &amp;&amp; c &gt; d and &quot;quotes&quot; to <mark>zebrafind</mark>.");
}

TEST_CASE("a stem matches only pages of its own language", "[quality]") {
  // French stems `mali` to `mal`, English leaves it `mali`. The English page that says `mal`
  // must not be found by the French stem of `mali`; the French page is (its `mal` is French).
  TinySite site({{"_posts/2020-01-01-grand-mal.md",
                  "---\ntitle: Grand seizures\n---\nThe old word mal is in this text.\n"},
                 {"_posts/2020-01-02-le-mal.md",
                  "---\ntitle: Le texte\nlang: fr\n---\nLe mal est dans ce texte.\n"},
                 {"_posts/2020-01-03-mali.md",
                  "---\ntitle: Mapping in Mali\n---\nVolunteers map towns in Mali.\n"}});
  CHECK(ids(site.search("mali")) ==
        std::set<std::string>{"_posts/2020-01-03-mali.md", "_posts/2020-01-02-le-mal.md"});
  CHECK(ids(site.search("mal")) ==
        std::set<std::string>{"_posts/2020-01-01-grand-mal.md", "_posts/2020-01-02-le-mal.md"});
  // The French page's stem is highlighted as a French stem, in its French text.
  auto french = site.search("mali lang:fr");
  REQUIRE(french.hits.size() == 1);
  CHECK(french.hits[0].snippet == "Le <mark>mal</mark> est dans ce texte.");
}

TEST_CASE("a page in a language Xapian cannot stem is found by its words as written", "[quality]") {
  // Swahili has no Snowball stemmer: the page's words are indexed as they are, and a search
  // must look for them so, beside the stems of the languages that have one.
  TinySite site({{"_posts/2020-01-01-ramani.md",
                  "---\ntitle: Ramani ya jamii\nlang: sw\n---\n"
                  "Watu wanachora ramani ya kijiji kwa pamoja.\n"},
                 {"_posts/2020-01-02-villages.md",
                  "---\ntitle: Mapping villages\n---\nPeople map the village.\n"}});
  auto swahili = site.search("kijiji");
  REQUIRE(swahili.total == 1);
  CHECK(swahili.hits[0].id == "_posts/2020-01-01-ramani.md");
  CHECK(swahili.hits[0].snippet == "Watu wanachora ramani ya <mark>kijiji</mark> kwa pamoja.");
  CHECK(site.search("title:ramani").total == 1);
  // The English page is still found by a stem of its word.
  auto english = site.search("villages");
  REQUIRE(english.total == 1);
  CHECK(english.hits[0].id == "_posts/2020-01-02-villages.md");
}
