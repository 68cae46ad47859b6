#pragma once
// Liquid, the template language of Jekyll pages: its tags are not text.

#include <string>
#include <string_view>

namespace hotsearch {

/// Removes Liquid tags (`{% ... %}`, `{{ ... }}`, with or without `-` whitespace control) and
/// the bodies of `{% comment %}...{% endcomment %}`; keeps the text between tags and the body
/// of `{% raw %}...{% endraw %}` as written. An unclosed `{%` or `{{` is plain text.
std::string strip_liquid(std::string_view text);

}  // namespace hotsearch
