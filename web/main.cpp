// hotsearch-web: the search box backend (SPEC §2). Parses options and runs the server.
#include <boost/asio/ip/address.hpp>
#include <boost/program_options.hpp>
#include <iostream>
#include <regex>

#include "indexer/cli_count.h"
#include "indexer/error.h"
#include "indexer/index_paths.h"
#include "web/server.h"

namespace po = boost::program_options;
using namespace hotsearch;

namespace {

/// `ADDR:PORT` (IPv6 in brackets) into the options; throws po::error naming the flag.
void parse_listen(const std::string& listen, web::ServerOptions& options) {
  static const std::regex form(R"(^\[?([0-9A-Fa-f.:]+)\]?:([0-9]{1,5})$)");
  std::smatch m;
  boost::system::error_code ec;
  if (!std::regex_match(listen, m, form) || std::stoul(m[2]) > 65535 ||
      (boost::asio::ip::make_address(m[1].str(), ec), ec)) {
    throw po::error("--listen must be ADDR:PORT with an IP address and a port 0-65535, not \"" +
                    listen + "\"");
  }
  options.address = m[1];
  options.port = static_cast<unsigned short>(std::stoul(m[2]));
}

/// A flag whose value is a count, shown with its default.
template <typename T>
po::typed_value<Count<T>>* count_flag(T default_value) {
  return po::value<Count<T>>()->default_value(Count<T>{default_value},
                                              std::to_string(default_value));
}

/// `--NAME`'s count (its default when it was not given).
template <typename T>
T count_of(const po::variables_map& args, const char* name) {
  return args[name].as<Count<T>>().value;
}

void check(bool ok, const std::string& message) {
  if (!ok) throw po::error(message);
}

}  // namespace

int main(int argc, char** argv) {
  web::ServerOptions options;  // its defaults are the flags' defaults
  std::string db, listen = options.address + ":" + std::to_string(options.port), folder;
  po::options_description flags("Usage: hotsearch-web [OPTIONS]\nOptions");
  flags.add_options()("help,h", "show this help")("db", po::value(&db), kDbFlagHelp)(
      "listen", po::value(&listen)->default_value(listen),
      "ADDR:PORT to listen on (port 0: any free port, printed as `listening on ADDR:PORT`)")(
      "threads", count_flag(options.threads), "worker threads (1-64), each with its own Searcher")(
      "cors-origin", po::value(&options.cors_origin),
      "the one origin allowed to call the API from a browser, e.g. https://www.hotosm.org (or *)")(
      "static", po::value(&folder),
      "folder of the search page (default: the build's web/static, else static/ or "
      "../share/hotsearch/static/ beside the program)")(
      "max-connections", count_flag(options.max_connections),
      "connections at once; more are answered 503")("read-timeout",
                                                    count_flag(options.read_timeout_seconds),
                                                    "seconds a client has to send a whole request")(
      "idle-timeout", count_flag(options.idle_timeout_seconds),
      "seconds a keep-alive connection may wait for its next request")(
      "cache-entries", count_flag(options.cache_entries),
      "search answers kept for repeated queries (dropped when the index changes); 0: none")(
      "quiet", "no access log");
  try {
    po::variables_map args;
    po::store(po::parse_command_line(argc, argv, flags), args);
    po::notify(args);
    if (args.count("help")) {
      std::cout << flags;
      return 0;
    }
    options.threads = count_of<unsigned>(args, "threads");
    options.max_connections = count_of<std::size_t>(args, "max-connections");
    options.read_timeout_seconds = count_of<unsigned>(args, "read-timeout");
    options.idle_timeout_seconds = count_of<unsigned>(args, "idle-timeout");
    options.cache_entries = count_of<std::size_t>(args, "cache-entries");
    parse_listen(listen, options);
    check(options.threads >= 1 && options.threads <= 64, "--threads must be from 1 to 64");
    check(options.max_connections >= 1, "--max-connections must be at least 1");
    check(options.read_timeout_seconds >= 1 && options.idle_timeout_seconds >= 1,
          "--read-timeout and --idle-timeout must be at least 1 second");
    // A browser's Origin is scheme://host[:port]; a path or a trailing slash would never match.
    static const std::regex origin(
        R"(^(\*|https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:[0-9]{1,5})?)$)");
    check(options.cors_origin.empty() || std::regex_match(options.cors_origin, origin),
          "--cors-origin must be scheme://host[:port] (no path), e.g. https://www.hotosm.org, "
          "or *");
    options.access_log = !args.count("quiet");
  } catch (const po::error& e) {
    std::cerr << "hotsearch-web: " << e.what() << "\n" << flags;
    return 2;
  }
  options.db_path = resolve_db_path(db);
  if (!folder.empty()) {
    options.static_folder = folder;  // asked for by name: a missing page is an error (exit 3)
  } else if (auto found = web::find_static_folder()) {
    options.static_folder = *found;
  } else {
    std::cerr << "hotsearch-web: no search page (index.html) in";
    for (const auto& candidate : web::static_folder_candidates()) std::cerr << " " << candidate;
    std::cerr << "; serving the API only\n";
  }
  try {
    web::run_server(options, [](const std::string& endpoint) {
      std::cout << "listening on " << endpoint << std::endl;
    });
  } catch (const Error& e) {
    std::cerr << "hotsearch-web: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
