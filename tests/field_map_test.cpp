// The field map: the role of every front-matter key the HOT website uses, and the errors of a
// hand-written map.
#include "indexer/field_map.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/error.h"
#include "indexer/page_reader.h"
#include "indexer/site_config.h"
#include "tests/test_support.h"

using namespace hotsearch;

namespace {

std::string facet_name(const FieldMap& map, const std::string& key) {
  const schema::Facet* facet = map.facet(key);
  return facet ? std::string(facet->name) : "none";
}

std::string parse_error(const std::string& yaml) {
  try {
    FieldMap::parse(yaml, "map.yml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("facet keys of the HOT website feed their facets, singular or plural", "[field_map]") {
  FieldMap map = FieldMap::defaults();
  CHECK(facet_name(map, "Project") == "project");
  CHECK(facet_name(map, "Projects") == "project");
  CHECK(facet_name(map, "related-project") == "project");
  CHECK(facet_name(map, "Country") == "country");
  CHECK(facet_name(map, "Countries") == "country");
  CHECK(facet_name(map, "Impact Area") == "impact_area");
  CHECK(facet_name(map, "impact_areas") == "impact_area");
  CHECK(facet_name(map, "Partner") == "partner");
  CHECK(facet_name(map, "Person") == "person");
  CHECK(facet_name(map, "People") == "person");
  CHECK(facet_name(map, "Working Group") == "working_group");
  CHECK(facet_name(map, "working-group") == "working_group");
  CHECK(facet_name(map, "  WORKING   GROUPS ") == "working_group");
  CHECK(map.role("Countries") == FieldRole::Facet);
  CHECK(facet_name(map, "Summary Text") == "none");
}

TEST_CASE("every other key of the HOT website has the role its values call for", "[field_map]") {
  FieldMap map = FieldMap::defaults();
  // Block headings (`Block 1: {Header}`, `block-1: {Title}`, `sections: [{heading}]`).
  for (const char* key : {"Header", "heading", "Title", "title", "subheading", "blocktitle"}) {
    CAPTURE(key);
    CHECK(map.role(key) == FieldRole::Header);
  }
  // Human text, also where a value is sometimes a URL (the reader drops those values).
  for (const char* key :
       {"Summary Text", "Project Summary Text", "Text", "Words", "Label", "Action-text", "intro",
        "intro2", "summary", "Intro Text", "points", "subs", "Data", "Tools", "Tool", "names",
        "Languages", "Campaign", "Event Name", "Event type", "HOT Involvement", "Team", "Job Title",
        "Place of Work", "Contact", "Name", "Address", "Location Name", "source", "tags",
        "categories", "author", "tm_campaigns", "Timeline", "Resources", "Details",
        "GDACS Incident Name", "Block 1", "block-2", "sub-block", "sections", "Page Link",
        // Anchors whose words are text (`<a href="...">OSM Wiki</a>`).
        "Link", "link", "Links", "HDX"}) {
    CAPTURE(key);
    CHECK(map.role(key) == FieldRole::Text);
  }
  // Links, pictures, contact details, codes, flags, machinery.
  for (const char* key : {"Feature Image",
                          "Hub Image",
                          "Image",
                          "Photo",
                          "src",
                          "embed-link",
                          "URL",
                          "Map Link",
                          "Apply Form Link",
                          "Web-page",
                          "Website",
                          "Blog",
                          "Wiki",
                          "Wiki-page",
                          "Google Drive",
                          "Calendar",
                          "Chat",
                          "Coordination",
                          "Size-up",
                          "TM-Search",
                          "Report",
                          "Point of Contact",
                          "Social Media (Full URL)",
                          "Twitter",
                          "LinkedIn",
                          "Facebook",
                          "Instagram",
                          "OSM",
                          "continent",
                          "urlname",
                          "Glide",
                          "GDACS",
                          "GDACS ID",
                          "GDACS-level",
                          "GDACS Alert Lvl.",
                          "Tracking",
                          "Tracking#",
                          "Status",
                          "Post-type",
                          "project_extent",
                          "Start Date",
                          "End Date",
                          "Deadline Date",
                          "Is Staff",
                          "Is Voting Member",
                          "Is Board Member",
                          "Is Community-Led",
                          "Is image top aligned",
                          "Is Guideline",
                          "audacious",
                          "Micrograntee",
                          "OEG Compliant",
                          "layout",
                          "permalink",
                          "redirect_from",
                          "position",
                          "created",
                          "published"}) {
    CAPTURE(key);
    CHECK(map.role(key) == FieldRole::Ignored);
  }
  // E-mail addresses are text: people search for `partnerships@hotosm.org`.
  for (const char* key : {"Email", "Contact Email"}) {
    CAPTURE(key);
    CHECK(map.role(key) == FieldRole::Text);
  }
}

TEST_CASE("a field map file replaces the defaults", "[field_map]") {
  test::TempDir dir;
  test::write_file(dir / "_hotsearch.yml",
                   "facets:\n  country: [Land]\n  project: [Initiative]\n"
                   "headers: [Caption]\nignored: [Secret]\n");
  FieldMap map = FieldMap::load(dir / "_hotsearch.yml");
  CHECK(facet_name(map, "Land") == "country");
  CHECK(facet_name(map, "Initiatives") == "project");
  CHECK(facet_name(map, "Country") == "none");  // not in this map: plain text
  CHECK(map.role("Country") == FieldRole::Text);
  CHECK(map.role("caption") == FieldRole::Header);
  CHECK(map.role("SECRET") == FieldRole::Ignored);
  CHECK(map.fingerprint() != FieldMap::defaults().fingerprint());
}

TEST_CASE("the fingerprint is the map's meaning, not its spelling", "[field_map]") {
  FieldMap a = FieldMap::parse("facets: {country: [Country]}\nignored: [URL, Image]\n", "a");
  FieldMap b =
      FieldMap::parse("ignored:\n  - image\n  - url\nfacets:\n  country:\n  - COUNTRY\n", "b");
  FieldMap c = FieldMap::parse("facets: {country: [Country]}\nignored: [URL]\n", "c");
  CHECK(a.fingerprint() == b.fingerprint());
  CHECK(a.fingerprint() != c.fingerprint());
  CHECK(a.fingerprint().size() == 16);
  CHECK(FieldMap::defaults().fingerprint() == FieldMap::defaults().fingerprint());
}

TEST_CASE("a country page is a page of its country", "[field_map]") {
  // None of the real site's 30 country pages was listed by a filter on its own country.
  FieldMap map = FieldMap::defaults();
  REQUIRE(map.title_facet("where-we-work") != nullptr);
  CHECK(map.title_facet("where-we-work")->name == "country");
  CHECK(map.title_facet("projects") == nullptr);
  PageReader reader(SiteConfig::load("/nonexistent"), map);
  Page uganda = reader
                    .read_bytes("_where-we-work/uganda.md",
                                "---\ntitle: Uganda\nCountry: uganda\n---\nMapping in Uganda.\n")
                    .page;
  CHECK(uganda.facets.at("country") == std::vector<std::string>{"uganda"});  // not twice
  Page kenya =
      reader.read_bytes("_where-we-work/kenya.md", "---\ntitle: Kenya\n---\nKenya.\n").page;
  CHECK(kenya.facets.at("country") == std::vector<std::string>{"Kenya"});
  Page project = reader.read_bytes("_projects/kenya.md", "---\ntitle: Kenya\n---\nKenya.\n").page;
  CHECK(project.facets.count("country") == 0);
}

TEST_CASE("a wrong field map is refused with its file, line and column", "[field_map]") {
  CHECK(parse_error("facets: {planet: [Planet]}\n") == "map.yml:1:10: unknown facet \"planet\"");
  CHECK(parse_error("facets: {type: [Kind]}\n") == "map.yml:1:10: unknown facet \"type\"");
  CHECK(parse_error("facet: {}\n") ==
        "map.yml:1:1: unknown section \"facet\" (expected facets, headers, ignored or "
        "titles_as_facets)");
  CHECK(parse_error("titles_as_facets: {where-we-work: planet}\n") ==
        "map.yml:1:35: unknown facet \"planet\"");
  CHECK(parse_error("titles_as_facets: [country]\n") ==
        "map.yml:1:19: titles_as_facets must map collection names to facet names");
  CHECK(parse_error("headers: Header\n") == "map.yml:1:10: headers must be a list of keys");
  CHECK(parse_error("ignored: [[a]]\n") == "map.yml:1:11: ignored entries must be key names");
  CHECK(parse_error("headers: [Title]\nignored: [title]\n") ==
        "map.yml:1:11: key \"Title\" is listed twice");
  CHECK(parse_error("facets: [country]\n") == "map.yml:1:9: facets must map facet names to keys");
  CHECK(parse_error("facets: {country: [a}\n") == "map.yml:1:21: illegal flow end");
  CHECK(parse_error("- a\n") == "map.yml: a field map is a mapping with `facets:`");
  test::TempDir dir;
  CHECK_THROWS_WITH(FieldMap::load(dir / "missing.yml"),
                    "cannot read field map " + (dir / "missing.yml").string());
}
