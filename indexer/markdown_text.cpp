// Markdown -> text through cmark-gfm's AST.
#include "indexer/markdown_text.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

#include "indexer/file_names.h"
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

bool is_block(cmark_node* node) {
  return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

std::string literal_of(cmark_node* node) {
  const char* literal = cmark_node_get_literal(node);
  return literal ? literal : "";
}

/// The text a reader sees in a link, without descending into HTML.
std::string plain_text_of(cmark_node* node) {
  std::string out;
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    cmark_node_type type = cmark_node_get_type(child);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) out += literal_of(child);
    out += plain_text_of(child);
  }
  return out;
}

/// A link whose words are its own web address (`<https://...>`, an autolinked `www.`): the
/// address is not text. An e-mail address is (`partnerships@hotosm.org` is searched for).
bool is_bare_address(cmark_node* link) {
  const char* url = cmark_node_get_url(link);
  if (!url || !*url) return false;
  if (std::string_view(url).rfind("mailto:", 0) == 0) return false;
  std::string text = plain_text_of(link);
  std::string address = url;
  for (const char* scheme : {"mailto:", "http://", "https://"}) {
    if (address.rfind(scheme, 0) == 0 && text.rfind(scheme, 0) != 0) {
      address = address.substr(std::string(scheme).size());
    }
  }
  return text == url || text == address;
}

/// Leaf nodes get only an ENTER event from cmark's iterator (its S_is_leaf).
bool is_leaf(cmark_node_type type) {
  switch (type) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_THEMATIC_BREAK:
      return true;
    default:
      return false;
  }
}

/// Walks the tree once with cmark's iterator (no recursion: a page of ten thousand `>` is
/// ten thousand nested quotes), collecting the text and, apart, the headings.
class TextWalker {
 public:
  explicit TextWalker(MarkdownText& out) : out_(out) {}

  void run(cmark_node* root) {
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> iter(cmark_iter_new(root), cmark_iter_free);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(iter.get());
      cmark_node_type type = cmark_node_get_type(node);
      if (event == CMARK_EVENT_EXIT) {
        exit(node, type);
        continue;
      }
      if (!hidden_until_.empty()) {
        // Inside an inline <script>, <style> or <iframe>: skip up to its closing tag.
        if (type == CMARK_NODE_HTML_INLINE &&
            literal_of(node).find("</" + hidden_until_) != std::string::npos) {
          hidden_until_.clear();
        } else if (!is_leaf(type)) {
          cmark_iter_reset(iter.get(), node, CMARK_EVENT_EXIT);
        }
        continue;
      }
      if ((type == CMARK_NODE_LINK && is_bare_address(node)) ||
          (type == CMARK_NODE_IMAGE && is_file_name_alt(plain_text_of(node)))) {
        // An address, or alt text that is the image's file name (`![IMG_1654 (1).jpg](...)`).
        cmark_iter_reset(iter.get(), node, CMARK_EVENT_EXIT);
        continue;
      }
      if (type == CMARK_NODE_HEADING) heading_start_ = out_.text.size();
      enter(node, type);
      if (is_leaf(type) && is_block(node)) out_.text += '\n';
    }
  }

 private:
  void enter(cmark_node* node, cmark_node_type type) {
    switch (type) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK:
        out_.text += literal_of(node);
        break;
      case CMARK_NODE_HTML_BLOCK: {
        HtmlText html = read_html(literal_of(node));
        out_.text += html.text;
        for (std::string& heading : html.headings) out_.headings.push_back(std::move(heading));
        break;
      }
      case CMARK_NODE_HTML_INLINE: {
        std::string literal = literal_of(node);
        out_.text += html_to_text(literal);
        hidden_until_ = unclosed_hidden_element(literal);
        break;
      }
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out_.text += ' ';
        break;
      default:
        break;
    }
  }

  void exit(cmark_node* node, cmark_node_type type) {
    if (type == CMARK_NODE_HEADING) {
      std::string heading = collapse_whitespace(out_.text.substr(heading_start_));
      if (!heading.empty()) out_.headings.push_back(std::move(heading));
    }
    // Blocks (paragraphs, items, table cells) end a line, so snippets never glue two blocks'
    // words together; an inline <script> left open ends with its block.
    if (is_block(node)) {
      if (type != CMARK_NODE_DOCUMENT) out_.text += '\n';
      hidden_until_.clear();
    }
  }

  MarkdownText& out_;
  std::string hidden_until_;
  std::size_t heading_start_ = 0;
};

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
  TextWalker(result).run(document.get());
  return result;
}

}  // namespace hotsearch
