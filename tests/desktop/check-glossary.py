#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""One word per term in each translation: a German message about a funnel stage
says "Phase" (as HubSpot's German UI does for lifecycle stages, and as most of
our German did), never "Stufe", which stays for the steps of score decay.
Parsed with msgcat --no-wrap so that each message is one line.
Usage: check-glossary.py SOURCE_ROOT"""

import os
import re
import subprocess
import sys

# language → (word in the msgid, word the msgstr must not use, the word it uses)
GLOSSARY = {
    'de': [(r'\bstages?\b', r'[Ss]tufe', 'Phase')],
}


def entries(path):
    text = subprocess.run(['msgcat', '--no-wrap', path], check=True, capture_output=True,
                          text=True).stdout
    msgid, msgstr = None, []
    for line in text.splitlines() + ['']:
        if line.startswith('msgid ') or line.startswith('msgid_plural '):
            if line.startswith('msgid ') and msgid is not None:
                yield msgid, msgstr
                msgstr = []
            msgid = (msgid or '') + line.split(' ', 1)[1] if line.startswith('msgid_plural ') else line[6:]
        elif line.startswith('msgstr'):
            msgstr.append(line.split(' ', 1)[1])
    if msgid is not None:
        yield msgid, msgstr


def main():
    root = sys.argv[1]
    problems = []
    for lang, rules in GLOSSARY.items():
        for msgid, msgstr in entries(os.path.join(root, 'po', lang + '.po')):
            for source, banned, wanted in rules:
                if re.search(source, msgid, re.I):
                    for s in msgstr:
                        if re.search(banned, s):
                            problems.append(f'{lang}.po: {msgid[:70]} → {s[:70]}: say “{wanted}”')
    for p in problems:
        print(p)
    print(f'{len(problems)} glossary problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
