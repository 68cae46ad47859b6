"""The searchable pages of a Jekyll content tree and their text, read with PyYAML in a
straightforward way, independently of hotsearch's C++ reader.

Used by scripts/bench-relevance to feed the baseline engines the same pages hotsearch indexes,
by scripts/relevance/candidates to find pages to read when judging, and by
tests/tools/corpus_facts.py, whose facts the C++ tests check hotsearch's index against.

A page is a .md/.markdown/.html file outside Jekyll's own folders and _drafts/, whose first
line is `---` and whose YAML front matter is closed by a `---` or `...` line and parses; a page
with `published: false` is not searchable (SPEC.md section 1).
"""
import html
import os
import re

import yaml

SKIP_DIRS = {"_layouts", "_includes", "_sass", "_data", "_site", "_drafts", "assets",
             "node_modules", "vendor"}
EXTENSIONS = (".md", ".markdown", ".html")


def split_page(path):
    """(front matter dict, body) of a page, or None when the file is not a page."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.split("\n")
    if lines[0].rstrip("\r") != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") in ("---", "..."):
            try:
                data = yaml.safe_load("\n".join(lines[1:i]))
            except yaml.YAMLError:
                return None
            return (data if isinstance(data, dict) else {}), "\n".join(lines[i + 1:])
    return None


def pages(root):
    """(id, front matter dict, body) of each searchable page, in walk order: a folder's files by
    name, then its subfolders by name. The id is the path relative to root, with /."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            if not name.endswith(EXTENSIONS):
                continue
            path = os.path.join(dirpath, name)
            page = split_page(path)
            if page is None or page[0].get("published") is False:
                continue
            yield (os.path.relpath(path, root).replace(os.sep, "/"),) + page


def searchable_pages(root):
    """Sorted ids (paths relative to root, with /) of the pages a site search should find."""
    return sorted(page_id for page_id, _, _ in pages(root))


URLISH = re.compile(r"^(https?:|mailto:|/|#)|\.(jpe?g|png|gif|svg|pdf|webp)$", re.I)


def front_matter_text(value):
    """Human text of front-matter values at any depth: strings, not URLs, numbers or booleans."""
    if isinstance(value, dict):
        return " ".join(front_matter_text(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(front_matter_text(v) for v in value)
    if isinstance(value, str) and not URLISH.search(value.strip()):
        return value
    return ""


def strip_markup(text):
    """Markdown/HTML/Liquid to words, the way a quick site search would do it."""
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)   # links/images: keep the words
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"^\s*\[[^\]]+\]:\s*\S+.*$", " ", text, flags=re.M)  # reference definitions
    text = re.sub(r"https?://\S+", " ", text)
    text = html.unescape(text)
    text = re.sub(r"[*_`#>|~]+", " ", text)
    return re.sub(r"[ \t]+", " ", text)


def page_text(path):
    """(title, body text) of a page: title alone; every other front-matter text and the
    stripped body together."""
    data, body = split_page(path)
    title = data.get("title")
    title = str(title) if title is not None else ""
    rest = front_matter_text({k: v for k, v in data.items() if k != "title"})
    return strip_markup(title).strip(), strip_markup(rest) + "\n" + strip_markup(body)
