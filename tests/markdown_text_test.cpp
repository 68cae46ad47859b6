// Markdown, HTML and Liquid to plain text: what a reader sees is kept, markup is not.
#include "indexer/markdown_text.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "indexer/html_entities.h"
#include "indexer/html_text.h"
#include "indexer/liquid.h"
#include "indexer/page_reader.h"
#include "indexer/text_fold.h"
#include "tests/test_support.h"

using namespace hotsearch;
using Catch::Contains;

namespace {

std::string text_of(const std::string& markdown) { return markdown_to_text(markdown).text; }

/// The words of a text, one space apart: for tests about what is kept, not about layout.
std::string words_of(const std::string& markdown) { return collapse_whitespace(text_of(markdown)); }

Page corpus_page(const std::string& id) {
  static PageReader reader(SiteConfig::load(test::real_corpus()), FieldMap::defaults());
  ReadResult result = reader.read_bytes(id, test::read_file(test::real_corpus() / id));
  REQUIRE(result.status == ReadStatus::Page);
  return result.page;
}

}  // namespace

TEST_CASE("GFM tables become their cells' words, without pipes", "[markdown]") {
  std::string text = text_of("| Country | Mappers |\n| --- | --- |\n| Mali | 120 |\n");
  CHECK_THAT(text, !Contains("|"));
  CHECK_THAT(text, !Contains("---"));
  CHECK(text == "Country\nMappers\n\nMali\n120\n\n\n");
}

TEST_CASE("links keep their words and lose their addresses", "[markdown]") {
  std::string text = words_of(
      "See [the Tasking Manager](https://tasks.hotosm.org/) and ![a mapper at work](/uploads/"
      "a.jpg \"title\"), [ref][1], <https://hotosm.org>, www.example.org or info@hotosm.org.\n\n"
      "[1]: https://ref.example.org\n");
  // A web address is not text; an e-mail address is (people search for it).
  CHECK(text == "See the Tasking Manager and a mapper at work, ref, , or info@hotosm.org.");
  CHECK(words_of("Write to [partnerships@hotosm.org](mailto:partnerships@hotosm.org).\n") ==
        "Write to partnerships@hotosm.org.");
}

TEST_CASE("image alt text that is only the file's name is not text", "[markdown]") {
  CHECK(words_of("A ![IMG_1654 (1).jpg](/a.jpg) canoe.\n") == "A canoe.");
  CHECK(words_of("A ![map.PNG](/a.png) canoe.\n") == "A canoe.");
  CHECK(words_of("A <img src=\"/a.jpg\" alt=\"DSC_0042.jpeg\"> canoe.\n") == "A canoe.");
  // Words about the picture stay, even when they end in a file's name.
  CHECK(words_of("A ![canoe on the river](/a.jpg) canoe.\n") == "A canoe on the river canoe.");
  CHECK(words_of("A ![the field team's photo of the map.jpg](/a.jpg) canoe.\n") ==
        "A the field team's photo of the map.jpg canoe.");
}

TEST_CASE("headings are text and are also collected apart", "[markdown]") {
  MarkdownText md = markdown_to_text(
      "# Mapping *Mali*\n\nIntro.\n\nSecond level\n---\n\n<h3>From <b>HTML</b></h3>\n");
  CHECK(md.headings == std::vector<std::string>{"Mapping Mali", "Second level", "From HTML"});
  CHECK(collapse_whitespace(md.text) == "Mapping Mali Intro. Second level From HTML");
  CHECK_THAT(md.text, Contains("Mapping Mali\n"));
}

TEST_CASE("blocks end lines so two paragraphs never glue their words", "[markdown]") {
  CHECK(text_of("one\n\ntwo") == "one\ntwo\n");
  CHECK(text_of("- one\n- two\n") == "one\n\ntwo\n\n\n");
  CHECK(text_of("line\nbreak") == "line break\n");
  CHECK(text_of("> quoted\n\n    code block\n") == "quoted\n\ncode block\n\n");
}

TEST_CASE("emphasis, strikethrough, code and task lists keep their words", "[markdown]") {
  CHECK(text_of("**bold** _it_ ~~old~~ `code()`\n") == "bold it old code()\n");
  CHECK(text_of("- [x] done\n- [ ] todo\n") == "done\n\ntodo\n\n\n");
  CHECK(text_of("\\*not emphasis\\* &amp; &eacute;\n") == "*not emphasis* & é\n");
}

TEST_CASE("inline HTML is stripped; script, style and iframe bodies are dropped",
          "[markdown][html]") {
  CHECK(text_of("Read <a href=\"https://x.org\">the <em>report</em></a> now.\n") ==
        "Read the report now.\n");
  CHECK(text_of("Before <script>var secret = 1;</script> after.\n") == "Before  after.\n");
  CHECK(words_of("<div>\n<style>p { color: red }</style>\n<p>Shown</p>\n</div>\n") == "Shown");
  CHECK(words_of("Text <!-- a comment --> more\n") == "Text more");
  CHECK(words_of("<iframe src=\"https://youtube.com/embed/x\"></iframe>\n\nAfter\n") == "After");
  // An inline <script> left open hides only the rest of its own paragraph.
  CHECK(text_of("a <script>x\n\nb\n") == "a \nb\n");
}

TEST_CASE("HTML to text: entities, blocks, headings and stray brackets", "[html]") {
  HtmlText html = read_html(
      "<h2 class=\"x\">Who &amp; why</h2><p>Caf&eacute;&nbsp;&#233;&#x2019;<br>next</p>"
      "<p title=\"a > b\">2 < 3 &unknown; AT&T</p><!-- gone --><noscript>gone</noscript>");
  CHECK(html.headings == std::vector<std::string>{"Who & why"});
  CHECK(html.text == "\nWho & why\n\nCafé\u00A0é\u2019\nnext\n\n2 < 3 &unknown; AT&T\n ");
  CHECK(html_to_text("<ul><li>a</li><li>b</li></ul>") == "\n\na\n\nb\n\n");
  CHECK(decode_entity("#0").empty() == false);  // replaced, not dropped: U+FFFD
  CHECK(decode_entity("#x110000") == "\uFFFD");
  CHECK(decode_entity("nosuch").empty());
  CHECK(unclosed_hidden_element("<script type=\"x\">") == "script");
  CHECK(unclosed_hidden_element("<script>a</script>").empty());
  CHECK(unclosed_hidden_element("<b>").empty());
}

TEST_CASE("every HTML5 named entity is decoded, and numeric ones", "[html]") {
  // Outside a table of about sixty, entities stayed as written and broke words (`ao&ucirc;t`).
  CHECK(html_to_text("<p>Atelier sur l&rsquo;&icirc;le, &Agrave; Bamako. Stra&szlig;e und "
                     "&Uuml;bersicht. &Aacute;frica, ao&ucirc;t.</p>") ==
        "\nAtelier sur l’île, À Bamako. Straße und Übersicht. África, août.\n");
  CHECK(html_to_text("&CounterClockwiseContourIntegral;|&NotEqualTilde;|&fjlig;") ==
        "\u2233|\u2242\u0338|fj");
  CHECK(html_to_text("&Eacute;&eacute;&EACUTE;&eacute &#233;&#xE9;&#XE9;") ==
        "Éé&EACUTE;&eacute ééé");
  // In front-matter HTML, which Markdown hands to the HTML reader as an HTML block.
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  Page page =
      reader.read_bytes("a.md", "---\nText: \"<p>R&eacute;union du 15 ao&ucirc;t</p>\"\n---\n")
          .page;
  CHECK(page.texts == std::vector<std::string>{"Réunion du 15 août"});
  // Every name of the WHATWG list, as Python has it (the table is generated from it).
  test::RunResult python = test::run_process(
      "python3", {"-c",
                  "import html.entities, json; print(json.dumps({k[:-1]: v for k, v in "
                  "html.entities.html5.items() if k.endswith(';')}))"});
  REQUIRE(python.exit_code == 0);
  nlohmann::json entities = nlohmann::json::parse(python.out);
  CHECK(entities.size() == named_entity_count());
  CHECK(entities.size() > 2000);
  std::size_t wrong = 0;
  for (const auto& [name, text] : entities.items()) {
    if (decode_entity(name) != text.get<std::string>()) {
      UNSCOPED_INFO("&" << name << "; wrong");
      ++wrong;
    }
  }
  CHECK(wrong == 0);
}

TEST_CASE("an HTML image's alt text is text and its address is not", "[markdown][html]") {
  CHECK(html_to_text("<img src=\"x.jpg\" alt=\"Mappers at work\">word") == " Mappers at work word");
  CHECK(html_to_text("<IMG SRC='/uploads/a.jpg' ALT='Caf&eacute; &amp; maps'/>") ==
        " Café & maps ");
  CHECK(html_to_text("<img alt=Kampala src=a.jpg>") == " Kampala ");
  CHECK(html_to_text("<img title=\"x\" alt=\"a > b\" src=\"c.jpg\">after") == " a > b after");
  CHECK(html_to_text("<img data-alt=\"not alt\" src=\"d.jpg\" alt>") == "  ");
  CHECK(html_to_text("<img src=\"e.jpg\">") == " ");
  // In a Markdown paragraph (inline HTML), as an HTML block, and in front-matter HTML.
  CHECK(words_of("Before <img src=\"/uploads/a.jpg\" alt=\"inline words\"> after.\n") ==
        "Before inline words after.");
  CHECK(words_of("<p><img src=\"/uploads/b.jpg\"\n  alt=\"block words\"></p>\n") == "block words");
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  Page page = reader
                  .read_bytes("a.md",
                              "---\ntitle: t\n"
                              "Intro: '<img src=\"/uploads/c.jpg\" alt=\"front matter words\">'\n"
                              "---\n<img src=\"/uploads/d.jpg\" alt=\"body words\">\n")
                  .page;
  CHECK(page.texts == std::vector<std::string>{"front matter words"});
  CHECK(collapse_whitespace(page.body) == "body words");
}

TEST_CASE("Liquid tags are removed and comments with them", "[liquid]") {
  CHECK(strip_liquid("Hello {{ page.title }}!") == "Hello  !");
  CHECK(strip_liquid("{% if x %}shown{% endif %}") == " shown ");
  CHECK(strip_liquid("a{%- comment -%} hidden {% endcomment %}b") == "a  b");
  CHECK(strip_liquid("{% raw %}{{ kept }}{% endraw %}") == " {{ kept }} ");
  CHECK(strip_liquid("{% highlight ruby %}\ndef x\n{% endhighlight %}") == " \ndef x\n ");
  CHECK(strip_liquid("no tags { here } or {% unclosed") == "no tags { here } or {% unclosed");
  CHECK(strip_liquid("{% comment %} never closed") == " ");
}

TEST_CASE("a page of many unclosed Liquid tags keeps its words", "[liquid]") {
  // Each unclosed tag once sent the reader to the end of the text again: 1.6 MB of these took
  // five minutes, holding the index's lock. Now each kind of end is looked for once.
  std::string raws, outputs, tags;
  for (int i = 0; i < 40000; ++i) {
    raws += "{% raw %} a ";
    outputs += "{{ b ";
    tags += "{% c ";
  }
  std::string stripped = strip_liquid(raws);
  CHECK(std::count(stripped.begin(), stripped.end(), 'a') == 40000);
  CHECK(strip_liquid(outputs) == outputs);  // not Liquid without its end: kept as written
  CHECK(strip_liquid(tags) == tags);
  CHECK(strip_liquid("{% raw %}x {% raw %}y{% endraw %}") == " x {% raw %}y ");
}

TEST_CASE("a Markdown page ten thousand levels deep is read without recursion", "[markdown]") {
  std::string deep(10000, '>');
  deep += " bottom\n";
  std::string list;
  for (int i = 0; i < 5000; ++i)
    list += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- x\n";
  CHECK_THAT(text_of(deep), Contains("bottom"));
  CHECK_THAT(text_of(list), Contains("x"));
}

TEST_CASE("real bodies: tables, iframes, comments and entities are not text",
          "[markdown][corpus]") {
  Page audacious = corpus_page("_projects/audacious.markdown");
  CHECK_THAT(audacious.body, !Contains("iframe"));
  CHECK_THAT(audacious.body, !Contains("embed.ted.com"));
  CHECK_THAT(audacious.body, !Contains("&nbsp;"));
  CHECK_THAT(audacious.body, Contains("this investment from Audacious donors"));

  Page volunteers = corpus_page("_partners/volunteer-engagement.markdown");
  CHECK_THAT(volunteers.body, !Contains("youtube"));
  CHECK_THAT(volunteers.body, Contains("over 7,300 volunteers from Salesforce"));

  Page haiti = corpus_page("_posts/2012-06-24-o.md");
  CHECK_THAT(haiti.body, !Contains("<p>"));
  CHECK_THAT(haiti.body, !Contains("<!--"));
  CHECK_THAT(haiti.body, Contains("Saint-Marc, Haiti project"));

  // No corpus page has a GFM table (the `|` in this hub's body separates links as text).
  Page hub = corpus_page("_hubs/hub-de-mapeamento-aberto-america-latina-e-caribe.markdown");
  CHECK_THAT(hub.body, Contains("Twitter | Instagram | Facebook"));
  for (const Page& page : {audacious, volunteers, haiti, hub}) {
    CHECK_THAT(page.body, !Contains("http://"));
    CHECK_THAT(page.body, !Contains("https://"));
    CHECK_THAT(page.body, !Contains("{%"));
  }
}
