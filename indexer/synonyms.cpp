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
  auto end_word = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  const std::size_t size = folded_text.size();
  std::size_t i = 0;
  while (i < size) {
    auto byte = static_cast<unsigned char>(folded_text[i]);
    if (byte < 0x80) {
      // ASCII, most of every page, without a call per character: Xapian's word characters
      // here are letters, digits and the connector `_`.
      if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
          (byte >= '0' && byte <= '9') || byte == '_') {
        current += static_cast<char>(byte);
      } else {
        end_word();
      }
      ++i;
      continue;
    }
    Xapian::Utf8Iterator it(folded_text.data() + i, size - i);
    unsigned ch = *it;
    ++it;
    std::size_t next = size - it.left();
    if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(current, ch);
    } else {
      end_word();
    }
    i = next;
  }
  end_word();
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

const Synonyms::StemmedMembers& Synonyms::stemmed(const Xapian::Stem& stem) const {
  auto [it, added] = stemmed_.try_emplace(stem.get_description());
  StemmedMembers& members = it->second;
  if (!added) return members;
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    members.phrases.emplace_back();
    for (std::size_t m = 0; m < groups_[g].size(); ++m) {
      Phrase phrase;
      for (const std::string& word : groups_[g][m]) phrase.push_back(stem(word));
      members.by_first_stem.emplace(phrase.front(), std::make_pair(g, m));
      members.phrases.back().push_back(std::move(phrase));
    }
  }
  return members;
}

void Synonyms::expand(const std::vector<std::string>& words, const Xapian::Stem& stem,
                      Xapian::Document& doc) const {
  if (groups_.empty() || words.empty()) return;
  const StemmedMembers& members = stemmed(stem);
  std::vector<std::string> stems;
  stems.reserve(words.size());
  for (const std::string& word : words) stems.push_back(word.empty() ? word : stem(word));
  // How often the page says each member: one pass over the page, looking up each stem.
  std::map<std::size_t, std::vector<Xapian::termcount>> said;  // group -> per member
  for (std::size_t i = 0; i < stems.size(); ++i) {
    if (stems[i].empty()) continue;
    auto [first, last] = members.by_first_stem.equal_range(stems[i]);
    for (auto it = first; it != last; ++it) {
      auto [g, m] = it->second;
      const Phrase& phrase = members.phrases[g][m];
      if (i + phrase.size() > stems.size() ||
          !std::equal(phrase.begin(), phrase.end(), stems.begin() + static_cast<long>(i))) {
        continue;
      }
      auto& counts = said[g];
      counts.resize(groups_[g].size(), 0);
      ++counts[m];
    }
  }
  for (const auto& [g, counts] : said) {
    Xapian::termcount total = 0;
    for (auto n : counts) total += n;
    // Every member the page does not say gets the words of the ones it does, as often.
    for (std::size_t m = 0; m < groups_[g].size(); ++m) {
      if (counts[m] > 0) continue;
      for (const std::string& word : groups_[g][m]) {
        doc.add_term(word, total);
        doc.add_term("Z" + stem(word), total);
      }
    }
  }
}

}  // namespace hotsearch
