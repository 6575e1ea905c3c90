"""LAIT's data dictionary (dfe-lait/lait_data_dictionary.csv), one entry per measure.

The file has 448 rows for 434 measures: 14 measures are listed under two
topics (a pupil absence or exclusion figure for children in need or looked
after appears under its own topic and under "All Pupil Absence &
Exclusions"; two destination measures under Key Stage 4 and Children with
SEN).  The two rows of such a measure were last updated at different times
and some of their fields differ.  Casebook keeps one entry: the row updated
last (the first in the file when both were updated on the same day) gives
every field, the other row's topic is kept as `other_topic`, and each field
on which the rows differ is listed in the caveats.
"""

import datetime
import re

from .common import fail, read_csv

POLARITY_WORDS = {"High": "high is good", "Low": "low is good", "-": "neutral", "NA": "neutral"}
EXCEL_EPOCH = datetime.date(1899, 12, 30)   # Excel's day 0 (so 45809 = 2025-06-01)
OWNER = "Data Owner (DO) /Supplier and Contact Details"
FIELDS = ["Measure_code", "Topic", "Measure", "Chart_title", "Measure_short", "Polarity", "y_axis_name",
          "state_funded_flag", "Table_status", "Description", "Last Update", "Next Update", OWNER,
          "Methodology", "Hyperlink(s)", "dps", "Year_Type", "No_Quartile"]


def text(v):
    """Published text with 'NA' as empty and runs of blank lines reduced to one."""
    v = (v or "").replace("\r\n", "\n")
    if v.strip() == "NA":
        return ""
    lines = [line.rstrip() for line in v.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def excel_date(v):
    """(ISO date, '') for an Excel day number; ('', the text) for anything else."""
    v = text(v)
    if re.fullmatch(r"\d{5}", v):
        return (EXCEL_EPOCH + datetime.timedelta(days=int(v))).isoformat(), ""
    return "", v


def _updated(row):
    d, _ = excel_date(row["Last Update"])
    return d


def read(index):
    """(entries by Measure_short in file order, duplicate notes)."""
    rows = read_csv(index.path("lait_dictionary"))
    if not rows or list(rows[0].keys()) != FIELDS:
        fail("LAIT dictionary columns are not the expected ones: %s" % (list(rows[0].keys()) if rows else None))
    groups = {}
    for r in rows:
        short = r["Measure_short"]
        if not short or short != short.strip():
            fail("LAIT dictionary row with Measure_short %r" % short)
        groups.setdefault(short, []).append(r)
    entries, notes = {}, []
    for short, rs in groups.items():
        if len(rs) > 2:
            fail("LAIT measure %s is listed %d times" % (short, len(rs)))
        # Latest update first; stable sort keeps file order on a tie.
        ordered = sorted(rs, key=_updated, reverse=True)
        main = ordered[0]
        entry = dict(main, other_topic="")
        if len(rs) == 2:
            other = ordered[1]
            if other["Topic"] == main["Topic"]:
                fail("LAIT measure %s is listed twice under the same topic" % short)
            if other["Polarity"] != main["Polarity"] or other["Year_Type"] != main["Year_Type"]:
                fail("LAIT measure %s: its two rows differ in polarity or year type" % short)
            entry["other_topic"] = other["Topic"]
            differ = [f for f in FIELDS if f != "Topic" and text(main[f]) != text(other[f])]
            notes.append("%s (kept: %s; also listed under %s, %s)" % (
                short, main["Topic"], other["Topic"],
                ("where " + "; ".join("%s is %r" % (f, _short_text(other[f])) for f in differ)) if differ
                else "with every other field the same"))
        if main["Polarity"] not in POLARITY_WORDS:
            fail("LAIT measure %s has polarity %r" % (short, main["Polarity"]))
        entries[short] = entry
    return entries, notes


def _short_text(v):
    v = text(v)
    if re.fullmatch(r"\d{5}", v):
        return excel_date(v)[0]
    return v if len(v) <= 80 else v[:77] + "..."
