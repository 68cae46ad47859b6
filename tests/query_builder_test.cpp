// QueryBuilder's filters: a search without facet or date filters must not be filtered at all.
// Filtering on the every-page term made Xapian check every match against that posting list
// too, for the same pages.
#include "query/query_builder.h"

#include <catch2/catch.hpp>

#include "indexer/schema.h"
#include "tests/test_support.h"

using hotsearch::BuiltQuery;
using hotsearch::IndexLanguages;
using hotsearch::QueryBuilder;
using hotsearch::RequestLimits;
using hotsearch::SearchRequest;

namespace {

bool mentions(const Xapian::Query& query, const std::string& text) {
  return query.get_description().find(text) != std::string::npos;
}

/// How many pages `query` matches, counted exactly.
Xapian::doccount matches(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, db.get_doccount(), db.get_doccount()).get_matches_estimated();
}

}  // namespace

TEST_CASE("a query without filters is not wrapped in one; a query with filters is",
          "[query_builder]") {
  hotsearch::test::TempDir dir;
  Xapian::Database db = hotsearch::test::sample_index(dir / "db");
  IndexLanguages languages = IndexLanguages::read(db);
  hotsearch::KnownTerms known = hotsearch::KnownTerms::read(db);
  RequestLimits limits;
  QueryBuilder builder(db, languages, known, limits);

  SearchRequest plain;
  plain.query = "missing maps";
  BuiltQuery unfiltered = builder.build(plain);
  CHECK(unfiltered.filter.empty());
  const Xapian::Query& words = unfiltered.words.matching;
  CHECK(unfiltered.filtered(words).get_description() == words.get_description());
  CHECK_FALSE(mentions(unfiltered.filtered(words), "FILTER"));

  SearchRequest by_country = plain;
  by_country.filters["country"] = {"Malawi"};
  by_country.since = "2020-01-01";
  BuiltQuery filtered = builder.build(by_country);
  REQUIRE_FALSE(filtered.filter.empty());
  Xapian::Query kept = filtered.filtered(filtered.words.matching);
  CHECK(mentions(kept, "FILTER"));
  CHECK(
      mentions(kept, hotsearch::schema::facet_term(hotsearch::schema::facet("country"), "malawi")));
  // The filter keeps some pages of the words and drops others (the sample site has pages
  // with the words outside Malawi).
  Xapian::doccount all = matches(db, words);
  Xapian::doccount in_malawi = matches(db, kept);
  CHECK(in_malawi > 0);
  CHECK(in_malawi < all);

  SearchRequest nothing;  // no words, no filters: every page, unfiltered
  BuiltQuery everything = builder.build(nothing);
  CHECK(everything.filter.empty());
  CHECK(matches(db, everything.filtered(everything.words.matching)) == db.get_doccount());
}
