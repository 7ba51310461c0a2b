#!/usr/bin/env python3
"""Rebuild r5-ctrip-hotel-replies.yaml from its pointers file and a copy of
github.com/SophonPlus/ChineseNlpCorpus.

usage: eval/lint/rebuild_ctrip.py REPO [-o OUT] [-p POINTERS]

REPO is the repository's git directory (e.g. .../repo/.git, or a bare clone)
or a working-tree clone.  The CSV is read at the commit named in the pointers
file with `git show`; if that fails, the working-tree file is used and checked
against the recorded blob hash.  Each reply's text is the part of the CSV
`review` field after its hotel-reply header (宾馆反馈YYYY年M月D日：), stripped.
Labels are stored as character offsets into that text.
Needs Python 3 and PyYAML (to read the pointers file).
"""
import argparse
import csv
import hashlib
import json
import os
import re
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = re.compile(r'宾馆反馈\s*\d{4}年\d{1,2}月\d{1,2}日\s*[：:]')


def q(s):
    """A YAML double-quoted scalar (JSON string syntax is a subset of it)."""
    return json.dumps(s, ensure_ascii=False)


def emit(meta, replies):
    """Deterministic YAML in the shape of evaldata/shape.md."""
    out = ['version: 1',
           'source: ' + meta['source'],
           'split: ' + meta['split'],
           'brief: ' + q(meta['brief']),
           'replies:']
    for r in replies:
        out.append('- id: ' + r['id'])
        out.append('  lang: ' + r['lang'])
        out.append('  channel: ' + r['channel'])
        out.append('  industry: ' + r['industry'])
        out.append('  text: ' + q(r['text']))
        if not r['expect']:
            out.append('  expect: []')
        else:
            out.append('  expect:')
            for e in r['expect']:
                out.append('  - {category: %s, span: %s}' % (e['category'], q(e['span'])))
    return '\n'.join(out) + '\n'


def read_blob(repo, commit, path, blob):
    gitdir = repo
    if os.path.isdir(os.path.join(repo, '.git')):
        gitdir = os.path.join(repo, '.git')
    try:
        data = subprocess.run(['git', '--git-dir', gitdir, 'show', '%s:%s' % (commit, path)],
                              capture_output=True, check=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        with open(os.path.join(repo, path), 'rb') as f:
            data = f.read()
    h = hashlib.sha1(b'blob %d\0' % len(data) + data).hexdigest()
    if h != blob:
        sys.exit('blob hash mismatch for %s: %s != %s' % (path, h, blob))
    return data.decode('utf-8')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('repo')
    ap.add_argument('-p', '--pointers', default=os.path.join(HERE, 'r5-ctrip-hotel-replies.pointers.yaml'))
    ap.add_argument('-o', '--out', default=os.path.join(HERE, 'local', 'r5-ctrip-hotel-replies.yaml'))
    a = ap.parse_args()
    with open(a.pointers, encoding='utf-8') as f:
        P = yaml.safe_load(f)
    src = P['origin']
    lines = read_blob(a.repo, src['commit'], src['path'], src['blob']).split('\n')
    replies = []
    for p in P['replies']:
        line = lines[p['line'] - 1]
        rec = next(csv.reader([line]))
        assert p['record'] == p['line'] - 1, p['id']
        field = rec[src['fields'].index(p['field'])]
        m = HEADER.search(field)
        text = field[m.end():].strip()
        if hashlib.sha256(text.encode('utf-8')).hexdigest()[:16] != p['sha256_16']:
            sys.exit('text hash mismatch for ' + p['id'])
        expect = [{'category': l['category'], 'span': text[l['start']:l['end']]}
                  for l in p['labels']]
        replies.append({'id': p['id'], 'lang': P['lang'], 'channel': P['channel'],
                        'industry': P['industry'], 'text': text, 'expect': expect})
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + '.tmp'
    with open(tmp, 'w', encoding='utf-8', newline='\n') as f:
        f.write(emit(P, replies))
    os.replace(tmp, a.out)
    print('wrote %d replies to %s' % (len(replies), a.out))


if __name__ == '__main__':
    main()
