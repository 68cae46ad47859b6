#pragma once
// Counters for /metrics (Prometheus text format): requests by endpoint and status, a latency
// histogram, and responses refused for load. Thread-safe: lock-free counters.

#include <array>
#include <atomic>
#include <cstddef>
#include <string>

namespace hotsearch::web {

/// The endpoints metrics are kept for (anything else counts as `other`).
enum class Endpoint { Search, Suggest, Facets, Health, Metrics, Page, Other, kCount };

Endpoint endpoint_of(const std::string& path);
const char* endpoint_name(Endpoint endpoint);

class Metrics {
 public:
  void record(Endpoint endpoint, int status, double seconds);
  void connection_opened() {
    ++open_connections_;
    ++connections_total_;
  }
  void connection_closed() { --open_connections_; }
  void connection_refused() { ++connections_refused_; }
  long open_connections() const { return open_connections_; }

  /// The Prometheus exposition text; `documents` is the index size (-1 when unavailable).
  std::string render(long documents) const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.25,  1.0};
  static constexpr std::size_t kEndpoints = static_cast<std::size_t>(Endpoint::kCount);
  static constexpr std::size_t kStatusClasses = 6;  // 0xx unused, 1xx..5xx
  std::array<std::array<std::atomic<unsigned long>, kStatusClasses>, kEndpoints> requests_{};
  std::array<std::array<std::atomic<unsigned long>, kBuckets.size() + 1>, kEndpoints> latency_{};
  std::array<std::atomic<double>, kEndpoints> latency_sum_{};
  std::atomic<long> open_connections_{0};
  std::atomic<unsigned long> connections_total_{0};
  std::atomic<unsigned long> connections_refused_{0};
};

}  // namespace hotsearch::web
