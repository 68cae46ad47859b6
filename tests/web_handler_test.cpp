// The pure HTTP handler against an index of the real corpus: no sockets.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <utility>

#include "tests/test_support.h"
#include "web/handler.h"

using hotsearch::web::Request;
using hotsearch::web::Response;
using nlohmann::json;

namespace {

const std::filesystem::path& corpus_db() { return hotsearch::test::corpus_index(); }

Response get(const std::string& target, std::map<std::string, std::string> headers = {},
             const std::string& method = "GET", const std::string& cors = "") {
  static hotsearch::Searcher searcher(corpus_db());
  static hotsearch::web::StaticFiles files =
      hotsearch::web::StaticFiles::load(hotsearch::web::default_static_folder());
  hotsearch::web::Site site;
  site.searcher = &searcher;
  site.files = &files;
  site.cors_origin = cors;
  return hotsearch::web::handle(site, Request{method, target, std::move(headers)});
}

json body(const Response& r) { return json::parse(r.body); }

/// A query-string value with everything but letters and digits %-escaped.
std::string url_escape(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      escaped += c;
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
      escaped += hex;
    }
  }
  return escaped;
}

/// The project's own sample site (content/), indexed once by the real indexer.
const std::filesystem::path& content_db() {
  static hotsearch::test::TempDir dir;
  static std::filesystem::path db = [] {
    auto r = hotsearch::test::build_index(hotsearch::test::sample_content(), dir / "db");
    if (r.exit_code != 0) throw std::runtime_error("indexing content/ failed: " + r.err);
    return dir / "db";
  }();
  return db;
}

Response get_content(const std::string& target) {
  static hotsearch::Searcher searcher(content_db());
  hotsearch::web::Site site;
  site.searcher = &searcher;
  return hotsearch::web::handle(site, Request{"GET", target, {}});
}

bool has_header(const Response& r, const std::string& name, const std::string& value) {
  return std::find(r.headers.begin(), r.headers.end(), std::make_pair(name, value)) !=
         r.headers.end();
}

void check_error(const Response& r, int status, const std::string& code) {
  INFO(r.body);
  CHECK(r.status == status);
  CHECK(r.content_type == "application/json; charset=utf-8");
  json j = body(r);
  CHECK(j["error"]["code"] == code);
  CHECK(!j["error"]["message"].get<std::string>().empty());
}

}  // namespace

TEST_CASE("the search API answers with the documented JSON shape", "[corpus][web]") {
  Response r = get("/api/search?q=missing+maps&per_page=5");
  REQUIRE(r.status == 200);
  json j = body(r);
  for (const char* key : {"query", "total", "page", "per_page", "took_ms", "results", "facets"}) {
    CHECK(j.contains(key));
  }
  CHECK(j["query"] == "missing maps");
  CHECK(j["page"] == 1);
  CHECK(j["per_page"] == 5);
  REQUIRE(j["results"].size() == 5);
  CHECK(j["results"][0]["id"] == "_projects/missing-maps.md");
  for (const auto& hit : j["results"]) {
    for (const char* key : {"id", "url", "title", "type", "date", "lang", "snippet", "projects",
                            "countries", "score"}) {
      CHECK(hit.contains(key));
    }
  }
  for (const char* facet : {"project", "country", "impact_area", "partner", "person",
                            "working_group", "type", "year", "lang"}) {
    CHECK(j["facets"].contains(facet));
  }
}

TEST_CASE("snippets are HTML-escaped and only <mark> is markup", "[corpus][web]") {
  // Pages of the corpus hold raw HTML; none of it may reach a snippet as markup.
  json j = body(get("/api/search?q=iframe+OR+script+OR+href+OR+openstreetmap&per_page=100"));
  REQUIRE(j["results"].size() > 10);
  for (const auto& hit : j["results"]) {
    std::string snippet = hit["snippet"];
    std::string without_marks = snippet;
    for (const char* tag : {"<mark>", "</mark>"}) {
      for (std::size_t p; (p = without_marks.find(tag)) != std::string::npos;) {
        without_marks.erase(p, std::string(tag).size());
      }
    }
    INFO(snippet);
    CHECK(without_marks.find('<') == std::string::npos);
    CHECK(without_marks.find('>') == std::string::npos);
  }
}

TEST_CASE("filters narrow the results and paging walks them", "[corpus][web]") {
  json all = body(get("/api/search?q=mapping"));
  json projects = body(get("/api/search?q=mapping&type=projects"));
  json two = body(get("/api/search?q=mapping&type=projects&type=posts"));
  CHECK(projects["total"].get<int>() < all["total"].get<int>());
  CHECK(two["total"].get<int>() > projects["total"].get<int>());
  for (const auto& hit : projects["results"]) CHECK(hit["type"] == "projects");

  json page1 = body(get("/api/search?q=mapping&per_page=3&page=1"));
  json page2 = body(get("/api/search?q=mapping&per_page=3&page=2"));
  CHECK(page2["page"] == 2);
  CHECK(page1["results"][0]["id"] != page2["results"][0]["id"]);

  json since = body(get("/api/search?q=haiti&since=2020-01-01&sort=newest"));
  for (const auto& hit : since["results"]) CHECK(hit["date"].get<std::string>() >= "2020-01-01");
}

TEST_CASE("facet counts in the API equal the pages each filter returns", "[corpus][web]") {
  json all = body(get("/api/search?per_page=1"));
  int checked = 0;
  for (const auto& v : all["facets"]["country"]) {
    std::string value = v["value"];
    json filtered = body(get("/api/search?per_page=1&country=" + url_escape(value)));
    INFO(value);
    CHECK(filtered["total"] == v["count"]);
    if (++checked == 12) break;
  }
  CHECK(checked == 12);
  json facet = body(get("/api/facets/country"));
  CHECK(facet["facet"] == "country");
  CHECK(facet["values"].size() >= all["facets"]["country"].size());
}

TEST_CASE("suggest completes titles and facet values", "[corpus][web]") {
  json j = body(get("/api/suggest?q=missi"));
  bool title = false, project = false;
  for (const auto& s : j["suggestions"]) {
    if (s["kind"] == "title" && s["text"] == "Missing Maps") title = true;
    if (s["kind"] == "project" && s["text"] == "Missing Maps") project = true;
  }
  CHECK(title);
  CHECK(project);
  // A bound on the whole list: titles and facet values once made up to twice the limit.
  for (const char* prefix : {"c", "m", "s"}) {
    json many = body(get(std::string("/api/suggest?q=") + prefix));
    INFO(prefix);
    CHECK(many["suggestions"].size() == 10);
    std::size_t titles = 0;
    for (const auto& s : many["suggestions"]) titles += s["kind"] == "title" ? 1 : 0;
    CHECK(titles >= 5);
    CHECK(titles < 10);
  }
}

TEST_CASE("healthz and metrics report the index", "[corpus][web]") {
  json health = body(get("/healthz"));
  CHECK(health["status"] == "ok");
  CHECK(health["documents"] == 229);
  CHECK(health["revision"].get<std::string>().find('.') != std::string::npos);
  Response metrics = get("/metrics");
  CHECK(metrics.status == 200);
  CHECK_THAT(metrics.content_type, Catch::StartsWith("text/plain"));
}

TEST_CASE("every kind of bad parameter gets a 4xx JSON error", "[corpus][web]") {
  check_error(get("/api/search?q=%ZZ"), 400, "bad_encoding");
  check_error(get("/api/search?q=%FF%FE"), 400, "bad_encoding");
  check_error(get("/api/search?q=a%00b"), 400, "bad_encoding");
  check_error(get("/api/search?q=maps&per_page=0"), 400, "bad_parameter");
  check_error(get("/api/search?q=maps&facets=abc"), 400, "bad_parameter");
  CHECK(body(get("/api/search?q=maps&facets=false"))["facets"].empty());
  CHECK(!body(get("/api/search?q=maps&facets=true"))["facets"].empty());
  check_error(get("/api/search?q=maps&per_page=101"), 400, "bad_parameter");
  check_error(get("/api/search?q=maps&page=0"), 400, "bad_parameter");
  check_error(get("/api/search?q=maps&page=-1"), 400, "bad_parameter");
  check_error(get("/api/search?q=maps&page=99999999999"), 400, "bad_parameter");
  check_error(get("/api/search?q=maps&page=1001&per_page=10"), 400, "bad_parameter");
  CHECK(get("/api/search?q=maps&page=1000&per_page=10").status == 200);  // exactly 10,000
  check_error(get("/api/search?q=maps&sort=best"), 400, "bad_parameter");
  check_error(get("/api/search?q=maps&since=2020-13-01"), 400, "bad_parameter");
  check_error(get("/api/search?q=maps&since=2020-13"), 400, "bad_parameter");
  // A year or a month is a bound too (the search page's `since=2020` links).
  CHECK(body(get("/api/search?q=haiti&since=2020"))["total"] ==
        body(get("/api/search?q=haiti&since=2020-01-01"))["total"]);
  CHECK(body(get("/api/search?q=haiti&until=2019-02"))["total"] ==
        body(get("/api/search?q=haiti&until=2019-02-28"))["total"]);
  check_error(get("/api/search?q=maps&colour=red"), 400, "unknown_parameter");
  check_error(get("/api/search?q=a&q=b"), 400, "bad_parameter");
  check_error(get("/api/search?q=" + std::string(1100, 'a')), 400, "parameter_too_long");
  check_error(get("/api/search?" + std::string(5000, 'a')), 414, "uri_too_long");
  check_error(get("/api/facets/colour"), 404, "unknown_facet");
  check_error(get("/no/such/page"), 404, "not_found");
  // A preflight for a page that is not there is a 404 too, not a 204 that promises one.
  check_error(get("/no/such/page", {}, "OPTIONS"), 404, "not_found");
  CHECK(get("/healthz", {}, "OPTIONS").status == 204);
  // The server as a whole, and the page whatever its query string, as for GET.
  CHECK(get("*", {}, "OPTIONS").status == 204);
  CHECK(get("/?q=" + std::string(1100, 'x'), {}, "OPTIONS").status == 204);
  Response post = get("/api/search?q=maps", {}, "POST");
  check_error(post, 405, "method_not_allowed");
  CHECK(std::find(post.headers.begin(), post.headers.end(),
                  std::make_pair(std::string("Allow"), std::string("GET, HEAD, OPTIONS"))) !=
        post.headers.end());
}

TEST_CASE("a query with a syntax error is answered with a warning, not an error", "[corpus][web]") {
  Response r = get("/api/search?q=%22missing+maps");
  REQUIRE(r.status == 200);
  json j = body(r);
  CHECK(j["total"].get<int>() > 0);
  CHECK(j["warnings"][0] ==
        "query syntax error at column 1: unbalanced quote; answered as plain words");
}

TEST_CASE("a missing index answers 503 and the same handler recovers when it appears", "[web]") {
  hotsearch::test::TempDir dir;
  hotsearch::Searcher searcher(dir / "db");
  hotsearch::web::Site site;
  site.searcher = &searcher;
  Response missing = hotsearch::web::handle(site, Request{"GET", "/api/search?q=maps", {}});
  check_error(missing, 503, "index_unavailable");
  // Where the index lives is for the server's log, not for whoever asks.
  CHECK_THAT(missing.body, !Catch::Contains(dir.path().string()));
  CHECK_THAT(missing.log_note, Catch::Contains((dir / "db").string()));
  check_error(hotsearch::web::handle(site, Request{"GET", "/healthz", {}}), 503,
              "index_unavailable");
  auto r = hotsearch::test::build_index(hotsearch::test::sample_content(), dir / "db");
  REQUIRE(r.exit_code == 0);
  CHECK(hotsearch::web::handle(site, Request{"GET", "/healthz", {}}).status == 200);
}

TEST_CASE("healthz reports a damaged table that the open does not read", "[web]") {
  // A position table cut short failed every word search with 503 while /healthz said "ok".
  hotsearch::test::TempDir dir;
  REQUIRE(hotsearch::test::build_index(hotsearch::test::sample_content(), dir / "db").exit_code ==
          0);
  std::filesystem::path positions = dir / "db" / "gen-1" / "position.glass";
  REQUIRE(std::filesystem::exists(positions));
  std::filesystem::resize_file(positions, std::filesystem::file_size(positions) / 2);
  hotsearch::Searcher searcher(dir / "db");
  hotsearch::web::Site site;
  site.searcher = &searcher;
  check_error(hotsearch::web::handle(site, Request{"GET", "/healthz", {}}), 503,
              "index_unavailable");
  // The next indexer run rebuilds it, and the same handler is well again.
  REQUIRE(hotsearch::test::build_index(hotsearch::test::sample_content(), dir / "db").exit_code ==
          1);
  CHECK(hotsearch::web::handle(site, Request{"GET", "/healthz", {}}).status == 200);
  CHECK(hotsearch::web::handle(site, Request{"GET", "/api/search?q=maps", {}}).status == 200);
}

TEST_CASE("CORS is answered for the configured origin only", "[corpus][web]") {
  auto has = has_header;
  Response ok = get("/api/search?q=maps", {{"origin", "https://www.hotosm.org"}}, "GET",
                    "https://www.hotosm.org");
  CHECK(has(ok, "Access-Control-Allow-Origin", "https://www.hotosm.org"));
  Response other = get("/api/search?q=maps", {{"origin", "https://evil.example"}}, "GET",
                       "https://www.hotosm.org");
  for (const auto& [name, value] : other.headers) CHECK(name != "Access-Control-Allow-Origin");
  // Both answers depend on Origin, so a shared cache must not hand one to the other.
  CHECK(has(ok, "Vary", "Origin"));
  CHECK(has(other, "Vary", "Origin"));
  Response preflight = get("/api/search", {{"origin", "https://www.hotosm.org"}}, "OPTIONS",
                           "https://www.hotosm.org");
  CHECK(preflight.status == 204);
  CHECK(has(preflight, "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS"));
  CHECK(has(preflight, "Access-Control-Allow-Origin", "https://www.hotosm.org"));
}

TEST_CASE("the search page and the OpenSearch description are served", "[corpus][web]") {
  Response page = get("/");
  CHECK(page.status == 200);
  // The page's URL holds its search; a query the API refuses still gets the page, which shows
  // the API's message (a reload of a 1,100-letter query used to show the raw JSON error).
  for (const std::string& target :
       {"/?q=" + std::string(1100, 'x'), std::string("/?q=%ff"), std::string("/?q=%zz&page=2")}) {
    INFO(target.substr(0, 40));
    CHECK(get(target).status == 200);
    CHECK(get(target).body == page.body);
  }
  check_error(get("/api/search?q=%ff"), 400, "bad_encoding");
  check_error(get("/nothing?q=%ff"), 400, "bad_encoding");
  CHECK_THAT(page.content_type, Catch::StartsWith("text/html"));
  CHECK_THAT(page.body, Catch::Contains("<input id=\"q\""));
  CHECK(get("/app.js").status == 200);
  Response xml = get("/opensearch.xml", {{"host", "search.hotosm.org"}});
  CHECK_THAT(xml.body, Catch::Contains("template=\"http://search.hotosm.org/?q={searchTerms}\""));
  Response hostile = get("/opensearch.xml", {{"host", "\"><script>x</script>"}});
  CHECK_THAT(hostile.body, !Catch::Contains("<script>"));
  CHECK_THAT(hostile.body, Catch::Contains("template=\"http://localhost:8080/?q={searchTerms}\""));
  // Behind the proxy of docs/web.md the page lives under a prefix, over https.
  Response proxied = get("/opensearch.xml", {{"host", "www.hotosm.org"},
                                             {"x-forwarded-proto", "https"},
                                             {"x-forwarded-prefix", "/search"}});
  CHECK_THAT(proxied.body,
             Catch::Contains("template=\"https://www.hotosm.org/search/?q={searchTerms}\""));
  CHECK_THAT(
      proxied.body,
      Catch::Contains("template=\"https://www.hotosm.org/search/api/search?q={searchTerms}\""));
  Response bad_prefix =
      get("/opensearch.xml", {{"host", "www.hotosm.org"}, {"x-forwarded-prefix", "/s\"><x"}});
  CHECK_THAT(bad_prefix.body,
             Catch::Contains("template=\"http://www.hotosm.org/?q={searchTerms}\""));
  // The page asks for its files and the API by relative URLs, so the prefix just works.
  CHECK_THAT(page.body, Catch::Contains("<script src=\"app.js\">"));
  std::string script = get("/app.js").body;
  CHECK_THAT(script, Catch::Contains("fetchJson(\"api/search?\""));
  CHECK_THAT(script, Catch::Contains("fetchJson(\"api/suggest?"));
  CHECK_THAT(script, !Catch::Contains("\"/api/"));
}

TEST_CASE("without a search page installed the API still answers and / says so", "[corpus][web]") {
  hotsearch::Searcher searcher(corpus_db());
  hotsearch::web::Site site;
  site.searcher = &searcher;
  Response page = hotsearch::web::handle(site, Request{"GET", "/", {}});
  check_error(page, 404, "not_found");
  CHECK(body(page)["error"]["message"] ==
        "this server has no search page installed; the API is at /api/search");
  CHECK(hotsearch::web::handle(site, Request{"GET", "/api/search?q=haiti", {}}).status == 200);
}

TEST_CASE("on the sample site a search returns the fields the page's file gives", "[web]") {
  // content/_projects/missing-maps-campus-mapathons.md: its front matter, and the projects
  // collection's permalink /projects/:path/ in content/_config.yml.
  json j = body(get_content("/api/search?q=campus+mapathons"));
  REQUIRE(!j["results"].empty());
  const json& hit = j["results"][0];
  CHECK(hit["id"] == "_projects/missing-maps-campus-mapathons.md");
  CHECK(hit["title"] == "Missing Maps Campus Mapathons");
  CHECK(hit["url"] == "/projects/missing-maps-campus-mapathons/");
  CHECK(hit["type"] == "projects");
  CHECK(hit["date"] == "2019-10-02");
  CHECK(hit["projects"] == json::array({"Missing Maps"}));
  CHECK(hit["countries"] == json::array({"Global"}));
  // content/_projects/draft-urban-heat.md is `published: false`.
  json every = body(get_content("/api/search?per_page=100&facets=0"));
  REQUIRE(every["results"].size() == every["total"].get<std::size_t>());
  REQUIRE(every["total"].get<int>() > 40);
  for (const auto& page : every["results"]) CHECK(page["id"] != "_projects/draft-urban-heat.md");
}

TEST_CASE("on the sample site every facet filter returns the pages that name the value", "[web]") {
  // What tests/tools/corpus_facts.py reads from content/ with PyYAML, not with hotsearch.
  json facts = json::parse(hotsearch::test::corpus_facts_json(hotsearch::test::sample_content()));
  CHECK(body(get_content("/healthz"))["documents"] == facts["pages"].size());
  int checked = 0;
  for (const auto& [facet, values] : facts["facets"].items()) {
    for (const auto& [value, pages] : values.items()) {
      json j =
          body(get_content("/api/search?per_page=100&facets=0&" + facet + "=" + url_escape(value)));
      std::vector<std::string> ids;
      for (const auto& hit : j["results"]) ids.push_back(hit["id"]);
      std::vector<std::string> expected = pages.get<std::vector<std::string>>();
      std::sort(ids.begin(), ids.end());
      std::sort(expected.begin(), expected.end());
      INFO(facet << "=" << value);
      CHECK(ids == expected);
      ++checked;
    }
  }
  CHECK(checked > 20);
  // Two values of one facet are OR: the union of each one's pages.
  json one = body(get_content("/api/search?facets=0&country=Uganda"));
  json other = body(get_content("/api/search?facets=0&country=Nepal"));
  json both = body(get_content("/api/search?facets=0&country=Uganda&country=Nepal"));
  CHECK(both["total"].get<int>() > 0);
  CHECK(both["total"].get<int>() <= one["total"].get<int>() + other["total"].get<int>());
  CHECK(both["total"].get<int>() >= std::max(one["total"].get<int>(), other["total"].get<int>()));
}

TEST_CASE("a cached search answers again without searching, and from the new index after a reindex",
          "[web]") {
  hotsearch::test::TempDir dir;
  auto [site_dir, db] = hotsearch::test::indexed_sample_copy(dir);
  hotsearch::Searcher searcher(db);
  hotsearch::web::ResponseCache cache(10);
  hotsearch::web::Site site;
  site.searcher = &searcher;
  site.cache = &cache;
  auto search = [&](const std::string& target) {
    return hotsearch::web::handle(site, Request{"GET", target, {}});
  };

  Response first = search("/api/search?q=mapathon&country=Global");
  REQUIRE(first.status == 200);
  int before = body(first)["total"];
  REQUIRE(before > 0);
  // The same question asked another way is the same entry: the stored answer, took_ms and all.
  Response again = search("/api/search?country=Global&q=mapathon&page=1");
  CHECK(again.body == first.body);
  CHECK(cache.size() == 1);
  CHECK(search("/api/search?q=mapathon&country=Global&per_page=5").body != first.body);
  CHECK(cache.size() == 2);

  hotsearch::test::write_file(site_dir / "_posts/2026-01-10-another-mapathon.md",
                              "---\ntitle: \"Another mapathon\"\nCountry: Global\n---\n\n"
                              "Volunteers met again for a mapathon.\n");
  REQUIRE(hotsearch::test::build_index(site_dir, db).exit_code == 0);
  json after = body(search("/api/search?q=mapathon&country=Global"));
  CHECK(after["total"] == before + 1);
  CHECK(after["results"].dump().find("another-mapathon") != std::string::npos);

  // A full rebuild puts a new index in place: answered from it too.
  std::filesystem::remove(site_dir / "_posts/2026-01-10-another-mapathon.md");
  REQUIRE(hotsearch::test::build_index(site_dir, db, {"--full"}).exit_code == 0);
  CHECK(body(search("/api/search?q=mapathon&country=Global"))["total"] == before);
}

TEST_CASE("the response cache keeps the most recently used answers up to its size", "[web]") {
  hotsearch::web::ResponseCache cache(2);
  auto answer = [](const std::string& text) {
    Response r;
    r.body = text;
    return r;
  };
  cache.insert("a", answer("A"));
  cache.insert("b", answer("B"));
  REQUIRE(cache.find("a"));  // now more recent than b
  cache.insert("c", answer("C"));
  CHECK(cache.size() == 2);
  CHECK(!cache.find("b"));
  CHECK(cache.find("a")->body == "A");
  CHECK(cache.find("c")->body == "C");

  hotsearch::web::ResponseCache none(0);
  none.insert("a", answer("A"));
  CHECK(!none.find("a"));
  CHECK(none.size() == 0);
}

TEST_CASE("the response cache stays within its bytes whatever the size of the answers", "[web]") {
  // Room for 100 entries but 1,000 bytes: answers of 300 bytes (keys of 1) fit three at a time.
  hotsearch::web::ResponseCache cache(100, 1000);
  Response big;
  big.body = std::string(300, 'x');
  for (const char* key : {"a", "b", "c", "d"}) cache.insert(key, big);
  CHECK(cache.size() == 3);
  CHECK(cache.bytes() == std::size_t{3} * 301);
  CHECK(!cache.find("a"));  // the least recently used went first
  CHECK(cache.find("d"));
  // Replacing an answer counts its new size, not both.
  Response small;
  small.body = "y";
  cache.insert("d", small);
  CHECK(cache.bytes() == 2 * 301 + 2);
  // An answer larger than the whole budget is not kept, and evicts nothing.
  Response huge;
  huge.body = std::string(2000, 'z');
  cache.insert("e", huge);
  CHECK(!cache.find("e"));
  CHECK(cache.size() == 3);
}
