#pragma once
// The HTTP API as a pure function: a Request in, a Response out, no sockets. server.cpp does
// the I/O; tests call handle() directly.

#include <string>

#include "query/searcher.h"
#include "web/http_types.h"
#include "web/metrics.h"
#include "web/query_params.h"
#include "web/response_cache.h"
#include "web/static_files.h"

namespace hotsearch::web {

/// What every request is answered with.
struct Site {
  Searcher* searcher = nullptr;
  const StaticFiles* files = nullptr;  ///< the search page (may be null: 404 for `/`)
  const Metrics* metrics = nullptr;    ///< for /metrics (may be null)
  ResponseCache* cache = nullptr;      ///< answers to searches kept for repeats (may be null)
  std::string cors_origin;             ///< the one origin allowed cross-origin (`*` for any)
  ParamLimits param_limits;
};

/// Answers one request. Never throws: bad input becomes a 4xx JSON error, a missing index a 503.
Response handle(const Site& site, const Request& request);

/// The JSON error response `{"error": {"code", "message"}}`.
Response error_response(int status, const std::string& code, const std::string& message);

}  // namespace hotsearch::web
