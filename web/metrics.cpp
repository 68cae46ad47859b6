// Prometheus metrics.
#include "web/metrics.h"

#include <sstream>

namespace hotsearch::web {

Endpoint endpoint_of(const std::string& path) {
  if (path == "/api/search") return Endpoint::Search;
  if (path == "/api/suggest") return Endpoint::Suggest;
  if (path.rfind("/api/facets/", 0) == 0) return Endpoint::Facets;
  if (path == "/healthz") return Endpoint::Health;
  if (path == "/metrics") return Endpoint::Metrics;
  if (path == "/" || path == "/opensearch.xml" || path.rfind("/static/", 0) == 0) {
    return Endpoint::Page;
  }
  return Endpoint::Other;
}

const char* endpoint_name(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::Search:
      return "search";
    case Endpoint::Suggest:
      return "suggest";
    case Endpoint::Facets:
      return "facets";
    case Endpoint::Health:
      return "healthz";
    case Endpoint::Metrics:
      return "metrics";
    case Endpoint::Page:
      return "page";
    default:
      return "other";
  }
}

void Metrics::record(Endpoint endpoint, int status, double seconds) {
  auto e = static_cast<std::size_t>(endpoint);
  std::size_t status_class =
      status >= 100 && status < 600 ? static_cast<std::size_t>(status / 100) : 5;
  ++requests_[e][status_class];
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  ++latency_[e][bucket];
  double sum = latency_sum_[e].load();
  while (!latency_sum_[e].compare_exchange_weak(sum, sum + seconds)) {
  }
}

std::string Metrics::render(long documents) const {
  std::ostringstream out;
  out << "# HELP hotsearch_requests_total HTTP requests answered, by endpoint and status class.\n"
      << "# TYPE hotsearch_requests_total counter\n";
  for (std::size_t e = 0; e < kEndpoints; ++e) {
    for (std::size_t s = 1; s < kStatusClasses; ++s) {
      unsigned long n = requests_[e][s];
      if (n == 0) continue;
      out << "hotsearch_requests_total{endpoint=\"" << endpoint_name(static_cast<Endpoint>(e))
          << "\",status=\"" << s << "xx\"} " << n << "\n";
    }
  }
  out << "# HELP hotsearch_request_duration_seconds Time to answer a request.\n"
      << "# TYPE hotsearch_request_duration_seconds histogram\n";
  for (std::size_t e = 0; e < kEndpoints; ++e) {
    unsigned long cumulative = 0;
    const char* name = endpoint_name(static_cast<Endpoint>(e));
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += latency_[e][b];
      out << "hotsearch_request_duration_seconds_bucket{endpoint=\"" << name << "\",le=\"";
      if (b < kBuckets.size()) {
        out << kBuckets[b];
      } else {
        out << "+Inf";
      }
      out << "\"} " << cumulative << "\n";
    }
    out << "hotsearch_request_duration_seconds_sum{endpoint=\"" << name << "\"} "
        << latency_sum_[e].load() << "\n"
        << "hotsearch_request_duration_seconds_count{endpoint=\"" << name << "\"} " << cumulative
        << "\n";
  }
  out << "# HELP hotsearch_open_connections Connections open now.\n"
      << "# TYPE hotsearch_open_connections gauge\n"
      << "hotsearch_open_connections " << open_connections_.load() << "\n"
      << "# HELP hotsearch_connections_total Connections accepted.\n"
      << "# TYPE hotsearch_connections_total counter\n"
      << "hotsearch_connections_total " << connections_total_.load() << "\n"
      << "# HELP hotsearch_connections_refused_total Connections refused at the limit.\n"
      << "# TYPE hotsearch_connections_refused_total counter\n"
      << "hotsearch_connections_refused_total " << connections_refused_.load() << "\n"
      << "# HELP hotsearch_index_documents Pages in the index.\n"
      << "# TYPE hotsearch_index_documents gauge\n"
      << "hotsearch_index_documents " << documents << "\n";
  return out.str();
}

}  // namespace hotsearch::web
