#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What can be checked of the Flatpak manifest offline: it parses, names a
runtime, sdk and command, grants only the minimal finish-args (files through
portals), pins every archive by sha256, and the app module configures meson
with options that exist in meson_options.txt.
Usage: check-flatpak.py SOURCE_ROOT APP_ID"""

import json
import os
import re
import sys

ALLOWED_FINISH_ARGS = {'--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri'}


def meson_options(root):
    with open(os.path.join(root, 'meson_options.txt'), encoding='utf-8') as f:
        text = f.read()
    options = {}
    for m in re.finditer(r"option\(\s*'([^']+)'\s*,\s*type\s*:\s*'([^']+)'(.*?)\)\s*$", text, re.S | re.M):
        name, kind, rest = m.groups()
        choices = re.search(r"choices\s*:\s*\[([^\]]*)\]", rest)
        options[name] = (kind, re.findall(r"'([^']*)'", choices.group(1)) if choices else None)
    return options


def main():
    root, app_id = sys.argv[1], sys.argv[2]
    path = os.path.join(root, 'flatpak', app_id + '.json')
    problems = []
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{path}: {e}')
        return 1

    for key, want in (('id', app_id), ('runtime', 'org.gnome.Platform'), ('sdk', 'org.gnome.Sdk'),
                      ('command', 'mql-workbench')):
        if manifest.get(key) != want:
            problems.append(f'"{key}" is {manifest.get(key)!r}, expected {want!r}')
    if not re.fullmatch(r'4[7-9]|[5-9][0-9]', str(manifest.get('runtime-version', ''))):
        problems.append(f'"runtime-version" {manifest.get("runtime-version")!r} is not a current stable GNOME runtime')

    finish = manifest.get('finish-args', [])
    for arg in finish:
        if arg not in ALLOWED_FINISH_ARGS:
            problems.append(f'finish-args: {arg} is more than the app needs (files go through portals)')
    for arg in sorted(ALLOWED_FINISH_ARGS - set(finish)):
        problems.append(f'finish-args: {arg} is missing')

    modules = manifest.get('modules', [])
    names = [m.get('name') for m in modules if isinstance(m, dict)]
    for needed in ('libcsv', 'gsl', 'mql-workbench'):
        if needed not in names:
            problems.append(f'modules: no "{needed}" module')
    if names and names[-1] != 'mql-workbench':
        problems.append('modules: the app must be built last, after its dependencies')

    options = meson_options(root)
    for i, module in enumerate(modules):
        where = f'modules[{i}] ({module.get("name")})'
        for j, source in enumerate(module.get('sources', [])):
            kind = source.get('type')
            if kind in ('archive', 'file'):
                if not re.fullmatch(r'https://\S+', source.get('url', '')):
                    problems.append(f'{where}.sources[{j}]: no https url')
                if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
                    problems.append(f'{where}.sources[{j}]: sha256 is not 64 hex digits')
            elif kind == 'git':
                if not re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')):
                    problems.append(f'{where}.sources[{j}]: git source not pinned to a commit')
            elif kind != 'dir':
                problems.append(f'{where}.sources[{j}]: unexpected source type {kind!r}')
        if module.get('name') == 'mql-workbench':
            if module.get('buildsystem') != 'meson':
                problems.append(f'{where}: buildsystem is not meson')
            if module.get('run-tests') is not True:
                problems.append(f'{where}: run-tests is not true')
            if module.get('sources') != [{'type': 'dir', 'path': '..'}]:
                problems.append(f'{where}: the app is not built from the local tree (type dir, path ..)')
            for opt in module.get('config-opts', []):
                m = re.fullmatch(r'-D([A-Za-z0-9_-]+)=(.*)', opt)
                if not m:
                    problems.append(f'{where}.config-opts: {opt!r} is not a -Dname=value option')
                    continue
                name, value = m.groups()
                if name not in options:
                    problems.append(f'{where}.config-opts: -D{name} is not an option in meson_options.txt')
                    continue
                kind, choices = options[name]
                if kind == 'combo' and value not in choices:
                    problems.append(f'{where}.config-opts: -D{name}={value} is not one of {choices}')
                if kind == 'feature' and value not in ('enabled', 'disabled', 'auto'):
                    problems.append(f'{where}.config-opts: -D{name}={value} is not a feature value')
                if kind == 'boolean' and value not in ('true', 'false'):
                    problems.append(f'{where}.config-opts: -D{name}={value} is not a boolean')

    for p in problems:
        print(f'{os.path.relpath(path, root)}: {p}')
    if not problems:
        print(f'{os.path.relpath(path, root)}: {len(modules)} modules, every archive pinned, options exist')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
