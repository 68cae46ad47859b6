// Does this Xapian's pruned matcher give the same top ten as weighing every match?
//
// hotsearch asks Xapian to weigh every match (check_at_least = every page): its totals and
// facet counts need every match anyway. That also keeps Xapian from pruning, and Xapian
// 1.4.22's pruning loses pages from the top ten of queries shaped like hotsearch's:
// AND_MAYBE(OR(stems of a word in two languages), title stems). A faster search that counted
// matches elsewhere and let Xapian prune was tried and not kept for this reason
// (docs/benchmarks.md, "Counting matches from term bitmaps"). Run this on a newer Xapian
// before trying again.
//
// The likely cause, from reading 1.4's matcher: once the weight a page needs exceeds what an
// AND_MAYBE's left side can give, the AND_MAYBE becomes an AND and skips to
// max(left's page, right's page) + 1, passing over the right side's page when that one is
// ahead. That can only happen after the left side's maximum weight has dropped mid-match (an
// OR whose rarer part ran out, an AND_MAYBE inside that became an AND). So the same query
// with the OR as a SYNONYM, whose maximum never drops, is checked too, as a control.
//
// Usage: bench_pruning_check [DATABASES]   (default 200; exit status 1 when any differs)
// Each database is a random in-memory one: 3,000 pages with a common word `a`, a rare word
// `b` and a title word `t`, and page lengths from 50 to 2,000.
#include <xapian.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace {

struct Hit {
  Xapian::docid docid;
  double weight;
  bool operator==(const Hit& o) const { return docid == o.docid && weight == o.weight; }
};

Xapian::WritableDatabase random_database(unsigned seed) {
  std::mt19937 random(seed);
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::uniform_int_distribution<Xapian::termcount> length(50, 2000);
  for (int page = 0; page < 3000; ++page) {
    Xapian::Document doc;
    doc.add_term("filler", length(random));
    if (random() % 10 == 0) doc.add_term("a", 1 + random() % 7);
    if (random() % 600 == 0) doc.add_term("b", 1 + random() % 6);
    if (random() % 30 == 0) doc.add_term("t", 1);
    db.add_document(doc);
  }
  db.commit();
  return db;
}

std::vector<Hit> top_ten(const Xapian::Database& db, const Xapian::Query& query,
                         Xapian::doccount check_at_least) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  Xapian::MSet mset = enquire.get_mset(0, 10, check_at_least);
  std::vector<Hit> hits;
  for (auto item = mset.begin(); item != mset.end(); ++item) {
    hits.push_back({*item, item.get_weight()});
  }
  return hits;
}

void print(const char* label, const std::vector<Hit>& hits) {
  std::cout << "  " << label << ":";
  for (const Hit& hit : hits) std::cout << ' ' << hit.docid << '/' << hit.weight;
  std::cout << '\n';
}

/// For each query, how many of the random databases give another top ten pruned than weighing
/// every match; the first database where a query differs is printed. Each database is built
/// once and asked every query.
std::vector<unsigned> count_differences(const std::vector<Xapian::Query>& queries,
                                        unsigned databases) {
  std::vector<unsigned> differ(queries.size(), 0);
  for (unsigned seed = 1; seed <= databases; ++seed) {
    Xapian::WritableDatabase db = random_database(seed);
    for (std::size_t q = 0; q < queries.size(); ++q) {
      std::vector<Hit> pruned = top_ten(db, queries[q], 0);
      std::vector<Hit> every = top_ten(db, queries[q], db.get_doccount());
      if (pruned == every) continue;
      if (++differ[q] == 1) {
        std::cout << "database " << seed << ", " << queries[q].get_description() << ":\n";
        print("pruned          ", pruned);
        print("weighing every  ", every);
      }
    }
  }
  return differ;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned databases = argc > 1 ? static_cast<unsigned>(std::strtoul(argv[1], nullptr, 10)) : 200;
  using Q = Xapian::Query;
  const Q title("t");
  std::vector<unsigned> differ =
      count_differences({Q(Q::OP_AND_MAYBE, Q(Q::OP_OR, Q("a"), Q("b")), title),
                         Q(Q::OP_AND_MAYBE, Q(Q::OP_SYNONYM, Q("a"), Q("b")), title)},
                        databases);
  const unsigned with_or = differ[0], with_synonym = differ[1];
  std::cout << "Xapian " << Xapian::version_string() << ": the pruned top ten differed on "
            << with_or << " of " << databases << " databases with (a OR b) AND_MAYBE t, "
            << with_synonym << " with (a SYNONYM b) AND_MAYBE t\n";
  return with_or == 0 && with_synonym == 0 ? 0 : 1;
}
