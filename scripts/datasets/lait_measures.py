"""measures: one row per LAIT measure, from LAIT's data dictionary, with what
the `indicators` dataset holds for it (first and last year, rows, figures).
"""

from .common import DFE, SRC, Dataset, fail
from .lait_dictionary import OWNER, POLARITY_WORDS, excel_date, text
from .lait_values import MARKER

COLUMNS = [
    ("measure", "LAIT's short code (Measure_short); the key of indicators.measure", "code"),
    ("lait_code", "LAIT's numeric code (Measure_code); measures from the same source table share it; empty where LAIT has none", "code"),
    ("topic", "LAIT's topic (the dictionary row kept, see caveats)", "text"),
    ("other_topic", "The second topic of a measure LAIT lists under two; empty otherwise", "text"),
    ("name", "LAIT's name for the measure (Measure)", "text"),
    ("chart_title", "The title LAIT gives the measure's charts (Chart_title)", "text"),
    ("polarity", "LAIT's polarity in Casebook's words: 'high is good', 'low is good', or 'neutral' (LAIT '-' or NA)", "text"),
    ("units", "What a value counts, as LAIT labels its axis (y_axis_name)", "text"),
    ("year_type", "LAIT's year type (Year_Type): what a period is; see indicators' year_convention", "text"),
    ("quartiles", "'yes' where LAIT bands authorities into quartiles for this measure; 'no' where LAIT draws none (No_Quartile = N: too small a range)", "text"),
    ("decimals", "Decimal places LAIT shows (dps); empty where the dictionary gives none", "count"),
    ("description", "LAIT's description of the measure", "text"),
    ("methodology", "LAIT's methodology note", "text"),
    ("data_owner", "Who publishes the figures (Data Owner / Supplier)", "text"),
    ("links", "Where the figures are published (Hyperlink(s))", "text"),
    ("source_table", "The source table LAIT names (Table_status), as written there", "text"),
    ("state_funded", "'yes' where the dictionary marks the measure as covering state-funded schools only", "text"),
    ("last_update", "When LAIT last updated the measure (ISO date from the dictionary's Excel day number); empty where the dictionary gives text instead (update_note)", "date"),
    ("next_update", "When LAIT expects to update it next (ISO date); empty where the dictionary gives text instead", "date"),
    ("update_note", "The dictionary's words where it gives no date ('New Data', 'TBC', 'Discontinued', ...)", "text"),
    ("first_year", "First year with a row in indicators", "year"),
    ("last_year", "Last year with a row in indicators", "year"),
    ("rows", "Rows of indicators for the measure (areas times periods, joint returns counted once)", "count"),
    ("figures", "Rows of indicators for the measure that hold a figure (not '-')", "count"),
]


def build_measures(index, entries, dictionary_notes, indicators):
    ds = Dataset("measures", "LAIT measures: what each measure in `indicators` is",
                 DFE, "Local Authority Interactive Tool (LAIT): data dictionary",
                 "Local Authority Interactive Tool (LAIT), " + SRC["lait_dictionary"],
                 "LAIT production data, repository commit %s" % index.origin(SRC["lait_dictionary"])[1],
                 "first_year and last_year follow indicators' year_convention", common=False)
    ds.sources = ["lait_dictionary"]
    for name, desc, unit in COLUMNS:
        ds.add_column(name, desc, unit)
    held = {}
    for r in indicators.rows:
        h = held.setdefault(r["measure"], [None, None, 0, 0])
        y = int(r["year"])
        h[0] = y if h[0] is None else min(h[0], y)
        h[1] = y if h[1] is None else max(h[1], y)
        h[2] += 1
        h[3] += r["value"] != MARKER
    for short, e in entries.items():
        if short not in held:
            fail("LAIT measure %s has no rows in indicators" % short)
        last, last_note = excel_date(e["Last Update"])
        nxt, next_note = excel_date(e["Next Update"])
        notes = [n for n in (("last update: " + last_note) if last_note else "",
                             ("next update: " + next_note) if next_note else "") if n]
        dps = text(e["dps"])
        if dps and not dps.isdigit():
            fail("LAIT measure %s has dps %r" % (short, dps))
        nq = text(e["No_Quartile"])
        if nq not in ("", "N"):
            fail("LAIT measure %s has No_Quartile %r" % (short, nq))
        sf = text(e["state_funded_flag"])
        if sf not in ("", "State Funded"):
            fail("LAIT measure %s has state_funded_flag %r" % (short, sf))
        first, lastyear, rows, figures = held[short]
        ds.rows.append({
            "measure": short, "lait_code": text(e["Measure_code"]), "topic": text(e["Topic"]),
            "other_topic": text(e["other_topic"]), "name": text(e["Measure"]), "chart_title": text(e["Chart_title"]),
            "polarity": POLARITY_WORDS[e["Polarity"]], "units": text(e["y_axis_name"]),
            "year_type": text(e["Year_Type"]), "quartiles": "no" if nq == "N" else "yes", "decimals": dps,
            "description": text(e["Description"]), "methodology": text(e["Methodology"]),
            "data_owner": text(e[OWNER]), "links": text(e["Hyperlink(s)"]), "source_table": text(e["Table_status"]),
            "state_funded": "yes" if sf else "", "last_update": last, "next_update": nxt,
            "update_note": "; ".join(notes), "first_year": str(first), "last_year": str(lastyear),
            "rows": str(rows), "figures": str(figures),
        })
    ds.rows.sort(key=lambda r: (r["topic"], r["measure"]))
    ds.caveats += [
        "One row per measure in LAIT's benchmarking file (%d). LAIT's dictionary has %d rows: %d measures are listed under two "
        "topics, and their two rows were last updated at different times. The row updated last gives every field here; the "
        "other topic is in other_topic, so `where topic = X or other_topic = X` finds every measure LAIT shows under X. "
        "Fields on which the two rows differ: %s."
        % (len(ds.rows), len(ds.rows) + len(dictionary_notes), len(dictionary_notes), " | ".join(dictionary_notes)),
        "polarity is LAIT's own (High -> 'high is good', Low -> 'low is good', '-' or NA -> 'neutral'); Casebook never infers one.",
        "Text is as published, with 'NA' read as empty and runs of blank lines reduced to one; the dictionary's Excel day "
        "numbers are written as ISO dates.",
        "Some dictionary fields describe an older release than the figures (for example source tables named '..._2013_to_2023.csv' "
        "for measures whose figures run to 2025).",
    ]
    ds.transformations += ["Dictionary rows resolved to one per measure (caveats); fields renamed; Excel day numbers as ISO dates.",
                           "first_year, last_year, rows and figures counted from the indicators dataset."]
    ds.years_covered = indicators.years_covered
    return ds
