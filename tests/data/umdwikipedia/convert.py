#!/usr/bin/env python3
"""Converts the UMDWikipedia (VEWS) vandal data set to the event contract of docs/api.md.

Usage: convert.py VEWS_DIR [OUT_DIR]

VEWS_DIR holds the files of vews_dataset_v1.1 (benign_YYYY_M.csv, vandal_YYYY_M.csv, users.tsv), as published in
github.com/swathiraja16/Vandalism (folder vews_dataset_v1.1). OUT_DIR (default: this script's folder) receives
events.ndjson.gz and labels.csv.gz. Standard library only; the output is byte-for-byte reproducible.

Every edit becomes one `usage` event: `account` is the editor (w-u<Wikipedia user id>), `template` the edited page
(wp-<n>, numbered in order of first edit), `at` the edit time, `id` the revision (w<revid>). An editor is labelled 1
when the data set lists it as a vandal (blocked for vandalism), 0 when it lists it as benign.
"""
import csv
import glob
import gzip
import io
import json
import os
import re
import sys
from collections import Counter

ACCOUNT = re.compile(r"^[A-Za-z0-9._:@-]{1,128}$")
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def write_gz(path, text):
    # mtime=0 and no file name in the header, so that the same input gives the same bytes.
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(text.encode("utf-8"))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))

    # users.tsv: username, user id, block time, block reason, benign|vandal
    users = {}
    with open(os.path.join(src, "users.tsv"), encoding="utf-8", newline="") as f:
        for fields in csv.reader(f, delimiter="\t"):  # CSV quoting: """Weird Nerd"" Yankovic"
            if len(fields) != 5 or fields[4] not in ("benign", "vandal") or not fields[1].isdigit():
                sys.exit(f"users.tsv: unexpected line {fields!r}")
            if fields[0] in users:
                sys.exit(f"users.tsv: {fields[0]!r} twice")
            users[fields[0]] = ("w-u" + fields[1], fields[4])

    edits = []
    files = sorted(glob.glob(os.path.join(src, "benign_*.csv")) + glob.glob(os.path.join(src, "vandal_*.csv")))
    if len(files) != 38:
        sys.exit(f"expected 38 monthly files (benign and vandal, 2013-01 to 2014-07), found {len(files)}")
    for path in files:
        kind = "vandal" if os.path.basename(path).startswith("vandal") else "benign"
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if not row["username"]:
                    continue
                account, listed = users[row["username"]]
                if listed != kind:
                    sys.exit(f"{path}: {row['username']!r} is listed as {listed}")
                if not TIME.match(row["revtime"]) or not row["revid"].isdigit():
                    sys.exit(f"{path}: bad row {row!r}")
                edits.append((row["revtime"], int(row["revid"]), account, row["pagetitle"]))

    edits.sort()
    pages = {}
    lines = []
    for at, revid, account, title in edits:
        page = pages.setdefault(title, f"wp-{len(pages)}")
        assert ACCOUNT.match(account)
        lines.append(json.dumps({"type": "usage", "account": account, "at": at, "requests": 1,
                                 "category": "other", "template": page, "id": f"w{revid}"},
                                separators=(",", ":")))
    write_gz(os.path.join(out, "events.ndjson.gz"), "\n".join(lines) + "\n")

    seen = {account for _, _, account, _ in edits}
    labels = io.StringIO()
    labels.write("account,label,kind\n")
    for account, kind in sorted(v for v in users.values() if v[0] in seen):
        labels.write(f"{account},{1 if kind == 'vandal' else 0},{kind}\n")
    write_gz(os.path.join(out, "labels.csv.gz"), labels.getvalue())

    kinds = Counter(kind for account, kind in users.values() if account in seen)
    print(f"{len(lines)} events, {len(seen)} accounts ({kinds['vandal']} vandal, {kinds['benign']} benign), "
          f"{len(pages)} pages, {edits[0][0]} .. {edits[-1][0]}")


if __name__ == "__main__":
    main()
