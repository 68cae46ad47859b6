// hotsearch-web: the search box backend (SPEC §2). Parses options and runs the server.
#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>

#include "indexer/error.h"
#include "indexer/index_paths.h"
#include "web/server.h"

namespace po = boost::program_options;
using namespace hotsearch;

int main(int argc, char** argv) {
  po::options_description flags("Usage: hotsearch-web [OPTIONS]\nOptions");
  flags.add_options()("help,h", "show this help")(
      "db", po::value<std::string>()->default_value(""),
      "index folder (default: $HOTSEARCH_DB, else ~/.local/share/hotsearch/index)")(
      "listen", po::value<std::string>()->default_value("127.0.0.1:8080"),
      "ADDR:PORT to listen on (port 0: any free port)")(
      "threads", po::value<unsigned>()->default_value(2), "worker threads")(
      "cors-origin", po::value<std::string>()->default_value(""),
      "the one origin allowed to call the API from a browser (or *)")(
      "static", po::value<std::string>()->default_value(""),
      "folder of the search page (default: the build's web/static, else beside the program)")(
      "max-connections", po::value<std::size_t>()->default_value(512),
      "connections at once; more are answered 503")("read-timeout",
                                                    po::value<unsigned>()->default_value(10),
                                                    "seconds a client has to send a whole request")(
      "idle-timeout", po::value<unsigned>()->default_value(30),
      "seconds a keep-alive connection may wait between requests")("quiet", "no access log");
  po::variables_map args;
  web::ServerOptions options;
  try {
    po::store(po::parse_command_line(argc, argv, flags), args);
    po::notify(args);
    std::string listen = args["listen"].as<std::string>();
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw po::error("--listen must be ADDR:PORT");
    options.address = listen.substr(0, colon);
    if (options.address.size() > 2 && options.address.front() == '[') {
      options.address = options.address.substr(1, options.address.size() - 2);
    }
    std::string port = listen.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535) {
      throw po::error("--listen port must be a number from 0 to 65535");
    }
    options.port = static_cast<unsigned short>(std::stoul(port));
  } catch (const po::error& e) {
    std::cerr << "hotsearch-web: " << e.what() << "\n" << flags;
    return 2;
  }
  if (args.count("help")) {
    std::cout << flags;
    return 0;
  }
  options.db_path = resolve_db_path(args["db"].as<std::string>());
  options.threads = args["threads"].as<unsigned>();
  options.cors_origin = args["cors-origin"].as<std::string>();
  options.max_connections = args["max-connections"].as<std::size_t>();
  options.access_log = !args.count("quiet");
  options.read_timeout_seconds = std::max(1u, args["read-timeout"].as<unsigned>());
  options.idle_timeout_seconds = std::max(1u, args["idle-timeout"].as<unsigned>());
  if (std::string folder = args["static"].as<std::string>(); !folder.empty()) {
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
