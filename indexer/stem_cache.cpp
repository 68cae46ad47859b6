// A caching stemmer for the term generator.
#include "indexer/stem_cache.h"

#include <unordered_map>

namespace hotsearch {

namespace {

class CachingStem : public Xapian::StemImplementation {
 public:
  CachingStem(const std::string& language, std::size_t max_words, const std::string& mark)
      : stem_(language), max_words_(max_words), mark_(mark) {
    // Xapian::Stem describes itself as `Xapian::Stem(english)`; the implementation's part is
    // what is inside the brackets. Synonyms key their stemmed groups by this description.
    std::string full = stem_.get_description();
    auto open = full.find('(');
    auto close = full.rfind(')');
    description_ = open != std::string::npos && close != std::string::npos && close > open
                       ? full.substr(open + 1, close - open - 1)
                       : language;
    // Synonyms key their stemmed groups by the description: a marked stemmer is another one.
    if (!mark_.empty()) description_ += " marked " + mark_;
  }

  std::string operator()(const std::string& word) override {
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    if (cache_.size() >= max_words_) cache_.clear();
    return cache_.emplace(word, mark_ + stem_(word)).first->second;
  }

  std::string get_description() const override { return description_; }

 private:
  Xapian::Stem stem_;
  std::size_t max_words_;
  std::string mark_;
  std::string description_;
  std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

Xapian::Stem cached_stemmer(const std::string& language, std::size_t max_words,
                            const std::string& mark) {
  Xapian::Stem plain(language);
  if (plain.is_none()) return plain;
  return Xapian::Stem(new CachingStem(language, max_words, mark));
}

}  // namespace hotsearch
