"""Local authority and region reference: the single place that decides
names, current ONS codes, regions and which authorities existed when.

Every other dataset takes la_name / ons_code / region from here, keyed on the
DfE LA number, so the same authority is spelled and coded identically
everywhere.
"""

import datetime

from .common import read_csv, fail, NINE_REGIONS, ENGLAND
from .xlsx import read_sheet

# EES files scanned for authority names/codes, with the date each
# time_period refers to.  Reporting years end on 31 March; workforce
# figures are 30 September snapshots; population estimates are mid-year.
EES_FILES = [
    ("cin24_b1", "reporting"), ("cin24_c1", "reporting"), ("cin24_c2", "reporting"),
    ("cin24_c4", "reporting"), ("cin24_d1", "reporting"),
    ("cin25_b1", "reporting"), ("cin25_c1", "reporting"), ("cin25_c4", "reporting"),
    ("cin25_d3", "reporting"), ("cin25_d5", "reporting"),
    ("cla25", "reporting"), ("cla23", "reporting"),
    ("csww", "workforce"), ("population", "midyear"),
]


def period_end(kind, year):
    year = int(year)
    if kind == "reporting":
        return datetime.date(year, 3, 31)
    if kind == "workforce":
        return datetime.date(year, 9, 30)
    if kind == "midyear":
        return datetime.date(year, 6, 30)
    fail("unknown period kind %s" % kind)


def period_start(kind, year):
    """First day covered by a period (snapshots cover a single day)."""
    if kind == "reporting":
        return datetime.date(int(year) - 1, 4, 1)
    return period_end(kind, year)


# Local government reorganisations affecting DfE LA numbers (documented in
# data-sources/PROVENANCE.md, "LA reorganisations").  `last_year` is the
# last reporting year (to 31 March) in which the authority existed; it was
# abolished on 1 April of that year and its successors began that day.
# These facts are verified against the data in Geography.verify_reorganisations.
REORGANISATIONS = {
    835: {"successors": (838, 839), "last_year": 2019,
          "note": "Dorset County Council; Christchurch (a Dorset district) joined BCP"},
    836: {"successors": (839,), "last_year": 2019, "note": "Poole"},
    837: {"successors": (839,), "last_year": 2019, "note": "Bournemouth"},
    928: {"successors": (940, 941), "last_year": 2021, "note": "Northamptonshire"},
    909: {"successors": (942, 943), "last_year": 2023, "note": "Cumbria"},
}

# ONS code prefix -> authority type (ONS GSS entity codes: E06 unitary
# authority, E08 metropolitan district, E09 London borough, E10 county).
TYPE_BY_PREFIX = {"E06": "Unitary authority", "E08": "Metropolitan district",
                  "E09": "London borough", "E10": "County"}
LAIT_TYPE = {"UA": "Unitary authority", "MD": "Metropolitan district",
             "OLB": "London borough", "ILB": "London borough", "SC": "County"}
LOOKUP_TYPE = {"Unitary Authority": "Unitary authority",
               "Metropolitan District": "Metropolitan district",
               "London Borough": "London borough", "County": "County"}

# LAIT spells some regions differently from EES.
LAIT_REGION_NAMES = {"Yorkshire and the Humber": "Yorkshire and The Humber",
                     "London (Inner)": "Inner London",
                     "London (Outer)": "Outer London"}

LONDON_HALVES = ("Inner London", "Outer London")

# The level of the two halves of London. EES files publish them as
# "Regional" rows beside London itself; kept at that level, a sum or a
# `by region` over regional rows would count London twice, so they get a
# level of their own.
SUB_REGIONAL = "Sub-regional"

# Joint returns: authorities that the DfE publishes as one reporting unit
# (the workforce census), keyed by the member codes as published
# ("314 / 318").  Casebook keeps such a unit as ONE row: la_code empty (no
# single authority's code), la_name and ons_code as the DfE writes them, and
# the published code in `joint_return`.  `first_year` is the first 30
# September snapshot with a joint return.
JOINT_RETURNS = {
    (314, 318): {"first_year": 2017},   # Kingston upon Thames / Richmond upon Thames
    (940, 941): {"first_year": 2021},   # North / West Northamptonshire
}


class Geography:
    def __init__(self, index):
        self.index = index
        self.notes = []          # cross-check findings for PROVENANCE.md
        self.region_codes = {}   # EES region name -> E12/E13 code
        # la_code -> {date: set(ons codes)}, names, regions
        codes = {}
        names = {}
        regions = {}
        self.first_period = {}   # la_code -> {source key: first year}
        self.last_period = {}
        for key, kind in EES_FILES:
            for r in read_csv(index.path(key)):
                lvl = r["geographic_level"]
                if lvl == "Regional":
                    prev = self.region_codes.setdefault(r["region_name"], r["region_code"])
                    if prev != r["region_code"]:
                        fail("region %s has two codes" % r["region_name"])
                if lvl != "Local authority":
                    continue
                raw = r["old_la_code"]
                if "/" in raw:      # joint workforce returns, handled in workforce
                    continue
                la = int(raw)
                d = period_end(kind, r["time_period"])
                codes.setdefault(la, {}).setdefault(d, set()).add(r["new_la_code"])
                names.setdefault(la, set()).add(r["la_name"])
                regions.setdefault(la, set()).add(r["region_name"])
        for name in NINE_REGIONS + list(LONDON_HALVES):
            if name not in self.region_codes:
                fail("region %s not found in EES regional rows" % name)
        self.all_ons = {}        # any ONS code ever used -> la_code
        self.authorities = {}
        for la in sorted(codes):
            latest = max(codes[la])
            current = codes[la][latest]
            if len(current) != 1:
                fail("LA %s has several ONS codes at %s: %s" % (la, latest, current))
            for d, cs in codes[la].items():
                for c in cs:
                    if self.all_ons.setdefault(c, la) != la:
                        fail("ONS code %s used for two LAs" % c)
            if len(names[la]) != 1:
                fail("LA %s has several names: %s" % (la, names[la]))
            if len(regions[la]) != 1:
                fail("LA %s has several regions: %s" % (la, regions[la]))
            ees_region = regions[la].pop()
            ons = current.pop()
            old = sorted({c for cs in codes[la].values() for c in cs if c != ons})
            self.authorities[la] = {
                "la_code": la,
                "la_name": names[la].pop(),
                "ons_code": ons,
                "region": "London" if ees_region in LONDON_HALVES else ees_region,
                "inner_outer": ees_region if ees_region in LONDON_HALVES else "",
                "type": TYPE_BY_PREFIX[ons[:3]],
                "former_ons_codes": old,
            }
            if ees_region not in NINE_REGIONS + list(LONDON_HALVES):
                fail("LA %s has unexpected region %s" % (la, ees_region))
        self._current_set()
        self.verify_reorganisations()

    # ------------------------------------------------------------------
    def _current_set(self):
        """Current authorities = the 153 in the DfE May 2025 statistical
        neighbour model; must equal the LAs with 2025 CIN data and the
        non-reorganised codes we found in the EES files."""
        sn = read_csv(self.index.path("sn2025"))
        current = {int(r["old_la_code"]) for r in sn}
        if len(current) != 153:
            fail("expected 153 LAs in the 2025 SN model, found %d" % len(current))
        cin25 = {int(r["old_la_code"]) for r in read_csv(self.index.path("cin25_b1"))
                 if r["geographic_level"] == "Local authority" and r["time_period"] == "2025"}
        if cin25 != current:
            fail("2025 CIN LAs differ from SN model LAs: %s" % (cin25 ^ current))
        former = set(self.authorities) - current
        if former != set(REORGANISATIONS):
            fail("former LAs %s differ from the reorganisation table" % sorted(former))
        self.current = current
        for la, a in self.authorities.items():
            if la in current:
                a.update(status="current", replaced_by="", ended="")
            else:
                reorg = REORGANISATIONS[la]
                succ = [self.authorities[s] for s in reorg["successors"]]
                a.update(status="former",
                         replaced_by="; ".join("%s (%d)" % (s["la_name"], s["la_code"]) for s in succ),
                         ended=str(reorg["last_year"]))

    def verify_reorganisations(self):
        """Check the reorganisation years against the 2024 CIN release: the
        former LA's last year and its successors' first year must meet."""
        seen = {}
        for r in read_csv(self.index.path("cin24_b1")):
            if r["geographic_level"] == "Local authority":
                seen.setdefault(int(r["old_la_code"]), set()).add(int(r["time_period"]))
        for la, reorg in REORGANISATIONS.items():
            if max(seen[la]) != reorg["last_year"]:
                fail("LA %s last CIN year %s != %s" % (la, max(seen[la]), reorg["last_year"]))
            for s in reorg["successors"]:
                if min(seen[s]) != reorg["last_year"] + 1:
                    fail("successor %s first CIN year %s" % (s, min(seen[s])))

    # ------------------------------------------------------------------
    def successor_start(self, la):
        for old, reorg in REORGANISATIONS.items():
            if la in reorg["successors"]:
                return datetime.date(reorg["last_year"], 4, 1)
        return None

    def predecessors(self, la):
        """The former authorities whose area `la` took over (empty for most)."""
        return sorted(old for old, reorg in REORGANISATIONS.items() if la in reorg["successors"])

    def existed(self, la, kind, year):
        """Did authority `la` exist at any time in the period?"""
        start, end = period_start(kind, year), period_end(kind, year)
        if la in REORGANISATIONS:
            if start > datetime.date(REORGANISATIONS[la]["last_year"], 3, 31):
                return False
        s = self.successor_start(la)
        if s is not None and end < s:
            return False
        return True

    # ------------------------------------------------------------------
    def national(self):
        return dict(ENGLAND)

    def regional(self, ees_region_name):
        name = LAIT_REGION_NAMES.get(ees_region_name, ees_region_name)
        if name not in self.region_codes:
            fail("unknown region %r" % ees_region_name)
        return {"la_code": "", "la_name": name, "ons_code": self.region_codes[name],
                "region": "London" if name in LONDON_HALVES else name,
                "level": SUB_REGIONAL if name in LONDON_HALVES else "Regional"}

    def joint(self, codes):
        """The geography of a joint reporting unit (see JOINT_RETURNS): one
        row for the pair, named and coded as the DfE publishes it."""
        codes = tuple(sorted(int(c) for c in codes))
        if codes not in JOINT_RETURNS:
            fail("no joint return is known for %s" % (codes,))
        members = [self.authorities[c] for c in codes]
        regions = {m["region"] for m in members}
        if len(regions) != 1:
            fail("joint return %s spans regions %s" % (codes, regions))
        return {"la_code": "", "la_name": " / ".join(m["la_name"] for m in members),
                "ons_code": " / ".join(m["ons_code"] for m in members),
                "region": regions.pop(), "level": "Local authority",
                "joint_return": " / ".join(str(c) for c in codes)}

    def local(self, la):
        la = int(la)
        if la not in self.authorities:
            fail("unknown LA %s" % la)
        a = self.authorities[la]
        return {"la_code": str(la), "la_name": a["la_name"], "ons_code": a["ons_code"],
                "region": a["region"], "level": "Local authority"}

    def ees_geo(self, r):
        """Geography columns for an EES row (any of the three levels)."""
        lvl = r["geographic_level"]
        if lvl == "National":
            if r["country_code"] != "E92000001":
                fail("national row not England")
            return self.national()
        if lvl == "Regional":
            g = self.regional(r["region_name"])
            if g["ons_code"] != r["region_code"]:
                fail("region code mismatch for %s" % r["region_name"])
            return g
        if lvl == "Local authority":
            g = self.local(r["old_la_code"])
            a = self.authorities[int(r["old_la_code"])]
            if r["new_la_code"] != a["ons_code"] and r["new_la_code"] not in a["former_ons_codes"]:
                fail("unexpected ONS code %s for LA %s" % (r["new_la_code"], r["old_la_code"]))
            return g
        fail("unknown geographic_level %r" % lvl)

    def la_by_ons(self, ons):
        if ons not in self.all_ons:
            fail("ONS code %s not known from the EES files" % ons)
        return self.all_ons[ons]

    # ------------------------------------------------------------------
    def cross_check_reference(self):
        """Compare with LAIT's la_code_list.xlsx and the D2I provider lookup.
        Differences are reported (PROVENANCE.md), not silently merged."""
        lait = read_sheet(self.index.path("lait_codes"))
        header = lait[0]
        lait_rows = [dict(zip(header, r)) for r in lait[1:] if r and r[0]]
        seen = set()
        for r in lait_rows:
            n = int(r["LA Number"])
            if n >= 970:
                continue
            seen.add(n)
            if n not in self.authorities:
                fail("LAIT LA %s not in EES files" % n)
            a = self.authorities[n]
            lait_region = r["Region"]
            if lait_region in LONDON_HALVES:
                if a["inner_outer"] != lait_region:
                    self.notes.append("LAIT la_code_list puts %s (%d) in %s; the EES files say %s."
                                      % (a["la_name"], n, lait_region, a["inner_outer"]))
            elif lait_region != a["region"]:
                self.notes.append("LAIT la_code_list region for %s (%d) is %s; EES says %s."
                                  % (a["la_name"], n, lait_region, a["region"]))
            t = LAIT_TYPE.get(r["Type"])
            if t != a["type"]:
                self.notes.append("LAIT la_code_list type for %s (%d) is %s (%s); its current ONS code %s makes it a %s."
                                  % (a["la_name"], n, r["Type"], t, a["ons_code"], a["type"].lower()))
            if r["LA Name"] != a["la_name"]:
                self.notes.append("LAIT la_code_list spells %d as '%s'; the EES files (used here) say '%s'."
                                  % (n, r["LA Name"], a["la_name"]))
        missing = set(self.authorities) - seen
        if missing:
            fail("LAs missing from LAIT code list: %s" % sorted(missing))

        lookup = read_csv(self.index.path("lookup"))
        self.urn = {}
        for r in lookup:
            n = int(r["la_code"])
            if n not in self.authorities:
                fail("lookup LA %s unknown" % n)
            a = self.authorities[n]
            self.urn[n] = r["urn"]
            if r["la_code_new"] and r["la_code_new"] != a["ons_code"]:
                self.notes.append("Provider_data_lookup gives %s (%d) ONS code %s; the current code (latest DfE file) is %s."
                                  % (a["la_name"], n, r["la_code_new"], a["ons_code"]))
            t = LOOKUP_TYPE.get(r["ons_la_type"], "")
            if t and t != a["type"]:
                self.notes.append("Provider_data_lookup type for %s (%d) is '%s'; its current ONS code %s makes it a %s."
                                  % (a["la_name"], n, r["ons_la_type"], a["ons_code"], a["type"].lower()))
            if r["rgn22cd"] and r["rgn22cd"] != self.region_codes[a["region"]]:
                self.notes.append("Provider_data_lookup gives %s (%d) region code %s; EES says %s (%s)."
                                  % (a["la_name"], n, r["rgn22cd"], a["region"], self.region_codes[a["region"]]))
        for n in sorted(set(self.authorities) - set(self.urn)):
            self.notes.append("No Ofsted URN for %s (%d): it is not in Provider_data_lookup.csv."
                              % (self.authorities[n]["la_name"], n))
