// A caching stemmer for the term generator.
#include "indexer/stem_cache.h"

#include <unordered_map>

namespace hotsearch {

namespace {

// Past this many words the cache starts again: a site's vocabulary fits many times over (the
// 10,000-page test tree has about 20,000 words), and a bound keeps a pathological tree (every
// page a new random vocabulary) from growing it without limit.
constexpr std::size_t kMaxCachedWords = 200000;

class CachingStem : public Xapian::StemImplementation {
 public:
  explicit CachingStem(const std::string& language) : stem_(language) {
    // Xapian::Stem describes itself as `Xapian::Stem(english)`; the implementation's part is
    // what is inside the brackets. Synonyms key their stemmed groups by this description.
    std::string full = stem_.get_description();
    auto open = full.find('(');
    auto close = full.rfind(')');
    description_ = open != std::string::npos && close != std::string::npos && close > open
                       ? full.substr(open + 1, close - open - 1)
                       : language;
  }

  std::string operator()(const std::string& word) override {
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxCachedWords) cache_.clear();
    return cache_.emplace(word, stem_(word)).first->second;
  }

  std::string get_description() const override { return description_; }

 private:
  Xapian::Stem stem_;
  std::string description_;
  std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

Xapian::Stem cached_stemmer(const std::string& language) {
  Xapian::Stem plain(language);
  if (plain.is_none()) return plain;
  return Xapian::Stem(new CachingStem(language));
}

}  // namespace hotsearch
