// `_config.yml` and the URLs Jekyll would give pages.
#include "indexer/site_config.h"

#include <catch2/catch.hpp>
#include <string>

#include "indexer/error.h"
#include "indexer/page_reader.h"
#include "tests/test_support.h"

using namespace hotsearch;

namespace {

SiteConfig config_of(const test::TempDir& dir, const std::string& yaml) {
  test::write_file(dir / "_config.yml", yaml);
  return SiteConfig::load(dir.path());
}

std::string url(const SiteConfig& site, const std::string& id, const std::string& collection,
                const std::string& date = "", std::vector<std::string> categories = {},
                const std::string& permalink = "") {
  UrlInputs page;
  page.page_id = id;
  page.collection = collection;
  page.date = date;
  page.categories = std::move(categories);
  page.permalink = permalink;
  return site.url_for(page);
}

}  // namespace

TEST_CASE("without _config.yml, URLs follow Jekyll's defaults", "[site]") {
  SiteConfig site = SiteConfig::load("/nonexistent");
  // Root pages: their path, `.md` -> `.html`, an index stands for its folder.
  CHECK(url(site, "index.md", "pages") == "/");
  CHECK(url(site, "get-involved.markdown", "pages") == "/get-involved.html");
  CHECK(url(site, "about/index.md", "pages") == "/about/");
  CHECK(url(site, "about/history.markdown", "pages") == "/about/history.html");
  CHECK(url(site, "about/team.html", "pages") == "/about/team.html");
  // Collections: /:collection/:path:output_ext (the `date` style's ending).
  CHECK(url(site, "_projects/missing-maps.md", "projects") == "/projects/missing-maps.html");
  CHECK(url(site, "_projects/a/b/c.markdown", "projects") == "/projects/a/b/c.html");
  CHECK(url(site, "_where-we-work/cote-divoire.md", "where-we-work") ==
        "/where-we-work/cote-divoire.html");
  // Posts: /:categories/:year/:month/:day/:title:output_ext.
  CHECK(url(site, "_posts/2016-03-05-no-date.md", "posts", "2016-03-05") ==
        "/2016/03/05/no-date.html");
  CHECK(url(site, "_posts/2018-01-17-welcome-to-jekyll.markdown", "posts", "2018-01-17",
            {"jekyll", "Update", "jekyll"}) == "/jekyll/update/2018/01/17/welcome-to-jekyll.html");
}

TEST_CASE("placeholder values are slugged and escaped, literal permalinks kept", "[site]") {
  SiteConfig site = SiteConfig::load("/nonexistent");
  // :title is the file's slug in Jekyll's `pretty` mode, case kept: `?` and spaces go.
  CHECK(url(site, "_posts/2019-04-26-How maps help aid response Cyclone Idai?.markdown", "posts",
            "2019-04-26") == "/2019/04/26/How-maps-help-aid-response-Cyclone-Idai.html");
  // :path is escaped, not slugged.
  CHECK(url(site, "_people/benoît fournier.md", "people") == "/people/beno%C3%AEt%20fournier.html");
  // A front-matter permalink is a template written by a person: its text is kept, a slash
  // is added in front, runs of slashes are squeezed.
  CHECK(url(site, "_projects/missing-maps.md", "projects", "", {}, "missing_maps") ==
        "/missing_maps");
  CHECK(url(site, "_people/benot-fournier.md", "people", "", {}, "users/benoît_fournier") ==
        "/users/benoît_fournier");
  CHECK(url(site, "_projects/x.md", "projects", "", {}, "/projects//CycloneIdai/") ==
        "/projects/CycloneIdai/");
  // A URL never leaves the site: a browser reads `\` in a link as `/`, so `/\evil.example/x`
  // would be `//evil.example/x`, another site.
  CHECK(url(site, "_projects/x.md", "projects", "", {}, "\\evil.example/phish") ==
        "/%5Cevil.example/phish");
  CHECK(url(site, "_projects/x.md", "projects", "", {}, "/\\/evil.example/phish") ==
        "/%5C/evil.example/phish");
  CHECK(url(site, "_projects/x.md", "projects", "", {}, "//evil.example/phish") ==
        "/evil.example/phish");
  CHECK(url(site, "_posts/2019-07-01-a-b.md", "posts", "2019-07-01", {},
            "/:year/:i_month/:i_day/:short_year/:y_day/:name/:slug/:title_.x/:unknown") ==
        "/2019/7/1/19/182/2019-07-01-a-b/a-b/a-b_.x/:unknown");
  // The five-argument form is the same without categories.
  CHECK(site.url_for("_posts/2016-03-05-no-date.md", "posts", "", "ignored", "2016-03-05") ==
        "/2016/03/05/no-date.html");
}

TEST_CASE("collection permalinks and the site style come from _config.yml", "[site]") {
  test::TempDir dir;
  SiteConfig site = config_of(dir,
                              "permalink: pretty\n"
                              "collections:\n"
                              "  projects:\n"
                              "    output: true\n"
                              "    permalink: /projects/:path/\n"
                              "  people:\n"
                              "    output: true\n"
                              "  archive:\n"
                              "    output: false\n");
  CHECK(url(site, "_projects/missing-maps.md", "projects") == "/projects/missing-maps/");
  CHECK(url(site, "_people/jane.md", "people") == "/people/jane/");  // pretty: ends in /
  CHECK(url(site, "get-involved.md", "pages") == "/get-involved/");
  CHECK(url(site, "_posts/2016-03-05-a.md", "posts", "2016-03-05") == "/2016/03/05/a/");
  // A one-digit month and day in the name: the slug is the rest, as Jekyll has it.
  CHECK(url(site, "_posts/2019-3-4-short.md", "posts", "2019-03-04") == "/2019/03/04/short/");
  CHECK(site.collection_has_output("projects"));
  CHECK(site.collection_has_output("undeclared"));
  CHECK_FALSE(site.collection_has_output("archive"));
}

TEST_CASE("the sample site's _config.yml gives its URLs", "[site]") {
  SiteConfig site = SiteConfig::load(test::sample_content());
  CHECK(url(site, "_projects/school-mapping-nepal.md", "projects") ==
        "/projects/school-mapping-nepal/");
  CHECK(url(site, "_posts/2018-03-08-women-who-map.md", "posts", "2018-03-08") ==
        "/updates/2018-03-08-women-who-map/");
  // Its site pattern ends with `/`, so pages end with `/` too.
  CHECK(url(site, "get-involved.md", "pages") == "/get-involved/");
  CHECK(url(site, "about/history.markdown", "pages") == "/about/history/");
  CHECK(url(site, "index.md", "pages") == "/");
}

TEST_CASE("front-matter defaults: the most specific scope wins", "[site]") {
  test::TempDir dir;
  SiteConfig site = config_of(dir,
                              "defaults:\n"
                              "- scope: {path: ''}\n"
                              "  values: {lang: en}\n"
                              "- scope: {path: '', type: posts}\n"
                              "  values:\n"
                              "    permalink: updates/:title/\n"
                              "    layout: news-item\n"
                              "    Country: ['']\n"
                              "- scope: {path: fr}\n"
                              "  values: {lang: fr}\n"
                              "- scope: {path: '_projects/archive/*'}\n"
                              "  values: {published: false}\n");
  CHECK(site.default_value("_posts/2019-01-01-a.md", "posts", "permalink") == "updates/:title/");
  CHECK(site.default_value("_posts/2019-01-01-a.md", "posts", "layout") == "news-item");
  CHECK(site.default_value("_posts/2019-01-01-a.md", "posts", "Country").empty());  // a list
  CHECK(site.default_value("_projects/a.md", "projects", "permalink").empty());
  CHECK(site.default_value("fr/index.md", "pages", "lang") == "fr");
  CHECK(site.default_value("france.md", "pages", "lang") == "en");  // `fr` is a folder
  CHECK(site.default_value("_projects/archive/old.md", "projects", "published") == "false");
  CHECK(url(site, "_posts/2018-01-17-welcome-to-jekyll.markdown", "posts", "2018-01-17") ==
        "/updates/welcome-to-jekyll/");

  // The reader applies them; the page's own front matter still wins.
  PageReader reader(site, FieldMap::defaults());
  CHECK(reader.read_bytes("_posts/2019-01-01-hello.md", "---\ntitle: Hello\n---\n").page.url ==
        "/updates/hello/");
  CHECK(reader.read_bytes("_posts/2019-01-01-hello.md", "---\npermalink: /hi/\n---\n").page.url ==
        "/hi/");
  CHECK(reader.read_bytes("_projects/archive/old.md", "---\ntitle: Old\n---\n").status ==
        ReadStatus::Unpublished);
  CHECK(reader.read_bytes("_projects/archive/kept.md", "---\npublished: true\n---\n").status ==
        ReadStatus::Page);
  CHECK(reader.read_bytes("fr/a-propos.md", "---\ntitle: x\n---\n").page.lang == "fr");
}

TEST_CASE("pages of a collection without output are not searchable", "[site][reader]") {
  test::TempDir dir;
  PageReader reader(config_of(dir, "collections:\n  notes:\n    output: false\n"),
                    FieldMap::defaults());
  CHECK(reader.read_bytes("_notes/a.md", "---\ntitle: a\n---\nText\n").status ==
        ReadStatus::Unpublished);
}

TEST_CASE("a broken _config.yml is reported with its line and column", "[site]") {
  test::TempDir dir;
  test::write_file(dir / "_config.yml", "collections:\n  projects: [a\n");
  CHECK_THROWS_AS(SiteConfig::load(dir.path()), ConfigError);
  CHECK_THROWS_WITH(SiteConfig::load(dir.path()),
                    (dir / "_config.yml").string() + ":3:1: end of sequence flow not found");
}

TEST_CASE("the fingerprint follows what is read from the config, not its text", "[site]") {
  test::TempDir a, b, c, d, e;
  std::string yaml =
      "permalink: pretty\ncollections:\n  projects:\n    output: true\n"
      "defaults:\n  - scope: {path: _posts}\n    values: {published: true}\n";
  std::string base = config_of(a, yaml).fingerprint();
  CHECK(base == config_of(b, yaml).fingerprint());
  // A comment or a key hotsearch does not read once made every nightly run a full one.
  CHECK(base == config_of(c, "# new\ntitle: HOT\nplugins: [x]\n" + yaml).fingerprint());
  CHECK(base != config_of(d, "permalink: date\n" + yaml.substr(yaml.find('\n') + 1)).fingerprint());
  std::string hidden = yaml;
  hidden.replace(hidden.find("published: true"), 15, "published: false");
  CHECK(base != config_of(e, hidden).fingerprint());
  CHECK(SiteConfig::load("/nonexistent").fingerprint().size() == 16);
}
