#!/usr/bin/env python3
"""Fills translations into a Qt Linguist .ts file from source->translation tables.
Usage: fill_ts.py soilscope_de.ts   (de_strings.DE for the GUI's own strings, de_task_strings.DE_TASKS
for the "TaskStrings" context of the core Tasks); prints the sources still untranslated."""
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from de_strings import DE  # noqa: E402
from de_task_strings import DE_TASKS  # noqa: E402

TABLES = {"TaskStrings": DE_TASKS}


def main(path: str) -> int:
    text = Path(path).read_text(encoding="utf-8")
    missing = []

    def fill_context(context: re.Match) -> str:
        name = html.unescape(re.search(r"<name>(.*?)</name>", context.group(0), flags=re.S).group(1))
        table = TABLES.get(name, DE)

        def fill(match: re.Match) -> str:
            source = html.unescape(match.group(2))
            translated = table.get(source)
            if translated is None:
                missing.append(f"{name}: {source}")
                return match.group(0)
            return f"{match.group(1)}<translation>{html.escape(translated, quote=False)}</translation>"

        return re.sub(r"(<source>(.*?)</source>\s*(?:<comment>.*?</comment>\s*)?)<translation[^>]*>.*?</translation>",
                      fill, context.group(0), flags=re.S)

    text = re.sub(r"<context>.*?</context>", fill_context, text, flags=re.S)
    Path(path).write_text(text, encoding="utf-8")
    for m in missing:
        print("untranslated:", repr(m))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
