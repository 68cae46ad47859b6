// The real hotsearch-web binary over loopback sockets: JSON over HTTP, bad requests at the
// protocol level, slow clients, connection floods, reindexing under load, SIGTERM.
#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

/// How the server's process is set up beyond its flags.
struct Launch {
  fs::path stderr_file;       ///< where its stderr goes; empty: the test's own stderr
  rlim_t max_open_files = 0;  ///< its RLIMIT_NOFILE (soft and hard); 0: the test's own
};

/// hotsearch-web started on a free port; stopped (SIGTERM) when the object dies.
class Server {
 public:
  Server(const fs::path& db, std::vector<std::string> extra = {}, const Launch& launch = {}) {
    std::string exe = hotsearch::test::program_path("hotsearch-web").string();
    std::vector<std::string> args = {exe,        "--db",        db.string(),
                                     "--listen", "127.0.0.1:0", "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int err = -1;
    if (!launch.stderr_file.empty()) {
      err = open(launch.stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      REQUIRE(err >= 0);
    }
    rlimit files{launch.max_open_files, launch.max_open_files};
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      if (err >= 0) dup2(err, 2);
      if (launch.max_open_files != 0 && setrlimit(RLIMIT_NOFILE, &files) != 0) _exit(126);
      execv(exe.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    if (err >= 0) close(err);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    REQUIRE(line.rfind("listening on 127.0.0.1:", 0) == 0);
    port_ = std::stoi(line.substr(line.rfind(':') + 1));
  }
  ~Server() { stop(); }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// SIGTERM and wait; the exit status.
  int stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int status_ = -1;
};

int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/// Reads until the peer closes or one whole response (by Content-Length) has arrived.
std::string read_response(int fd, std::chrono::milliseconds timeout = 5000ms) {
  std::string data;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto header_end = data.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      auto cl = data.find("Content-Length: ");
      if (cl != std::string::npos && cl < header_end) {
        std::size_t length = std::stoul(data.substr(cl + 16));
        if (data.size() >= header_end + 4 + length) break;
      }
    }
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buffer[65536];
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    data.append(buffer, static_cast<size_t>(n));
  }
  return data;
}

std::string http_exchange(int port, const std::string& raw) {
  int fd = connect_to(port);
  if (fd < 0) return "";
  if (write(fd, raw.data(), raw.size()) < 0) {
    close(fd);
    return "";
  }
  std::string response = read_response(fd);
  close(fd);
  return response;
}

std::string get(int port, const std::string& target) {
  return http_exchange(
      port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
}

int status_of(const std::string& response) {
  return response.size() > 12 ? std::stoi(response.substr(9, 3)) : 0;
}

json body_of(const std::string& response) {
  return json::parse(response.substr(response.find("\r\n\r\n") + 4));
}

const fs::path& corpus_db() { return hotsearch::test::corpus_index(); }

/// CPU time (user + system, every thread) a process has used so far, from /proc/PID/stat.
double cpu_seconds(pid_t pid) {
  std::string stat = hotsearch::test::read_file("/proc/" + std::to_string(pid) + "/stat");
  // Fields 14 and 15 (utime, stime), counted from field 3, the first after the ")" that ends
  // the command name.
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string field;
  for (int i = 3; i < 14; ++i) fields >> field;
  long utime = 0, stime = 0;
  fields >> utime >> stime;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

const std::string kCannotAccept =
    "hotsearch-web: cannot accept connections: Too many open files (retrying)\n";

/// How many times the server has said it cannot accept connections.
std::size_t accept_failures(const fs::path& log) {
  std::string text = hotsearch::test::read_file(log);
  std::size_t count = 0;
  for (std::size_t at = text.find(kCannotAccept); at != std::string::npos;
       at = text.find(kCannotAccept, at + 1)) {
    ++count;
  }
  return count;
}

/// How many sockets a process holds (for the server: its listener and its connections).
int sockets_of(pid_t pid) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    std::error_code closed_meanwhile;
    fs::path target = fs::read_symlink(entry.path(), closed_meanwhile);
    if (!closed_meanwhile && target.string().rfind("socket:", 0) == 0) ++count;
  }
  return count;
}

/// A request the handler answers from memory: the connection is the only descriptor it takes.
const std::string kFromMemory = "GET /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n";

/// Opens keep-alive connections to the server, each holding one of its descriptors, until it
/// says for the `episode`-th time that it cannot accept more. It says so as soon as it has no
/// descriptor left, before anyone else knocks, so the last connection may or may not be
/// answered; every earlier one was. The connections stay open.
std::vector<int> use_up_descriptors(int port, const fs::path& log, std::size_t episode) {
  std::vector<int> held;
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (accept_failures(log) < episode) {
    REQUIRE(held.size() < 500);  // far more than the server's limit
    int fd = connect_to(port);
    REQUIRE(fd >= 0);  // the kernel completes the handshake whether or not the server accepts
    held.push_back(fd);
    REQUIRE(write(fd, kFromMemory.data(), kFromMemory.size()) > 0);
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 50) > 0) {
        REQUIRE(status_of(read_response(fd)) == 404);
        break;
      }
      if (accept_failures(log) >= episode) break;
      REQUIRE(std::chrono::steady_clock::now() < deadline);
    }
  }
  return held;
}

}  // namespace

TEST_CASE("the server answers searches with filters and facets over HTTP", "[corpus][server]") {
  Server server(corpus_db());
  std::string r = get(server.port(), "/api/search?q=missing+maps&per_page=3");
  REQUIRE(status_of(r) == 200);
  json j = body_of(r);
  CHECK(j["results"][0]["id"] == "_projects/missing-maps.md");
  CHECK(j["results"].size() == 3);
  json filtered = body_of(get(server.port(), "/api/search?q=mapping&type=projects&country=Haiti"));
  for (const auto& hit : filtered["results"]) CHECK(hit["type"] == "projects");
  CHECK(body_of(get(server.port(), "/healthz"))["documents"] == 229);
  CHECK(body_of(get(server.port(), "/api/facets/type"))["values"].size() >= 5);
  CHECK(!body_of(get(server.port(), "/api/suggest?q=hai"))["suggestions"].empty());
  // Counted as routed: an encoded slash is still a search, the page's script is the page.
  CHECK(status_of(get(server.port(), "/api%2Fsearch?q=haiti")) == 200);
  CHECK(status_of(get(server.port(), "/app.js")) == 200);
  CHECK(status_of(get(server.port(), "/")) == 200);
  std::string metrics = get(server.port(), "/metrics");
  CHECK_THAT(metrics,
             Catch::Contains("hotsearch_requests_total{endpoint=\"search\",status=\"2xx\"} 3"));
  CHECK_THAT(metrics,
             Catch::Contains("hotsearch_requests_total{endpoint=\"page\",status=\"2xx\"} 2"));
  CHECK_THAT(metrics, !Catch::Contains("hotsearch_requests_total{endpoint=\"other\""));
  CHECK_THAT(metrics, Catch::Contains("hotsearch_index_documents 229"));

  // Keep-alive: two requests on one connection.
  int fd = connect_to(server.port());
  std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  REQUIRE(write(fd, one.data(), one.size()) > 0);
  CHECK(status_of(read_response(fd)) == 200);
  REQUIRE(write(fd, one.data(), one.size()) > 0);
  CHECK(status_of(read_response(fd)) == 200);
  close(fd);

  std::string head = http_exchange(
      server.port(), "HEAD /api/search?q=haiti HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(status_of(head) == 200);
  CHECK(head.substr(head.find("\r\n\r\n") + 4).empty());
  CHECK(server.stop() == 0);
}

TEST_CASE("protocol-level bad requests get a 4xx JSON body and the server goes on",
          "[corpus][server]") {
  Server server(corpus_db());
  auto expect = [&](const std::string& raw, int status, const std::string& code) {
    std::string r = http_exchange(server.port(), raw);
    INFO(raw.substr(0, 80) << " -> " << r.substr(0, 200));
    CHECK(status_of(r) == status);
    if (status_of(r) == status) CHECK(body_of(r)["error"]["code"] == code);
    CHECK(status_of(get(server.port(), "/healthz")) == 200);  // still serving
  };
  expect("GET /api/search?q=a HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n",
         431, "headers_too_large");
  // A medium URL with a big cookie: the headers are too large, not the URL (the request line
  // was not parsed when the limit was met, and that once counted as a URL too long).
  expect("GET /api/search?q=" + std::string(600, 'a') +
             " HTTP/1.1\r\nHost: x\r\nCookie: " + std::string(9000, 'c') + "\r\n\r\n",
         431, "headers_too_large");
  std::string many_headers = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 700; ++i) many_headers += "X-H" + std::to_string(i) + ": value\r\n";
  expect(many_headers + "\r\n", 431, "headers_too_large");
  // A URL past the header limit is still a URL too long: 414, not 431.
  expect("GET /api/search?q=" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414,
         "uri_too_long");
  expect("GET /api/search?q=" + std::string(100000, 'a'), 414, "uri_too_long");
  expect("GET /api/search?q=" + std::string(5000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414,
         "uri_too_long");
  expect("GET /api/search?q=" + std::string(4000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 400,
         "parameter_too_long");
  expect("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", 405,
         "method_not_allowed");
  expect("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n", 413,
         "body_too_large");
  expect("DELETE /api/search HTTP/1.1\r\nHost: x\r\n\r\n", 405, "method_not_allowed");
  expect("GARBAGE\r\n\r\n", 400, "bad_request");
  expect("GET /api/search?q=%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_encoding");
  expect("GET /api/search?q=\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_encoding");
  expect("GET /api/search?q=maps&per_page=500 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_parameter");
  expect("GET /api/facets/colour HTTP/1.1\r\nHost: x\r\n\r\n", 404, "unknown_facet");
  // A body whose length only the client knows: Beast read it as no body, and would have read
  // the body as the next request.
  expect("GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nGET /metrics", 400,
         "bad_transfer_encoding");
  expect("GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: a-teapot\r\n\r\n", 417, "expectation_failed");
  // HEAD gets the refusal's headers alone, as for any answer.
  std::string head =
      http_exchange(server.port(), "HEAD /healthz HTTP/1.1\r\nHost: x\r\nExpect: a-teapot\r\n\r\n");
  CHECK(status_of(head) == 417);
  CHECK(head.substr(head.find("\r\n\r\n") + 4).empty());
  // Refused before they were routed (three 431, two 414 at the header limit, 413, 400, and the
  // three just above): `other`.
  CHECK_THAT(get(server.port(), "/metrics"),
             Catch::Contains("hotsearch_requests_total{endpoint=\"other\",status=\"4xx\"} 10\n"));
  CHECK(server.stop() == 0);
}

/// What arrives on `fd` up to and including the first `end`, or after `timeout`.
std::string read_until(int fd, const std::string& end, std::chrono::milliseconds timeout) {
  std::string data;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (data.find(end) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    char c;
    if (read(fd, &c, 1) != 1) break;
    data += c;
  }
  return data;
}

TEST_CASE("a client that waits for 100 Continue gets it, and then its answer", "[corpus][server]") {
  Server server(corpus_db());
  for (std::string method : {"GET", "POST"}) {
    INFO(method);
    int fd = connect_to(server.port());
    REQUIRE(fd >= 0);
    std::string head = method +
                       " /healthz HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                       "Content-Length: 5\r\nConnection: close\r\n\r\n";
    REQUIRE(write(fd, head.data(), head.size()) == static_cast<ssize_t>(head.size()));
    // Before this, the server sent nothing until its read timeout (10 s) cut the client off.
    CHECK(read_until(fd, "\r\n\r\n", 3000ms) == "HTTP/1.1 100 Continue\r\n\r\n");
    REQUIRE(write(fd, "hello", 5) == 5);
    std::string answer = read_response(fd);
    close(fd);
    CHECK(status_of(answer) == (method == "GET" ? 200 : 405));
  }
  // Nothing to wait for (no body): answered at once, with no 100 before it.
  std::string bodiless = http_exchange(
      server.port(),
      "GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
  CHECK(status_of(bodiless) == 200);
  CHECK(server.stop() == 0);
}

TEST_CASE("without an index the server answers 503 and logs where it looked, once", "[server]") {
  hotsearch::test::TempDir dir;
  fs::path db = dir / "not-built-yet";
  Launch launch;
  launch.stderr_file = dir / "stderr";
  Server server(db, {}, launch);
  for (int i = 0; i < 3; ++i) {
    std::string r = get(server.port(), "/api/search?q=maps");
    CHECK(status_of(r) == 503);
    CHECK(body_of(r)["error"]["code"] == "index_unavailable");
    CHECK_THAT(r, !Catch::Contains(db.string()));
  }
  CHECK(server.stop() == 0);
  std::string log = hotsearch::test::read_file(launch.stderr_file);
  std::size_t first = log.find(db.string());
  CHECK(first != std::string::npos);
  CHECK(log.find(db.string(), first + 1) == std::string::npos);
}

TEST_CASE("a folder whose stub names no index is answered 503 like a missing index", "[server]") {
  // An empty stub was an invalid argument to Xapian, whose errors are not std::exceptions:
  // the first search ended the server.
  hotsearch::test::TempDir dir;
  fs::path db = dir / "db";
  fs::create_directories(db);
  hotsearch::test::write_file(db / "XAPIANDB", "");
  Server server(db);
  for (const char* target : {"/api/search?q=maps", "/api/suggest?q=ma", "/healthz"}) {
    std::string r = get(server.port(), target);
    INFO(target);
    CHECK(status_of(r) == 503);
    CHECK(body_of(r)["error"]["code"] == "index_unavailable");
  }
  CHECK(server.stop() == 0);
}

TEST_CASE("slow clients are cut off and good requests are served while they hang on",
          "[corpus][server]") {
  Server server(corpus_db(), {"--read-timeout", "3", "--idle-timeout", "3"});
  std::vector<int> slow;
  for (int i = 0; i < 40; ++i) {
    int fd = connect_to(server.port());
    REQUIRE(fd >= 0);
    std::string start = "GET /api/search?q=maps HTTP/1.1\r\n";
    REQUIRE(write(fd, start.data(), start.size()) > 0);
    slow.push_back(fd);
  }
  auto still_open = [](int fd) {
    pollfd p{fd, POLLIN, 0};
    return poll(&p, 1, 0) == 0;  // nothing to read, no hang-up: the server still holds it
  };
  // While they trickle a byte at a time, other clients are answered, and every slow
  // connection is still open when the answer arrives: nobody waited for them to time out.
  for (int round = 0; round < 3; ++round) {
    for (int fd : slow) {
      if (write(fd, "X", 1) < 0) continue;
    }
    CHECK(status_of(get(server.port(), "/api/search?q=haiti")) == 200);
    int open = 0;
    for (int fd : slow) open += still_open(fd) ? 1 : 0;
    CHECK(open == 40);
  }
  // Past the deadline every slow connection has been closed by the server.
  std::this_thread::sleep_for(4s);
  int closed = 0;
  for (int fd : slow) {
    pollfd p{fd, POLLIN, 0};
    char buffer[256];
    if (poll(&p, 1, 1000) > 0 && read(fd, buffer, sizeof buffer) <= 0) ++closed;
    close(fd);
  }
  CHECK(closed == 40);
  CHECK(server.stop() == 0);
}

TEST_CASE("a flood of connections is refused beyond the cap and good requests still served",
          "[corpus][server]") {
  Server server(corpus_db(), {"--max-connections", "50", "--read-timeout", "5"});
  std::vector<int> flood;
  for (int i = 0; i < 200; ++i) {
    int fd = connect_to(server.port());
    if (fd >= 0) flood.push_back(fd);
  }
  std::this_thread::sleep_for(300ms);
  int refused = 0;
  for (int fd : flood) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 0) > 0) {
      std::string r = read_response(fd, 200ms);
      if (status_of(r) == 503 && body_of(r)["error"]["code"] == "overloaded") ++refused;
    }
  }
  CHECK(refused >= 140);
  for (int fd : flood) close(fd);
  std::this_thread::sleep_for(200ms);
  CHECK(status_of(get(server.port(), "/api/search?q=haiti")) == 200);
  CHECK(server.stop() == 0);
}

TEST_CASE("out of file descriptors the server says so once per episode and waits without spinning",
          "[server]") {
  hotsearch::test::TempDir dir;
  fs::path db = dir / "db";
  REQUIRE(hotsearch::test::build_index(hotsearch::test::sample_content(), db).exit_code == 0);
  fs::path log = dir / "stderr.txt";
  // One thread: one Searcher, so the index's descriptors are all open after the first request.
  Server server(db, {"--threads", "1"}, Launch{log, 64});
  REQUIRE(status_of(get(server.port(), "/healthz")) == 200);

  for (std::size_t episode = 1; episode <= 2; ++episode) {
    INFO("episode " << episode);
    // Start from the listener alone: a connection the server is still closing would run it
    // out of descriptors early, for a moment.
    auto deadline = std::chrono::steady_clock::now() + 20s;
    while (sockets_of(server.pid()) > 1) {
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(10ms);
    }
    std::vector<int> held = use_up_descriptors(server.port(), log, episode);
    // One more, which waits in the backlog: the server has no descriptor to take it with.
    int waiting = connect_to(server.port());
    REQUIRE(waiting >= 0);
    REQUIRE(write(waiting, kFromMemory.data(), kFromMemory.size()) > 0);
    // While nothing can be accepted the listener retries now and then, not in a busy loop,
    // and does not say so again. A bound against spinning, not a speed check: a busy loop
    // would take most of the second.
    double cpu_before = cpu_seconds(server.pid());
    std::this_thread::sleep_for(1s);
    CHECK(cpu_seconds(server.pid()) - cpu_before < 0.5);
    CHECK(accept_failures(log) == episode);
    CHECK(hotsearch::test::read_file(log).size() == episode * kCannotAccept.size());
    pollfd unanswered{waiting, POLLIN, 0};
    CHECK(poll(&unanswered, 1, 0) == 0);
    // Connections that end free descriptors: the waiting request is then served, and so are
    // new ones.
    for (int fd : held) close(fd);
    CHECK(status_of(read_response(waiting, 20000ms)) == 404);
    close(waiting);
    CHECK(status_of(get(server.port(), "/healthz")) == 200);
  }
  CHECK(accept_failures(log) == 2);
  CHECK(server.stop() == 0);
}

TEST_CASE("SIGTERM lets a request in flight finish and exits 0", "[corpus][server]") {
  Server server(corpus_db());
  int idle = connect_to(server.port());  // an idle keep-alive connection must not hold it up
  int fd = connect_to(server.port());
  // One whole request first, so the connection is surely accepted and being served.
  std::string first = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  REQUIRE(write(fd, first.data(), first.size()) > 0);
  REQUIRE(status_of(read_response(fd)) == 200);
  std::string partial = "GET /api/search?q=haiti HTTP/1.1\r\nHost: x\r\n";
  REQUIRE(write(fd, partial.data(), partial.size()) > 0);
  std::thread stopper([&] { CHECK(server.stop() == 0); });
  std::this_thread::sleep_for(200ms);
  REQUIRE(write(fd, "\r\n", 2) > 0);
  // A generous bound against hanging, not a speed check: under sanitizers on a loaded
  // machine the first search can take seconds.
  CHECK(status_of(read_response(fd, 20000ms)) == 200);
  stopper.join();
  close(fd);
  close(idle);
}

TEST_CASE("under load while the index is rewritten no request fails and new pages appear",
          "[corpus][server]") {
  hotsearch::test::TempDir dir;
  fs::path site = dir / "site";
  fs::path db = dir / "db";
  hotsearch::test::copy_tree(hotsearch::test::real_corpus(), site);
  REQUIRE(hotsearch::test::build_index(site, db).exit_code == 1);
  Server server(db, {"--threads", "2"});
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      const char* queries[] = {"missing+maps", "haiti", "mapping&type=projects", "flood", "uganda"};
      for (int i = 0; !stop; ++i) {
        std::string r = get(server.port(), std::string("/api/search?q=") + queries[(i + t) % 5]);
        if (status_of(r) == 200) {
          ++ok;
        } else {
          ++failed;
        }
      }
    });
  }
  std::this_thread::sleep_for(500ms);
  CHECK(hotsearch::test::build_index(site, db, {"--full"}).exit_code == 1);
  // Asked before the page exists: the empty answer is cached, and must not outlive the index.
  CHECK(body_of(get(server.port(), "/api/search?q=wombatquest"))["total"] == 0);
  hotsearch::test::write_file(
      site / "_posts/2026-11-24-load-test.md",
      "---\ntitle: Wombatquest under load\n---\nA page written during the load.\n");
  CHECK(hotsearch::test::build_index(site, db).exit_code == 1);
  CHECK(hotsearch::test::build_index(site, db, {"--full"}).exit_code == 1);
  std::this_thread::sleep_for(500ms);
  stop = true;
  for (auto& c : clients) c.join();
  CHECK(failed == 0);
  CHECK(ok > 100);
  json found = body_of(get(server.port(), "/api/search?q=wombatquest"));
  REQUIRE(found["results"].size() == 1);
  CHECK(found["results"][0]["id"] == "_posts/2026-11-24-load-test.md");
}

TEST_CASE("hotsearch-web refuses bad options with exit 2 and a missing page folder with 3",
          "[server]") {
  auto usage = [](const std::vector<std::string>& args, const std::string& message) {
    auto r = hotsearch::test::run_program("hotsearch-web", args);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("hotsearch-web: " + message + "\n"));
  };
  usage({"--listen", "localhost:8080"},
        "--listen must be ADDR:PORT with an IP address and a port 0-65535, not \"localhost:8080\"");
  usage({"--listen", "127.0.0.1:65536"},
        "--listen must be ADDR:PORT with an IP address and a port 0-65535, not "
        "\"127.0.0.1:65536\"");
  usage({"--threads", "0"}, "--threads must be from 1 to 64");
  usage({"--max-connections", "0"}, "--max-connections must be at least 1");
  // Boost reads -1 into an unsigned flag as its largest value: a read timeout of -1 seconds
  // once left slow clients connected for good.
  for (const char* flag :
       {"--threads", "--max-connections", "--read-timeout", "--idle-timeout", "--cache-entries"}) {
    usage({flag, "-1"}, std::string("the argument ('-1') for option '") + flag + "' is invalid");
  }
  // The browser sends no trailing slash, so this origin would never match: said at start-up.
  usage({"--cors-origin", "https://www.hotosm.org/"},
        "--cors-origin must be scheme://host[:port] (no path), e.g. https://www.hotosm.org, or *");
  usage({"--no-such-flag"}, "unrecognised option '--no-such-flag'");

  hotsearch::test::TempDir dir;
  auto r = hotsearch::test::run_program(
      "hotsearch-web", {"--db", (dir / "db").string(), "--listen", "127.0.0.1:0", "--static",
                        (dir / "nowhere").string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "hotsearch-web: no search page: " + (dir / "nowhere" / "index.html").string() +
                     " is missing\n");
}
