#pragma once
// A cheap look at every table of an index, so that damage a plain open does not see (a table
// file lost or cut short: Xapian opens the position, termlist and data tables on first use) is
// found by the indexer, which rebuilds, and by the server's /healthz, which reports it.

#include <xapian.h>

namespace hotsearch {

/// Reads the stored data, term list and one position list of 32 pages spread over the index
/// and of its last page. Throws the Xapian error a damaged table gives; returns for a sound
/// (or empty) index.
void probe_index_tables(const Xapian::Database& db);

}  // namespace hotsearch
