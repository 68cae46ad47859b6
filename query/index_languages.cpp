// Reading an index's languages and keeping a query to some of them.
#include "query/index_languages.h"

#include <algorithm>

#include "indexer/language.h"
#include "indexer/schema.h"
#include "indexer/stem_cache.h"

namespace hotsearch {

namespace {
// Words a query stemmer remembers per language and Searcher (a few MB at most).
constexpr std::size_t kQueryCachedWords = 20000;
}  // namespace

IndexLanguages IndexLanguages::read(const Xapian::Database& db) {
  IndexLanguages out;
  const schema::Facet& lang = schema::facet("lang");
  std::string prefix(lang.prefix);
  // English first: it is the site's main language and the one spelling corrects against.
  out.languages_.push_back({"en", db.get_termfreq(schema::facet_term(lang, "en")), {}});
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    std::string code = (*it).substr(prefix.size());
    if (code != "en") out.languages_.push_back({code, it.get_termfreq(), {}});
  }
  for (IndexLanguage& language : out.languages_) {
    std::string name = xapian_stemmer_name(language.code);
    // A search stems each word in every language, for its words and again for its titles,
    // and searches repeat words: Snowball's stemming was a third of building a query's
    // instructions (callgrind, 10k bench mix).
    if (name != "none") language.stemmer.emplace(cached_stemmer(name, kQueryCachedWords));
  }
  return out;
}

Xapian::Query IndexLanguages::restrict_to(const Xapian::Query& query,
                                          const std::vector<std::string>& codes) const {
  std::vector<Xapian::Query> in, out;
  Xapian::doccount pages_in = 0, pages_out = 0;
  const schema::Facet& lang = schema::facet("lang");
  for (const IndexLanguage& language : languages_) {
    bool wanted = std::find(codes.begin(), codes.end(), language.code) != codes.end();
    (wanted ? in : out).emplace_back(schema::facet_term(lang, language.code));
    (wanted ? pages_in : pages_out) += language.pages;
  }
  if (out.empty() || pages_out == 0) return query;
  if (pages_out < pages_in) {
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(Xapian::Query::OP_OR, out.begin(), out.end()));
  }
  return Xapian::Query(Xapian::Query::OP_FILTER, query,
                       Xapian::Query(Xapian::Query::OP_OR, in.begin(), in.end()));
}

}  // namespace hotsearch
