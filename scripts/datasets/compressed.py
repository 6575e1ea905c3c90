"""Writing a dataset as gzip-compressed CSV (NAME.csv.gz) beside its NAME.json.

Used for the one dataset too large to commit as plain text (indicators:
about 56 MB of CSV, under 4 MB compressed).  The bytes are deterministic:
the gzip header carries no file name and a zero time stamp, and the level
is fixed, so the same rows always give the same file with the same zlib.
"""

import csv
import gzip
import io
import json
import os

from .common import cell, fail

LEVEL = 9


def csv_bytes(ds):
    for r in ds.rows:
        if set(r) != set(ds.columns):
            fail("%s: row keys differ from columns (extra %s, missing %s)"
                 % (ds.name, sorted(set(r) - set(ds.columns)), sorted(set(ds.columns) - set(r))))
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(ds.columns)
    for r in ds.rows:
        w.writerow([cell(r[c]) for c in ds.columns])
    return text.getvalue().encode("utf-8")


def gzip_bytes(raw):
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=LEVEL, fileobj=out, mtime=0) as f:
        f.write(raw)
    return out.getvalue()


def write_gzip_dataset(ds, out_dir):
    with open(os.path.join(out_dir, ds.name + ".csv.gz"), "wb") as f:
        f.write(gzip_bytes(csv_bytes(ds)))
    with open(os.path.join(out_dir, ds.name + ".json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(ds.metadata(), indent=2, ensure_ascii=False))
        f.write("\n")
