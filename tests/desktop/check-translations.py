#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every language in po/LINGUAS translates every message of a template
extracted NOW from po/POTFILES.in (not the committed .pot), so a string added
to the sources without a translation fails here.  Runs xgettext with meson's
'glib' preset keywords, msgmerge without fuzzy matching, then msgattrib.
Usage: check-translations.py SOURCE_ROOT"""

import os
import subprocess
import sys
import tempfile

GLIB_PRESET = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True)


def messages(pofile):
    """msgids in a .po file, one string per message (context + id)."""
    out = run(['msgcat', '--no-wrap', '--no-location', pofile]).stdout
    ids, cur = [], None
    for line in out.splitlines():
        if line.startswith('msgctxt ') or line.startswith('msgid '):
            cur = (cur or '') + line
        elif line.startswith('msgstr') and cur is not None:
            if cur != 'msgid ""':
                ids.append(cur)
            cur = None
    return ids


def main():
    root = sys.argv[1]
    po = os.path.join(root, 'po')
    with open(os.path.join(po, 'LINGUAS'), encoding='utf-8') as f:
        langs = [w for line in f if not line.startswith('#') for w in line.split()]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'fresh.pot')
        run(['xgettext', '--package-name=mql-workbench', '-f', os.path.join(po, 'POTFILES.in'),
             '-D', root, '-o', pot] + GLIB_PRESET)
        total = len(messages(pot))
        print(f'fresh template: {total} messages')
        for lang in langs:
            merged = os.path.join(tmp, lang + '.po')
            run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged,
                 os.path.join(po, lang + '.po'), pot])
            run(['msgfmt', '--check', '-o', os.devnull, merged])
            untranslated = messages_of(merged, '--untranslated')
            fuzzy = messages_of(merged, '--only-fuzzy')
            for m in untranslated:
                print(f'{lang}.po: untranslated: {m}')
            for m in fuzzy:
                print(f'{lang}.po: fuzzy: {m}')
            print(f'{lang}.po: {total - len(untranslated) - len(fuzzy)} of {total} translated')
            if untranslated or fuzzy:
                failed = True
    return 1 if failed else 0


def messages_of(pofile, which):
    with tempfile.NamedTemporaryFile(suffix='.po') as sel:
        run(['msgattrib', which, '--no-obsolete', '-o', sel.name, pofile])
        return messages(sel.name) if os.path.getsize(sel.name) else []


if __name__ == '__main__':
    sys.exit(main())
