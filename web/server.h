#pragma once
// The Beast HTTP server: accepts connections, reads requests with limits and timeouts, hands
// them to the pure handler (each worker thread with its own Searcher), writes the responses and
// logs one line per request. Stops gracefully on SIGINT/SIGTERM.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "web/handler.h"

namespace hotsearch::web {

struct ServerOptions {
  std::filesystem::path db_path;
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  ///< 0: any free port
  unsigned threads = 2;
  std::string cors_origin;
  std::filesystem::path static_folder;      ///< the search page; empty: the API only
  std::size_t max_connections = 512;        ///< beyond: 503 and close
  std::size_t max_header_bytes = 8 * 1024;  ///< request line + headers; beyond: 431
  std::size_t max_body_bytes = 1024;        ///< GET needs none; beyond: 413
  unsigned read_timeout_seconds = 10;       ///< to receive a whole request (slow clients)
  unsigned idle_timeout_seconds = 30;       ///< keep-alive between requests
  unsigned shutdown_grace_seconds = 10;     ///< in-flight requests get this long to finish
  bool access_log = true;
  std::size_t cache_entries = 1000;  ///< search answers kept for repeats; 0: no cache
};

/// Runs until SIGINT/SIGTERM. `on_listening` is called with the bound `address:port` once the
/// server accepts connections. Throws Error when it cannot listen.
void run_server(const ServerOptions& options,
                const std::function<void(const std::string&)>& on_listening);

}  // namespace hotsearch::web
