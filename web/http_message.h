#pragma once
// Conversions between Beast's HTTP messages and the handler's plain Request/Response, shared
// by the server and the HTTP fuzz target.

#include <boost/beast/http.hpp>

#include "web/http_types.h"

namespace hotsearch::web {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

/// Method, target and headers (names lower-cased) of a parsed request.
Request to_request(const BeastRequest& message);

/// A response ready to write, with Content-Length set.
BeastResponse to_beast(Response response, unsigned version, bool keep_alive);

}  // namespace hotsearch::web
