#pragma once
// The query string of a request: percent-decoding, `+` as space, strict about bad escapes and
// invalid UTF-8, with limits on count and size.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotsearch::web {

/// A request the client got wrong; `status` is the HTTP status to answer with.
struct BadRequest {
  int status;
  std::string code;     ///< machine-readable: `bad_parameter`, `uri_too_long`, ...
  std::string message;  ///< for people
};

struct QueryParams {
  std::string path;  ///< decoded path, without the query string
  std::vector<std::pair<std::string, std::string>> params;  ///< in order, repeats kept

  /// Every value of `name`.
  std::vector<std::string> all(const std::string& name) const;
  /// The value of a parameter that may appear at most once; throws BadRequest if repeated.
  std::string one(const std::string& name) const;
  bool has(const std::string& name) const;
};

struct ParamLimits {
  std::size_t max_target_bytes = 4096;
  std::size_t max_params = 64;
  std::size_t max_value_bytes = 1024;
};

/// Splits and decodes a request target. Throws BadRequest (400 or 414).
QueryParams parse_target(std::string_view target, const ParamLimits& limits = {});

/// Percent-decodes one component (`+` is a space when `plus_is_space`). Throws BadRequest.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace hotsearch::web
