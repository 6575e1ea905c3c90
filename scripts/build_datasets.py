#!/usr/bin/env python3
"""Build Casebook's shipped datasets from the published DfE and Ofsted files.

Usage (from the repository root):
    python3 scripts/build_datasets.py [--sources DIR] [--out DIR]

Defaults: sources = ../shared/data-sources relative to the repository root
(CI places `shared/` beside the repo); out = datasets/ in the repository.

The build is deterministic (same inputs -> byte-
identical outputs).  Reading LAIT's parquet file needs pyarrow (build time
only; `make datasets` installs it).  After writing, it re-reads its own outputs and checks
them against fixed published figures and, independently, against the raw
source files; any failure exits non-zero.

The work is split into modules under scripts/datasets/:
    common.py      reading/writing, metadata container, provenance lookup
    xlsx.py        minimal .xlsx reader (zipfile + xml.etree)
    geography.py   authorities, codes, regions, reorganisations
    series.py      merging EES releases into one time series
    reference.py   authorities, neighbours, population
    cin.py         children_in_need, referrals, assessments, section47, protection_plans
    cin_breakdowns.py  cin_primary_need, sources_of_referral, plans_by_category,
                   assessments_45_days, cla_social_workers
    cla.py         looked_after
    workforce.py   workforce
    inspections.py inspections
    lait_*.py      indicators (LAIT's whole benchmarking file) and measures
                   (its dictionary); lait_checks.py checks them and LAIT's
                   agreement with the official datasets
    compressed.py  writing indicators as .csv.gz
    provenance.py  datasets/PROVENANCE.md
    checks.py      post-build verification
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True   # keep __pycache__ out of the repository
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from datasets.common import SourceIndex, Polarity, BuildError, write_dataset  # noqa: E402
from datasets.geography import Geography  # noqa: E402
from datasets import reference, cin, cla, workforce, inspections, provenance, checks  # noqa: E402
from datasets import cin_breakdowns, lait_dictionary, lait_indicators, lait_measures, lait_checks  # noqa: E402
from datasets.compressed import write_gzip_dataset  # noqa: E402


def build_all(index):
    """Build every dataset, in the order they are documented."""
    pol = Polarity(index.path("lait_dictionary"))
    geo = Geography(index)
    out = [
        reference.build_authorities(geo, pol),
        reference.build_neighbours(geo, pol, index),
        reference.build_population(geo, pol, index),
        cin.build_children_in_need(geo, pol, index),
        cin.build_referrals(geo, pol, index),
        cin.build_assessments(geo, pol, index),
        cin.build_section47(geo, pol, index),
        cin.build_protection_plans(geo, pol, index),
        cla.build_looked_after(geo, pol, index),
        workforce.build_workforce(geo, pol, index),
        inspections.build_inspections(geo, pol, index),
        cin_breakdowns.build_cin_primary_need(geo, pol, index),
        cin_breakdowns.build_sources_of_referral(geo, pol, index),
        cin_breakdowns.build_plans_by_category(geo, pol, index),
        cin_breakdowns.build_assessments_45_days(geo, pol, index),
        cin_breakdowns.build_cla_social_workers(geo, pol, index),
    ]
    # LAIT last: indicators is written compressed and checked on its own
    # (lait_checks), against the parquet file and the official datasets above.
    entries, dictionary_notes = lait_dictionary.read(index)
    indicators = lait_indicators.build_indicators(geo, index, entries, dictionary_notes)
    indicators.compressed = True
    out += [lait_measures.build_measures(index, entries, dictionary_notes, indicators), indicators]
    return out, geo, pol


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--sources", default=os.path.join(REPO, "..", "shared", "data-sources"),
                    help="directory holding the published source files (default: ../shared/data-sources)")
    ap.add_argument("--out", default=os.path.join(REPO, "datasets"),
                    help="output directory (default: datasets/)")
    args = ap.parse_args(argv)
    sources = os.path.normpath(args.sources)
    out_dir = os.path.normpath(args.out)
    if not os.path.isdir(sources):
        print("error: sources directory not found: %s" % sources, file=sys.stderr)
        return 2
    os.makedirs(out_dir, exist_ok=True)
    try:
        index = SourceIndex(sources)
        datasets, geo, pol = build_all(index)
        for ds in datasets:
            (write_gzip_dataset if getattr(ds, "compressed", False) else write_dataset)(ds, out_dir)
        agreement = lait_checks.agreement(datasets)
        provenance.write(datasets, index, pol, out_dir)
        lait_checks.append_provenance(agreement, out_dir)
        n_checked = checks.run_all([d for d in datasets if not getattr(d, "compressed", False)], index, out_dir)
        n_checked += lait_checks.run_all(datasets, agreement, index, out_dir)
    except BuildError as e:
        print("BUILD FAILED: %s" % e, file=sys.stderr)
        return 1
    except checks.CheckError as e:
        print("CHECK FAILED: %s" % e, file=sys.stderr)
        return 1
    for ds in datasets:
        print("%-18s %6d rows  %s" % (ds.name, len(ds.rows), ds.years_covered))
    print("all checks passed (%d cells cross-checked against the sources); wrote %s" % (n_checked, out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
