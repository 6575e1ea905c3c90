"""Reference datasets: authorities, statistical neighbours, population."""

from .common import (Dataset, DFE, EES, SRC, read_csv, read_csv_rows, fail,
                     geo_sort_key, years_text, YEAR_CONVENTION_MIDYEAR)
from .geography import REORGANISATIONS
from .xlsx import read_sheet


def build_authorities(geo, pol):
    """The 153 current English local authorities with children's social care
    responsibilities plus the five abolished since 2019.

    Names, codes and regions come from the DfE EES files (the same files the
    statistics come from) so every dataset agrees with this table.  `type`
    follows from the current ONS code prefix (E06/E08/E09/E10) because LAIT's
    list still calls Buckinghamshire, North Yorkshire and Somerset counties
    and the D2I lookup calls Cumberland and Westmorland and Furness counties.
    """
    ds = Dataset(
        "authorities", "English local authorities with children's social care responsibilities",
        DFE + " (codes, names, regions); Ofsted (URN via Data to Insight lookup)",
        "DfE local authority codes as used in the children in need, looked after children, workforce and population files",
        EES + " CSV files in data-sources (" + ", ".join([SRC["cin24_b1"], SRC["cin25_b1"], SRC["cla25"], SRC["csww"], SRC["population"]]) +
        "); " + SRC["sn2025"] + " (current set); " + SRC["lookup"] + " (Ofsted URN); cross-checked with " + SRC["lait_codes"],
        "Authorities as in the DfE files up to reporting year 2025 (30 September 2025 for workforce)",
        "No year: one row per authority. `ended` is the last reporting year (to 31 March) of a former authority.",
        has_year=False, common=False)
    ds.sources = ["cin24_b1", "cin25_b1", "cla25", "cla23", "csww", "population", "sn2025", "lookup", "lait_codes"]
    ds.add_column("la_code", "DfE three-digit local authority number (Reading = 870); the join key for every dataset", "code")
    ds.add_column("la_name", "Local authority name in DfE spelling (e.g. 'Bristol, City of')", "text")
    ds.add_column("ons_code", "Current ONS 9-character code (for former authorities, the code they last had)", "code")
    ds.add_column("region", "English region (one of the nine; London boroughs are 'London')", "text")
    ds.add_column("type", "London borough, Metropolitan district, Unitary authority or County (from the ONS code prefix E09/E08/E06/E10)", "text")
    ds.add_column("inner_outer", "Inner London or Outer London as the DfE files classify London boroughs; empty outside London", "text")
    ds.add_column("status", "current (one of the 153 authorities in 2025) or former (abolished)", "text")
    ds.add_column("replaced_by", "For former authorities: the successor authorities as 'name (la_code)', separated by '; '", "text")
    ds.add_column("ended", "For former authorities: the last reporting year ending 31 March in which the authority existed (abolished on 1 April of that year)", "year")
    ds.add_column("predecessors", "For authorities created by a reorganisation since 2019: the former authorities whose area they took over, as 'name (la_code)', separated by '; '", "text")
    ds.add_column("started", "For authorities created by a reorganisation since 2019: the first reporting year ending 31 March in which they existed (created on 1 April of the year before)", "year")
    ds.add_column("former_ons_codes", "ONS codes the authority had before its current one (older files use them), separated by '; '; empty when it never changed", "code")
    ds.add_column("ofsted_urn", "Ofsted unique reference number of the local authority (from the Data to Insight provider lookup); empty where the lookup has none", "code")
    geo.cross_check_reference()
    for la in sorted(geo.authorities):
        a = geo.authorities[la]
        ds.rows.append({
            "la_code": str(la), "la_name": a["la_name"], "ons_code": a["ons_code"],
            "region": a["region"], "type": a["type"], "inner_outer": a["inner_outer"],
            "status": a["status"], "replaced_by": a["replaced_by"], "ended": a["ended"],
            "predecessors": "; ".join("%s (%d)" % (geo.authorities[p]["la_name"], p) for p in geo.predecessors(la)),
            "started": str(geo.successor_start(la).year + 1) if geo.successor_start(la) else "",
            "former_ons_codes": "; ".join(a["former_ons_codes"]),
            # The lookup's numbers for former authorities are not Ofsted local
            # authority URNs (see the caveat); none is shipped for them.
            "ofsted_urn": geo.urn.get(la, "") if a["status"] == "current" else "",
        })
    n_current = sum(1 for r in ds.rows if r["status"] == "current")
    changed = [a for a in geo.authorities.values() if a["former_ons_codes"]]
    ds.caveats += [
        "la_code (the DfE number) is the join key. ons_code is each authority's CURRENT code, also used in every other dataset, so joins on ons_code work too; older files use former codes: " +
        "; ".join("%s %s (formerly %s)" % (a["la_name"], a["ons_code"], ", ".join(a["former_ons_codes"])) for a in changed) + ".",
        "Former authorities keep their own codes for the years they existed. " +
        " ".join("%s (%d): last year %s, replaced by %s." % (geo.authorities[la]["la_name"], la, geo.authorities[la]["ended"], geo.authorities[la]["replaced_by"]) for la in sorted(REORGANISATIONS)),
        "Former Dorset County Council (835) and the current Dorset unitary authority (838) are both named 'Dorset' in the DfE files; use la_code or status to tell them apart.",
        "Predecessors and successors point both ways: a former authority's replaced_by names its successors, and a successor's predecessors names the former authorities (Dorset (838) took over Dorset County Council (835) except Christchurch, which went with Bournemouth (837) and Poole (836) to Bournemouth, Christchurch and Poole (839)). A successor's started year is the first reporting year (to 31 March) with its own figures; earlier years belong to its predecessors.",
        "The Ofsted URN comes from a Data to Insight lookup, not an official Ofsted file. It is shipped for current authorities only: the lookup has none for Dorset County Council (835) and Bournemouth (837), and the numbers it gives Poole (%s), Cumbria (%s) and Northamptonshire (%s) are outside the local authority series and could not be verified (Ofsted's 2025 inspection history links these former authorities to their successors' pages), so former authorities have no URN here." % (geo.urn.get(836, "?"), geo.urn.get(909, "?"), geo.urn.get(928, "?")),
    ]
    ds.transformations += [
        "One row per DfE LA number found at local-authority level in the EES files.",
        "Name and region as published in the EES files (identical across all of them); region 'Inner London'/'Outer London' becomes 'London' with the half kept in inner_outer.",
        "ons_code = the code on the authority's most recent row across the EES files (Barnsley and Sheffield: the 30 September 2025 workforce rows).",
        "type derived from the ONS code prefix (E06 Unitary authority, E08 Metropolitan district, E09 London borough, E10 County).",
        "status: current = one of the 153 LAs in the May 2025 statistical neighbour model (checked equal to the LAs with 2025 CIN data); replaced_by and ended from the reorganisation table, verified against the first/last years in the 2024 CIN release.",
    ]
    ds.notes = list(geo.notes)
    ds.years_covered = "n/a (current as of 2025)"
    if n_current != 153:
        fail("expected 153 current authorities, got %d" % n_current)
    return ds


def _sn_2021_rows(path):
    """The April 2021 file has duplicate 'SNP' headers, a trailing empty
    column and, after a blank line, an 'Old SNs:' block for the pre-2019/2021
    authorities.  Read by position and stop at that block: the old lists are
    from an earlier model, not the April 2021 one."""
    rows = read_csv_rows(path)
    header = rows[0]
    if header[:5] != ["LA num", "LA Name", "LA number", "GOInd", "GOReg"]:
        fail("unexpected 2021 SN header %s" % header[:5])
    for i in range(10):
        if header[5 + 2 * i] != "SN%d" % (i + 1) or header[6 + 2 * i] != "SNP":
            fail("unexpected 2021 SN header at %d" % i)
    out = []
    old_block = []
    in_old = False
    for r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
        if r[1].strip() == "Old SNs:":
            in_old = True
            continue
        (old_block if in_old else out).append(r)
    return out, old_block


def build_neighbours(geo, pol, index):
    """Statistical neighbours, long form: one row per (model, LA, position).

    The 2025 model comes from the tool's wide CSV (153 LAs) and is checked cell
    by cell against LAIT's sn_may_2025.xlsx.  The 2021 model is the April
    2021 (LGR) grouping.  Closeness labels are trimmed of stray spaces but
    otherwise kept as published (the 2021 file capitalises 'Very Close')."""
    ds = Dataset(
        "neighbours", "Children's services statistical neighbours",
        DFE, "Children's services statistical neighbour benchmarking tool",
        "gov.uk: the DfE's children's services statistical neighbour benchmarking tool (not an explore-education-statistics release), as held in the DfE dashboard repository; " + SRC["sn2025"] + " (May 2025 model), " + SRC["sn2021"] + " (April 2021 model); cross-checked with " + SRC["sn2025_xlsx"],
        "May 2025 model and April 2021 model (local government reorganisation version)",
        "No year: `model` names the statistical neighbour model (2025 = May 2025, 2021 = April 2021).",
        has_year=False, common=False)
    ds.sources = ["sn2025", "sn2021", "sn2025_xlsx"]
    ds.add_column("model", "Statistical neighbour model: 2025 (May 2025) or 2021 (April 2021)", "year")
    ds.add_column("la_code", "DfE LA number of the authority", "code")
    ds.add_column("la_name", "Authority name (DfE spelling)", "text")
    ds.add_column("position", "Rank of the neighbour, 1 = nearest, 10 = least near", "rank")
    ds.add_column("neighbour_code", "DfE LA number of the neighbour", "code")
    ds.add_column("neighbour_name", "Neighbour name (DfE spelling)", "text")
    ds.add_column("closeness", "Closeness band as published (e.g. 'Very close', 'Close', 'Somewhat close'), trimmed", "text")

    rows2025 = read_csv(index.path("sn2025"))
    wide = {}
    for r in rows2025:
        la = int(r["old_la_code"])
        wide[la] = [(int(r["SN_%d" % i]), r["SN_%dP" % i]) for i in range(1, 11)]
    # cross-check against LAIT xlsx
    sheet = read_sheet(index.path("sn2025_xlsx"), "LA SN Groups")
    header = sheet[2]
    if header[:5] != ["LA num", "LA Name", "LA number", "GOInd", "GOReg"]:
        fail("unexpected sn_may_2025.xlsx header %s" % header[:6])
    xl = {}
    for r in sheet[3:]:
        if not r[0].strip():
            continue
        xl[int(r[0])] = [(int(r[5 + 2 * i]), r[6 + 2 * i]) for i in range(10)]
    compared = 0
    for la, lst in wide.items():
        if la not in xl:
            fail("LA %s missing from sn_may_2025.xlsx" % la)
        for (c1, p1), (c2, p2) in zip(lst, xl[la]):
            if c1 != c2 or p1.strip() != p2.strip():
                fail("2025 SN mismatch for %s: %s/%r vs %s/%r" % (la, c1, p1, c2, p2))
            compared += 1
    extra_xl = sorted(set(xl) - set(wide))
    main2021, old2021 = _sn_2021_rows(index.path("sn2021"))
    n21 = {}
    for r in main2021:
        la = int(r[0])
        if int(r[2]) != la:
            fail("2021 SN row with two different LA numbers: %s" % r[:3])
        n21[la] = [(int(r[5 + 2 * i]), r[6 + 2 * i]) for i in range(10)]
    for model, table in (("2025", wide), ("2021", n21)):
        for la in sorted(table):
            for pos, (nb, close) in enumerate(table[la], start=1):
                for code in (la, nb):
                    if code not in geo.authorities:
                        fail("SN code %s unknown" % code)
                ds.rows.append({
                    "model": model, "la_code": str(la), "la_name": geo.authorities[la]["la_name"],
                    "position": str(pos), "neighbour_code": str(nb),
                    "neighbour_name": geo.authorities[nb]["la_name"], "closeness": close.strip(),
                })
    ds.rows.sort(key=lambda r: (-int(r["model"]), int(r["la_code"]), int(r["position"])))
    trimmed = sum(1 for la in wide for _, p in wide[la] if p != p.strip()) + \
        sum(1 for la in n21 for _, p in n21[la] if p != p.strip())
    ds.caveats += [
        "2025 model: %d authorities (all current). 2021 model: %d authorities as grouped in April 2021, including Cumbria (909) and North/West Northamptonshire (940/941) but not Cumberland/Westmorland and Furness, which did not yet exist." % (len(wide), len(n21)),
        "Closeness labels are as published, trimmed of trailing spaces; the 2021 file capitalises them differently ('Very Close') and uses 'Extremely Close' and 'Not Close', which the 2025 model does not.",
        "Not included: the 'Old SNs' block at the end of the April 2021 file (pre-reorganisation lists for %s) and the same lists carried as extra rows in LAIT's sn_may_2025.xlsx (%s); they come from an earlier model, not from either model named here." % (
            ", ".join(str(int(r[0])) for r in old2021), ", ".join(str(x) for x in extra_xl)),
    ]
    ds.transformations += [
        "Wide files (SN1..SN10 with a closeness column after each) turned into one row per neighbour; position = the SN number.",
        "The April 2021 CSV has ten columns all named 'SNP' and a trailing empty column, so it is read by position.",
        "%d closeness labels had leading/trailing spaces trimmed." % trimmed,
        "All %d neighbour codes and closeness labels of the 2025 CSV were checked against LAIT's sn_may_2025.xlsx: identical (labels compared after trimming spaces)." % compared,
    ]
    ds.dropped.append("Old SNs block of the 2021 file (%d authorities) and %d extra former-authority rows in sn_may_2025.xlsx: not part of the named models." % (len(old2021), len(extra_xl)))
    ds.years_covered = "models 2025 and 2021"
    return ds


def build_population(geo, pol, index):
    """Children aged 0-17, ONS mid-year estimates as compiled by the DfE
    dashboard team (the series the CIN and CLA rates are based on)."""
    ds = Dataset(
        "population", "Children aged 0 to 17: ONS mid-year population estimates",
        "Office for National Statistics, compiled by the " + DFE,
        "ONS mid-year population estimates, children aged 0 to 17 (DfE 'Children's social care: national framework outcomes and enablers' reference file)",
        "DfE CSC outcomes and enablers dashboard repository; " + SRC["population"],
        "Mid-2012 to mid-2024 estimates as held by the DfE dashboard (revised ONS series)",
        YEAR_CONVENTION_MIDYEAR)
    ds.sources = ["population"]
    ds.add_column("children_0_17", "Estimated number of children aged 0 to 17 at 30 June of `year`", "count", pol(None))
    rows = read_csv(index.path("population"))
    dropped = 0
    for r in rows:
        if r["age_group"] != "Children aged 0 to 17 years":
            fail("unexpected age group %s" % r["age_group"])
        g = geo.ees_geo(r)
        if g["level"] == "Local authority" and not geo.existed(int(g["la_code"]), "midyear", r["time_period"]):
            if r["population_estimate"] in ("x", "z", ""):
                dropped += 1
                continue
            fail("population for non-existent LA %s %s" % (g["la_code"], r["time_period"]))
        g.update(year=r["time_period"], children_0_17=r["population_estimate"])
        ds.rows.append(g)
    ds.rows.sort(key=geo_sort_key)
    ds.dropped_placeholders = dropped
    ds.caveats += [
        "DfE rates for reporting year Y use the mid-(Y-1) estimate: Reading's 2016 rates (year ending 31 March 2016) use mid-2015, 36,659.",
        "This is the revised ONS series held by the DfE in 2025; rates in older DfE releases (e.g. the 2024 children in need release) may have been computed from earlier vintages, and LAIT uses revised populations for 2023 and 2024.",
        "Bournemouth (837), Poole (836) and Dorset County (835) are 'x' for mid-2012 to mid-2018: the revised ONS series has no figures for those pre-2019 areas (this is also why their rates are 'x' in the 2024 CIN release).",
        "National and regional figures are as published (not rounded).",
    ]
    ds.transformations.append("Copied as published; time_period is the mid-year of the estimate.")
    ds.years_covered = years_text(r["year"] for r in ds.rows)
    return ds
