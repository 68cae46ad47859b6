// KnownTerms: the queries it trims find the same pages with the same weights as the queries
// it does not, and it trims them. A stem it wrongly called absent would lose pages here.
#include "query/known_terms.h"

#include <catch2/catch.hpp>

#include "indexer/schema.h"
#include "query/query_builder.h"
#include "query/ranking.h"
#include "tests/test_support.h"

using hotsearch::BuiltQuery;
using hotsearch::IndexLanguages;
using hotsearch::KnownTerms;
using hotsearch::QueryBuilder;
using hotsearch::RequestLimits;
using hotsearch::SearchRequest;

namespace {

struct Ranked {
  std::vector<std::pair<Xapian::docid, double>> hits;  ///< every match, best first
  Xapian::doccount total = 0;
  bool operator==(const Ranked& o) const { return hits == o.hits && total == o.total; }
};

/// Every page `built` matches, ranked as the searcher ranks them.
Ranked rank(const Xapian::Database& db, const BuiltQuery& built) {
  Xapian::Enquire enquire(db);
  enquire.set_query(built.filtered(built.words.ranked));
  enquire.set_weighting_scheme(hotsearch::ranking::weighting());
  Ranked out;
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
  out.total = mset.get_matches_estimated();
  for (auto it = mset.begin(); it != mset.end(); ++it) out.hits.emplace_back(*it, it.get_weight());
  return out;
}

/// How many of the query's terms start with `prefix`.
std::size_t terms_with_prefix(const Xapian::Query& query, const std::string& prefix) {
  std::size_t n = 0;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    if ((*t).rfind(prefix, 0) == 0) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("KnownTerms has every stem and exact title of the index and few others",
          "[known_terms]") {
  hotsearch::test::TempDir dir;
  Xapian::Database db = hotsearch::test::sample_index(dir / "db");
  KnownTerms known = KnownTerms::read(db);

  std::size_t held = 0;
  for (const std::string& prefix : {std::string(hotsearch::schema::kStemPrefix),
                                    std::string(hotsearch::schema::kExactTitlePrefix)}) {
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      ++held;
      if (!known.may_have(*t)) FAIL("said absent: " << *t);
    }
  }
  REQUIRE(held > 1000);  // the sample site's stems in three languages, and its titles

  // Terms the index lacks: nearly all are said to be absent (a Bloom filter lets a few by).
  std::size_t passed = 0;
  for (int i = 0; i < 1000; ++i) {
    std::string stem = "Zfr:nowhere" + std::to_string(i);
    REQUIRE_FALSE(db.term_exists(stem));
    if (known.may_have(stem)) ++passed;
  }
  CHECK(passed < 50);
  CHECK(known.memory_bytes() <= held * 4);

  // Other kinds of term are Xapian's to look up; a KnownTerms that read nothing knows nothing.
  CHECK(known.may_have("XCnowhereland"));
  CHECK(known.may_have("nowhereword"));
  CHECK(KnownTerms().may_have("Zfr:nowhere0"));
}

TEST_CASE("queries without the stems the index lacks rank the same pages the same way",
          "[known_terms]") {
  hotsearch::test::TempDir dir;
  Xapian::Database db = hotsearch::test::sample_index(dir / "db");
  IndexLanguages languages = IndexLanguages::read(db);
  REQUIRE(languages.all().size() >= 3);  // English, French and Spanish pages
  KnownTerms known = KnownTerms::read(db);
  KnownTerms knows_nothing;
  RequestLimits limits;
  QueryBuilder trimmed(db, languages, known, limits);
  QueryBuilder untrimmed(db, languages, knows_nothing, limits);

  std::size_t stems_before = 0, stems_after = 0, found = 0;
  for (std::string q :
       {"missing maps", "cartographie", "inondations communautaires", "huracán", "mapping",
        "mapathon training", "\"missing maps\"", "title:malaria", "map*", "hai", "malaria -mali",
        "flood OR inondation", "NOT flood", "project:\"Missing Maps\" roads", "Missing Maps",
        "zzqqxx", "missing zzqqxx", "zzqqxx missing", "zzqqxx OR missing"}) {
    SearchRequest request;
    request.query = q;
    BuiltQuery a = trimmed.build(request);
    BuiltQuery b = untrimmed.build(request);
    INFO(q << "\n trimmed:   " << a.words.ranked.get_description()
           << "\n untrimmed: " << b.words.ranked.get_description());
    CHECK(a.has_words == b.has_words);
    Ranked ra = rank(db, a), rb = rank(db, b);
    CHECK(ra == rb);
    found += ra.total;
    stems_before += terms_with_prefix(b.words.ranked, "Z");
    stems_after += terms_with_prefix(a.words.ranked, "Z");
  }
  CHECK(found > 50);                      // the queries find pages...
  CHECK(stems_after * 2 < stems_before);  // ...with fewer than half the stem terms

  // A word no page has, in any language (and not the last, which may be a word still being
  // typed), still matches nothing: it is not dropped.
  SearchRequest unknown;
  unknown.query = "zzqqxx missing";
  BuiltQuery built = trimmed.build(unknown);
  CHECK(built.has_words);
  CHECK(rank(db, built).total == 0);
}
