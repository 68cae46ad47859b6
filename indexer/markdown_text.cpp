// Markdown -> text through cmark-gfm's AST.
#include "indexer/markdown_text.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

#include "indexer/html_text.h"
#include "indexer/text_fold.h"

namespace hotsearch {

namespace {

void register_extensions_once() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

bool is_block(cmark_node_type type) {
  return (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/// The text of a subtree, appended to `out`. HTML nodes are stripped of tags; code keeps its
/// text; line breaks become spaces; blocks end with a newline.
void collect_text(cmark_node* node, std::string& out) {
  cmark_node_type type = cmark_node_get_type(node);
  switch (type) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_CODE_BLOCK: {
      const char* literal = cmark_node_get_literal(node);
      if (literal) out += literal;
      break;
    }
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE: {
      const char* literal = cmark_node_get_literal(node);
      if (literal) out += html_to_text(literal);
      break;
    }
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      out += ' ';
      break;
    default:
      break;
  }
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    collect_text(child, out);
    // Table cells are their own blocks in GFM's tree: keep their words apart.
    if (is_block(cmark_node_get_type(child))) out += '\n';
  }
}

}  // namespace

MarkdownText markdown_to_text(std::string_view markdown) {
  register_extensions_once();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));

  MarkdownText result;
  collect_text(document.get(), result.text);

  cmark_iter* iter = cmark_iter_new(document.get());
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      std::string heading;
      collect_text(node, heading);
      heading = collapse_whitespace(heading);
      if (!heading.empty()) result.headings.push_back(heading);
    }
  }
  cmark_iter_free(iter);
  return result;
}

}  // namespace hotsearch
