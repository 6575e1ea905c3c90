"""Reading LAIT's whole benchmarking dataset (dfe-lait/bds_long_0.parquet).

The parquet file is the one source that needs a library outside Python's
standard library: pyarrow, a build-time dependency only (`make datasets`
installs it where missing).  Casebook itself never reads parquet: the build
writes what it takes from LAIT as CSV.

Rows come back as dicts of strings, exactly as stored, except `LA Number`
(a double in the file), which is returned as an int.
"""

from .common import fail, SRC

try:
    import pyarrow.parquet as _pq
except ImportError:  # pragma: no cover - reported when the build needs it
    _pq = None


def read_bds(index):
    """Every row of bds_long_0.parquet as a dict with the file's column names."""
    if _pq is None:
        fail("reading %s needs pyarrow (a build-time dependency): pip install pyarrow" % SRC["lait_bds"])
    table = _pq.read_table(index.path("lait_bds"))
    names = table.column_names
    expected = ["Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number", "Region"]
    if names != expected:
        fail("unexpected LAIT columns %s" % names)
    rows = table.to_pylist()
    for r in rows:
        n = r["LA Number"]
        if n is None or n != int(n):
            fail("LAIT row with LA Number %r" % n)
        r["LA Number"] = int(n)
    return rows
