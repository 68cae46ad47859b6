// Query-string parsing.
#include "web/query_params.h"

#include "indexer/text_fold.h"

namespace hotsearch::web {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        throw BadRequest{400, "bad_encoding", "malformed percent-escape in the URL"};
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (!is_valid_utf8(out)) throw BadRequest{400, "bad_encoding", "the URL is not valid UTF-8"};
  for (unsigned char ch : out) {
    if (ch == 0) throw BadRequest{400, "bad_encoding", "the URL contains a NUL byte"};
  }
  return out;
}

QueryParams parse_target(std::string_view target, const ParamLimits& limits) {
  if (target.size() > limits.max_target_bytes) {
    throw BadRequest{
        414, "uri_too_long",
        "the URL is longer than " + std::to_string(limits.max_target_bytes) + " bytes"};
  }
  if (target.empty() || target.front() != '/') {
    throw BadRequest{400, "bad_target", "the request target must be a path starting with /"};
  }
  QueryParams result;
  std::size_t question = target.find('?');
  result.path = percent_decode(target.substr(0, question), false);
  if (question == std::string_view::npos) return result;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    if (result.params.size() >= limits.max_params) {
      throw BadRequest{400, "too_many_parameters",
                       "more than " + std::to_string(limits.max_params) + " parameters"};
    }
    std::size_t eq = pair.find('=');
    std::string name = percent_decode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
    if (value.size() > limits.max_value_bytes) {
      throw BadRequest{400, "parameter_too_long",
                       "parameter " + name + " is longer than " +
                           std::to_string(limits.max_value_bytes) + " bytes"};
    }
    result.params.emplace_back(std::move(name), std::move(value));
  }
  return result;
}

std::vector<std::string> QueryParams::all(const std::string& name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : params) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::string QueryParams::one(const std::string& name) const {
  std::vector<std::string> values = all(name);
  if (values.size() > 1) {
    throw BadRequest{400, "bad_parameter", "parameter " + name + " is given more than once"};
  }
  return values.empty() ? std::string() : values.front();
}

bool QueryParams::has(const std::string& name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return true;
  }
  return false;
}

}  // namespace hotsearch::web
