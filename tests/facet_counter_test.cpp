// FacetCounter marks matching pages and counts their values at the end, over the matches or,
// when most pages match, as every page's totals less the others. Both ways must give exactly
// what counting each match's values gives, whatever the order and density of the matches, and
// on an index with deleted pages.
#include "query/facet_counter.h"

#include <catch2/catch.hpp>
#include <map>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using hotsearch::FacetCounter;
using hotsearch::FacetTable;
using hotsearch::test::TempDir;

namespace {

using Counts = std::map<std::string, std::map<std::string, std::uint32_t>>;  // facet -> value

/// What the counter must say: every value of every page in `docids`, counted one by one.
Counts counted_one_by_one(const FacetTable& table, const std::vector<Xapian::docid>& docids) {
  Counts out;
  for (Xapian::docid docid : docids) {
    auto [first, last] = table.values_of(docid);
    for (auto it = first; it != last; ++it) {
      const FacetTable::Value& value = table.value(*it);
      ++out[std::string(hotsearch::schema::facets()[value.facet].name)][value.display];
    }
  }
  return out;
}

Counts counted_by(const FacetCounter& counter) {
  Counts out;
  for (const hotsearch::schema::Facet& facet : hotsearch::schema::facets()) {
    for (const auto& v : counter.counts(facet).values) {
      out[std::string(facet.name)][v.value] = static_cast<std::uint32_t>(v.count);
    }
  }
  return out;
}

Counts spied(const Xapian::Database& db, const FacetTable& table,
             const std::vector<Xapian::docid>& docids) {
  FacetCounter counter(table);
  for (Xapian::docid docid : docids) counter(db.get_document(docid), 1.0);
  return counted_by(counter);
}

/// The docids of the pages that exist, in order.
std::vector<Xapian::docid> every_page(const Xapian::Database& db) {
  std::vector<Xapian::docid> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) out.push_back(*it);
  return out;
}

}  // namespace

TEST_CASE("facet counts are the same over few matches and over most", "[facets]") {
  TempDir dir;
  auto [site, db_path] = hotsearch::test::indexed_sample_copy(dir);
  // A page deleted by an incremental run leaves a docid without values inside the table.
  fs::path gone;
  for (const auto& entry : fs::directory_iterator(site / "_posts")) gone = entry.path();
  REQUIRE(!gone.empty());
  fs::remove(gone);
  REQUIRE(hotsearch::test::build_index(site, db_path).exit_code == 0);

  Xapian::Database db(db_path.string());
  FacetTable table(db);
  std::vector<Xapian::docid> all = every_page(db);
  REQUIRE(all.size() + 1 < table.docid_limit());  // the deleted page's docid is a gap
  REQUIRE(all.size() > 20);

  std::vector<Xapian::docid> none, one{all[3]}, first_half, every_third, all_but_two;
  first_half.assign(all.begin(), all.begin() + static_cast<long>(all.size() / 2));
  for (std::size_t i = 0; i < all.size(); i += 3) every_third.push_back(all[i]);
  all_but_two.assign(all.begin() + 1, all.end() - 1);
  for (const auto* docids : {&none, &one, &first_half, &every_third, &all_but_two, &all}) {
    CAPTURE(docids->size());
    CHECK(spied(db, table, *docids) == counted_one_by_one(table, *docids));
  }

  SECTION("every page matched gives each value's page count") {
    FacetCounter counter(table);
    for (Xapian::docid docid : all) counter(db.get_document(docid), 1.0);
    Counts totals;
    for (const hotsearch::schema::Facet& facet : hotsearch::schema::facets()) {
      for (const auto& v : hotsearch::all_facet_values(table, facet).values) {
        totals[std::string(facet.name)][v.value] = static_cast<std::uint32_t>(v.count);
      }
    }
    REQUIRE(!totals.empty());
    CHECK(counted_by(counter) == totals);
  }
  SECTION("the order matches come in does not matter, nor a page met twice") {
    std::vector<Xapian::docid> shuffled(all_but_two.rbegin(), all_but_two.rend());
    shuffled.push_back(all_but_two.front());
    CHECK(spied(db, table, shuffled) == counted_one_by_one(table, all_but_two));
  }
  SECTION("a cut list says how many values it left out") {
    FacetCounter counter(table);
    for (Xapian::docid docid : all) counter(db.get_document(docid), 1.0);
    const hotsearch::schema::Facet& facet = *hotsearch::schema::find_facet("country");
    hotsearch::FacetCounts whole = counter.counts(facet);
    REQUIRE(whole.values.size() > 3);
    CHECK(whole.more == 0);
    hotsearch::FacetCounts cut = counter.counts(facet, 3);
    CHECK(cut.values.size() == 3);
    CHECK(cut.more == whole.values.size() - 3);
  }
  SECTION("reset forgets the matches counted before") {
    FacetCounter counter(table);
    for (Xapian::docid docid : all) counter(db.get_document(docid), 1.0);
    (void)counted_by(counter);  // counted once, then asked again after the reset
    counter.reset();
    for (Xapian::docid docid : one) counter(db.get_document(docid), 1.0);
    CHECK(counted_by(counter) == counted_one_by_one(table, one));
  }
  SECTION("as Xapian's match spy, it counts the pages Xapian matched") {
    for (const std::string& term : {std::string(), std::string("mapathon")}) {
      CAPTURE(term);
      FacetCounter counter(table);
      Xapian::Enquire enquire(db);
      enquire.set_query(Xapian::Query(term));
      enquire.add_matchspy(&counter);
      Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
      std::vector<Xapian::docid> matched;
      for (auto it = mset.begin(); it != mset.end(); ++it) matched.push_back(*it);
      REQUIRE(!matched.empty());
      CHECK(counted_by(counter) == counted_one_by_one(table, matched));
    }
  }
}
