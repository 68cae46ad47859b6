// The indexing floor: read every page file and give its text to Xapian's TermGenerator (English
// stemming, positions), nothing else: no YAML, no Markdown, no facets, no spelling.
// Usage: bench_floor_index CONTENT_DIR DB_DIR
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_floor_index CONTENT_DIR DB_DIR\n";
    return 2;
  }
  Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  std::size_t pages = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    if (ext != ".md" && ext != ".markdown" && ext != ".html") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(text.str());
    doc.set_data(entry.path().string());
    std::string id = "Q" + entry.path().string();
    doc.add_boolean_term(id.substr(0, 240));
    db.replace_document(id.substr(0, 240), doc);
    ++pages;
  }
  db.commit();
  std::cout << pages << " pages\n";
  return 0;
}
