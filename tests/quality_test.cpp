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
  hotsearch::SearchResult search(const hotsearch::SearchRequest& request) {
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

TEST_CASE("a date range no page can match finds nothing and says why", "[quality]") {
  TinySite site({{"_posts/2018-05-01-mapathon.md", "---\ntitle: Spring mapathon\n---\nRoads.\n"},
                 {"_posts/2019-05-01-mapathon.md", "---\ntitle: Later mapathon\n---\nRoads.\n"}});
  auto in_2018 = site.search("mapathon 2018-01-01..2018-12-31");
  CHECK(ids(in_2018) == std::set<std::string>{"_posts/2018-05-01-mapathon.md"});
  CHECK(in_2018.warnings.empty());

  // Reversed, or a day that does not exist: Xapian matches nothing at all, which once fell
  // back to listing every page.
  auto reversed = site.search("mapathon 2018-12-31..2018-01-01");
  CHECK(reversed.total == 0);
  CHECK(reversed.hits.empty());
  REQUIRE(reversed.warnings.size() == 1);
  CHECK(reversed.warnings[0] ==
        "date range at column 10: it ends (2018-01-01) before it begins (2018-12-31); no page "
        "matches it");
  auto no_such_day = site.search("mapathon 2018-02-30..2018-12-31");
  CHECK(no_such_day.total == 0);
  REQUIRE(no_such_day.warnings.size() == 1);
  CHECK(no_such_day.warnings[0] ==
        "date range at column 10: \"2018-02-30\" is not a date; no page matches it");

  // Not a date range at all: a syntax error, with its column, answered as plain words.
  auto years = site.search("mapathon 2018..2019");
  REQUIRE(years.warnings.size() == 1);
  CHECK(years.warnings[0] ==
        "query syntax error at column 10: not a date range (expected YYYY-MM-DD..YYYY-MM-DD); "
        "answered as plain words");
}

TEST_CASE("a query of excluded words lists every other page", "[quality]") {
  TinySite site({{"flood.md", "---\ntitle: Flood response\n---\nRiver flood maps.\n"},
                 {"roads.md", "---\ntitle: Road mapping\n---\nRoads of the town.\n"},
                 {"both.md", "---\ntitle: Flooded roads\n---\nA flood closed the roads.\n"}});
  // Xapian reads `-flood` alone as `flood`: the opposite.
  std::set<std::string> without_flood{"roads.md"};
  CHECK(ids(site.search("-flood")) == without_flood);
  CHECK(ids(site.search("NOT flood")) == without_flood);
  CHECK(site.search("NOT flood").warnings.empty());
  CHECK(ids(site.search("-flood -roads")).empty());
  CHECK(ids(site.search("-\"flood response\"")) == std::set<std::string>{"roads.md", "both.md"});
  // `title:road` matches both titles with roads (stemmed), so only the flood page is left.
  CHECK(ids(site.search("-title:road")) == std::set<std::string>{"flood.md"});
  // With a word to find, `-` excludes as before.
  CHECK(ids(site.search("roads -flood")) == without_flood);
  // An operator without words on one side is a syntax error with its column.
  auto dangling = site.search("NOT flood AND roads");
  REQUIRE(dangling.warnings.size() == 1);
  CHECK(dangling.warnings[0] ==
        "query syntax error at column 1: NOT needs words on both sides; answered as plain words");
}

TEST_CASE("operators, common words and words being typed are not corrected", "[quality]") {
  TinySite site({{"uganda.md", "---\ntitle: Uganda\n---\nMapping in Uganda.\n"},
                 {"hot1.md", "---\ntitle: HOT news\n---\nHOT has a new board.\n"},
                 {"hot2.md", "---\ntitle: HOT summit\n---\nHOT has a summit.\n"},
                 {"hot3.md", "---\ntitle: HOT people\n---\nHOT has staff.\n"},
                 {"covid.md", "---\ntitle: COVID-19 response\n---\nWe could map.\n"},
                 {"haiti.md", "---\ntitle: Haiti\n---\nHaiti earthquake.\n"}});
  // Nothing has `uganda` without `uganda`: NOT is an operator, not a misspelt `hot`.
  auto contradiction = site.search("uganda NOT uganda");
  CHECK(contradiction.total == 0);
  CHECK(contradiction.corrected_query.empty());
  // Each part of `covid-19` is a word of the index, so there is nothing to correct.
  auto covid = site.search("covid-19");
  CHECK(ids(covid) == std::set<std::string>{"covid.md"});
  CHECK(covid.corrected_query.empty());
  // `hai` is completed to `haiti` while typing, not corrected to `has`.
  auto typing = site.search("hai");
  CHECK(ids(typing) == std::set<std::string>{"haiti.md"});
  CHECK(typing.corrected_query.empty());
}

TEST_CASE("facet fields may be spelt as the CLI's flags", "[quality]") {
  TinySite site({{"health.md", "---\ntitle: Clinics\nImpact Area: Public Health\n---\nClinics.\n"},
                 {"other.md", "---\ntitle: Roads\nImpact Area: Transport\n---\nRoads.\n"}});
  std::set<std::string> health{"health.md"};
  CHECK(ids(site.search("impact_area:\"public health\"")) == health);
  CHECK(ids(site.search("impact-area:\"public health\"")) == health);
  CHECK(ids(site.search("-impact-area:\"public health\"")) == std::set<std::string>{"other.md"});
}

TEST_CASE("a word weighs the same in every language: a few pages of another one do not lead",
          "[quality]") {
  // `data` is on four English pages and one Spanish page. Weighed as one word across the
  // languages, the pages that use it most lead; weighed per language, the Spanish page's stem
  // was the rarest term of the index and put that page first.
  TinySite site({{"en1.md", "---\ntitle: Field work\n---\nData data: we collect data.\n"},
                 {"en2.md", "---\ntitle: Quality\n---\nChecking the data of each data set.\n"},
                 {"en3.md", "---\ntitle: Sharing\n---\nOpen data, open data licences.\n"},
                 {"en4.md", "---\ntitle: Gaps\n---\nWhere data is missing, data is made.\n"},
                 {"es1.md",
                  "---\ntitle: Trabajo de campo\nlang: es\n---\nLos equipos recogen la data "
                  "de los barrios con los vecinos y las vecinas.\n"}});
  auto r = site.search("data");
  REQUIRE(r.hits.size() == 5);
  CHECK(r.hits[0].lang == "en");
  CHECK(r.hits.back().id == "es1.md");
}

TEST_CASE("pages without a date come last in either date order", "[quality]") {
  TinySite site({{"_posts/2018-05-01-early.md", "---\ntitle: Early mapathon\n---\nRoads.\n"},
                 {"undated.md", "---\ntitle: Mapathon guide\n---\nHow to run one.\n"},
                 {"_posts/2019-05-01-late.md", "---\ntitle: Late mapathon\n---\nRoads.\n"}});
  auto order = [&](hotsearch::SortOrder sort, const std::string& q) {
    hotsearch::SearchRequest request;
    request.query = q;
    request.sort = sort;
    std::vector<std::string> out;
    for (const auto& hit : site.search(request).hits) out.push_back(hit.id);
    return out;
  };
  using V = std::vector<std::string>;
  for (const std::string q : {"mapathon", ""}) {
    INFO("query \"" << q << "\"");
    CHECK(order(hotsearch::SortOrder::Newest, q) ==
          V{"_posts/2019-05-01-late.md", "_posts/2018-05-01-early.md", "undated.md"});
    // The undated page once came first here: its empty date sorted before every date.
    CHECK(order(hotsearch::SortOrder::Oldest, q) ==
          V{"_posts/2018-05-01-early.md", "_posts/2019-05-01-late.md", "undated.md"});
  }
}

TEST_CASE("a French word after l' or d' is found and highlighted by itself", "[quality]") {
  TinySite site({{"fr.md",
                  "---\ntitle: Cartographie en Côte d\u2019Ivoire\nlang: fr\nCountry: Côte "
                  "d\u2019Ivoire\n---\nLes équipes préparent l'évacuation avant l'hivernage "
                  "dans les quartiers.\n"},
                 {"en.md", "---\ntitle: Roads\n---\nRoads of the town.\n"}});
  std::set<std::string> french{"fr.md"};
  // Xapian keeps `l'évacuation` as one word: these found nothing.
  for (const char* q : {"ivoire", "evacuation", "hivernage", "côte d'ivoire", "l'évacuation"}) {
    INFO(q);
    auto r = site.search(q);
    CHECK(ids(r) == french);
  }
  auto r = site.search("evacuation");
  REQUIRE(r.hits.size() == 1);
  CHECK_THAT(r.hits[0].snippet, Catch::Contains("<mark>l&#39;évacuation</mark>"));
}

TEST_CASE("typographic and ASCII apostrophes are one in facet values", "[quality]") {
  TinySite site({{"a.md", "---\ntitle: Abidjan\nCountry: Côte d\u2019Ivoire\n---\nText.\n"},
                 {"b.md", "---\ntitle: Bouaké\nCountry: Côte d'Ivoire\n---\nText.\n"}});
  for (const char* value : {"Côte d'Ivoire", "Côte d\u2019Ivoire", "cote d'ivoire"}) {
    INFO(value);
    hotsearch::SearchRequest request;
    request.filters["country"] = {value};
    CHECK(ids(site.search(request)) == std::set<std::string>{"a.md", "b.md"});
  }
}

TEST_CASE("a word that begins with a digit is found as written", "[quality]") {
  // Xapian stems only words that begin with a letter: `2019` and `3d` have no stem, and a
  // query that looked only for stems found no page with them.
  TinySite site(
      {{"_posts/2019-02-21-logo.md", "---\ntitle: HOT Summit 2019 logo contest\n---\nA 3D logo.\n"},
       {"_posts/2018-02-21-summit.md", "---\ntitle: HOT Summit 2018\n---\nThe summit.\n"},
       {"_posts/2018-03-01-news.md", "---\ntitle: HOT news\n---\nNews of the board.\n"}});
  std::set<std::string> logo{"_posts/2019-02-21-logo.md"};
  CHECK(ids(site.search("2019")) == logo);
  CHECK(ids(site.search("3D")) == logo);
  auto summit = site.search("hot summit 2019");
  CHECK(!summit.matched_any_word);
  REQUIRE(!summit.hits.empty());
  CHECK(summit.hits[0].id == "_posts/2019-02-21-logo.md");
  CHECK(site.search("title:2018").hits.size() == 1);
}

TEST_CASE("a phrase is an operand of AND, OR and NOT", "[quality]") {
  TinySite site({{"mm.md", "---\ntitle: Missing Maps\n---\nThe missing maps project.\n"},
                 {"tm.md", "---\ntitle: Tasking Manager\n---\nThe tasking manager.\n"},
                 {"or.md", "---\ntitle: Maps or managers\n---\nMaps or managers, tasking.\n"}});
  // The OR once read as dangling (the phrases were not counted as words), and the query was
  // answered as the plain words `missing maps or tasking manager`.
  auto either = site.search("\"missing maps\" OR \"tasking manager\"");
  CHECK(either.warnings.empty());
  CHECK(ids(either) == std::set<std::string>{"mm.md", "tm.md"});
  auto both = site.search("\"tasking manager\" AND tasking");
  CHECK(both.warnings.empty());
  CHECK(ids(both) == std::set<std::string>{"tm.md"});
  auto without = site.search("maps NOT \"missing maps\"");
  CHECK(without.warnings.empty());
  CHECK(ids(without) == std::set<std::string>{"or.md"});
}

TEST_CASE("a query of fields only lists its pages newest first, as the same filters do",
          "[quality]") {
  TinySite site({{"_posts/2017-01-01-a.md", "---\ntitle: First\nProject: Missing Maps\n---\nA.\n"},
                 {"_posts/2019-01-01-c.md", "---\ntitle: Third\nProject: Missing Maps\n---\nC.\n"},
                 {"_posts/2018-01-01-b.md", "---\ntitle: Second\nProject: Missing Maps\n---\nB.\n"},
                 {"other.md", "---\ntitle: Other\n---\nMissing maps, as words.\n"}});
  auto order = [&](const std::string& q) {
    std::vector<std::string> out;
    for (const auto& hit : site.search(q).hits) out.push_back(hit.id);
    return out;
  };
  using V = std::vector<std::string>;
  V newest{"_posts/2019-01-01-c.md", "_posts/2018-01-01-b.md", "_posts/2017-01-01-a.md"};
  CHECK(order("project:\"missing maps\"") == newest);
  CHECK(order("type:posts") == newest);
  CHECK(order("type:posts 2017-01-01..2018-12-31") == V(newest.begin() + 1, newest.end()));
  // With words, the order is by relevance again: the page that has them as text comes first.
  CHECK(order("missing maps").front() == "other.md");
}

TEST_CASE("year: takes a range of years", "[quality]") {
  TinySite site({{"_posts/2018-05-01-a.md", "---\ntitle: Spring mapathon\n---\nRoads.\n"},
                 {"_posts/2019-05-01-b.md", "---\ntitle: Later mapathon\n---\nRoads.\n"},
                 {"_posts/2021-05-01-c.md", "---\ntitle: Last mapathon\n---\nRoads.\n"}});
  CHECK(ids(site.search("year:2018..2019")) ==
        std::set<std::string>{"_posts/2018-05-01-a.md", "_posts/2019-05-01-b.md"});
  CHECK(ids(site.search("mapathon year:2019..2030")) ==
        std::set<std::string>{"_posts/2019-05-01-b.md", "_posts/2021-05-01-c.md"});
  auto reversed = site.search("year:2019..2018");
  CHECK(reversed.total == 0);
  CHECK(!reversed.warnings.empty());
}

TEST_CASE("a last word of one or two letters is completed even where it is a word", "[quality]") {
  TinySite site({{"mm.md", "---\ntitle: Missing Maps\n---\nThe missing maps project.\n"},
                 {"quake.md", "---\ntitle: Missing data\n---\nA missing M 7.8 record.\n"},
                 {"co.md", "---\ntitle: Haiti coast\n---\nHaiti coastline and co.\n"},
                 {"haiti.md", "---\ntitle: Haiti\n---\nHaiti earthquake.\n"}});
  // `m` and `co` are words of the index; as the last word typed they are still beginnings.
  // (Fewer than ten pages have every word, so pages with some of them follow: all_words_total
  // counts those with every word, when others follow.)
  auto typing = site.search("missing m");
  CHECK(typing.total == 2);  // `maps` as a beginning, `m` as a word; no other page follows
  CHECK(typing.all_words_total == 0);
  CHECK(typing.corrected_query.empty());
  auto coast = site.search("haiti co");
  CHECK(coast.all_words_total == 1);
  REQUIRE(!coast.hits.empty());
  CHECK(coast.hits[0].id == "co.md");
  // Digits are not beginnings: `covid 19` does not become `covid 19*`.
  TinySite numbers({{"a.md", "---\ntitle: Covid 19\n---\nCovid 19.\n"},
                    {"b.md", "---\ntitle: Covid 1995\n---\nCovid 1995.\n"}});
  auto covid = numbers.search("covid 19");
  CHECK(covid.all_words_total == 1);
  REQUIRE(!covid.hits.empty());
  CHECK(covid.hits[0].id == "a.md");
}

TEST_CASE("a word the index has with its apostrophe is not corrected", "[quality]") {
  TinySite site({{"mo.md", "---\ntitle: Board\nPerson: Mhairi O'Hara\n---\nMhairi O'Hara.\n"},
                 {"hara.md", "---\ntitle: Hara\n---\nHara, a place.\n"},
                 {"dont.md", "---\ntitle: Tips\n---\nDon't map alone.\n"}});
  // The spelling check split `o'hara` into `o` and `hara`, found no `o`, and offered `hara`.
  auto person = site.search("mhairi o'hara");
  CHECK(ids(person) == std::set<std::string>{"mo.md"});
  CHECK(person.corrected_query.empty());
  CHECK(site.search("don't").corrected_query.empty());
}

TEST_CASE("a name written as one word is read as the two words it runs together", "[quality]") {
  TinySite site({{"mm.md", "---\ntitle: Missing Maps\n---\nThe missing maps project.\n"},
                 {"fp.md", "---\ntitle: Field Papers\n---\nPrint field papers.\n"},
                 {"other.md", "---\ntitle: Other\n---\nMissing a field.\n"}});
  auto joined = site.search("missingmaps");
  CHECK(joined.corrected_query == "missing maps");
  CHECK(joined.answered_with_correction);
  REQUIRE(!joined.hits.empty());
  CHECK(joined.hits[0].id == "mm.md");
  CHECK(site.search("fieldpapers").corrected_query == "field papers");
}

TEST_CASE("a word split by punctuation is read as the word it makes", "[quality]") {
  TinySite site({{"haiti.md", "---\ntitle: Haiti\n---\nHaiti earthquake.\n"},
                 {"mail.md", "---\ntitle: Contact\n---\nSend us an email.\n"},
                 {"has.md", "---\ntitle: Other\n---\nIt has it all: disaster maps.\n"}});
  // Xapian's suggestion corrects each part apart: `hai*ti` became `has*it`, found as `has it`.
  auto split = site.search("hai*ti");
  CHECK(split.corrected_query == "haiti");
  CHECK(split.answered_with_correction);
  CHECK(ids(split) == std::set<std::string>{"haiti.md"});
  auto field = site.search("title:hai*ti");
  CHECK(field.corrected_query == "title:haiti");
  CHECK(ids(field) == std::set<std::string>{"haiti.md"});
  auto hyphen = site.search("e-mail");
  CHECK(hyphen.corrected_query == "email");
  CHECK(ids(hyphen) == std::set<std::string>{"mail.md"});
}

TEST_CASE("a query with nothing to search for finds nothing and says so", "[quality]") {
  // Typed into the box, `?` or an emoji listed the whole site, as an empty query does.
  for (const std::string q : {"?", "%", "\xF0\x9F\x92\xA5", "()", "-"}) {
    INFO(q);
    auto r = search(q);
    CHECK(r.total == 0);
    CHECK(r.hits.empty());
    CHECK(r.warnings == std::vector<std::string>{"the query has no words to search for"});
  }
  // An empty query still lists every page; one word is searched as ever.
  CHECK(search("").total > 50);
  CHECK(search("   ").total > 50);
  CHECK(search("mapathon").total > 0);
}

TEST_CASE("question words are not required unless they are all there is", "[quality]") {
  TinySite site({{"join.md", "---\ntitle: Get involved\n---\nVolunteer with us.\n"},
                 {"board.md", "---\ntitle: Board\n---\nHow can I help? I can volunteer.\n"},
                 {"band.md", "---\ntitle: Band\n---\nThe Who played.\n"}});
  auto question = site.search("how can i volunteer");
  CHECK(ids(question) == std::set<std::string>{"join.md", "board.md"});
  CHECK(question.all_words_total == 0);  // both have every word that counts
  // A query of nothing else keeps them, and so does a phrase.
  CHECK(ids(site.search("the who")) == std::set<std::string>{"band.md"});
  CHECK(ids(site.search("\"how can i help\"")) == std::set<std::string>{"board.md"});
}

TEST_CASE("a correction keeps the first letter and is not a word the search already finds",
          "[quality]") {
  TinySite site({{"trees.md", "---\ntitle: Trees\n---\nReforestation of the hills.\n"},
                 {"work.md", "---\ntitle: Work\n---\nA career in mapping.\n"},
                 {"quake.md", "---\ntitle: Quake\n---\nEarthquake response.\n"}});
  // `deforestation` was answered as `reforestation`, its opposite.
  auto opposite = site.search("deforestation");
  CHECK(opposite.corrected_query.empty());
  CHECK(opposite.total == 0);
  // `careers` finds the page that says "career" (same stem): no "did you mean career?".
  auto plural = site.search("careers");
  CHECK(ids(plural) == std::set<std::string>{"work.md"});
  CHECK(plural.corrected_query.empty());
  // A misspelling is still corrected.
  auto typo = site.search("earthqake");
  CHECK(typo.corrected_query == "earthquake");
  CHECK(ids(typo) == std::set<std::string>{"quake.md"});
}

TEST_CASE("a correction that finds nothing either is not offered", "[quality]") {
  TinySite site({{"a.md", "---\ntitle: Disaster\n---\nMaps are ready for a disaster.\n"},
                 {"b.md", "---\ntitle: Maps\n---\nDisaster response.\n"}});
  // `pre` is corrected to `are`, but no page has `are` next to `disaster` as the phrase
  // `pre-disaster` asks: the pages with some of the words follow, with no "did you mean".
  auto r = site.search("pre-disaster");
  CHECK(r.corrected_query.empty());
  CHECK_FALSE(r.answered_with_correction);
  CHECK(r.matched_any_word);
  CHECK(ids(r) == std::set<std::string>{"a.md", "b.md"});
}

TEST_CASE("an operator that touches a bracket is an operator", "[quality]") {
  TinySite site({{"haiti.md", "---\ntitle: Haiti\n---\nHaiti earthquake.\n"},
                 {"nepal.md", "---\ntitle: Nepal\n---\nNepal earthquake.\n"},
                 {"both.md", "---\ntitle: Haiti and Nepal\n---\nHaiti, Nepal: or not.\n"}});
  std::set<std::string> either{"haiti.md", "nepal.md", "both.md"};
  // `OR(` was read as the word `or`.
  CHECK(ids(site.search("haiti OR(nepal)")) == either);
  CHECK(ids(site.search("(haiti)OR nepal")) == either);
  CHECK(site.search("haiti OR(nepal)").warnings.empty());
  // NOT has no meaning of its own inside a group: Xapian read the word `not` there, silently.
  auto grouped = site.search("nepal AND (NOT haiti)");
  REQUIRE(grouped.warnings.size() == 1);
  CHECK(grouped.warnings[0] ==
        "query syntax error at column 12: NOT needs words on both sides (a NOT b); answered as "
        "plain words");
  CHECK(ids(site.search("nepal NOT haiti")) == std::set<std::string>{"nepal.md"});
}

TEST_CASE("a page found by a block's header shows the header in its snippet", "[quality]") {
  // Block headers are indexed as headers but were not in the text snippets are cut from: the
  // snippet was the page's opening, with no word of the query.
  TinySite site({{"what.md",
                  "---\ntitle: What we do\nBlock 1:\n  Header: Developing innovative technology\n"
                  "  Text: Our tools help volunteers.\n---\nWe map places.\n"}});
  auto r = site.search("innovative technology");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].snippet.find("<mark>innovative</mark> <mark>technology</mark>") !=
        std::string::npos);
}

TEST_CASE("a word typed with its accents meets its plural and singular", "[quality]") {
  // Snowball reads accents: Spanish `huracán` and `huracanes` both stem to `huracan`, but the
  // folded `huracan` stems to `hurac`. Stemming only folded words parted the two pages.
  TinySite site({{"one.md",
                  "---\ntitle: Respuesta\nlang: es\n---\nEl huracán llegó a la costa "
                  "y los equipos mapearon las casas.\n"},
                 {"many.md",
                  "---\ntitle: Temporada\nlang: es\n---\nLos huracanes del año "
                  "dejaron muchas casas sin techo en la costa.\n"},
                 {"other.md",
                  "---\ntitle: Otro\nlang: es\n---\nUna capacitación de mapeo "
                  "para las comunidades de la costa.\n"}});
  std::set<std::string> both{"one.md", "many.md"};
  CHECK(ids(site.search("huracán")) == both);
  CHECK(ids(site.search("huracanes")) == both);
  auto plural = site.search("capacitaciones");
  CHECK(ids(plural) == std::set<std::string>{"other.md"});
  CHECK(!plural.answered_with_correction);  // found as typed, not by a spelling correction
  // Typed without its accent, the word still finds the pages that write it so.
  CHECK(ids(site.search("huracan")).count("one.md") == 1);
}

TEST_CASE("field names are read in any case", "[quality]") {
  TinySite site({{"health.md",
                  "---\ntitle: Clinics of Haiti\nImpact Area: Public Health\n---\n"
                  "Clinics.\n"},
                 {"other.md", "---\ntitle: Roads\n---\nRoads of Haiti.\n"}});
  // Xapian's field names are case-sensitive: `TITLE:` was an unknown field, and its words
  // were answered as a misspelling of `time haiti`.
  auto upper = site.search("TITLE:haiti");
  CHECK(upper.warnings.empty());
  CHECK(upper.corrected_query.empty());
  CHECK(ids(upper) == std::set<std::string>{"health.md"});
  CHECK(ids(site.search("Impact-Area:\"public health\"")) == std::set<std::string>{"health.md"});
}
