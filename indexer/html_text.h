#pragma once
// HTML -> plain text: tags dropped, entities decoded, script/style/iframe contents and comments
// removed, block-level tags turned into line breaks so words of two paragraphs never merge.

#include <string>
#include <string_view>

namespace hotsearch {

/// Text of an HTML fragment (also fine on plain text with stray `<` or `&`).
std::string html_to_text(std::string_view html);

/// Decodes one entity body (`amp`, `#233`, `#x2019`) to UTF-8; empty when unknown.
std::string decode_entity(std::string_view name);

/// Removes Liquid tags (`{% ... %}`, `{{ ... }}`) and the contents of
/// `{% comment %}...{% endcomment %}`; keeps the text between tags.
std::string strip_liquid(std::string_view text);

}  // namespace hotsearch
