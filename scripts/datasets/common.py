"""Shared plumbing for the Casebook dataset build.

Everything here is deliberately boring: read the published files exactly as
they are, keep every value as the text that was published, and write tidy
CSV + JSON.  No value is ever converted to a float and back, so nothing can
gain or lose digits on the way through.
"""

import csv
import datetime
import json
import os
import re

# --------------------------------------------------------------------------
# Source files (paths relative to the sources directory)
# --------------------------------------------------------------------------

OE = "dfe-csc-outcomes-enablers"
ERN = "d2i-ern-cin-2024"
LAIT = "dfe-lait"
SCRAPE = "d2i-ofsted-ilacs-scrape"

SRC = {
    # Characteristics of children in need: 2024 (has rates)
    "cin24_b1": ERN + "/b1_children_in_need_2013_to_2024.csv",
    "cin24_c1": ERN + "/c1_children_in_need_referrals_and_rereferrals_2013_to_2024.csv",
    "cin24_c2": ERN + "/c2_children_in_need_assessments_duration_2014_to_2024.csv",
    "cin24_c4": ERN + "/c4_children_in_need_section_47s_and_icpcs_2013_to_2024.csv",
    "cin24_d1": ERN + "/d1_child_protection_plans_2013_to_2024.csv",
    "cin24_headline": ERN + "/headline_figures_2013_to_2024.csv",
    "cin24_b3": ERN + "/b3_cin_primary_need_2013_to_2024.csv",
    "cin24_c5": ERN + "/c5_children_in_need_referrals_by_source_2014_to_2024.csv",
    "cin24_d4": ERN + "/d4_cpps_at31march_by_category_of_abuse_2013_to_2024.csv",
    # Characteristics of children in need: 2025 (counts only)
    "cin25_b1": OE + "/b1_children_in_need_2013_to_2025.csv",
    "cin25_c1": OE + "/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "cin25_c4": OE + "/c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
    "cin25_d3": OE + "/d3_cpps_subsequent_plan_2013_to_2025.csv",
    "cin25_d5": OE + "/d5_cpps_at31march_by_duration_2013_to_2025.csv",
    # Children looked after
    "cla25": OE + "/cla_number_and_rate_per_10k_children.csv",
    "cla23": OE + "/cla_2023_release/cla_number_and_rate_per_10k_children.csv",
    "cla_swcount": OE + "/la_cla_swcount.csv",
    "lait_csc": LAIT + "/extracted/bds_long_0__childrens_social_care_subset.csv",
    "lait_bds": LAIT + "/bds_long_0.parquet",
    # Workforce
    "csww": OE + "/csww_indicators_2017_to_2025.csv",
    # Population
    "population": OE + "/ons_mid-year_population_estimates_2012_to_2024.csv",
    # Reference
    "sn2025": OE + "/sn_model_2025_wide.csv",
    "sn2021": OE + "/New_Statistical_Neighbour_Groupings_April_2021.csv",
    "sn2025_xlsx": LAIT + "/sn_may_2025.xlsx",
    "lait_codes": LAIT + "/la_code_list.xlsx",
    "lait_dictionary": LAIT + "/lait_data_dictionary.csv",
    "lookup": SCRAPE + "/Provider_data_lookup.csv",
    # Ofsted
    "ilacs_history": OE + "/extracted/LA_Inspection_Outcomes_as_at_31_March_2025__ILACS_inspection_history.csv",
    "ilacs_latest": OE + "/extracted/LA_Inspection_Outcomes_as_at_31_March_2025__Inspections_as_at_31_March.csv",
    "ilacs_in_year": OE + "/extracted/LA_Inspection_Outcomes_as_at_31_March_2025__In-year_inspections.csv",
    "ofsted23_t10": OE + "/extracted/Childrens_social_care_in_England_2023_underlying_data__LA_inspections_2009-2023_table10_current_LAs.csv",
    "ofsted23_t11": OE + "/extracted/Childrens_social_care_in_England_2023_underlying_data__LA_inspections_2009-2023_table11_pre_restructure_LAs.csv",
    "scrape": SCRAPE + "/ofsted_csc_ilacs_overview.xlsx",
}

OGL = "Open Government Licence v3.0"
DFE = "Department for Education"
EES = "explore-education-statistics.service.gov.uk"

# Cell values that mark a placeholder row (an authority in a year when it
# did not exist): only "not available / not applicable / missing".
PLACEHOLDER_VALUES = {"x", "z", "-", ""}

NINE_REGIONS = [
    "North East", "North West", "Yorkshire and The Humber", "East Midlands",
    "West Midlands", "East of England", "London", "South East", "South West",
]
LEVELS = ("National", "Regional", "Sub-regional", "Local authority")

ENGLAND = {"la_code": "", "la_name": "England", "ons_code": "E92000001",
           "region": "", "level": "National"}

YEAR_CONVENTION_REPORTING = (
    "year = calendar year in which the reporting year ends "
    "(2016 = 1 April 2015 to 31 March 2016)")
YEAR_CONVENTION_WORKFORCE = (
    "year = the 30 September snapshot date's calendar year "
    "(2016 = position at 30 September 2016; flows such as starters and "
    "leavers cover the 12 months to that date)")
YEAR_CONVENTION_MIDYEAR = (
    "year = the mid-year (30 June) of the ONS estimate; DfE rates for "
    "reporting year Y use the mid-(Y-1) estimate")


class BuildError(Exception):
    """Raised whenever a source does not look the way the build expects."""


def fail(msg):
    raise BuildError(msg)


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------

def read_csv(path):
    """Read a CSV as a list of dicts, stripping a UTF-8 BOM if present.

    csv handles CRLF and quoted commas; values stay strings."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def read_csv_rows(path):
    """Read a CSV as lists (for files with duplicate header names)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def parse_dmy(text, two_digit_ok=False):
    """dd/mm/yyyy (or dd/mm/yy when two_digit_ok) -> ISO date string.

    Two-digit years are read as 20yy: the only such file is the 2022-2026
    scrape.  Anything else fails loudly rather than guessing."""
    text = text.strip()
    if not text:
        return ""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})", text)
    if not m:
        fail("unrecognised date %r" % text)
    d, mth, y = int(m.group(1)), int(m.group(2)), m.group(3)
    if len(y) == 2:
        if not two_digit_ok:
            fail("two-digit year in %r where four digits were expected" % text)
        y = 2000 + int(y)
    else:
        y = int(y)
    return datetime.date(y, mth, d).isoformat()


FLOAT_ARTEFACT = re.compile(r"^-?\d+\.\d{5,}$")


def clean_float_artefact(value):
    """Return (value, changed).  Binary-float artefacts such as
    68.599999999999994 (a double printed with 17 significant digits) are
    replaced by the shortest decimal that reads back as the same double
    (Python's repr), e.g. 68.6.  Published DfE values never carry more than
    2 decimals, so this restores the published figure; anything that would
    still need more than 4 decimals fails loudly."""
    if not FLOAT_ARTEFACT.match(value):
        return value, False
    short = repr(float(value))
    if short.endswith(".0"):
        short = short[:-2]
    if "e" in short or ("." in short and len(short.split(".")[1]) > 4):
        fail("cannot clean float artefact %r" % value)
    return short, True


# --------------------------------------------------------------------------
# Provenance of source files (commits parsed from the shared PROVENANCE.md)
# --------------------------------------------------------------------------

class SourceIndex:
    """Resolves a source path to its upstream repository and commit.

    The commits are parsed from data-sources/PROVENANCE.md rather than typed
    into this script, so the provenance we ship always matches the files."""

    def __init__(self, sources_dir):
        self.dir = sources_dir
        path = os.path.join(sources_dir, "PROVENANCE.md")
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        self.sections = {}
        current = None
        for line in self.text.splitlines():
            m = re.match(r"^## (\S+)/\s*$", line)
            if m:
                current = m.group(1)
                self.sections[current] = []
                continue
            if line.startswith("## "):
                current = None
            if current:
                self.sections[current].append(line)

    def path(self, key):
        p = os.path.join(self.dir, SRC[key])
        if not os.path.exists(p):
            fail("source file missing: %s" % p)
        return p

    def origin(self, relpath):
        """Return (repository, commit) for a file under the sources dir."""
        folder, _, inner = relpath.partition("/")
        lines = self.sections.get(folder)
        if lines is None:
            fail("no PROVENANCE section for %s" % folder)
        repo = None
        for line in lines:
            m = re.search(r"Repository `([^`]+)`", line)
            if m:
                repo = m.group(1)
                break
        if inner.startswith("extracted/"):
            base = inner[len("extracted/"):].split("__")[0]
            candidates = [base + ".ods", base + ".parquet"]
        else:
            candidates = [inner]
        for cand in candidates:
            for line in lines:
                if line.startswith("| `%s`" % cand):
                    m = re.search(r"\b([0-9a-f]{40})\b", line)
                    if m:
                        return repo, m.group(1)
        # folder-wide commit (d2i-ern-cin-2024)
        for line in lines:
            m = re.search(r"commit `([0-9a-f]{40})`", line)
            if m and line.startswith("**Source.**"):
                return repo, m.group(1)
        fail("no commit found in PROVENANCE.md for %s" % relpath)


# --------------------------------------------------------------------------
# LAIT polarity
# --------------------------------------------------------------------------

POLARITY_WORDS = {"Low": "low is good", "High": "high is good",
                  "-": "neutral", "NA": "neutral", "": "neutral"}


class Polarity:
    """Polarity from the LAIT data dictionary (column Polarity), looked up by
    the LAIT short name (`Measure_short`).  Columns with no LAIT measure are
    `neutral`: we never infer a direction ourselves."""

    def __init__(self, path):
        self.by_short = {}
        self.measure = {}
        for r in read_csv(path):
            short = r["Measure_short"]
            pol = r["Polarity"]
            if pol not in POLARITY_WORDS:
                fail("unknown LAIT polarity %r for %s" % (pol, short))
            if short in self.by_short and self.by_short[short] != pol:
                fail("LAIT measure %s has conflicting polarity" % short)
            self.by_short[short] = pol
            self.measure[short] = r["Measure"].strip()
        self.used = {}

    def __call__(self, lait_short):
        if lait_short is None:
            return "neutral"
        if lait_short not in self.by_short:
            fail("LAIT measure %r not in the data dictionary" % lait_short)
        self.used[lait_short] = (self.measure[lait_short], self.by_short[lait_short])
        return POLARITY_WORDS[self.by_short[lait_short]]


# --------------------------------------------------------------------------
# Dataset container and writers
# --------------------------------------------------------------------------

COMMON_COLUMNS = {
    "la_code": ("DfE three-digit local authority number (Reading = 870); empty on national and regional rows. The join key across datasets.", "code"),
    "la_name": ("Local authority name in DfE spelling; 'England' on the national row; the region's name on regional rows", "text"),
    "ons_code": ("ONS 9-character code: the authority's current code in every row (E92000001 England, E12 regions, E13 Inner/Outer London)", "code"),
    "region": ("English region (one of the nine; London boroughs are 'London'); empty on the national row", "text"),
    "level": ("Geographic level: National, Regional (the nine regions), Sub-regional (Inner and Outer London, parts of London) or Local authority (one authority, or a joint return of two)", "text"),
    "year": (None, "year"),
}


class Dataset:
    """One output dataset: rows plus everything needed for its metadata and
    its PROVENANCE.md section."""

    def __init__(self, name, title, publisher, publication, source, release,
                 year_convention, licence=OGL, has_year=True, common=True):
        self.name = name
        self.title = title
        self.publisher = publisher
        self.publication = publication
        self.source = source
        self.release = release
        self.licence = licence
        self.year_convention = year_convention
        self.caveats = []
        self.columns = []          # list of names, in output order
        self.column_meta = {}      # name -> dict(description, unit, polarity)
        self.rows = []
        self.sources = []          # source keys used
        self.transformations = []
        self.dropped = []
        self.gaps = []
        self.notes = []
        self.lait_for = {}
        if common:
            for c in ("la_code", "la_name", "ons_code", "region", "level") + (("year",) if has_year else ()):
                desc, unit = COMMON_COLUMNS[c]
                if c == "year":
                    desc = year_convention
                self.add_column(c, desc, unit, "neutral")

    def add_column(self, name, description, unit, polarity="neutral", lait=None):
        """lait: the LAIT Measure_short the polarity was taken from (or None)."""
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            fail("column name %r is not lower_snake_case" % name)
        if name in self.column_meta:
            fail("duplicate column %s in %s" % (name, self.name))
        self.columns.append(name)
        if lait:
            self.lait_for[name] = lait
        self.column_meta[name] = {"description": description, "unit": unit,
                                  "polarity": polarity}

    def metadata(self):
        return {
            "name": self.name,
            "title": self.title,
            "publisher": self.publisher,
            "publication": self.publication,
            "source": self.source,
            "release": self.release,
            "licence": self.licence,
            "year_convention": self.year_convention,
            "rows": len(self.rows),
            "caveats": self.caveats,
            "columns": {c: self.column_meta[c] for c in self.columns},
        }


def cell(v):
    if v is None:
        fail("missing cell value")
    return str(v)


def write_dataset(ds, out_dir):
    for r in ds.rows:
        extra = set(r) - set(ds.columns)
        missing = set(ds.columns) - set(r)
        if extra or missing:
            fail("%s: row keys differ from columns (extra %s, missing %s)"
                 % (ds.name, sorted(extra), sorted(missing)))
    csv_path = os.path.join(out_dir, ds.name + ".csv")
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(ds.columns)
        for r in ds.rows:
            w.writerow([cell(r[c]) for c in ds.columns])
    json_path = os.path.join(out_dir, ds.name + ".json")
    with open(json_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(ds.metadata(), indent=2, ensure_ascii=False))
        f.write("\n")


LEVEL_RANK = {"National": 0, "Regional": 1, "Sub-regional": 2, "Local authority": 3}


def geo_sort_key(r):
    """National first, then regions by ONS code, then authorities by DfE
    number; within each, by year."""
    # A joint return sorts with its first member.
    code = r["la_code"] or (r.get("joint_return") or "").split("/")[0].strip()
    la = int(code) if code != "" else -1
    return (LEVEL_RANK[r["level"]], r["ons_code"] if r["level"] != "Local authority" else "", la,
            int(r.get("year") or 0))


def years_text(years):
    """[2013, 2014, 2015, 2017] -> '2013-2015, 2017'."""
    years = sorted(set(int(y) for y in years))
    out = []
    start = prev = None
    for y in years:
        if start is None:
            start = prev = y
        elif y == prev + 1:
            prev = y
        else:
            out.append(str(start) if start == prev else "%d-%d" % (start, prev))
            start = prev = y
    if start is not None:
        out.append(str(start) if start == prev else "%d-%d" % (start, prev))
    return ", ".join(out)
