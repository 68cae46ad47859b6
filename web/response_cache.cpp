// A bounded least-recently-used map of responses.
#include "web/response_cache.h"

namespace hotsearch::web {

std::optional<Response> ResponseCache::find(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = by_key_.find(key);
  if (found == by_key_.end()) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->second;
}

void ResponseCache::insert(const std::string& key, const Response& response) {
  if (capacity_ == 0 || cost(key, response) > max_bytes_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = by_key_.find(key);
  if (found != by_key_.end()) {
    bytes_ -= cost(key, found->second->second);
    found->second->second = response;
    entries_.splice(entries_.begin(), entries_, found->second);
  } else {
    entries_.emplace_front(key, response);
    by_key_.emplace(key, entries_.begin());
  }
  bytes_ += cost(key, response);
  while (entries_.size() > capacity_ || bytes_ > max_bytes_) {
    bytes_ -= cost(entries_.back().first, entries_.back().second);
    by_key_.erase(entries_.back().first);
    entries_.pop_back();
  }
}

std::size_t ResponseCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

std::size_t ResponseCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

}  // namespace hotsearch::web
