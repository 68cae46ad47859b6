#!/usr/bin/env python3
"""The SQLite FTS5 peer of the full-index row: read each page file, split off the front matter
with one regular expression, and insert (path, title, body) into an FTS5 table with Porter
stems, in one transaction. No YAML parser, no Markdown, no facets: what a quick FTS5 site
search would do. Usage: fts5_index.py CONTENT_DIR DB_FILE  -> prints the page count.
"""
import os
import re
import sqlite3
import sys

FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*\r?\n?(.*)\Z", re.S)
TITLE = re.compile(r"^title:[ \t]*['\"]?(.*?)['\"]?[ \t]*$", re.M)


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: fts5_index.py CONTENT_DIR DB_FILE")
    site, path = sys.argv[1:]
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE pages USING fts5(path UNINDEXED, title, body, "
               "tokenize='porter unicode61 remove_diacritics 2')")
    pages = 0
    for dirpath, dirnames, files in os.walk(site):
        dirnames.sort()
        for name in sorted(files):
            if not name.endswith((".md", ".markdown", ".html")):
                continue
            full = os.path.join(dirpath, name)
            with open(full, encoding="utf-8", errors="replace") as f:
                text = f.read()
            m = FRONT.match(text)
            front, body = (m.group(1), m.group(2)) if m else ("", text)
            title = TITLE.search(front)
            # The front matter's text is searchable too (summaries, blocks), as in hotsearch.
            db.execute("INSERT INTO pages VALUES (?, ?, ?)",
                       (full, title.group(1) if title else "", front + "\n" + body))
            pages += 1
    db.commit()
    db.close()
    print(pages, "pages")


if __name__ == "__main__":
    main()
