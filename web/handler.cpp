// Routing and the API's parameters.
#include "web/handler.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string_view>

#include "indexer/error.h"
#include "indexer/schema.h"
#include "query/result_json.h"

namespace hotsearch::web {

namespace {

constexpr std::size_t kDefaultPerPage = 10;
constexpr std::size_t kMaxPerPage = 100;
/// What every path answers: `Allow` of 405s and OPTIONS, and of CORS preflights.
const std::string kAllowedMethods = "GET, HEAD, OPTIONS";

Response json_response(const nlohmann::json& document, int status = 200) {
  Response response;
  response.status = status;
  response.body = json_text(document);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

/// A positive whole number of at most 9 digits, else BadRequest naming the parameter.
std::size_t positive_number(const std::string& name, const std::string& text,
                            std::size_t fallback) {
  if (text.empty()) return fallback;
  bool digits = text.size() <= 9 && std::all_of(text.begin(), text.end(), [](char c) {
                  return std::isdigit(static_cast<unsigned char>(c));
                });
  if (!digits || std::stoul(text) == 0) {
    throw BadRequest{400, "bad_parameter",
                     name + " must be a whole number from 1 (got \"" + text + "\")"};
  }
  return std::stoul(text);
}

const std::set<std::string>& search_parameters() {
  static const std::set<std::string> names = [] {
    std::set<std::string> n = {"q", "since", "until", "sort", "page", "per_page", "facets"};
    for (const schema::Facet& f : schema::facets()) n.insert(std::string(f.name));
    return n;
  }();
  return names;
}

void reject_unknown(const QueryParams& params, const std::set<std::string>& known) {
  for (const auto& [name, value] : params.params) {
    if (!known.count(name)) {
      throw BadRequest{400, "unknown_parameter", "unknown parameter \"" + name + "\""};
    }
  }
}

/// Everything of a request that can change its answer, in a form where two requests that ask
/// the same (parameters in another order, `page=1` or none) are one key.
std::string cache_key(const SearchRequest& request) {
  std::string key;
  auto add = [&key](const std::string& part) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  };
  add(request.query);
  for (const auto& [name, values] : request.filters) {
    add(name);
    key += std::to_string(values.size());
    for (const std::string& value : values) add(value);
  }
  add(request.since);
  add(request.until);
  key += std::to_string(static_cast<int>(request.sort)) + ',' + std::to_string(request.offset) +
         ',' + std::to_string(request.limit) + ',' + (request.with_facets ? '1' : '0');
  return key;
}

Response search(const Site& site, const QueryParams& params) {
  reject_unknown(params, search_parameters());
  SearchRequest request;
  request.query = params.one("q");
  for (const schema::Facet& facet : schema::facets()) {
    std::vector<std::string> values = params.all(std::string(facet.name));
    if (!values.empty()) request.filters[std::string(facet.name)] = values;
  }
  request.since = params.one("since");
  request.until = params.one("until");
  std::string sort = params.one("sort");
  request.sort = sort.empty() ? (request.query.empty() ? SortOrder::Newest : SortOrder::Relevance)
                              : parse_sort_order(sort);
  std::size_t page = positive_number("page", params.one("page"), 1);
  std::size_t per_page = positive_number("per_page", params.one("per_page"), kDefaultPerPage);
  if (per_page > kMaxPerPage) {
    throw BadRequest{400, "bad_parameter",
                     "per_page must be from 1 to " + std::to_string(kMaxPerPage)};
  }
  std::size_t window = site.searcher->limits().max_window;
  if (page > window / per_page) {
    throw BadRequest{400, "bad_parameter",
                     "page × per_page must be at most " + std::to_string(window)};
  }
  request.offset = (page - 1) * per_page;
  request.limit = per_page;
  // A typo (`facets=flase`) is refused like any other bad value, not read as "with counts".
  std::string facets = params.one("facets");
  if (facets != "" && facets != "0" && facets != "1" && facets != "false" && facets != "true") {
    throw BadRequest{400, "bad_parameter", "facets must be 0 or 1 (or false or true)"};
  }
  request.with_facets = facets != "0" && facets != "false";
  if (!site.cache) return json_response(search_result_json(site.searcher->search(request)));
  // Keyed by the revision the search will see: a new index is never answered from the cache.
  // Should the index change between the two calls, the newer answer is kept under the older
  // revision, which only a thread that has not yet seen the change can ask for.
  std::string key = site.searcher->revision() + '\n' + cache_key(request);
  if (std::optional<Response> cached = site.cache->find(key)) return *cached;
  Response response = json_response(search_result_json(site.searcher->search(request)));
  site.cache->insert(key, response);
  return response;
}

Response suggest(const Site& site, const QueryParams& params) {
  reject_unknown(params, {"q"});
  std::string q = params.one("q");
  return json_response(suggestions_json(q, site.searcher->suggest(q)));
}

Response facet_values(const Site& site, const QueryParams& params) {
  reject_unknown(params, {});
  std::string name = params.path.substr(std::string("/api/facets/").size());
  if (!schema::find_facet(name)) {
    throw BadRequest{404, "unknown_facet", "unknown facet \"" + name + "\""};
  }
  return json_response(facet_values_json(site.searcher->facet_values(name)));
}

Response metrics(const Site& site) {
  long documents = -1;
  try {
    documents = static_cast<long>(site.searcher->info().doc_count);
  } catch (const IndexUnavailable&) {
    documents = -1;  // reported as such; /metrics itself still answers
  }
  Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = site.metrics ? site.metrics->render(documents) : std::string();
  return response;
}

/// Letters, digits and the `extra` characters only, and short: safe to put in XML as is.
bool plain_text(const std::string& text, std::string_view extra) {
  return text.size() < 256 && std::all_of(text.begin(), text.end(), [extra](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) ||
                  extra.find(c) != std::string_view::npos;
         });
}

/// Where the page is seen from outside, ending in `/`: the Host, and behind a proxy its
/// X-Forwarded-Proto and X-Forwarded-Prefix (nginx: `location /search/`). Headers that are not
/// plain host names or paths are ignored, so nothing a client sends can inject markup.
std::string public_base(const Request& request) {
  std::string host = request.header("host");
  if (host.empty() || !plain_text(host, ".-:[]")) host = "localhost:8080";
  std::string scheme = request.header("x-forwarded-proto") == "https" ? "https" : "http";
  std::string prefix = request.header("x-forwarded-prefix");
  if (prefix.empty() || prefix.front() != '/' || !plain_text(prefix, "/._-~")) prefix = "/";
  if (prefix.back() != '/') prefix += '/';
  return scheme + "://" + host + prefix;
}

/// The OpenSearch description names this server as the browser reaches it.
Response opensearch(const Site& site, const Request& request) {
  const StaticFile* file = site.files ? site.files->find("/opensearch.xml") : nullptr;
  if (!file) return error_response(404, "not_found", "no such page: /opensearch.xml");
  std::string body = file->body;
  const std::string placeholder = "{base}";
  std::string base = public_base(request);
  for (std::size_t pos; (pos = body.find(placeholder)) != std::string::npos;) {
    body.replace(pos, placeholder.size(), base);
  }
  Response response;
  response.content_type = file->content_type;
  response.body = std::move(body);
  return response;
}

/// What answers a request for a path.
using Answer = Response (*)(const Site&, const Request&, const QueryParams&);

/// What answers `path`, or null when there is no such page: routing and OPTIONS both ask.
Answer find_route(const Site& site, const std::string& path) {
  if (path == "/api/search") {
    return [](const Site& s, const Request&, const QueryParams& p) { return search(s, p); };
  }
  if (path == "/api/suggest") {
    return [](const Site& s, const Request&, const QueryParams& p) { return suggest(s, p); };
  }
  if (path.rfind("/api/facets/", 0) == 0) {
    return [](const Site& s, const Request&, const QueryParams& p) { return facet_values(s, p); };
  }
  if (path == "/healthz") {
    return [](const Site& s, const Request&, const QueryParams&) {
      return json_response(index_info_json(s.searcher->info()));
    };
  }
  if (path == "/metrics") {
    return [](const Site& s, const Request&, const QueryParams&) { return metrics(s); };
  }
  if (path == "/opensearch.xml") {
    return [](const Site& s, const Request& r, const QueryParams&) { return opensearch(s, r); };
  }
  if (site.files && site.files->find(path)) {
    return [](const Site& s, const Request&, const QueryParams& p) {
      const StaticFile* file = s.files->find(p.path);
      Response response;
      response.content_type = file->content_type;
      response.body = file->body;
      response.headers.emplace_back("Cache-Control", "public, max-age=300");
      return response;
    };
  }
  return nullptr;
}

Response not_found(const Site& site, const std::string& path) {
  if (path == "/" && !site.files) {
    return error_response(404, "not_found",
                          "this server has no search page installed; the API is at /api/search");
  }
  return error_response(404, "not_found", "no such page: " + path);
}

/// The search page's own URL holds the search (`/?q=...`): the page is served whatever its
/// query string says, and reports what the API refuses itself. Null for other paths.
std::optional<QueryParams> page_despite_parameters(const Site& site, const std::string& target) {
  if (!site.files || target.size() > site.param_limits.max_target_bytes) return std::nullopt;
  QueryParams page;
  try {
    page = parse_target(target.substr(0, target.find('?')), site.param_limits);
  } catch (const BadRequest&) {
    return std::nullopt;  // the path itself is bad
  }
  if (!site.files->find(page.path)) return std::nullopt;
  return page;
}

/// The request's path and parameters; for the search page, its path alone when the
/// parameters are refused.
QueryParams params_of(const Site& site, const Request& request) {
  try {
    return parse_target(request.target, site.param_limits);
  } catch (const BadRequest&) {
    std::optional<QueryParams> page = page_despite_parameters(site, request.target);
    if (!page) throw;
    return std::move(*page);
  }
}

Response route(const Site& site, const Request& request) {
  QueryParams params = params_of(site, request);
  Answer answer = find_route(site, params.path);
  return answer ? answer(site, request, params) : not_found(site, params.path);
}

/// The answer to OPTIONS: what the path allows (`*`: the server), and a CORS preflight's
/// headers.
Response options(const Site& site, const Request& request) {
  if (request.target != "*") {
    QueryParams params = params_of(site, request);
    if (!find_route(site, params.path)) return not_found(site, params.path);
  }
  Response response;
  response.status = 204;
  response.content_type.clear();
  response.headers.emplace_back("Allow", kAllowedMethods);
  if (!site.cors_origin.empty()) {
    response.headers.emplace_back("Access-Control-Allow-Methods", kAllowedMethods);
    response.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type");
    response.headers.emplace_back("Access-Control-Max-Age", "600");
  }
  return response;
}

void add_cors(const Site& site, const Request& request, Response& response) {
  if (site.cors_origin.empty()) return;
  std::string origin = request.header("origin");
  if (site.cors_origin == "*") {
    response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  } else {
    // The answer differs by Origin, so caches between here and the browser must key on it.
    response.headers.emplace_back("Vary", "Origin");
    if (origin == site.cors_origin) {
      response.headers.emplace_back("Access-Control-Allow-Origin", origin);
    }
  }
}

}  // namespace

Response error_response(int status, const std::string& code, const std::string& message) {
  return json_response(error_json(code, message), status);
}

Response handle(const Site& site, const Request& request) {
  Response response;
  if (request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS") {
    response =
        error_response(405, "method_not_allowed",
                       "method " + request.method + " is not allowed (" + kAllowedMethods + ")");
    response.headers.emplace_back("Allow", kAllowedMethods);
  } else {
    try {
      response = request.method == "OPTIONS" ? options(site, request) : route(site, request);
    } catch (const BadRequest& e) {
      response = error_response(e.status, e.code, e.message);
    } catch (const UsageError& e) {
      // The Searcher's own checks (sort, dates, query size, wildcards): a parameter's value.
      response = error_response(400, "bad_parameter", e.what());
    } catch (const IndexUnavailable& e) {
      // The reason names the index's folder: for the server's log, not for the public.
      response = error_response(503, "index_unavailable",
                                "the search index is not available; try again shortly");
      response.headers.emplace_back("Retry-After", "5");
      response.log_note = e.what();
    }
  }
  add_cors(site, request, response);
  return response;
}

}  // namespace hotsearch::web
