#pragma once
// The plain request and response the pure handler works on; server.cpp converts them from and
// to Beast's messages, so the handler and its tests need no sockets.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hotsearch::web {

struct Request {
  std::string method;                          ///< `GET`, `HEAD`, ...
  std::string target;                          ///< path and query string, as sent
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers
  std::string log_note;  ///< for the server's log (why an index is unavailable); never sent
};

}  // namespace hotsearch::web
