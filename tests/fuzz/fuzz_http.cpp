// libFuzzer target: arbitrary bytes as an HTTP request. Beast parses them with the server's
// limits; a parsed request goes through the same handler the server uses, against a small real
// index built once from content/. Every answer must be a well-formed status; nothing may crash.
#include <unistd.h>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "tests/fuzz/fuzz_index.h"
#include "web/handler.h"
#include "web/http_message.h"
#include "web/server.h"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hotsearch;
  static const std::filesystem::path& db = fuzz::sample_index();
  static Searcher searcher(db);
  static web::StaticFiles files = web::StaticFiles::load(web::default_static_folder());
  static const web::ServerOptions limits;

  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;  // the server answers these 400/431/413 and closes

  web::Site site;
  site.searcher = &searcher;
  site.files = &files;
  site.cors_origin = "https://www.hotosm.org";
  web::Response response = web::handle(site, web::to_request(parser.get()));
  if (response.status < 200 || response.status >= 600 || response.status == 500) std::abort();
  web::to_beast(std::move(response), parser.get().version(), false);
  return 0;
}
