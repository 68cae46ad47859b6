#pragma once
// One hash for everything that must notice a change: file contents (incremental runs) and the
// fingerprints of the site config and the field map.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace hotsearch {

/// 64-bit FNV-1a: stable across builds and platforms, unlike std::hash.
inline std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

/// The hash as 16 lower-case hex digits, for fingerprints stored as text.
inline std::string fnv1a_64_hex(std::string_view bytes) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fnv1a_64(bytes)));
  return buffer;
}

}  // namespace hotsearch
