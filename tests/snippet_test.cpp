// Snippets highlight every form of a query's words that a page uses: the words themselves in
// any case and accent, their stems in the page's language, and words still being typed.
#include "query/snippet.h"

#include <xapian.h>

#include <catch2/catch.hpp>

using hotsearch::make_snippet;
using hotsearch::SnippetTerms;

namespace {

std::string stem(const std::string& language, const std::string& word) {
  return Xapian::Stem(language)(word);
}

}  // namespace

TEST_CASE("a stem is highlighted in every form and case the page uses", "[snippet]") {
  SnippetTerms terms;
  terms.stems = {stem("english", "die"), stem("english", "maps")};
  std::string snippet =
      make_snippet("Crops were dying. MAPS and Mapping help; the Dying Gaul did not.", terms, "en");
  CHECK(snippet ==
        "Crops were <mark>dying</mark>. <mark>MAPS</mark> and <mark>Mapping</mark> help; the "
        "<mark>Dying</mark> Gaul did not.");
}

TEST_CASE("words are highlighted whatever their accents and case", "[snippet]") {
  SnippetTerms terms;
  terms.words = {"activacion", "huracan"};
  CHECK(make_snippet("Activación rápida tras el HURACÁN.", terms, "es") ==
        "<mark>Activación</mark> rápida tras el <mark>HURACÁN</mark>.");
}

TEST_CASE("a word still being typed highlights the words it begins", "[snippet]") {
  SnippetTerms terms;
  terms.prefixes = {"hai"};
  CHECK(make_snippet("Haiti, a haiku, and Hawaii.", terms, "en") ==
        "<mark>Haiti</mark>, a <mark>haiku</mark>, and Hawaii.");
}

TEST_CASE("Indonesian stems that lose a prefix are still highlighted", "[snippet]") {
  SnippetTerms terms;
  terms.stems = {stem("indonesian", "memetakan")};
  REQUIRE(terms.stems.count("peta") == 1);  // the stem does not begin like the word
  CHECK(make_snippet("Kami memetakan desa; peta dipetakan bersama.", terms, "id") ==
        "Kami <mark>memetakan</mark> desa; <mark>peta</mark> <mark>dipetakan</mark> bersama.");
}

TEST_CASE("words that only share first letters with a query word are not highlighted",
          "[snippet]") {
  SnippetTerms terms;
  terms.words = {"flood"};
  terms.stems = {stem("english", "flood")};
  CHECK(make_snippet("Floods, a flood, flooding, and flora.", terms, "en") ==
        "<mark>Floods</mark>, a <mark>flood</mark>, <mark>flooding</mark>, and flora.");
}

TEST_CASE("a word stems by the page's language even after another language's page stemmed it",
          "[snippet]") {
  // Stems are remembered between snippets: per language, or a French page would be matched
  // with the English stem of the same word.
  SnippetTerms terms;
  terms.stems = {stem("english", "mapping")};
  REQUIRE(stem("french", "mapping") != stem("english", "mapping"));
  CHECK(make_snippet("Mapping the river.", terms, "en") == "<mark>Mapping</mark> the river.");
  CHECK(make_snippet("Le mapping du fleuve.", terms, "fr") == "Le mapping du fleuve.");
  CHECK(make_snippet("Mapping the river.", terms, "en") == "<mark>Mapping</mark> the river.");
}

TEST_CASE("one search's snippet maker cuts each hit's snippet as make_snippet does", "[snippet]") {
  // The maker remembers which words matched, per language, from hit to hit: a word it met on
  // an English page must not decide a Spanish one (`mapas` stems differently in each), and a
  // word met once must match again on the next page.
  SnippetTerms terms;
  terms.words = {"mapas"};
  terms.stems = {stem("english", "maps"), stem("spanish", "mapas"), stem("english", "flood")};
  const std::vector<std::pair<std::string, std::string>> hits = {
      {"Mapping the floods: maps, mapas and MAPAS.", "en"},
      {"Los mapas y el mapa de las inundaciones; mapping.", "es"},
      {"Flooded maps again, and mapas once more.", "en"},
      {"Un mapa, dos mapas.", "es"},
  };
  hotsearch::SnippetMaker maker(terms);
  for (const auto& [text, lang] : hits) {
    std::string alone = make_snippet(text, terms, lang, 40);
    CHECK(maker(text, lang, 40) == alone);
    CHECK(alone.find("<mark>") != std::string::npos);
  }
}

TEST_CASE("of windows with the same words, the one with them side by side is shown", "[snippet]") {
  SnippetTerms terms;
  terms.words = {"open", "data"};
  // Both windows hold both words; the first came first before, and its words are apart.
  std::string text =
      "Open tools for everyone: the data went to the town hall. The council read it with care "
      "and thanks, and later in the spring the team wrote about the value of open data for "
      "towns, and how each of them can use it.";
  std::string snippet = make_snippet(text, terms, "en", 80);
  CHECK(snippet.find("<mark>open</mark> <mark>data</mark>") != std::string::npos);
}
