// The document data record: a format byte, then a zstd frame of the fields, each as a varint
// length and its bytes (lists: a varint count, then their items), in the order of StoredPage.
#include "indexer/stored_page.h"

#include <zstd.h>

#include <cstdint>
#include <string_view>
#include <utility>

#include "indexer/error.h"

namespace hotsearch {

namespace {

// '{' (JSON) was format 1, '\x02' the fields uncompressed. Compressed here, the record is one
// glass cannot shrink, so it stores it as it is: reading a hit is then a read and a fast zstd
// decode instead of zlib's inflate (a third of the time).
constexpr char kFormat = '\x03';
// Level 1: about as small as zlib's default on page text, and fast to write.
constexpr int kZstdLevel = 1;
// Matches of at least 7 bytes (zstd's default here is 4): decoding is mostly per sequence and per
// literal, and on the 10,000-page bench tree's records this decodes in a fifth fewer instructions
// (callgrind: ~63k -> ~51k a record) for records 3% larger. Any zstd decoder reads such frames,
// so records written before stay readable.
constexpr int kZstdMinMatch = 7;
// A record never holds more (the snippet text is capped at 64 KiB); a frame that says it does
// is not ours, and no memory is given to it.
constexpr unsigned long long kMaxRecordBytes = 16ULL << 20;

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

/// zstd's contexts are large (a decompression context is ~100 KiB) and ZSTD_compress() and
/// ZSTD_decompress() make a new one per call: that was most of decoding ten hits. One of each
/// per thread, reused (a context is not thread-safe; threads each have their own).
struct ZstdContexts {
  ZSTD_CCtx* compress = ZSTD_createCCtx();
  ZSTD_DCtx* decompress = ZSTD_createDCtx();
  ZstdContexts() = default;
  ZstdContexts(const ZstdContexts&) = delete;
  ZstdContexts& operator=(const ZstdContexts&) = delete;
  ~ZstdContexts() {
    ZSTD_freeCCtx(compress);
    ZSTD_freeDCtx(decompress);
  }
};

ZstdContexts& zstd_contexts() {
  thread_local ZstdContexts contexts;
  if (!contexts.compress || !contexts.decompress) throw Error("zstd: out of memory");
  return contexts;
}

/// The compression parameters, set on a context that keeps them for every frame after.
void set_parameters(ZSTD_CCtx* context) {
  for (auto [parameter, value] : {std::pair{ZSTD_c_compressionLevel, kZstdLevel},
                                  std::pair{ZSTD_c_minMatch, kZstdMinMatch}}) {
    std::size_t result = ZSTD_CCtx_setParameter(context, parameter, value);
    if (ZSTD_isError(result)) {
      throw Error(std::string("zstd: cannot set a compression parameter: ") +
                  ZSTD_getErrorName(result));
    }
  }
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
  std::string fields;
  fields.reserve(page.text.size() + 256);
  for (const std::string* field :
       {&page.id, &page.url, &page.title, &page.type, &page.date, &page.lang}) {
    put(fields, *field);
  }
  put(fields, page.projects);
  put(fields, page.countries);
  put(fields, page.text);
  std::string out(1 + ZSTD_compressBound(fields.size()), '\0');
  out[0] = kFormat;
  ZSTD_CCtx* context = zstd_contexts().compress;
  set_parameters(context);  // cheap, and no frame depends on what a context was left with
  std::size_t size =
      ZSTD_compress2(context, out.data() + 1, out.size() - 1, fields.data(), fields.size());
  if (ZSTD_isError(size)) {
    // Only a bug (the buffer is the bound zstd asks for) or no memory can get here.
    throw Error("cannot compress the stored text of " + page.id + ": " + ZSTD_getErrorName(size));
  }
  out.resize(1 + size);
  return out;
}

StoredPage decode_stored_page(const std::string& data) {
  if (data.empty() || data[0] != kFormat) not_ours();
  const char* frame = data.data() + 1;
  std::size_t frame_size = data.size() - 1;
  unsigned long long size = ZSTD_getFrameContentSize(frame, frame_size);
  if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR ||
      size > kMaxRecordBytes) {
    not_ours();
  }
  std::string fields(static_cast<std::size_t>(size), '\0');
  std::size_t got = ZSTD_decompressDCtx(zstd_contexts().decompress, fields.data(), fields.size(),
                                        frame, frame_size);
  if (ZSTD_isError(got) || got != fields.size()) not_ours();
  Reader in(fields);
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
