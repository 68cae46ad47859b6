// Beast I/O only: listener, sessions, timeouts, limits, graceful shutdown.
#include "web/server.h"

#include <xapian.h>

#include <algorithm>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "indexer/error.h"
#include "web/http_message.h"
#include "web/metrics.h"
#include "web/query_params.h"

namespace hotsearch::web {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class Session;

/// Shared by every session: configuration, page, metrics, and the registry used at shutdown.
struct ServerState {
  ServerOptions options;
  StaticFiles files;
  Metrics metrics;
  std::optional<ResponseCache> cache;  ///< shared by every thread; none with --cache-entries 0
  std::atomic<bool> stopping{false};
  std::mutex log_mutex;
  std::string last_note;  ///< the last answer's note logged (under log_mutex)
  std::chrono::steady_clock::time_point last_note_at;
  std::mutex sessions_mutex;
  std::vector<std::weak_ptr<Session>> sessions;  ///< pruned as sessions end
};

/// Each worker thread has its own Searcher: Xapian objects are not thread-safe.
Searcher& thread_searcher(const std::filesystem::path& db) {
  thread_local std::optional<Searcher> searcher;
  if (!searcher) searcher.emplace(db);
  return *searcher;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, ServerState& state) : stream_(std::move(socket)), state_(state) {
    state_.metrics.connection_opened();
  }
  ~Session() { state_.metrics.connection_closed(); }

  void start() {
    {
      std::lock_guard<std::mutex> lock(state_.sessions_mutex);
      auto& list = state_.sessions;
      list.erase(
          std::remove_if(list.begin(), list.end(), [](const auto& w) { return w.expired(); }),
          list.end());
      list.push_back(weak_from_this());
    }
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::do_read, shared_from_this()));
  }

  /// At shutdown: a connection waiting for its next request is closed now; one in the middle
  /// of a request finishes it first (it will not be kept alive).
  void stop_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      bool unread = self->stream_.socket().available(ec) > 0;  // sent, not yet read by us
      if (self->waiting_ && !unread && self->buffer_.size() == 0 &&
          !(self->parser_ && self->parser_->got_some())) {
        // Not close(): the pending read may already hold the start of a request, taken from
        // the socket but committed to buffer_ only when its handler runs (queued behind this
        // one). Cancelling ends a read that has not completed (on_read then closes, as for
        // any aborted read) and leaves one that has to finish its request.
        self->stream_.socket().cancel(ec);
      }
    });
  }

  /// Answers once and closes: for connections over the limit.
  void refuse() {
    auto response = std::make_shared<http::response<http::string_body>>(
        to_beast(error_response(503, "overloaded", "too many connections; try again"), 11, false));
    stream_.expires_after(std::chrono::seconds(2));
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response](beast::error_code ec, std::size_t) {
                        if (ec) return self->close();
                        self->linger_then_close();
                      });
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(state_.options.max_header_bytes));
    parser_->body_limit(state_.options.max_body_bytes);
    // The first request of a connection and each keep-alive one get a whole-request deadline;
    // a slow client is cut off when it passes.
    stream_.expires_after(std::chrono::seconds(first_ ? state_.options.read_timeout_seconds
                                                      : state_.options.idle_timeout_seconds));
    first_ = false;
    waiting_ = true;
    // The header first: what it says decides whether the body is read at all (below).
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  /// A request's header is in: refuse what cannot be answered before its body is read, tell a
  /// client that waits for it to send its body, then read the rest.
  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read(ec, 0);
    waiting_ = false;
    const auto& message = parser_->get();
    // A Transfer-Encoding that does not end in chunked leaves the body's length unknown (RFC
    // 9112 §6.3): Beast would read the request as having no body, and the body as the next
    // request.
    if (message.count(http::field::transfer_encoding) > 0 && !parser_->chunked()) {
      return refuse_after_header(400, "bad_transfer_encoding",
                                 "Transfer-Encoding \"" +
                                     std::string(message[http::field::transfer_encoding]) +
                                     "\" is not supported: only chunked");
    }
    beast::string_view expect = message[http::field::expect];
    bool http11 = message.version() >= 11;  // HTTP/1.0 clients' expectations are ignored
    if (http11 && !expect.empty() && !beast::iequals(expect, "100-continue")) {
      return refuse_after_header(
          417, "expectation_failed",
          "Expect: " + std::string(expect) + " is not supported (only 100-continue)");
    }
    if (http11 && !expect.empty() && !parser_->is_done()) {
      // The client waits for this before it sends its body (curl: a second; others: until the
      // read timeout). The body is then read, and refused by size or method as usual.
      auto go_on = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      return http::async_write(
          stream_, *go_on,
          [self = shared_from_this(), go_on](beast::error_code write_ec, std::size_t) {
            if (write_ec) return self->close();
            self->read_body();
          });
    }
    read_body();
  }

  void read_body() {
    if (parser_->is_done()) return on_read({}, 0);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  /// Answers `status` to a request whose header was read but which is not routed, and closes:
  /// its body, if any, is not read.
  void refuse_after_header(int status, const std::string& code, const std::string& message) {
    const auto& header = parser_->get();
    // Not routed, so counted as endpoint `other` in /metrics, like the refusals of on_read.
    state_.metrics.record(Endpoint::Other, status, 0.0);
    respond(error_response(status, code, message), std::string(header.method_string()),
            std::string(header.target()), header.version(), false,
            header.method() == http::verb::head);
  }

  void on_read(beast::error_code ec, std::size_t) {
    waiting_ = false;
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof) {
      return close();
    }
    if (ec) {
      // Malformed or over a limit: answer with the matching 4xx, then close.
      int status = 400;
      std::string code = "bad_request", message = "malformed HTTP request: " + ec.message();
      if (ec == http::error::header_limit && request_line_too_long()) {
        status = 414;
        code = "uri_too_long";
        message =
            "the URL is longer than " + std::to_string(ParamLimits{}.max_target_bytes) + " bytes";
      } else if (ec == http::error::header_limit) {
        status = 431;
        code = "headers_too_large";
        message = "request line and headers are larger than " +
                  std::to_string(state_.options.max_header_bytes) + " bytes";
      } else if (ec == http::error::body_limit) {
        status = 413;
        code = "body_too_large";
        message = "request bodies are not accepted";
      }
      // No target was read, so these count as endpoint `other` in /metrics.
      state_.metrics.record(Endpoint::Other, status, 0.0);
      return respond(error_response(status, code, message), "-", "-", 11, false);
    }
    auto started = std::chrono::steady_clock::now();
    const auto& message = parser_->get();
    Request request = to_request(message);
    Site site;
    site.searcher = &thread_searcher(state_.options.db_path);
    site.files = &state_.files;
    site.metrics = &state_.metrics;
    site.cache = state_.cache ? &*state_.cache : nullptr;
    site.cors_origin = state_.options.cors_origin;
    Response response;
    try {
      response = handle(site, request);
    } catch (const std::exception& e) {
      // handle() answers every expected failure itself; this is a bug, shown as one.
      response = internal_error(request.target, e.what());
    } catch (const Xapian::Error& e) {
      // Xapian's errors are not std::exceptions: uncaught, one would end the server.
      response = internal_error(request.target, e.get_description());
    }
    if (!response.log_note.empty()) log_note(response.log_note);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    state_.metrics.record(metrics_endpoint(request.target), response.status, seconds);
    bool keep_alive = message.keep_alive() && !state_.stopping;
    respond(std::move(response), request.method, request.target, message.version(), keep_alive,
            request.method == "HEAD", started);
  }

  void respond(Response response, const std::string& method, const std::string& target,
               unsigned version, bool keep_alive, bool head = false,
               std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now()) {
    int status = response.status;
    auto out = std::make_shared<http::response<http::string_body>>(
        to_beast(std::move(response), version, keep_alive));
    std::size_t bytes = out->body().size();
    if (head) {
      // HEAD: the GET's headers (Content-Length included), no body.
      out->body().clear();
      out->content_length(bytes);
    }
    if (state_.options.access_log) {
      auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
      std::lock_guard<std::mutex> lock(state_.log_mutex);
      std::cerr << method << " " << target.substr(0, 512) << " " << status << " "
                << (head ? 0 : bytes) << " " << micros << "us\n";
    }
    stream_.expires_after(std::chrono::seconds(state_.options.read_timeout_seconds));
    http::async_write(
        stream_, *out,
        [self = shared_from_this(), out, keep_alive](beast::error_code ec, std::size_t) {
          if (ec) return self->close();
          if (!keep_alive) return self->linger_then_close();
          self->do_read();
        });
  }

  /// The endpoint a request counts under in /metrics: by its decoded path, as it was routed
  /// (`/api%2Fsearch` is a search), and any file of the search page is `page`.
  Endpoint metrics_endpoint(const std::string& target) const {
    std::string path = target.substr(0, target.find('?'));
    try {
      path = percent_decode(path, false);
    } catch (const BadRequest&) {
      // Not routed either: counted by the path as sent.
    }
    Endpoint endpoint = endpoint_of(path);
    if (endpoint == Endpoint::Other && state_.files.find(path)) endpoint = Endpoint::Page;
    return endpoint;
  }

  /// After a header_limit error: whether the request line alone is past the URL limit. Beast
  /// takes in the request line as soon as it is whole, so an empty target means it never was.
  bool request_line_too_long() const {
    std::size_t limit = ParamLimits{}.max_target_bytes;
    std::size_t target = parser_->get().target().size();
    if (target > 0) return target > limit;
    // Not parsed (the header block went over the limit before it was whole): the first line of
    // what was read says which part is too long. A long cookie after a medium URL is 431.
    auto read = buffer_.cdata();
    std::string_view bytes(static_cast<const char*>(read.data()), read.size());
    std::size_t first_line = std::min(bytes.find('\n'), bytes.size());
    return first_line > limit;
  }

  /// Logs why an answer failed (a missing index), once while the reason stays the same, and
  /// again each minute: every request meets it then, and the log would fill with one line.
  /// The answer to a failure handle() did not expect: a bug, logged and shown as one.
  Response internal_error(const std::string& target, const std::string& what) {
    {
      std::lock_guard<std::mutex> lock(state_.log_mutex);
      std::cerr << "hotsearch-web: internal error on " << target << ": " << what << "\n";
    }
    return error_response(500, "internal_error", "internal error");
  }

  void log_note(const std::string& note) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(state_.log_mutex);
    if (note == state_.last_note && now - state_.last_note_at < std::chrono::minutes(1)) return;
    state_.last_note = note;
    state_.last_note_at = now;
    std::cerr << "hotsearch-web: " << note << "\n";
  }

  /// After the last answer on a connection: stop sending, then read and drop what the client
  /// still sends, briefly, before closing. Closing with unread bytes makes the kernel send a
  /// reset, which can destroy the answer (a 4xx body) before the client has read it.
  void linger_then_close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(1));
    drain_buffer_.resize(4096);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrainBytes) return self->close();
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  ServerState& state_;
  static constexpr std::size_t kMaxDrainBytes = 1 << 20;  ///< a client sending more is cut off
  std::vector<char> drain_buffer_;                        ///< only while lingering
  std::size_t drained_ = 0;
  bool first_ = true;
  bool waiting_ = false;  ///< between requests, reading the next one
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, const tcp::endpoint& endpoint, ServerState& state)
      : ioc_(ioc), acceptor_(net::make_strand(ioc)), state_(state) {
    beast::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      throw Error("cannot listen on " + endpoint.address().to_string() + ":" +
                  std::to_string(endpoint.port()) + ": " + ec.message());
    }
  }

  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void start() { do_accept(); }

  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_.cancel();
    });
  }

 private:
  void do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // Out of file descriptors (EMFILE) or memory: accepting again at once would spin on the
      // same error. Say so once, wait a little; connections that end free what is needed.
      if (!accept_failing_) {
        std::lock_guard<std::mutex> lock(state_.log_mutex);
        std::cerr << "hotsearch-web: cannot accept connections: " << ec.message()
                  << " (retrying)\n";
      }
      accept_failing_ = true;
      retry_.expires_after(std::chrono::milliseconds(100));
      retry_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (!wait_ec && self->acceptor_.is_open()) self->do_accept();
      });
      return;
    }
    accept_failing_ = false;
    auto session = std::make_shared<Session>(std::move(socket), state_);
    if (static_cast<std::size_t>(state_.metrics.open_connections()) >
        state_.options.max_connections) {
      state_.metrics.connection_refused();
      session->refuse();
    } else {
      session->start();
    }
    do_accept();
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_{acceptor_.get_executor()};  ///< after an accept error
  bool accept_failing_ = false;
  ServerState& state_;
};

}  // namespace

void run_server(const ServerOptions& options,
                const std::function<void(const std::string&)>& on_listening) {
  ServerState state;
  state.options = options;
  if (options.cache_entries > 0) state.cache.emplace(options.cache_entries);
  if (!options.static_folder.empty()) state.files = StaticFiles::load(options.static_folder);

  unsigned threads = std::max(1u, options.threads);
  net::io_context ioc(static_cast<int>(threads));
  beast::error_code ec;
  auto address = net::ip::make_address(options.address, ec);
  if (ec) throw Error("not an IP address: " + options.address);
  auto listener = std::make_shared<Listener>(ioc, tcp::endpoint{address, options.port}, state);
  listener->start();

  // SIGINT/SIGTERM: stop accepting, let requests in flight finish, then leave. Idle keep-alive
  // connections end at their next deadline or when the grace period runs out.
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer grace(ioc);
  auto deadline = std::chrono::steady_clock::now();
  std::function<void()> wait_for_sessions = [&] {
    // Leave once every connection is gone, or when the grace period is over.
    if (state.metrics.open_connections() == 0 || std::chrono::steady_clock::now() >= deadline) {
      ioc.stop();
      return;
    }
    grace.expires_after(std::chrono::milliseconds(50));
    grace.async_wait([&](beast::error_code) { wait_for_sessions(); });
  };
  signals.async_wait([&](beast::error_code, int) {
    state.stopping = true;
    listener->stop();
    {
      std::lock_guard<std::mutex> lock(state.sessions_mutex);
      for (auto& weak : state.sessions) {
        if (auto session = weak.lock()) session->stop_if_idle();
      }
    }
    deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.shutdown_grace_seconds);
    wait_for_sessions();
  });
  if (on_listening) {
    auto endpoint = listener->local_endpoint();
    std::string host = endpoint.address().to_string();
    if (endpoint.address().is_v6()) host = "[" + host + "]";  // so it can be given to --listen
    on_listening(host + ":" + std::to_string(endpoint.port()));
  }

  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}

}  // namespace hotsearch::web
