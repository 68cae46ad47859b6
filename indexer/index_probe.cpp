// A cheap look at every table of an index.
#include "indexer/index_probe.h"

#include <algorithm>
#include <string>
#include <vector>

namespace hotsearch {

namespace {
// Pages read, spread over the docid range: the data, term list and position tables are keyed
// by docid first, so these reads walk blocks from the start of each table to its end.
constexpr Xapian::docid kPagesProbed = 32;

void probe_page(const Xapian::Database& db, Xapian::docid id) {
  // Every hotsearch page stores its data; a data table lost reads as empty data.
  if (db.get_document(id).get_data().empty()) {
    throw Xapian::DatabaseCorruptError("page " + std::to_string(id) + " has no stored data");
  }
  // Positions are keyed by term as well: the page's first, middle and last words with
  // positions reach across the table.
  std::vector<std::string> positioned;
  for (auto term = db.termlist_begin(id); term != db.termlist_end(id); ++term) {
    if (term.positionlist_count() > 0) positioned.push_back(*term);
  }
  if (positioned.empty()) return;
  for (const std::string& term :
       {positioned.front(), positioned[positioned.size() / 2], positioned.back()}) {
    for (auto pos = db.positionlist_begin(id, term); pos != db.positionlist_end(id, term); ++pos) {
    }
  }
}
}  // namespace

void probe_index_tables(const Xapian::Database& db) {
  if (db.get_doccount() == 0) return;
  Xapian::docid last = db.get_lastdocid();
  Xapian::PostingIterator page = db.postlist_begin("");
  Xapian::docid step = std::max<Xapian::docid>(1, last / kPagesProbed);
  for (Xapian::docid want = 1; want <= last && page != db.postlist_end(""); want += step) {
    page.skip_to(want);
    if (page == db.postlist_end("")) break;
    probe_page(db, *page);
  }
  // The last page too: a table cut short loses its last blocks first.
  try {
    probe_page(db, last);
  } catch (const Xapian::DocNotFoundError&) {
    // Deleted by an incremental run: the pages before it were read.
  }
}

}  // namespace hotsearch
