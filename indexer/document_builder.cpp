// Page -> Xapian::Document.
#include "indexer/document_builder.h"

#include <algorithm>
#include <filesystem>

#include "indexer/accented_stems.h"
#include "indexer/error.h"
#include "indexer/language.h"
#include "indexer/schema.h"
#include "indexer/stem_cache.h"
#include "indexer/text_fold.h"
#include "indexer/word_parts.h"

namespace hotsearch {

namespace {
// Snippets come from the stored text; past this a page's tail is not shown in snippets (it is
// still searchable).
constexpr std::size_t kMaxSnippetTextBytes = std::size_t{64} * 1024;
// A gap in term positions between fields, so a phrase never matches across two fields.
constexpr Xapian::termpos kFieldGap = 100;

/// Whether the page says anything beyond its title: a body, front-matter text or headers.
bool has_text(const Page& page) {
  auto blank = [](const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
  };
  return !blank(page.body) || !std::all_of(page.texts.begin(), page.texts.end(), blank) ||
         !std::all_of(page.headers.begin(), page.headers.end(), blank);
}

const std::vector<std::string>& values_of(const Page& page, std::string_view facet) {
  static const std::vector<std::string> none;
  auto it = page.facets.find(std::string(facet));
  return it == page.facets.end() ? none : it->second;
}
}  // namespace

void SpellingCounts::count_page(const Xapian::Document& doc, int sign) {
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    const std::string& word = *term;
    // Field and stem terms start with an upper-case prefix; words never do (text is folded).
    if (word.size() < 2 || word.size() >= 64 || (word[0] >= 'A' && word[0] <= 'Z')) continue;
    counts_[word] += sign;
  }
}

void SpellingCounts::merge(const SpellingCounts& other) {
  for (const auto& [word, count] : other.counts_) counts_[word] += count;
}

void SpellingCounts::write_to(Xapian::WritableDatabase& db) const {
  for (const auto& [word, count] : counts_) {
    if (count > 0) db.add_spelling(word, static_cast<Xapian::termcount>(count));
    if (count < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-count));
  }
}

DocumentBuilder::DocumentBuilder(const Synonyms* synonyms, SpellingCounts* spelling)
    : synonyms_(synonyms), spelling_(spelling) {
  generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

std::string snippet_text(const Page& page) {
  std::string text;
  for (const std::string& t : page.texts) {
    text += t;
    text += '\n';
  }
  text += page.body;
  // Headers from the front matter's blocks are not in the body (Markdown headings are): a
  // page found by a block's header shows it, instead of an opening without the words.
  for (const std::string& header : page.headers) {
    if (text.find(header) != std::string::npos) continue;
    text += '\n';
    text += header;
    text += '.';
  }
  text = cut_at_char_boundary(std::move(text), kMaxSnippetTextBytes);
  // Facet values close the text, labelled, so a page found by its project or people alone
  // still shows why: `Project: Missing Maps.`
  for (const schema::Facet& facet : schema::facets()) {
    if (facet.source != schema::FacetSource::FrontMatter) continue;
    const auto& values = values_of(page, facet.name);
    if (values.empty()) continue;
    text += "\n";
    text += facet.label;
    text += ": ";
    for (std::size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + values[i];
    text += ".";
  }
  return text;
}

Xapian::Document DocumentBuilder::build(const Page& page, const std::string& file_stamp) {
  if (page.lang != stemmer_lang_) {
    // One cached stemmer per language, kept for the next page in that language.
    auto it = stemmers_.find(page.lang);
    if (it == stemmers_.end()) {
      // Stems carry the page's language (schema::stem_mark), so the query needs no filter.
      it =
          stemmers_
              .emplace(page.lang, cached_stemmer(xapian_stemmer_name(page.lang),
                                                 kDefaultCachedWords, schema::stem_mark(page.lang)))
              .first;
    }
    stemmer_ = it->second;
    generator_.set_stemmer(stemmer_);
    stemmer_lang_ = page.lang;
  }
  Xapian::Document doc;
  generator_.set_document(doc);
  const schema::FieldWeights& w = schema::kWeights;

  // Text is folded (lower case, no accents) before it is indexed; the query side folds the
  // same way, so `activacion` and `activación` meet.
  std::vector<std::string> words;  // every folded word of the page, for synonyms
  auto index_field = [&](const std::string& text, Xapian::termcount weight,
                         std::string_view prefix) {
    std::string folded = fold(text);
    if (synonyms_) {
      std::vector<std::string> field_words = split_words(folded);
      words.insert(words.end(), field_words.begin(), field_words.end());
      words.emplace_back();  // a phrase never spans two fields
    }
    generator_.index_text(folded, weight);
    if (!prefix.empty()) generator_.index_text(folded, 1, std::string(prefix));
    generator_.increase_termpos(kFieldGap);
    // An accented word's stem as written too, where it differs (accented_stems.h): with the
    // same weights as the generator's stems, and like them without positions. Most fields are
    // ASCII, with no such word: they are not split into words a second time.
    bool ascii = std::all_of(text.begin(), text.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    for (const std::string& word : ascii ? std::vector<std::string>() : split_words(text)) {
      if (word[0] >= '0' && word[0] <= '9') continue;  // the generator stems no such word
      std::optional<std::string> stem = stem_as_written(stemmer_, word);
      if (!stem) continue;
      doc.add_term(std::string(schema::kStemPrefix) + *stem, weight);
      if (!prefix.empty())
        doc.add_term(std::string(schema::kStemPrefix) + std::string(prefix) + *stem);
    }
    // `OpenAerialMap` is also `open aerial map`, at positions of its own so the parts make a
    // phrase of their own and never one with the field's words.
    // Likewise `d'ivoire` is also `ivoire`, and `l'evacuation` `evacuation`.
    for (const std::string& extra : {fold(compound_word_parts(text)), elided_words(folded)}) {
      if (extra.empty()) continue;
      generator_.index_text(extra, weight);
      if (!prefix.empty()) generator_.index_text(extra, 1, std::string(prefix));
      generator_.increase_termpos(kFieldGap);
    }
  };

  // The title outweighs the body (w.title) so that a body repeating a word does not bury a
  // title that names it. A page that is nothing but its title (a partner or working-group
  // stub) has no body to outweigh: weighed 6, its one mention reads like a page saturated with
  // the word and ranks above the pages about it (`refugees`: the UNHCR stub above the refugee
  // projects). Its title counts as its text; the title and exact-title boosts still find it.
  index_field(page.title, has_text(page) ? w.title : w.text, schema::kTitlePrefix);
  for (const std::string& header : page.headers)
    index_field(header, w.header, schema::kHeaderPrefix);
  for (const schema::Facet& facet : schema::facets()) {
    const auto& values = values_of(page, facet.name);
    if (facet.source == schema::FacetSource::FrontMatter) {
      for (const std::string& value : values) {
        index_field(value, values.size() > w.max_weighed_list ? 0 : w.facet_text, {});
        doc.add_boolean_term(schema::facet_term(facet, value));
      }
      doc.add_value(facet.slot, schema::encode_facet_values(values));
    }
  }
  // The file name's words (`refugee-response`): editors choose them, and they often name the
  // page's topic in words its text does not use.
  std::string slug = std::filesystem::path(page.id).stem().string();
  for (char& c : slug) {
    if (c == '-' || c == '_' || c == '.') c = ' ';
  }
  index_field(slug, w.text, {});
  // The kind of page (`hubs`, `working-groups`, `partners`, `jobs`) in words, weighed as a
  // heading: `open mapping hubs` asks for hub pages even where a hub's text never calls itself
  // one, and `jobs` for the job pages, which never say "job" (weighed as one word of text, a
  // page that mentioned jobs once came first).
  std::string kind = page.type;
  for (char& c : kind) {
    if (c == '-' || c == '_') c = ' ';
  }
  index_field(kind, w.header, {});
  for (const std::string& text : page.texts) index_field(text, w.text, {});
  index_field(page.body, w.text, {});

  if (synonyms_) synonyms_->expand(words, stemmer_, doc);

  // Facets that come from the page itself rather than from its front matter.
  const schema::Facet& type = schema::facet("type");
  doc.add_boolean_term(schema::facet_term(type, page.type));
  doc.add_value(type.slot, schema::encode_facet_values({page.type}));
  const schema::Facet& lang = schema::facet("lang");
  doc.add_boolean_term(schema::facet_term(lang, page.lang));
  doc.add_value(lang.slot, schema::encode_facet_values({page.lang}));
  if (page.date.size() >= 4) {
    const schema::Facet& year = schema::facet("year");
    std::string y = page.date.substr(0, 4);
    doc.add_boolean_term(schema::facet_term(year, y));
    doc.add_value(year.slot, schema::encode_facet_values({y}));
    doc.add_value(schema::kDateSlot, schema::date_value(page.date));
  }

  doc.add_boolean_term(schema::id_term(page.id));
  if (!page.title.empty()) doc.add_term(schema::exact_title_term(page.title));
  doc.add_value(schema::kFileStampSlot, file_stamp);

  StoredPage stored{page.id,
                    page.url,
                    page.title,
                    page.type,
                    page.date,
                    page.lang,
                    values_of(page, "project"),
                    values_of(page, "country"),
                    snippet_text(page)};
  doc.set_data(encode_stored_page(stored));
  // From the document itself, synonyms' words included, so that the same words are taken
  // back from the stored document when it is replaced or deleted.
  if (spelling_) spelling_->count_page(doc);
  return doc;
}

}  // namespace hotsearch
