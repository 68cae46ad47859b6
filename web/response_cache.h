#pragma once
// ResponseCache: the last answers to searches, as whole responses, so a query the search box
// sends again (most traffic repeats) is answered without searching. Like Solr's
// queryResultCache, keyed by the normalised request and the index revision it was answered
// from: a new revision never serves an old answer. Bounded in entries and in bytes (least
// recently used goes first: a client asking for many pages of 100 results must not make the
// server grow past its memory budget) and thread-safe (the server's threads share one).

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "web/http_types.h"

namespace hotsearch::web {

class ResponseCache {
 public:
  /// At most `capacity` responses (0: nothing is kept) holding at most `max_bytes` of keys and
  /// bodies together; a response larger than that alone is not kept.
  explicit ResponseCache(std::size_t capacity, std::size_t max_bytes = kDefaultMaxBytes)
      : capacity_(capacity), max_bytes_(max_bytes) {}

  /// 32 MiB: some 2,000 answers of 10 results with facets, or 500 of 100 results.
  static constexpr std::size_t kDefaultMaxBytes = 32u << 20;

  /// The response stored under `key`, and marks it recently used.
  std::optional<Response> find(const std::string& key);

  /// Stores `response` under `key`, dropping the least recently used beyond the capacity.
  void insert(const std::string& key, const Response& response);

  std::size_t size() const;
  /// Bytes of keys and bodies held now.
  std::size_t bytes() const;

 private:
  using Entry = std::pair<std::string, Response>;
  static std::size_t cost(const std::string& key, const Response& response) {
    return key.size() + response.body.size();
  }

  std::size_t capacity_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  ///< most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

}  // namespace hotsearch::web
