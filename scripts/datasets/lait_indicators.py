"""indicators: LAIT's whole benchmarking dataset as one long tidy table.

One row per (measure, area, period): the geography columns every Casebook
dataset has, then `period` (LAIT's label), `measure` (LAIT's short code),
`value` and `joint_return`.  The measures themselves are described in the
`measures` dataset (lait_measures.py).
"""

import datetime

from .common import DFE, LEVEL_RANK, SRC, Dataset, fail, years_text
from .geography import JOINT_RETURNS, LAIT_REGION_NAMES, REORGANISATIONS
from .lait import read_bds
from . import lait_joint, lait_periods
from .lait_values import MARKER, ValueCleaner

NATIONAL = 970
REGIONS = range(980, 991)
PUBLICATION = "Local Authority Interactive Tool (LAIT): benchmarking dataset (bds_long)"


class LaitGeography:
    """LAIT's area numbers as Casebook geography, with what existed when."""

    def __init__(self, geo):
        self.geo = geo
        self.names = {}       # LAIT number -> LAIT's name
        self.cache = {}
        self.notes = set()

    def of(self, n, lait_name):
        if self.names.setdefault(n, lait_name) != lait_name:
            fail("LAIT area %d has two names: %r and %r" % (n, self.names[n], lait_name))
        if n in self.cache:
            return self.cache[n]
        if n == NATIONAL:
            if lait_name != "England":
                fail("LAIT area 970 is %r, not England" % lait_name)
            g = self.geo.national()
        elif n in REGIONS:
            g = self.geo.regional(lait_name)
        else:
            g = self.geo.local(n)
            if lait_name != g["la_name"]:
                self.notes.add("%d: LAIT '%s', here '%s'" % (n, lait_name, g["la_name"]))
        self.cache[n] = g
        return g

    def existed(self, n, start, end):
        """Did local authority n exist at any time from start to end?"""
        if n == NATIONAL or n in REGIONS:
            return True
        if n in REORGANISATIONS and start > datetime.date(REORGANISATIONS[n]["last_year"], 3, 31):
            return False
        began = self.geo.successor_start(n)
        return began is None or end >= began


def _sort_key(r):
    la = int(r["la_code"]) if r["la_code"] else (int(r["joint_return"].split(" / ")[0]) if r["joint_return"] else -1)
    return (r["measure"], LEVEL_RANK[r["level"]], r["ons_code"] if r["level"] != "Local authority" else "",
            la, 1 if r["joint_return"] else 0, int(r["year"]))


def build_indicators(geo, index, entries, dictionary_notes):
    """The indicators dataset; `entries` from lait_dictionary.read."""
    lgeo = LaitGeography(geo)
    clean = ValueCleaner()
    not_a_period = 0
    read = []        # (measure, label, year, n, value, start, end)
    values = {m: {} for m in entries}
    for r in read_bds(index):
        m, label, n = r["Short Desc"], r["Years"], r["LA Number"]
        if m not in entries:
            fail("LAIT measure %r is not in the data dictionary" % m)
        if label == lait_periods.NOT_A_PERIOD:
            if r["Values"] != MARKER:
                fail("LAIT %s has a figure for period '0'" % m)
            not_a_period += 1
            continue
        year, start, end, _ = lait_periods.parse(label, entries[m]["Year_Type"], m)
        v = clean(r["Values"])
        lgeo.of(n, r["LA and Regions"])
        if (year, n) in values[m]:
            fail("LAIT %s has two periods ending in %d for area %d (%s)" % (m, year, n, label))
        values[m][(year, n)] = v
        read.append((m, label, year, n, v, start, end))
    missing = [m for m in entries if not values[m]]
    if missing:
        fail("LAIT dictionary measures with no rows: %s" % missing)

    joint = lait_joint.decide(entries, values, {m: e["Topic"] for m, e in entries.items()})
    ds = _dataset(index)
    placeholders = 0
    outside = {}     # LAIT number -> count of figures outside the authority's lifetime
    collapsed = 0
    for m, label, year, n, v, start, end in read:
        pair = next((p for p in JOINT_RETURNS if n in p and (m, p) in joint and year >= joint[(m, p)]), None)
        if pair:
            if n != pair[0]:
                collapsed += 1
                continue
            g = geo.joint(pair)
        else:
            g = dict(lgeo.of(n, lgeo.names[n]), joint_return="")
            if not lgeo.existed(n, start, end):
                if v == MARKER:
                    placeholders += 1
                    continue
                outside[n] = outside.get(n, 0) + 1
        ds.rows.append(dict(g, year=str(year), period=label, measure=m, value=v))
    ds.rows.sort(key=_sort_key)
    _caveats(ds, geo, lgeo, clean, joint, not_a_period, placeholders, outside, collapsed, dictionary_notes)
    ds.dropped += ["%d rows for authorities in periods when they did not exist (all '-')." % placeholders,
                   "%d rows with the period label '0' (CINPermExclusion; all '-')." % not_a_period,
                   "%d second copies of joint returns (folded into the joint rows)." % collapsed]
    ds.joint = joint
    ds.lait_names = sorted(lgeo.notes)
    ds.years_covered = years_text(r["year"] for r in ds.rows)
    ds.dropped_placeholders = placeholders
    return ds


def _dataset(index):
    from .lait_periods import YEAR_CONVENTION
    ds = Dataset("indicators", "LAIT indicators: every measure of the Local Authority Interactive Tool, one row per area and period",
                 DFE + " (compiling figures from the DfE, ONS, OHID, Cafcass, the Youth Justice Board and others)",
                 PUBLICATION, "Local Authority Interactive Tool (LAIT), " + SRC["lait_bds"],
                 "LAIT production data, repository commit %s" % index.origin(SRC["lait_bds"])[1],
                 YEAR_CONVENTION)
    ds.sources = ["lait_bds", "lait_dictionary"]
    ds.add_column("period", "The period exactly as LAIT labels it ('2016', '2016-17 (OT)', '2014-16', '2018 (Rev)', '2025 (prov)'...); see year_convention", "text")
    ds.add_column("measure", "LAIT's short code for the measure (Short Desc; Measure_short in LAIT's dictionary). The `measures` dataset describes each one: name, topic, polarity, units, year type, source", "code")
    ds.add_column("value", "The figure as LAIT publishes it, in the measure's units (measures.units); '-' where LAIT has none (missing, suppressed or not applicable: LAIT does not tell them apart)", "as the measure's units")
    ds.add_column("joint_return", "For a figure published jointly for two authorities (see caveats), their DfE numbers as published ('314 / 318'); empty otherwise", "text")
    return ds


def _caveats(ds, geo, lgeo, clean, joint, not_a_period, placeholders, outside, collapsed, dictionary_notes):
    by_pair = {}
    for (m, pair), first in joint.items():
        by_pair.setdefault(pair, []).append(m)
    pairs = []
    for pair, ms in sorted(by_pair.items()):
        g = geo.joint(pair)
        pairs.append("%s (%s) from %d: %s" % (g["la_name"], g["joint_return"], JOINT_RETURNS[pair]["first_year"], ", ".join(sorted(ms))))
    kingston_2016 = [r for r in ds.rows if r["la_code"] in ("314", "318") and r["year"] == "2016"
                     and r["measure"] == "Work_Force_NoSW"]
    k16 = {r["la_code"]: r["value"] for r in kingston_2016}
    ds.caveats += [
        "Each measure's meaning, units, polarity, year type, owner and source are in the `measures` dataset (join on measure). "
        "LAIT compiles figures from many publishers; a figure is the owner's, as LAIT holds it.",
        "Joint returns: some figures are published for two authorities together. LAIT copies such a figure under both authorities' "
        "codes; here it is ONE row with la_code empty, la_name and ons_code naming both, region and level 'Local authority', and "
        "joint_return giving the pair, so that a sum, mean, rank or quartile over authorities counts it once. "
        "Joint figures: " + "; ".join(pairs) + ". The build found the two copies identical in every such year; %d copies were "
        "folded into the joint rows. Measures and years not listed are each authority's own figure (joint_return empty)." % collapsed,
        "Before the joint period LAIT's 2016 workforce rows give Kingston upon Thames a figure and Richmond upon Thames '-' "
        "(for example Work_Force_NoSW: Kingston %s, Richmond %s); the 2016 census may have taken one return for both under "
        "Kingston's code, but no source here says so, so these rows are kept as LAIT has them." % (k16.get("314", "?"), k16.get("318", "?")),
        "value: LAIT's '-' is kept as the marker (never 0). LAIT stores figures as binary doubles; they are written here as the "
        "shortest decimal within %d units in the last place of the stored double: %d printed with 17 digits "
        "(68.599999999999994 -> 68.6), %d left by arithmetic just off the decimal (13.600000000000001 -> 13.6) and %d in "
        "scientific notation (7.0000000000000007E-2 -> 0.07). Figures LAIT holds unrounded keep their digits "
        "(91.66666666666666); LAIT's own display rounds them to measures.decimals."
        % (4, clean.print_artefacts, clean.arithmetic_artefacts, clean.exponents),
        "Regions: England (LAIT 970), the nine regions and London (980-990); Inner London (987) and Outer London (988) have level "
        "'Sub-regional', so that the nine regional rows add up to England.",
        "Former authorities (Dorset county 835, Poole 836, Bournemouth 837, Cumbria 909, Northamptonshire 928) keep their own "
        "DfE numbers and names ('Dorset (Pre LG)' in LAIT is Dorset 835 here).",
        "%d rows for an authority in a period when it did not exist, all '-', were dropped. LAIT does give %d figures for "
        "authorities in periods when they did not exist (%s): figures recast to the new authorities' boundaries for earlier "
        "years, or carried by the former authorities after they ended; they are kept as LAIT has them."
        % (placeholders, sum(outside.values()),
           ", ".join("%s %d" % (geo.authorities[n]["la_name"] + " (%d)" % n, c) for n, c in sorted(outside.items()))),
        "%d rows of the measure CINPermExclusion with the period label '0' (no period; every value '-') were dropped." % not_a_period,
        "Rates: LAIT recomputes some rates with revised population estimates, so a rate may differ slightly from the same "
        "year's rate in the DfE release; counts agree (see PROVENANCE.md, LAIT against the official releases).",
    ]
    if dictionary_notes:
        ds.caveats.append("LAIT's dictionary lists %d measures under two topics; measures.other_topic names the second." % len(dictionary_notes))
    ds.transformations += [
        "Geography from the DfE numbers (LAIT 'LA Number'): names, current ONS codes and regions as in `authorities`.",
        "year derived from LAIT's period label and the measure's year type (year_convention); the label is kept in period.",
        "Values cleaned of binary float artefacts as described in the caveats; '-' kept.",
        "Joint returns folded into one row each (caveats).",
    ]
    if lgeo.notes:
        ds.notes.append("LAIT spells some authorities differently (number: LAIT name, name used here): " + "; ".join(sorted(lgeo.notes)) + ".")
