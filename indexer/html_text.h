#pragma once
// HTML -> plain text: tags dropped, entities decoded, script/style/iframe contents and comments
// removed, block-level tags turned into line breaks so words of two paragraphs never merge.

#include <string>
#include <string_view>
#include <vector>

namespace hotsearch {

/// The text of an HTML fragment, and the text of its `<h1>`..`<h6>` elements apart.
struct HtmlText {
  std::string text;
  std::vector<std::string> headings;  ///< whitespace collapsed, empty ones left out
};

/// Reads an HTML fragment (also fine on plain text with stray `<` or `&`).
HtmlText read_html(std::string_view html);

/// read_html(html).text.
std::string html_to_text(std::string_view html);

/// Decodes one entity body (`amp`, `#233`, `#x2019`; every HTML5 name) to UTF-8; empty when
/// unknown.
std::string decode_entity(std::string_view name);

/// When `fragment` opens an element whose content is not text (`<script>`, `<style>`,
/// `<iframe>`...) and does not close it, that element's name; else empty. Markdown splits
/// inline HTML into one node per tag, so its reader needs to know what to skip.
std::string unclosed_hidden_element(std::string_view fragment);

}  // namespace hotsearch
