#pragma once
// ResponseCache: the last answers to searches, as whole responses, so a query the search box
// sends again (most traffic repeats) is answered without searching. Like Solr's
// queryResultCache, keyed by the normalised request and the index revision it was answered
// from: a new revision never serves an old answer. Bounded (least recently used goes first)
// and thread-safe (the server's threads share one).

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
  /// At most `capacity` responses (0: nothing is kept).
  explicit ResponseCache(std::size_t capacity) : capacity_(capacity) {}

  /// The response stored under `key`, and marks it recently used.
  std::optional<Response> find(const std::string& key);

  /// Stores `response` under `key`, dropping the least recently used beyond the capacity.
  void insert(const std::string& key, const Response& response);

  std::size_t size() const;

 private:
  using Entry = std::pair<std::string, Response>;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  ///< most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

}  // namespace hotsearch::web
