#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A count printed next to a plural noun goes through ngettext: fails on any
message of a template extracted NOW from po/POTFILES.in (as
check-translations.py does) whose msgid has a number placeholder followed by
a plural English noun ("%s MQLs", "%u buckets") and no msgid_plural.
"1 MQLs" is what such a message prints for one.
Usage: check-plurals.py SOURCE_ROOT [FILE.pot]"""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module  # noqa: E402

GLIB_PRESET = import_module('check-translations').GLIB_PRESET

# Plural nouns a count is printed with in this program.
NOUNS = (r'leads|MQLs|SQLs|buckets|months|rows|signatures|versions|wins|opportunities|'
         r'columns|criteria|steps|scenarios|files|values|days|weeks|segments|cells|'
         r'approvers|keys|changes|records|accounts|outcomes|entries|errors|warnings|'
         r'lines|people|contacts|deals|swaps|parts|paths|levels|points|pts|times|items')
# A placeholder for a number (%s too: the core formats counts as text), then at
# most two words (an adjective such as "scored" or "known"), then the noun.
COUNT_NOUN = re.compile(r'%(?:\d+\$)?[-+ 0#\']*\d*(?:l{0,2}|z|" PRI[ud]64 ")[sdu]'
                        r'\s+(?:[A-Za-z-]+\s+){0,2}(?:' + NOUNS + r')\b')


# Messages the pattern matches that are right as they are, or wait for a file
# being split; each says why.  Keyed by the msgid's start.
ALLOWED = {
    # Not a count before the noun: a percentage, a stage name, an operator.
    'At %s, with %s of the leads': 'a percentage',
    'Lowest threshold keeping MQLs within the top %s of leads': 'a percentage',
    'MQLs are the top %s of leads': 'a percentage',
    'known for %s of MQLs': 'a percentage',
    '%s takes %s of these leads': 'a percentage',
    'Held out, %s: the score ranks %s leads': 'a stage name ("SQL leads")',
    'column %s refers to values': 'a column name',
    'A condition “X is not A or B” is the filter operator %s': 'an operator name',
    'A condition “X contains A or B” is the filter operator %s': 'an operator name',
    'The grade + behaviour path selects grade %s or better with %s behaviour': 'a grade letter',
    'today %s · %s pts': 'an abbreviation, the same for one',
    '%s\u00a0%s%s\u00a0pts': 'percentage points, an abbreviation',
    # Never one: limits, or at least two by construction.
    '%u folds need at least %u scored leads': 'two folds at least',
    '%s: line %<PRIu64>: the header has %u columns': 'a limit in the thousands',
    '%s %d has %d days': 'a month has 28 to 31 days',
    '%s: line %<PRIu64>: more than %u leads': 'a limit in the millions',
    '%s: there is not enough memory for %<PRIu64> lines': 'only for huge files',
    'line %u, column %u: %s: the JSON is nested more than %u levels': 'a limit of hundreds',
    'the earliest of %u date columns': 'two date columns at least',
    'named like a platform score: the headline of %u score columns': 'two score columns at least',
    # Figures printed with decimals ("1.0 months" takes the plural).
    'A month at this volume (over %s months): %s MQLs': 'decimals',
    'A month at this volume (over %s months of history)': 'decimals',
}


def allowed(msgid):
    text = msgid.replace('""', '').strip('"')
    return any(text == key or text.startswith(key) and key != '%s points' for key in ALLOWED)


def entries(pot):
    """(msgid, has_plural) for every message, joined over continuation lines."""
    out = subprocess.run(['msgcat', '--no-wrap', '--no-location', pot],
                         check=True, capture_output=True, text=True).stdout
    result, msgid, plural, key = [], None, False, None
    for line in out.splitlines():
        if line.startswith('msgid '):
            msgid, plural, key = line[6:], False, 'id'
        elif line.startswith('msgid_plural '):
            plural, key = True, 'plural'
        elif line.startswith('msgstr'):
            if msgid not in (None, '""'):
                result.append((msgid, plural))
            msgid, key = None, None
        elif line.startswith('"') and key == 'id':
            msgid += line
    return result


def offenders(pot):
    return [m for m, plural in entries(pot) if not plural and COUNT_NOUN.search(m) and not allowed(m)]


def main():
    root = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        pot = sys.argv[2] if len(sys.argv) > 2 else os.path.join(tmp, 'fresh.pot')
        if len(sys.argv) <= 2:
            subprocess.run(['xgettext', '--package-name=mql-workbench',
                            '-f', os.path.join(root, 'po', 'POTFILES.in'),
                            '-D', root, '-o', pot] + GLIB_PRESET,
                           check=True, capture_output=True, text=True)
        bad = offenders(pot)
    for m in bad:
        print(f'count with a fixed plural (use g_dngettext): {m}')
    print(f'{len(bad)} messages print a count with a fixed plural')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
