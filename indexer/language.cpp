// Languages: stemmer names, normalisation of front-matter values, detection with libexttextcat.
#include "indexer/language.h"

#include <libexttextcat/textcat.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "indexer/error.h"
#include "indexer/text_fold.h"

namespace hotsearch {

namespace {

/// ISO 639-1 code -> Xapian stemmer, for every language Xapian 1.4 can stem.
const std::map<std::string, std::string>& stemmers() {
  static const std::map<std::string, std::string> table = {
      {"ar", "arabic"},    {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},
      {"da", "danish"},    {"nl", "dutch"},      {"en", "english"},    {"fi", "finnish"},
      {"fr", "french"},    {"de", "german"},     {"hu", "hungarian"},  {"id", "indonesian"},
      {"ga", "irish"},     {"it", "italian"},    {"lt", "lithuanian"}, {"ne", "nepali"},
      {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},
      {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"}};
  return table;
}

// Below this many bytes a guess is a coin toss: the page keeps the fallback language.
constexpr std::size_t kMinDetectBytes = 60;
// kSampleBytes (language.h): half a kilobyte decides (textcat's own advice is "a few hundred
// bytes"); each byte more costs n-gram counting: detection was 14% of a full build's
// instructions at 1 KiB, and 1 KiB and 512 bytes give every page of the real site the same
// language (256 bytes: all but one).
// The languages the HOT website is written in, preferred when the text is close to a
// neighbour (Spanish and Catalan, Portuguese and Galician, Indonesian and Malay).
constexpr std::string_view kSiteLanguages = " en fr es pt de id ";

}  // namespace

std::string xapian_stemmer_name(const std::string& lang) {
  auto it = stemmers().find(lang);
  return it == stemmers().end() ? "none" : it->second;
}

std::string normalize_language(std::string_view value) {
  // `Français`, ` FR `, `fr_FR`, `pt-BR` -> `francais`, `fr`, `fr`, `pt`.
  std::string v = fold(value);
  v.erase(std::remove_if(v.begin(), v.end(),
                         [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
          v.end());
  if (auto dash = v.find_first_of("-_"); dash != std::string::npos) v = v.substr(0, dash);
  if (v == "nb" || v == "nn") return "no";
  // Any ISO 639-1 code is a language, stemmable or not (`sw` is indexed without stemming).
  if (v.size() == 2 && std::isalpha(static_cast<unsigned char>(v[0])) &&
      std::isalpha(static_cast<unsigned char>(v[1]))) {
    return v;
  }
  static const std::map<std::string, std::string> names = {
      {"english", "en"},    {"eng", "en"},        {"anglais", "en"}, {"ingles", "en"},
      {"french", "fr"},     {"fra", "fr"},        {"fre", "fr"},     {"francais", "fr"},
      {"frances", "fr"},    {"spanish", "es"},    {"spa", "es"},     {"espanol", "es"},
      {"castellano", "es"}, {"portuguese", "pt"}, {"por", "pt"},     {"portugues", "pt"},
      {"german", "de"},     {"deu", "de"},        {"ger", "de"},     {"deutsch", "de"},
      {"indonesian", "id"}, {"ind", "id"},        {"bahasa", "id"},  {"italian", "it"},
      {"ita", "it"},        {"italiano", "it"},   {"dutch", "nl"},   {"nld", "nl"},
      {"arabic", "ar"},     {"ara", "ar"},        {"russian", "ru"}, {"rus", "ru"},
      {"turkish", "tr"},    {"tur", "tr"},        {"swahili", "sw"}, {"swa", "sw"},
      {"kiswahili", "sw"},  {"nepali", "ne"},     {"nep", "ne"},     {"norwegian", "no"},
      {"nor", "no"},        {"nob", "no"}};
  auto it = names.find(v);
  if (it != names.end()) return it->second;
  for (const auto& [code, stemmer] : stemmers()) {
    if (stemmer == v) return code;
  }
  return {};
}

namespace {

/// The lines of Debian's fpdb.conf for the languages Xapian can stem, plus Latin: comparing a
/// text with each language's fingerprint is most of detection's cost, so the 160 languages
/// Debian ships would cost five times as much, and a page must end in a stemmable language
/// anyway. Latin stays as a decoy, so lorem ipsum is not taken for Italian or Spanish.
std::string candidate_languages(const std::string& full_conf) {
  std::ifstream in(full_conf);
  if (!in) throw ConfigError("cannot read " + full_conf + " (install libexttextcat-data)");
  std::string conf, line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string file, name;
    if (!(fields >> file >> name) || file[0] == '#') continue;
    std::string code = name.substr(0, name.find('-'));
    if (code == "la" || xapian_stemmer_name(normalize_language(code)) != "none") {
      conf.append(file).append(" ").append(name).append("\n");
    }
  }
  return conf;
}

}  // namespace

LanguageDetector::LanguageDetector() {
  std::string prefix = std::string(HOTSEARCH_TEXTCAT_DIR) + "/";
  std::string full_conf = prefix + "fpdb.conf";
  // libexttextcat reads its list from a file: an anonymous in-memory one holds ours.
  std::string conf = candidate_languages(full_conf);
  int fd = ::memfd_create("hotsearch-textcat.conf", MFD_CLOEXEC);
  if (fd >= 0 && ::write(fd, conf.data(), conf.size()) == static_cast<ssize_t>(conf.size())) {
    std::string path = "/proc/self/fd/" + std::to_string(fd);
    handle_ = special_textcat_Init(path.c_str(), prefix.c_str());
  }
  if (fd >= 0) ::close(fd);
  if (!handle_) handle_ = special_textcat_Init(full_conf.c_str(), prefix.c_str());  // slower
  if (!handle_) {
    throw ConfigError("cannot load language fingerprints from " + full_conf +
                      " (install libexttextcat-data)");
  }
  candidates_ = textcat_GetClassifyFullOutput(handle_);
}

LanguageDetector::~LanguageDetector() {
  if (candidates_) {
    textcat_ReleaseClassifyFullOutput(handle_, static_cast<candidate_t*>(candidates_));
  }
  if (handle_) textcat_Done(handle_);
}

std::string LanguageDetector::detect(std::string_view text, const std::string& fallback) const {
  if (text.size() < kMinDetectBytes) return fallback;
  std::size_t size = std::min(text.size(), kSampleBytes);
  while (size < text.size() && size > 0 &&
         (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) {
    --size;  // never cut a UTF-8 sequence
  }
  // libexttextcat reads past the size it is given (a page's language changed with its text
  // after the first 513 bytes): it gets a copy that ends where the sample does.
  const std::string sample(text.substr(0, size));
  // libexttextcat keeps its work in the handle: one caller at a time.
  std::lock_guard<std::mutex> lock(mutex_);
  auto* candidates = static_cast<candidate_t*>(candidates_);
  int count = textcat_ClassifyFull(handle_, sample.c_str(), sample.size(), candidates);
  // The candidates come best first, all within a few percent of the best. A language of the
  // site wins among them (short Spanish scores close to Catalan);
  // else the best one if Xapian can stem it; else the fallback (lorem ipsum is Latin, and
  // the stemmable runner-up after Latin is a guess).
  std::string best;
  for (int i = 0; i < count; ++i) {
    if (!candidates[i].name) continue;
    std::string name = candidates[i].name;
    std::string code = normalize_language(name.substr(0, name.find('-')));
    if (!code.empty() && kSiteLanguages.find(" " + code + " ") != std::string_view::npos) {
      return code;
    }
    if (i == 0) best = code;
  }
  return !best.empty() && xapian_stemmer_name(best) != "none" ? best : fallback;
}

}  // namespace hotsearch
