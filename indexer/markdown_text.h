#pragma once
// Markdown (GFM) -> plain text by walking cmark-gfm's AST: text, link text and image alt text
// are kept; URLs, HTML tags and table pipes are not. Headings are also collected apart, as
// header text.

#include <string>
#include <string_view>
#include <vector>

namespace hotsearch {

struct MarkdownText {
  std::string text;                   ///< every block's text, blocks separated by newlines
  std::vector<std::string> headings;  ///< the text of each heading, in order
};

/// Renders Markdown with inline HTML to text. Liquid should be stripped first.
MarkdownText markdown_to_text(std::string_view markdown);

}  // namespace hotsearch
