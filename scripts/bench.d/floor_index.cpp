// The indexing floor: read every page file and give its whole text to Xapian's TermGenerator
// (English stems, positions), nothing else: no YAML, no Markdown, no facets, no spelling. What
// any Xapian indexer of these files must at least spend.
// Usage: bench_floor_index CONTENT_DIR DB_DIR
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_floor_index CONTENT_DIR DB_DIR\n";
    return 2;
  }
  // Sorted, as hotsearch's scanner reads them, so both write postings in a like order.
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".md" || ext == ".markdown" || ext == ".html")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(text.str());
    doc.set_data(path.string());
    // An id term, as any indexer that updates pages needs; a fresh database needs no replace.
    doc.add_boolean_term(("Q" + path.string()).substr(0, 240));
    db.add_document(doc);
  }
  db.commit();
  std::cout << files.size() << " pages\n";
  return 0;
}
