// The HTTP ceiling: a trivial Beast server that answers every request with a fixed small JSON
// body, with hotsearch-web's threading (one io_context, N threads). What wrk gets from it is
// the most any handler could get on this machine.
// Usage: bench_http_ceiling PORT THREADS   (port 0: any free port; prints `listening on ADDR:PORT`)
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket socket) : stream_(std::move(socket)) {}
  void read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return;
                       self->write();
                     });
  }

 private:
  void write() {
    response_ = {http::status::ok, request_.version()};
    response_.set(http::field::content_type, "application/json");
    response_.body() = "{\"ok\":true}";
    response_.keep_alive(request_.keep_alive());
    response_.prepare_payload();
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (!ec && self->response_.keep_alive()) self->read();
                      });
  }
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::empty_body> request_;
  http::response<http::string_body> response_;
};

void accept(tcp::acceptor& acceptor, net::io_context& ioc) {
  acceptor.async_accept(net::make_strand(ioc), [&](beast::error_code ec, tcp::socket socket) {
    if (!ec) std::make_shared<Session>(std::move(socket))->read();
    std::cout << "listening on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    accept(acceptor, ioc);
  });
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_http_ceiling PORT THREADS\n";
    return 2;
  }
  int threads = std::stoi(argv[2]);
  net::io_context ioc(threads);
  tcp::acceptor acceptor(
      ioc, {net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::stoi(argv[1]))});
  std::cout << "listening on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
  accept(acceptor, ioc);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}
