// Languages: front-matter values, detection on real pages, and the stemmer each one gets.
#include "indexer/language.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>

#include "indexer/page_reader.h"
#include "tests/test_support.h"

using namespace hotsearch;

namespace {

std::string corpus_lang(const std::string& id) {
  static PageReader reader(SiteConfig::load(test::real_corpus()), FieldMap::defaults());
  ReadResult result = reader.read_bytes(id, test::read_file(test::real_corpus() / id));
  REQUIRE(result.status == ReadStatus::Page);
  return result.page.lang;
}

}  // namespace

TEST_CASE("front-matter language values are normalised to ISO 639-1", "[language]") {
  CHECK(normalize_language("fr") == "fr");
  CHECK(normalize_language(" FR ") == "fr");
  CHECK(normalize_language("fr-FR") == "fr");
  CHECK(normalize_language("pt_BR") == "pt");
  CHECK(normalize_language("French") == "fr");
  CHECK(normalize_language("Français") == "fr");
  CHECK(normalize_language("español") == "es");
  CHECK(normalize_language("Português") == "pt");
  CHECK(normalize_language("Bahasa") == "id");
  CHECK(normalize_language("deu") == "de");
  CHECK(normalize_language("nb") == "no");
  CHECK(normalize_language("sw") == "sw");  // a language Xapian cannot stem is still one
  CHECK(normalize_language("Klingon").empty());
  CHECK(normalize_language("").empty());
}

TEST_CASE("each language gets the stemmer Xapian knows it by", "[language]") {
  CHECK(xapian_stemmer_name("en") == "english");
  CHECK(xapian_stemmer_name("fr") == "french");
  CHECK(xapian_stemmer_name("es") == "spanish");
  CHECK(xapian_stemmer_name("pt") == "portuguese");
  CHECK(xapian_stemmer_name("de") == "german");
  CHECK(xapian_stemmer_name("id") == "indonesian");
  CHECK(xapian_stemmer_name("sw") == "none");
  CHECK(xapian_stemmer_name("") == "none");
  // Every name is one Xapian 1.4 accepts.
  for (const char* code :
       {"ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "hu", "id",
        "ga", "it", "lt", "ne", "no", "pt", "ro", "ru", "es", "sv", "ta", "tr"}) {
    CAPTURE(code);
    REQUIRE(xapian_stemmer_name(code) != "none");
    CHECK_NOTHROW(Xapian::Stem(xapian_stemmer_name(code)));
  }
}

TEST_CASE("short or unrecognisable text keeps the fallback language", "[language]") {
  LanguageDetector detector;
  CHECK(detector.detect("Bonjour") == "en");
  CHECK(detector.detect("Bonjour", "fr") == "fr");
  CHECK(detector.detect("") == "en");
  // Lorem ipsum is Latin, which Xapian cannot stem.
  CHECK(detector.detect("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
                        "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim "
                        "veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea "
                        "commodo consequat.") == "en");
}

TEST_CASE("sentences in the site's languages are recognised", "[language]") {
  LanguageDetector detector;
  CHECK(detector.detect("Les cartographes bénévoles ont tracé les bâtiments et les routes de la "
                        "ville après les inondations.") == "fr");
  CHECK(detector.detect("Los voluntarios mapearon las carreteras y los edificios de la ciudad "
                        "después de las inundaciones.") == "es");
  CHECK(detector.detect("Os voluntários mapearam as estradas e os edifícios da cidade depois das "
                        "inundações.") == "pt");
  CHECK(detector.detect("Die Freiwilligen haben nach dem Hochwasser die Straßen und Gebäude der "
                        "Stadt kartiert.") == "de");
  CHECK(detector.detect("Para relawan memetakan jalan dan bangunan di kota itu setelah banjir "
                        "besar melanda.") == "id");
}

TEST_CASE("detection reads the first kSampleBytes of a text and nothing after them", "[language]") {
  LanguageDetector detector;
  std::string spanish;
  while (spanish.size() < LanguageDetector::kSampleBytes) {
    spanish += "Los voluntarios mapearon las carreteras y los edificios de la ciudad. ";
  }
  std::string english;
  while (english.size() < 8 * LanguageDetector::kSampleBytes) {
    english += "The volunteers mapped the roads and buildings of the town after the floods. ";
  }
  // libexttextcat reads past the size it is given: a page whose text turned English after
  // the first 513 bytes was taken for English.
  CHECK(detector.detect(spanish + english) == "es");
  CHECK(detector.detect(spanish + english) ==
        detector.detect((spanish + english).substr(0, LanguageDetector::kSampleBytes + 1)));
}

TEST_CASE("real French, Spanish and Portuguese pages are detected", "[language][corpus]") {
  CHECK(corpus_lang("_projects/2013-02-01-activation-pour-le-mali.md") == "fr");
  CHECK(corpus_lang("_projects/central-african-republic-activation.md") == "fr");
  CHECK(corpus_lang("_projects/activacion-por-el-huracan-otis-acapulco.markdown") == "es");
  CHECK(corpus_lang("_projects/essaie-1.markdown") == "es");
  CHECK(corpus_lang("_hubs/hub-de-mapeamento-aberto-america-latina-e-caribe.markdown") == "pt");
  CHECK(corpus_lang("_projects/2013-02-01-mali-activation.md") == "en");
  // A German title over an English post is English.
  CHECK(corpus_lang("_posts/2011-06-16-bevlkerungsschutz-und-katastrophenhilfe.md") == "en");
  // Placeholder pages of lorem ipsum are not Spanish or French.
  CHECK(corpus_lang("_impact-areas/clean-energy.markdown") == "en");
  CHECK(corpus_lang("_impact-areas/environment.markdown") == "en");
}

TEST_CASE("a lang or language key decides, in any spelling", "[language][reader]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  std::string english =
      "The volunteers mapped the roads and buildings of the city after the "
      "floods, and the data went to the responders the same day.\n";
  auto lang_of = [&](const std::string& front_matter) {
    return reader.read_bytes("a.md", "---\n" + front_matter + "---\n" + english).page.lang;
  };
  CHECK(lang_of("title: t\n") == "en");
  CHECK(lang_of("lang: fr\n") == "fr");
  CHECK(lang_of("language: French\n") == "fr");
  CHECK(lang_of("lang: es-MX\n") == "es");
  CHECK(lang_of("lang: sw\n") == "sw");
  CHECK(lang_of("lang: Klingon\n") == "en");  // not a language: detected from the text
}
