#!/usr/bin/env python3
"""Fills translations into a Qt Linguist .ts file from a source->translation table.
Usage: fill_ts.py soilscope_de.ts   (uses de_strings.DE); prints the sources still untranslated."""
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from de_strings import DE  # noqa: E402


def main(path: str) -> int:
    text = Path(path).read_text(encoding="utf-8")
    missing = []

    def fill(match: re.Match) -> str:
        source = html.unescape(match.group(2))
        translated = DE.get(source)
        if translated is None:
            missing.append(source)
            return match.group(0)
        return f"{match.group(1)}<translation>{html.escape(translated, quote=False)}</translation>"

    text = re.sub(r"(<source>(.*?)</source>\s*(?:<comment>.*?</comment>\s*)?)<translation[^>]*>.*?</translation>",
                  fill, text, flags=re.S)
    Path(path).write_text(text, encoding="utf-8")
    for m in missing:
        print("untranslated:", repr(m))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
