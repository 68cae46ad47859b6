// In-process query latency: each query of a file through hotsearch's Searcher (with facet
// counts, exact totals) and through a raw Xapian QueryParser + Enquire top-10 on the floor
// index (no facets). Prints `p50_us p99_us` for each, one line each, after a warm-up pass.
// Usage: bench_query HOTSEARCH_DB FLOOR_DB QUERIES_FILE ROUNDS
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "query/searcher.h"

namespace {
using Clock = std::chrono::steady_clock;

struct Query {
  std::string text;
  std::string country;  ///< a filter, or empty
};

std::pair<double, double> percentiles(std::vector<double> us) {
  std::sort(us.begin(), us.end());
  auto at = [&](double p) { return us[static_cast<std::size_t>(p * static_cast<double>(us.size() - 1))]; };
  return {at(0.5), at(0.99)};
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: bench_query HOTSEARCH_DB FLOOR_DB QUERIES_FILE ROUNDS\n";
    return 2;
  }
  std::vector<Query> queries;
  std::ifstream in(argv[3]);
  for (std::string line; std::getline(in, line);) {
    auto tab = line.find('\t');
    queries.push_back({line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1)});
  }
  int rounds = std::stoi(argv[4]);
  hotsearch::Searcher searcher(argv[1]);
  Xapian::Database floor(argv[2]);
  Xapian::QueryParser parser;
  parser.set_database(floor);
  parser.set_stemmer(Xapian::Stem("english"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);

  std::vector<double> ours, raw;
  for (int round = 0; round <= rounds; ++round) {  // round 0 warms the caches
    for (const Query& q : queries) {
      hotsearch::SearchRequest request;
      request.query = q.text;
      if (!q.country.empty()) request.filters["country"] = {q.country};
      auto start = Clock::now();
      searcher.search(request);
      auto mid = Clock::now();
      Xapian::Enquire enquire(floor);
      enquire.set_query(parser.parse_query(q.text));
      Xapian::MSet mset = enquire.get_mset(0, 10);
      for (auto it = mset.begin(); it != mset.end(); ++it) it.get_document().get_data();
      auto end = Clock::now();
      if (round == 0) continue;
      ours.push_back(std::chrono::duration<double, std::micro>(mid - start).count());
      raw.push_back(std::chrono::duration<double, std::micro>(end - mid).count());
    }
  }
  auto [o50, o99] = percentiles(ours);
  auto [r50, r99] = percentiles(raw);
  std::cout << "hotsearch " << o50 << " " << o99 << "\nfloor " << r50 << " " << r99 << "\n";
  return 0;
}
