// The content reader on real pages of the HOT website and on bad input: every field a page
// gives the index, and every way a page can fail.
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <string>

using namespace std::string_literals;

#include "indexer/content_scanner.h"
#include "indexer/error.h"
#include "indexer/page_reader.h"
#include "tests/test_support.h"

using namespace hotsearch;
namespace fs = std::filesystem;

namespace {

const PageReader& corpus_reader() {
  static PageReader reader(SiteConfig::load(test::real_corpus()), FieldMap::defaults());
  return reader;
}

Page read_page(const std::string& id) {
  std::string bytes = test::read_file(test::real_corpus() / id);
  ReadResult result = corpus_reader().read_bytes(id, bytes);
  REQUIRE(result.status == ReadStatus::Page);
  return result.page;
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string joined(const std::vector<std::string>& texts) {
  std::string all;
  for (const auto& t : texts) all += t + "\n";
  return all;
}

PageError read_error(const std::string& id, const std::string& bytes, ReaderLimits limits = {}) {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults(), limits);
  try {
    reader.read_bytes(id, bytes);
  } catch (const PageError& e) {
    return e;
  }
  FAIL("no PageError for " << id);
  return PageError(id, 0, 0, "unreachable");
}

}  // namespace

TEST_CASE("block pages give headers, texts and projects from every block", "[corpus][reader]") {
  Page page = read_page("_projects/about-us.markdown");
  CHECK(page.title == "What We Do");
  CHECK(page.type == "projects");
  CHECK(page.date == "2018-02-06");
  CHECK(contains(page.headers, "Reaching those in need through maps"));
  CHECK(contains(page.headers, "Working to support and build OpenStreetMap"));
  // A header folded over two YAML lines is one header.
  CHECK(contains(page.headers,
                 "Developing innovative new technology to serve the humanitarian and development "
                 "communities"));
  std::string texts = joined(page.texts);
  CHECK_THAT(texts, Catch::Contains("thousands of HOT volunteers come together online"));
  // Inline HTML in a block's text: the link text stays, the tag and its URL go.
  CHECK_THAT(texts, Catch::Contains("All of this work is done through OpenStreetMap."));
  CHECK_THAT(texts, !Catch::Contains("<a href"));
  CHECK_THAT(texts, !Catch::Contains("https://"));
  // Button words are text; button URLs and images are not.
  CHECK_THAT(texts, Catch::Contains("Learn about our impact"));
  CHECK_THAT(texts, !Catch::Contains("/our-work"));
  CHECK_THAT(texts, !Catch::Contains(".jpg"));
  const auto& projects = page.facets.at("project");
  CHECK(contains(projects, "Missing Maps"));
  CHECK(contains(projects, "Refugee response: South Sudan and Syria"));
  CHECK(contains(projects,
                 "UAV Imagery for Disaster Response: Pacific Drone Imagery Dashboard (PacDID)"));
  CHECK(projects.size() == 5);
  CHECK_THAT(page.body,
             Catch::StartsWith("HOT is an international team dedicated to humanitarian"));
}

TEST_CASE("top-level facet lists are trimmed and deduplicated", "[corpus][reader]") {
  Page page = read_page("_projects/missing-maps.md");
  const auto& people = page.facets.at("person");
  CHECK(people.size() == 27);
  CHECK(contains(people, "Douglas Ssebaggala"));  // written 'Douglas Ssebaggala ' in the file
  CHECK(contains(people, "Michael Heißmeier"));
  CHECK(page.url == "/missing_maps");
  // Markdown/HTML body: text kept, tags and URLs dropped.
  CHECK_THAT(page.body,
             Catch::Contains("The Missing Maps is a collaborative project powered by HOT"));
  CHECK_THAT(page.body, !Catch::Contains("<p>"));
  CHECK_THAT(page.body, !Catch::Contains("&nbsp;"));
}

TEST_CASE("nested facet maps and scalar facets are read", "[corpus][reader]") {
  Page page = read_page(
      "_posts/2018-01-24-Community Mapping in North Uganda - Intrepid Refugees and Host "
      "Community Compare Needs.markdown");
  CHECK(page.facets.at("country") == std::vector<std::string>{"Tanzania"});
  CHECK(page.facets.at("person") == std::vector<std::string>{"Rupert Allan"});
  CHECK(page.facets.at("working_group") == std::vector<std::string>{"Community"});
  CHECK(page.title ==
        "Community Mapping in North Uganda — Intrepid Refugees and Host Community "
        "Compare Needs");
  // Image alt text is kept; the image path is not.
  CHECK_THAT(page.body, Catch::Contains("MosesMawa Intrepid Refugee SurveyorSmall.jpeg"));
  CHECK_THAT(page.body, !Catch::Contains("/uploads/"));
}

TEST_CASE("Liquid tags are stripped and Markdown is rendered to text", "[corpus][reader]") {
  Page page = read_page("_posts/2018-01-17-welcome-to-jekyll.markdown");
  CHECK_THAT(page.body, !Catch::Contains("{%"));
  CHECK_THAT(page.body, !Catch::Contains("highlight"));
  CHECK_THAT(page.body, Catch::Contains("def print_hi(name)"));  // code keeps its text
  CHECK_THAT(page.body, Catch::Contains("Check out the Jekyll docs for more info"));
  CHECK_THAT(page.body, !Catch::Contains("jekyllrb.com"));  // reference-link URLs dropped
  CHECK_THAT(page.body, !Catch::Contains("]["));
  CHECK(page.date == "2018-01-17");
  CHECK(page.type == "posts");
}

TEST_CASE("dates in every form and from post file names", "[corpus][reader]") {
  CHECK(read_page("_posts/2010-01-12-haiti-openstreetmap-response-by-mikel.md").date ==
        "2010-01-12");
  CHECK(read_page("_projects/missing-maps.md").date == "2015-08-01");
  // A post without a date key takes the date in its file name.
  std::string bytes = "---\ntitle: No date key\n---\nbody\n";
  ReadResult r = corpus_reader().read_bytes("_posts/2016-03-05-no-date.md", bytes);
  CHECK(r.page.date == "2016-03-05");
  CHECK(r.page.url == "/2016/03/05/no-date.html");
}

TEST_CASE("pages in French, Spanish and Portuguese are detected as such", "[corpus][reader]") {
  CHECK(read_page("_projects/2013-02-01-activation-pour-le-mali.md").lang == "fr");
  CHECK(read_page("_projects/espace-osm-francophone.md").lang == "fr");
  CHECK(read_page("_projects/essaie-1.markdown").lang == "es");  // despite its French title
  CHECK(read_page("_projects/activacion-por-el-huracan-otis-acapulco.markdown").lang == "es");
  CHECK(read_page("_hubs/hub-de-mapeamento-aberto-america-latina-e-caribe.markdown").lang == "pt");
  CHECK(read_page("_projects/missing-maps.md").lang == "en");
}

TEST_CASE("published false and files without front matter are not pages", "[corpus][reader]") {
  std::string covid = test::read_file(test::real_corpus() / "_projects/covid-19.markdown");
  CHECK(corpus_reader().read_bytes("_projects/covid-19.markdown", covid).status ==
        ReadStatus::Unpublished);
  std::string readme = test::read_file(test::real_corpus() / "README.md");
  CHECK(corpus_reader().read_bytes("README.md", readme).status == ReadStatus::NotAPage);
}

TEST_CASE("every file of the corpus reads or fails with its location and none crashes",
          "[corpus][reader]") {
  // 261 files: 3 in _drafts/ are not scanned; README.md has no front matter; 27 say
  // `published: false`; _people/bo-percival.markdown never closes its front matter. That
  // leaves 229 searchable pages, the count SOURCE.md gives.
  ScanResult scan = scan_content(test::real_corpus());
  CHECK(scan.problems.empty());
  CHECK(scan.files.size() == 258);
  std::size_t pages = 0, unpublished = 0, static_files = 0, failed = 0;
  for (const SourceFile& file : scan.files) {
    try {
      ReadResult result = corpus_reader().read(file);
      if (result.status == ReadStatus::Page) {
        ++pages;
        CHECK(result.page.id == file.id);
        CHECK(!result.page.url.empty());
        CHECK(!result.page.lang.empty());
      } else if (result.status == ReadStatus::Unpublished) {
        ++unpublished;
      } else {
        ++static_files;
        CHECK(file.id == "README.md");
      }
    } catch (const PageError& e) {
      ++failed;
      CHECK(e.path() == "_people/bo-percival.markdown");
      CHECK(std::string(e.what()) ==
            "_people/bo-percival.markdown:1:1: front matter is not closed (no `---` line after "
            "the opening one)");
    }
  }
  CHECK(pages == 229);
  CHECK(unpublished == 27);
  CHECK(static_files == 1);
  CHECK(failed == 1);
}

TEST_CASE("literal \\r\\n in plain YAML strings are line breaks, not text", "[corpus][reader]") {
  Page page = read_page("_projects/central-african-republic-activation.md");
  std::string texts = joined(page.texts);
  CHECK_THAT(texts, Catch::Contains("durer des années. Depuis avril 2013"));
  CHECK_THAT(texts, !Catch::Contains("\\r"));
  CHECK_THAT(texts, !Catch::Contains("\\n"));
}

TEST_CASE("block lists at any depth give headers and texts", "[corpus][reader]") {
  Page page = read_page("_impact-areas/programs.markdown");
  CHECK(contains(page.headers, "Open Mapping for Gender Equality"));  // block > sub-block
  CHECK(contains(page.headers, "Tags that reflect gender-specific places of interest"));
  CHECK(contains(page.headers, "HOT Gender Equality Projects"));             // block heading
  CHECK(contains(page.texts, "OSM tagging in support of women and girls"));  // sections > points
  CHECK(contains(page.texts, "Download PDF Infosheet"));                     // Page Link label
  std::string texts = joined(page.texts);
  CHECK_THAT(texts, Catch::Contains("accessible maps that aid local communities"));  // **bold**
  CHECK_THAT(texts, !Catch::Contains("**"));
  CHECK_THAT(texts, !Catch::Contains("drive.google.com"));
  CHECK_THAT(texts, !Catch::Contains("gender.svg"));
}

TEST_CASE("a page's own front matter: title, facets, text and what is not text", "[reader]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  ReadResult result =
      reader.read_bytes("_projects/x.md",
                        "---\n"
                        "title: '**Mapping** <em>Côte d’Ivoire</em> {{ site.x }}'\n"
                        "Title: Director of Programs\n"
                        "Country: [Côte d'Ivoire, \"cote  D'IVOIRE\", Mali, ~, '']\n"
                        "Countries: {Country: ' Mali '}\n"
                        "Person:\n"
                        "Project: '  Missing   Maps '\n"
                        "Block 1:\n"
                        "  Header: Why maps\n"
                        "  Text: Maps <a href=\"https://x.org\">save</a> lives.\n"
                        "  Project: [Missing Maps, Open Cities]\n"
                        "colour: '#a1b2c3'\n"
                        "position: 7\n"
                        "ratio: 0.75\n"
                        "flag: true\n"
                        "Start: 2019-07-01 10:00:00 Z\n"
                        "Picture: /uploads/a b.jpg\n"
                        "Mail: info@hotosm.org\n"
                        "Site: https://hotosm.org\n"
                        "---\n"
                        "## Body heading\n\nBody text.\n");
  REQUIRE(result.status == ReadStatus::Page);
  const Page& page = result.page;
  // Shown as written, as Jekyll prints it: HTML tags stripped, Markdown and Liquid kept.
  CHECK(page.title == "**Mapping** Côte d’Ivoire {{ site.x }}");
  CHECK(page.facets.at("country") == std::vector<std::string>{"Côte d'Ivoire", "Mali"});
  CHECK(page.facets.at("project") == std::vector<std::string>{"Missing Maps", "Open Cities"});
  CHECK(page.facets.count("person") == 0);
  CHECK(page.headers == std::vector<std::string>{"Why maps", "Body heading"});
  // `Title` at the top level is not a block's header: on a person's page it is a job title.
  // An e-mail address is text; a web address is not.
  CHECK(page.texts ==
        std::vector<std::string>{"Director of Programs", "Maps save lives.", "info@hotosm.org"});
  CHECK(page.body == "Body heading\nBody text.\n");
  CHECK(page.type == "projects");
  CHECK(page.url == "/projects/x.html");
}

TEST_CASE("a title is shown as written, without its HTML tags", "[reader]") {
  // Rendered as Markdown, these lost their number, their `#`, their asterisks, or everything.
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  auto title_of = [&](const std::string& yaml_value) {
    return reader.read_bytes("a.md", "---\ntitle: " + yaml_value + "\n---\nbody\n").page.title;
  };
  CHECK(title_of("1. First steps in JOSM") == "1. First steps in JOSM");
  CHECK(title_of("'- Draft: mapping guide'") == "- Draft: mapping guide");
  CHECK(title_of("'# 10 years of HOT'") == "# 10 years of HOT");
  CHECK(title_of("Q&A with *the* board") == "Q&A with *the* board");
  CHECK(title_of("'[Mapping] `Mali` \\o/'") == "[Mapping] `Mali` \\o/");
  CHECK(title_of("https://hotosm.org") == "https://hotosm.org");
  CHECK(title_of("\"Caf&eacute; &amp; <em>maps</em>\\n  for   <b>all</b> 2 < 3\"") ==
        "Café & maps for all 2 < 3");
}

TEST_CASE("the words of links in the front matter are text, their addresses are not", "[reader]") {
  // Link values were ignored whole, and with them the anchors' words.
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  Page page =
      reader
          .read_bytes("_projects/about.md",
                      "---\n"
                      "title: About\n"
                      "Block 5:\n"
                      "  Header: Community\n"
                      "  Links: [<a href=\"https://wiki.osm.org/\">OSM Wiki</a>,\n"
                      "    '<a href=\"http://lists.osm.org/\">Local community discussions</a>']\n"
                      "link: \"[2023 Hurricane Otis Mexico]\\nhttps://wiki.osm.org/Otis\"\n"
                      "HDX: <a href=\"https://data.humdata.org/?q=india\">India</a>, "
                      "<a href=\"https://data.humdata.org/?q=nepal\">Nepal</a>\n"
                      "Link: https://www.missingmaps.org/\n"
                      "Links: [/volunteer, http://LearnOSM.org, report.pdf]\n"
                      "---\n")
          .page;
  CHECK(page.headers == std::vector<std::string>{"Community"});
  CHECK(page.texts == std::vector<std::string>{"OSM Wiki", "Local community discussions",
                                               "[2023 Hurricane Otis Mexico]", "India, Nepal"});
}

TEST_CASE("a sentence that ends in a file name is text; a file name or a path is not", "[reader]") {
  // The sentences were dropped whole for their last word.
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  Page page = reader
                  .read_bytes("a.md",
                              "---\n"
                              "Summary Text: Download the annual report as report.pdf\n"
                              "Caption: Volunteers mapping in Kampala, team-photo.JPG\n"
                              "Intro: Read the guide at guide.html today\n"
                              "Document: report.pdf\n"
                              "Picture: /uploads/IMG 1 (2).jpg\n"
                              "Photo Credit: ../uploads/a b.png\n"
                              "Download: https://hotosm.org/downloads/annual report.pdf\n"
                              "Sheet: data/buildings.csv\n"
                              "---\n")
                  .page;
  CHECK(page.texts == std::vector<std::string>{"Download the annual report as report.pdf",
                                               "Volunteers mapping in Kampala, team-photo.JPG",
                                               "Read the guide at guide.html today"});
}

TEST_CASE("front matter edge cases: empty, dots, CRLF, BOM, not a mapping", "[reader]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  ReadResult empty = reader.read_bytes("e.md", "---\n---\n");
  CHECK(empty.status == ReadStatus::Page);
  CHECK(empty.page.title.empty());
  CHECK(empty.page.url == "/e.html");
  CHECK(reader.read_bytes("d.md", "---\ntitle: Dots\n...\nbody\n").page.title == "Dots");
  ReadResult crlf = reader.read_bytes("c.md", "---\r\ntitle: CRLF\r\n---\r\nbody\r\n");
  CHECK(crlf.page.title == "CRLF");
  CHECK(crlf.page.body == "body\n");
  CHECK(reader.read_bytes("b.md", "\xEF\xBB\xBF---\ntitle: BOM\n---\n").page.title == "BOM");
  CHECK(reader.read_bytes("n.md", "no front matter\n---\n").status == ReadStatus::NotAPage);
  CHECK(reader.read_bytes("n.md", "").status == ReadStatus::NotAPage);
  CHECK(reader.read_bytes("n.md", "----\ntitle: x\n----\n").status == ReadStatus::NotAPage);
  CHECK_THROWS_WITH(reader.read_bytes("l.md", "---\n- a\n- b\n---\n"),
                    "l.md:2:1: front matter is not a mapping of keys to values");
  CHECK_THROWS_WITH(reader.read_bytes("u.md", "---\ntitle: x\nbody without end\n"),
                    "u.md:1:1: front matter is not closed (no `---` line after the opening one)");
  CHECK_THROWS_WITH(reader.read_bytes("u.md", "---"),
                    "u.md:1:1: front matter is not closed (no `---` line after the opening one)");
  for (const char* word : {"false", "False", "no", "off"}) {
    CAPTURE(word);
    CHECK(reader.read_bytes("p.md", "---\npublished: " + std::string(word) + "\n---\n").status ==
          ReadStatus::Unpublished);
  }
  CHECK(reader.read_bytes("p.md", "---\npublished: true\n---\n").status == ReadStatus::Page);
}

TEST_CASE("the content hash is FNV-1a of the file's bytes", "[reader]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  CHECK(reader.read_bytes("a.md", "").hash == 0xcbf29ce484222325ULL);
  CHECK(reader.read_bytes("a.md", "a").hash == 0xaf63dc4c8601ec8cULL);
  CHECK(reader.read_bytes("a.md", "---\n---\nx").hash !=
        reader.read_bytes("a.md", "---\n---\ny").hash);
}

TEST_CASE("a bad page names the file's own line even after a long front matter", "[reader]") {
  std::string yaml = "---\n";
  for (int i = 0; i < 50; ++i) yaml += "key" + std::to_string(i) + ": value\n";
  PageError e = read_error("long.md", yaml + "bad: [unclosed\n---\n");
  CHECK(e.line() == 53);
  CHECK(std::string(e.what()) == "long.md:53:1: front matter: end of sequence flow not found");
}

TEST_CASE("bad YAML is reported at the file's own line and column", "[reader]") {
  PageError e = read_error("a.md", "---\ntitle: ok\nSummary Text: Open: Aerial: Map\n---\nbody\n");
  CHECK(std::string(e.what()) == "a.md:3:19: front matter: illegal map value");
  CHECK(e.line() == 3);
}

TEST_CASE("a quoted value that is never closed is bad YAML, not a long title", "[reader]") {
  // yaml-cpp 0.7 took the rest of the front matter into the title, and the page lost its facets
  // without a word (Jekyll refuses the page).
  PageError twice =
      read_error("p.md", "---\nlayout: x\ntitle: \"Good quokka\nCountry: Kenya\n---\nbody\n");
  CHECK(std::string(twice.what()) == "p.md:3:8: front matter: a quoted value is never closed");
  PageError once = read_error("q.md", "---\ntitle: 'Good\r\nCountry: Kenya\r\n---\r\nbody\r\n");
  CHECK(std::string(once.what()) == "q.md:2:8: front matter: a quoted value is never closed");
  PageError nested = read_error("r.md", "---\nBlock 1:\n  Text: \"open\n---\n");
  CHECK(std::string(nested.what()) == "r.md:3:9: front matter: a quoted value is never closed");
}

TEST_CASE("invalid UTF-8 and NUL bytes are refused with their position", "[reader]") {
  PageError utf8 = read_error("b.md", "---\ntitle: caf\xe9\n---\n");
  CHECK(std::string(utf8.what()) == "b.md:2:11: invalid UTF-8");
  PageError nul = read_error("c.md", "---\ntitle: x\n---\nab\0cd"s);
  CHECK(std::string(nul.what()) == "c.md:4:3: binary content (NUL byte), not a text page");
}

TEST_CASE("addresses are not text, even glued to a word", "[reader]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  Page page = reader
                  .read_bytes("a.md",
                              "---\nSummary: Give at https://donate.hotosm.org today\n---\n"
                              "The campaignhttp://donate.hotosm.org worked.\n\n"
                              "[VIDEO::http://www.youtube.com/watch?v=zdUuZDtYEHs]\n\n"
                              "Write to mailto:info@hotosm.org or see //cdn.hotosm.org/x.\n")
                  .page;
  CHECK(page.texts == std::vector<std::string>{"Give at today"});
  CHECK(page.body == "The campaign worked.\n[VIDEO::]\nWrite to  or see \n");
}

TEST_CASE("an e-mail address in the front matter is text; a handle is not", "[reader]") {
  // `partnerships@hotosm.org` found no page: every value with an `@` was dropped.
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  Page page = reader
                  .read_bytes("a.md",
                              "---\n"
                              "Contact Email: partnerships@hotosm.org\n"
                              "Twitter: '@hotosm'\n"
                              "Odd: a@b\n"
                              "Two: x@y@z.org\n"
                              "---\n")
                  .page;
  CHECK(page.texts == std::vector<std::string>{"partnerships@hotosm.org"});
}

TEST_CASE("a list item's title that is a sentence is text, a block's header is a header",
          "[reader]") {
  // A point of a list, titled with a whole sentence, weighed as a heading: its one mention of
  // `drought` put the page first for `drought`.
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  Page page = reader
                  .read_bytes("a.md",
                              "---\n"
                              "block-1:\n"
                              "  Header: Developing innovative new technology to serve the "
                              "humanitarian and development communities\n"
                              "  sub-block:\n"
                              "    title: Open Mapping in Public Health\n"
                              "    points:\n"
                              "      - title: WASH facility needs are tracked\n"
                              "        subs:\n"
                              "          - title: Health facilities are accessible by population "
                              "and healthcare providers\n"
                              "---\n")
                  .page;
  CHECK(page.headers == std::vector<std::string>{
                            "Developing innovative new technology to serve the humanitarian "
                            "and development communities",
                            "Open Mapping in Public Health", "WASH facility needs are tracked"});
  CHECK(page.texts ==
        std::vector<std::string>{
            "Health facilities are accessible by population and healthcare providers"});
}

TEST_CASE("a file without front matter is a static file whatever its bytes", "[reader]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  CHECK(reader.read_bytes("README.md", "Caf\xe9 in Latin-1\n").status == ReadStatus::NotAPage);
  CHECK(reader.read_bytes("logo.html", "\x89PNG\r\n\x1a\n\0\0"s).status == ReadStatus::NotAPage);
  // With front matter it is a page, and a page must be text.
  CHECK_THROWS_WITH(reader.read_bytes("a.md", "---\ntitle: x\n---\n\x89PNG\r\n"),
                    "a.md:4:1: invalid UTF-8");
  CHECK_THROWS_WITH(reader.read_bytes("a.md", "---\ntitle: x\n---\nPNG\0\0"s),
                    "a.md:4:4: binary content (NUL byte), not a text page");
}

TEST_CASE("a YAML alias bomb is refused quickly", "[reader]") {
  PageError e = read_error("bomb.md", test::alias_bomb_page());
  CHECK_THAT(e.what(),
             Catch::Contains("front matter has more than 100000 values (YAML aliases expanding?)"));
}

TEST_CASE("a front matter of two hundred thousand values is refused before it is built",
          "[reader]") {
  std::string many = "---\nx: [";
  for (int i = 0; i < 200 * 1000; ++i) many += "a,";
  many += "a]\n---\n";
  PageError e = read_error("many.md", many);
  CHECK(std::string(e.what()) == "many.md:2:1: front matter has more than 100000 values");
}

TEST_CASE("deep nesting and oversized front matter are refused", "[reader]") {
  PageError deep =
      read_error("deep.md", "---\na: " + std::string(200, '[') + std::string(200, ']') + "\n---\n");
  CHECK(std::string(deep.what()) == "deep.md:2:1: front matter nests deeper than 32 levels");
  ReaderLimits small;
  small.max_front_matter_bytes = 100;
  PageError big = read_error("big.md", "---\ntitle: " + std::string(200, 'x') + "\n---\n", small);
  CHECK(std::string(big.what()) ==
        "big.md:2:1: front matter is 208 bytes, over the limit of 100 bytes");
}

TEST_CASE("a 100 MB page is rejected by its size before it is read", "[reader]") {
  test::TempDir dir;
  fs::path huge = dir / "_posts/2020-01-01-huge.md";
  fs::create_directories(huge.parent_path());
  {
    std::ofstream out(huge);
    out << "---\ntitle: huge\n---\n";
  }
  fs::resize_file(huge, std::uintmax_t{100} * 1024 * 1024);  // sparse: costs no disk
  PageReader reader(SiteConfig::load(dir.path()), FieldMap::defaults());
  SourceFile file{"_posts/2020-01-01-huge.md", huge, std::uint64_t{100} * 1024 * 1024, 0};
  try {
    reader.read(file);
    FAIL("a 100 MB page was read");
  } catch (const PageError& e) {
    CHECK(std::string(e.what()) ==
          "_posts/2020-01-01-huge.md: file is 104857600 bytes, over the limit of 4194304 bytes");
  }
}

TEST_CASE("a 100 MB static file is a static file, not a failed page", "[reader]") {
  // Only pages have a size limit: a big report.html without front matter once failed every run.
  test::TempDir dir;
  fs::path report = dir / "report.html";
  {
    std::ofstream out(report);
    out << "<html><body>A report\n";
  }
  fs::resize_file(report, std::uintmax_t{100} * 1024 * 1024);  // sparse: costs no disk
  PageReader reader(SiteConfig::load(dir.path()), FieldMap::defaults());
  SourceFile file{"report.html", report, std::uint64_t{100} * 1024 * 1024, 0};
  CHECK(reader.read(file).status == ReadStatus::NotAPage);
}

TEST_CASE("the indexer rejects a huge page and an alias bomb and indexes the rest", "[reader]") {
  test::TempDir dir;
  fs::path site = dir / "site";
  test::copy_tree(test::sample_content(), site);
  {
    std::ofstream out(site / "_posts/2020-01-01-huge.md");
    out << "---\ntitle: huge\n---\n";
  }
  fs::resize_file(site / "_posts/2020-01-01-huge.md", std::uintmax_t{100} * 1024 * 1024);
  test::write_file(site / "_posts/2020-01-02-bomb.md", test::alias_bomb_page());
  auto r = test::build_index(site, dir / "db");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("_posts/2020-01-01-huge.md: file is 104857600 bytes"));
  CHECK_THAT(r.err, Catch::Contains("_posts/2020-01-02-bomb.md:"));
  CHECK_THAT(r.out, Catch::Contains("full index of 58 pages: 58 added"));
}
