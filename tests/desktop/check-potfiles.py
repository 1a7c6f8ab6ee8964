#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in must list every file under src/ and ui/ with a translatable
string (_(), N_(), C_(), NC_(), g_dngettext, translatable="yes"), be sorted,
and name only files that exist.  Usage: check-potfiles.py SOURCE_ROOT"""

import os
import re
import sys

MARKERS = re.compile(r'(?:^|[^A-Za-z0-9_])(?:N?C?_|g_d[np]?c?gettext2?|g_dngettext)\s*\(|translatable="yes"')


def listed_files(root):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


def translatable_files(root):
    found = []
    for top in ('src', 'ui'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(('.c', '.h', '.ui')):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    if MARKERS.search(f.read()):
                        found.append(os.path.relpath(path, root))
    return found


def main():
    root = sys.argv[1]
    listed = listed_files(root)
    problems = []
    for path in translatable_files(root):
        if path not in listed:
            problems.append(f'{path} has translatable strings but is missing from po/POTFILES.in')
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f'po/POTFILES.in lists {path}, which does not exist')
    if listed != sorted(listed):
        problems.append('po/POTFILES.in is not sorted')
    if len(listed) != len(set(listed)):
        problems.append('po/POTFILES.in lists a file twice')
    for p in problems:
        print(p)
    if not problems:
        print(f'po/POTFILES.in: {len(listed)} files, complete')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
