"""Generic assembly of an EES time series from one or more releases.

A dataset is described as a list of *parts*: (source file, release label,
which years to take, {output column: source column}).  Parts are merged on
(geography, year).  The release used for every (column, year) is recorded so
the metadata can say exactly which years of which column come from where.
"""

from .common import (PLACEHOLDER_VALUES, fail, read_csv, geo_sort_key, years_text)


class Part:
    def __init__(self, src, release, years, cols, data=None):
        self.data = data          # pre-shaped EES-like rows (else read src)
        self.src = src            # key in SRC
        self.release = release    # human label, e.g. "2024 release"
        self.years = years        # predicate on int year
        self.cols = cols          # {out_col: src_col}


def _geo_key(g):
    return (g["level"], g["ons_code"] if g["level"] != "Local authority" else "", g["la_code"])


def assemble(ds, geo, index, parts, kind="reporting", fill_missing="x"):
    """Merge parts into ds.rows.  Returns a dict with bookkeeping:
    coverage[(col)] -> {release: [years]}, filled[(col)] -> [years] where a
    cell had no source and was set to `fill_missing`, dropped placeholder
    count, and all-marker LA rows."""
    measure_cols = [c for c in ds.columns if c not in ("la_code", "la_name", "ons_code", "region", "level", "year")]
    rows = {}
    coverage = {}
    keys_by_part_year = {}
    for p in parts:
        path = index.path(p.src)
        data = p.data if p.data is not None else read_csv(path)
        if not data:
            fail("%s is empty" % path)
        for out, src in p.cols.items():
            if out not in measure_cols:
                fail("%s: unknown output column %s" % (ds.name, out))
            if src not in data[0]:
                fail("%s: column %s not in %s" % (ds.name, src, path))
        for r in data:
            y = int(r["time_period"])
            if not p.years(y):
                continue
            g = geo.ees_geo(r)
            k = (_geo_key(g), y)
            keys_by_part_year.setdefault((id(p), y), set()).add(k)
            row = rows.setdefault(k, dict(g, year=str(y)))
            for out, src in p.cols.items():
                v = r[src]
                if out in row and row[out] != v:
                    fail("%s: two values for %s %s %s" % (ds.name, out, k, (row[out], v)))
                row[out] = v
                coverage.setdefault(out, {}).setdefault(p.release, set()).add(y)
    # Every part covering a year must describe the same set of areas.
    years = sorted({y for (_, y) in keys_by_part_year})
    for y in years:
        sets = [s for (pid, yy), s in keys_by_part_year.items() if yy == y]
        for s in sets[1:]:
            if s != sets[0]:
                fail("%s: sources disagree on the areas present in %d: %s"
                     % (ds.name, y, sorted(s ^ sets[0])[:5]))
    filled = {}
    dropped = []
    out_rows = []
    for k, row in rows.items():
        for c in measure_cols:
            if c not in row:
                row[c] = fill_missing
                filled.setdefault(c, set()).add(int(row["year"]))
        if row["level"] == "Local authority":
            la = int(row["la_code"])
            if not geo.existed(la, kind, row["year"]):
                vals = [row[c] for c in measure_cols if c not in _filled_cols(filled, row)]
                if all(v in PLACEHOLDER_VALUES for v in vals):
                    dropped.append((la, int(row["year"])))
                    continue
                fail("%s: real values for LA %s in %s when it did not exist" % (ds.name, la, row["year"]))
        out_rows.append(row)
    out_rows.sort(key=geo_sort_key)
    ds.rows = out_rows
    all_marker = []
    for row in out_rows:
        if row["level"] != "Local authority":
            continue
        vals = [row[c] for c in measure_cols if c not in _filled_cols(filled, row)]
        if vals and not any(any(ch.isdigit() for ch in v) for v in vals):
            all_marker.append((row["la_name"], int(row["la_code"]), int(row["year"])))
    return {"coverage": coverage, "filled": filled, "dropped": dropped, "all_marker": all_marker}


def _filled_cols(filled, row):
    y = int(row["year"])
    return {c for c, ys in filled.items() if y in ys}


def coverage_caveat(info, release_order):
    """Text saying which years of which columns come from which release."""
    groups = {}
    for col, by_rel in info["coverage"].items():
        sig = tuple((rel, years_text(by_rel[rel])) for rel in release_order if rel in by_rel)
        groups.setdefault(sig, []).append(col)
    parts = []
    for sig, cols in sorted(groups.items(), key=lambda kv: kv[0]):
        parts.append("%s: %s" % (", ".join(sorted(cols)), "; ".join("%s from the %s" % (yrs, rel) for rel, yrs in sig)))
    return "Release used for each column: " + " | ".join(parts) + "."


def filled_caveat(info, why):
    if not info["filled"]:
        return None
    groups = {}
    for col, ys in info["filled"].items():
        groups.setdefault(years_text(ys), []).append(col)
    return "; ".join("%s: %s" % (yrs, ", ".join(sorted(cols))) for yrs, cols in sorted(groups.items())) + \
        " are written as 'x' (not available): " + why


def release_differences(geo, index, key_a, key_b, colmap, years):
    """Compare two releases cell by cell on overlapping years.
    colmap: {col_in_a: col_in_b}.  Returns list of readable strings."""
    def load(key):
        out = {}
        for r in read_csv(index.path(key)):
            y = int(r["time_period"])
            if y not in years:
                continue
            g = geo.ees_geo(r)
            out[(_geo_key(g), y)] = (g, r)
        return out
    a, b = load(key_a), load(key_b)
    diffs = []
    for k in sorted(set(a) & set(b), key=lambda k: (k[1], k[0])):
        g, ra = a[k]
        _, rb = b[k]
        for ca, cb in colmap.items():
            if ra[ca] != rb[cb]:
                diffs.append("%s %d %s: %s -> %s" % (g["la_name"], k[1], ca, ra[ca], rb[cb]))
    if set(a) != set(b):
        diffs.append("areas differ: %s" % sorted(set(a) ^ set(b))[:5])
    return diffs
