// Index-time synonym expansion.
#include "indexer/synonyms.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <sstream>

#include "indexer/error.h"
#include "indexer/text_fold.h"

namespace hotsearch {

std::vector<std::string> split_words(const std::string& folded_text) {
  std::vector<std::string> words;
  std::string current;
  for (Xapian::Utf8Iterator it(folded_text), end; it != end; ++it) {
    unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(current, ch);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

Synonyms Synonyms::load(const std::filesystem::path& content_root) {
  std::filesystem::path file = content_root / "_synonyms.yml";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return Synonyms();
  return load_file(file);
}

Synonyms Synonyms::load_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string());
}

Synonyms Synonyms::parse(const std::string& yaml_text, const std::string& origin) {
  auto fail = [&](const YAML::Mark& mark, const std::string& message) {
    return ConfigError(origin + ":" + std::to_string(mark.line + 1) + ":" +
                       std::to_string(mark.column + 1) + ": " + message);
  };
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw fail(e.mark, e.msg);
  }
  Synonyms synonyms;
  if (root.IsNull()) return synonyms;
  const YAML::Node groups = root.IsMap() ? root["groups"] : YAML::Node();
  if (!groups || !groups.IsSequence()) {
    throw fail(root.Mark(), "expected `groups:` followed by a list of lists");
  }
  for (const auto& group : groups) {
    if (!group.IsSequence())
      throw fail(group.Mark(), "each group must be a list of words or phrases");
    std::vector<Phrase> phrases;
    for (const auto& member : group) {
      if (!member.IsScalar()) throw fail(member.Mark(), "a synonym must be a word or a phrase");
      Phrase phrase = split_words(fold(member.Scalar()));
      if (!phrase.empty()) phrases.push_back(std::move(phrase));
    }
    if (phrases.size() < 2) throw fail(group.Mark(), "a group needs at least two members");
    synonyms.groups_.push_back(std::move(phrases));
  }
  synonyms.fingerprint_ = std::to_string(std::hash<std::string>{}(yaml_text));
  return synonyms;
}

void Synonyms::expand(const std::vector<std::string>& words, const Xapian::Stem& stem,
                      Xapian::Document& doc) const {
  if (groups_.empty() || words.empty()) return;
  for (const auto& group : groups_) {
    // How often the page says each member.
    std::vector<Xapian::termcount> said(group.size(), 0);
    bool any = false;
    for (std::size_t m = 0; m < group.size(); ++m) {
      const Phrase& phrase = group[m];
      for (std::size_t i = 0; i + phrase.size() <= words.size(); ++i) {
        if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(i))) {
          ++said[m];
          any = true;
        }
      }
    }
    if (!any) continue;
    Xapian::termcount total = 0;
    for (auto n : said) total += n;
    // Every member the page does not say gets the words of the ones it does, as often.
    for (std::size_t m = 0; m < group.size(); ++m) {
      if (said[m] > 0) continue;
      for (const std::string& word : group[m]) {
        doc.add_term(word, total);
        doc.add_term("Z" + stem(word), total);
      }
    }
  }
}

}  // namespace hotsearch
