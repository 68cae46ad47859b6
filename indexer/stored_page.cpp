// The document data record: a format byte, then each field as a varint length and its bytes
// (lists: a varint count, then their items), in the order of StoredPage.
#include "indexer/stored_page.h"

#include <cstdint>
#include <string_view>

#include "indexer/error.h"

namespace hotsearch {

namespace {

constexpr char kFormat = '\x02';  // '{' (JSON) was format 1

void put_length(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7F) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

void put(std::string& out, const std::string& field) {
  put_length(out, field.size());
  out += field;
}

void put(std::string& out, const std::vector<std::string>& list) {
  put_length(out, list.size());
  for (const std::string& item : list) put(out, item);
}

[[noreturn]] void not_ours() {
  throw IndexUnavailable(
      "the index holds a document that hotsearch did not write "
      "(rebuild it with hotsearch-index --full)");
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  std::size_t length() {
    std::size_t n = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (data_.empty()) not_ours();
      auto byte = static_cast<unsigned char>(data_.front());
      data_.remove_prefix(1);
      n |= static_cast<std::size_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return n;
    }
    not_ours();
  }
  void get(std::string& field) {
    std::size_t n = length();
    if (n > data_.size()) not_ours();
    field.assign(data_.substr(0, n));
    data_.remove_prefix(n);
  }
  void get(std::vector<std::string>& list) {
    std::size_t n = length();
    if (n > data_.size()) not_ours();  // each item takes at least one byte
    list.resize(n);
    for (std::string& item : list) get(item);
  }
  bool done() const { return data_.empty(); }

 private:
  std::string_view data_;
};

}  // namespace

std::string encode_stored_page(const StoredPage& page) {
  std::string out(1, kFormat);
  out.reserve(page.text.size() + 256);
  for (const std::string* field :
       {&page.id, &page.url, &page.title, &page.type, &page.date, &page.lang}) {
    put(out, *field);
  }
  put(out, page.projects);
  put(out, page.countries);
  put(out, page.text);
  return out;
}

StoredPage decode_stored_page(const std::string& data) {
  if (data.empty() || data[0] != kFormat) not_ours();
  Reader in(std::string_view(data).substr(1));
  StoredPage page;
  for (std::string* field :
       {&page.id, &page.url, &page.title, &page.type, &page.date, &page.lang}) {
    in.get(*field);
  }
  in.get(page.projects);
  in.get(page.countries);
  in.get(page.text);
  if (!in.done() || page.id.empty()) not_ours();
  return page;
}

}  // namespace hotsearch
