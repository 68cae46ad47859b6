#pragma once
// Page languages: ISO 639-1 codes, the Xapian stemmer of each, and detection of a text's
// language (libexttextcat) limited to the languages Xapian can stem.

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace hotsearch {

/// `en` -> `english`, `fr` -> `french`, ...; `none` for a language Xapian cannot stem.
std::string xapian_stemmer_name(const std::string& lang);

/// `French`, `Français`, `fr-FR`, `FR`, `fra` -> `fr`; any two-letter code is kept (`sw`);
/// empty when not recognised.
std::string normalize_language(std::string_view value);

/// Guesses the language of a text. Holds a libexttextcat handle: create once, reuse.
class LanguageDetector {
 public:
  LanguageDetector();
  ~LanguageDetector();
  LanguageDetector(const LanguageDetector&) = delete;
  LanguageDetector& operator=(const LanguageDetector&) = delete;

  /// How much of a text detect() reads: a caller may pass only the first kSampleBytes + 1
  /// bytes (the one more tells whether the cut falls inside a character).
  static constexpr std::size_t kSampleBytes = 512;

  /// ISO 639-1 code of a stemmable language, or `fallback` when the text is short or unclear.
  /// Safe to call from several threads (calls are serialised).
  std::string detect(std::string_view text, const std::string& fallback = "en") const;

 private:
  void* handle_ = nullptr;
  void* candidates_ = nullptr;  ///< libexttextcat's result buffer, reused
  mutable std::mutex mutex_;
};

}  // namespace hotsearch
