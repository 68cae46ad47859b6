// Languages: stemmer names, normalisation of front-matter values, detection with libexttextcat.
#include "indexer/language.h"

#include <libexttextcat/textcat.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "indexer/error.h"

namespace hotsearch {

namespace {

/// ISO 639-1 code -> Xapian stemmer, for every language Xapian 1.4 can stem.
const std::map<std::string, std::string>& stemmers() {
  static const std::map<std::string, std::string> table = {
      {"ar", "arabic"},    {"hy", "armenian"},  {"eu", "basque"},     {"ca", "catalan"},
      {"da", "danish"},    {"nl", "dutch"},     {"en", "english"},    {"fi", "finnish"},
      {"fr", "french"},    {"de", "german"},    {"hu", "hungarian"},  {"id", "indonesian"},
      {"ga", "irish"},     {"it", "italian"},   {"lt", "lithuanian"}, {"ne", "nepali"},
      {"no", "norwegian"}, {"nb", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
      {"ru", "russian"},   {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},
      {"tr", "turkish"}};
  return table;
}

std::string lower_ascii(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Below this many bytes a guess is a coin toss: the page keeps the fallback language.
constexpr std::size_t kMinDetectBytes = 60;
// A few thousand bytes decide; more only costs time.
constexpr std::size_t kMaxDetectBytes = 4096;

}  // namespace

std::string xapian_stemmer_name(const std::string& lang) {
  auto it = stemmers().find(lang);
  return it == stemmers().end() ? "none" : it->second;
}

std::string normalize_language(std::string_view value) {
  std::string v = lower_ascii(value);
  v.erase(std::remove_if(v.begin(), v.end(),
                         [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
          v.end());
  if (auto dash = v.find_first_of("-_"); dash != std::string::npos) v = v.substr(0, dash);
  if (stemmers().count(v)) return v == "nb" ? "no" : v;
  static const std::map<std::string, std::string> names = {
      {"english", "en"},    {"eng", "en"},        {"french", "fr"},  {"fra", "fr"},
      {"fre", "fr"},        {"francais", "fr"},   {"spanish", "es"}, {"spa", "es"},
      {"espanol", "es"},    {"portuguese", "pt"}, {"por", "pt"},     {"portugues", "pt"},
      {"german", "de"},     {"deu", "de"},        {"ger", "de"},     {"deutsch", "de"},
      {"indonesian", "id"}, {"ind", "id"},        {"bahasa", "id"},  {"italian", "it"},
      {"ita", "it"},        {"dutch", "nl"},      {"nld", "nl"},     {"arabic", "ar"},
      {"russian", "ru"},    {"turkish", "tr"},    {"swahili", "sw"}};
  auto it = names.find(v);
  if (it != names.end()) return it->second;
  for (const auto& [code, stemmer] : stemmers()) {
    if (stemmer == v) return code;
  }
  return {};
}

LanguageDetector::LanguageDetector() {
  std::string conf = std::string(HOTSEARCH_SOURCE_DIR) + "/indexer/textcat.conf";
  std::string prefix = std::string(HOTSEARCH_TEXTCAT_DIR) + "/";
  handle_ = special_textcat_Init(conf.c_str(), prefix.c_str());
  if (!handle_) {
    // Without our list, fall back to every language Debian ships.
    handle_ = special_textcat_Init((prefix + "fpdb.conf").c_str(), prefix.c_str());
  }
  if (!handle_) {
    throw ConfigError("cannot load language fingerprints from " + prefix +
                      " (install libexttextcat-data)");
  }
}

LanguageDetector::~LanguageDetector() {
  if (handle_) textcat_Done(handle_);
}

std::string LanguageDetector::detect(std::string_view text, const std::string& fallback) const {
  if (text.size() < kMinDetectBytes) return fallback;
  std::size_t size = std::min(text.size(), kMaxDetectBytes);
  while (size < text.size() && size > 0 &&
         (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) {
    --size;  // never cut a UTF-8 sequence
  }
  const char* result = textcat_Classify(handle_, text.data(), size);
  if (!result || result[0] != '[') return fallback;
  std::string first(result + 1);
  auto end = first.find_first_of("-]");
  std::string code = normalize_language(first.substr(0, end));
  return xapian_stemmer_name(code) == "none" ? fallback : code;
}

}  // namespace hotsearch
