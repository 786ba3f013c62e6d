#!/usr/bin/env python3
"""Writes data/kjv.txt, the text the character-level models of
examples/text/ train on: four books of the King James Version (public
domain; see data/kjv.NOTICE.md), read from Debian's bible-kjv-text package
through its `bible` command, one verse per line with the reference
("Ge1:1 ") stripped.

    /usr/bin/python3 scripts/make-text-data.py    # needs: apt install bible-kjv
"""

import os
import re
import subprocess

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# Whole books, by their first and last verse.
BOOKS = ["Genesis 1:1-50:26", "Exodus 1:1-40:38", "Psalms 1:1-150:6", "Proverbs 1:1-31:31"]
REFERENCE = re.compile(r"^[1-3]?[A-Za-z]+\d+:\d+ ")


def verses(passage):
    out = subprocess.run(["bible", "-f", passage], check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    for line in lines:
        assert REFERENCE.match(line), f"not a verse: {line!r}"
    return [REFERENCE.sub("", line).strip() for line in lines]


def main():
    text = "".join(v + "\n" for book in BOOKS for v in verses(book))
    assert text.isascii()
    with open(os.path.join(ROOT, "data", "kjv.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"data/kjv.txt: {len(text)} characters, {text.count(chr(10))} verses, vocabulary {len(set(text))}")


if __name__ == "__main__":
    main()
