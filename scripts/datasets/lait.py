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
    """Every row of bds_long_0.parquet as a dict with the file's column names.
    Read once per build (several datasets take from it)."""
    cached = getattr(index, "_lait_bds", None)
    if cached is not None:
        return cached
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
    index._lait_bds = rows
    return rows


def ees_shaped(geo, index, items, years):
    """LAIT rows for `items` ({LAIT short code: output column}) in `years`
    (LAIT labels such as "2025"), shaped like EES rows so that the series
    assembly can merge them: one row per area and year.  LAIT numbers 970 =
    England and 980-990 = regions (names mapped to the EES spelling); local
    authority rows carry no ONS code in LAIT, so the current one is attached
    from the authorities table.  Values are as published, binary float
    artefacts cleaned (returned count of cleaned values)."""
    from .common import clean_float_artefact
    from .geography import LAIT_REGION_NAMES
    out = {}
    artefacts = 0
    for r in read_bds(index):
        item = r["Short Desc"]
        if item not in items or r["Years"] not in years:
            continue
        n = r["LA Number"]
        k = (r["Years"], n)
        if k not in out:
            base = {"time_period": r["Years"], "time_identifier": "Reporting year", "country_code": "E92000001",
                    "country_name": "England", "region_code": "", "region_name": "", "old_la_code": "",
                    "new_la_code": "", "la_name": ""}
            if n == 970:
                base["geographic_level"] = "National"
            elif 980 <= n <= 990:
                name = LAIT_REGION_NAMES.get(r["LA and Regions"], r["LA and Regions"])
                base.update(geographic_level="Regional", region_name=name, region_code=geo.region_codes[name])
            else:
                g = geo.local(n)
                base.update(geographic_level="Local authority", old_la_code=str(n),
                            new_la_code=g["ons_code"], la_name=g["la_name"], region_name=g["region"])
            out[k] = base
        col = items[item]
        if col in out[k]:
            fail("two LAIT values for %s %s" % (k, item))
        v, changed = clean_float_artefact(r["Values"])
        artefacts += changed
        out[k][col] = v
    return list(out.values()), artefacts
