"""Which LAIT figures are joint returns, decided from the data.

Some figures are published for two authorities together (geography.
JOINT_RETURNS): the workforce census takes one return from Kingston upon
Thames and Richmond upon Thames (from 2017) and one from North and West
Northamptonshire (from 2021).  LAIT copies such a figure under both member
codes, so an average over LAIT's rows counts it twice.  Casebook keeps a
joint figure once, on a row of its own (geography.Geography.joint).

Which measures are joint is not written anywhere in LAIT, so it is worked
out here and every doubt stops the build:
* measures of a joint topic must have identical copies in every year of the
  joint period (else the build fails: they are not copies);
* every other measure whose two copies are identical in every year where
  both have a figure, with at least one figure that is not 0 (zeros agree by
  chance), is a suspect: it must be decided below, by name, with the reason,
  or the build fails.
"""

from .common import fail
from .geography import JOINT_RETURNS

# Topics whose figures come from a collection that takes joint returns.
JOINT_TOPICS = {"Children's Services Workforce"}

# Measures outside those topics whose copies are identical, decided one by one.
JOINT_MEASURES = {
    "YJS_Caution-Sentence10-17_YO":
        "published per youth justice service; Kingston upon Thames and Richmond upon Thames share one service, "
        "as do North and West Northamptonshire, and both pairs carry identical figures (10.4 and 20.9) in LAIT",
}
NOT_JOINT = {
    ("HCP_PHOF", (940, 941)):
        "both are 100 in 2023, the only year in which both have a figure; the other years differ or are missing, "
        "and the measure is published for each authority",
    ("LACnum_Adopt_ConsentDisp", (940, 941)):
        "both are 9 in 2024, the only year in which both have a figure (a small count of adoptions); the looked-after "
        "children release publishes it for each authority",
}


def _pair_years(values, a, b, first_year):
    """[(year, value of a, value of b)] in the joint period, for one measure."""
    out = []
    for (year, n), v in values.items():
        if n == a and year >= first_year and (year, b) in values:
            out.append((year, v, values[(year, b)]))
    return sorted(out)


def decide(measures, values_by_measure, topic_of):
    """{(measure, pair): first year} for every joint (measure, pair).

    values_by_measure[m] = {(year, la number): cleaned value}."""
    joint, suspects = {}, []
    for m in sorted(measures):
        values = values_by_measure[m]
        for pair, info in sorted(JOINT_RETURNS.items()):
            a, b = pair
            years = _pair_years(values, a, b, info["first_year"])
            if not years:
                continue
            both = [(y, va, vb) for y, va, vb in years if va != "-" and vb != "-"]
            identical = all(va == vb for _, va, vb in years)
            if topic_of[m] in JOINT_TOPICS or m in JOINT_MEASURES:
                if not identical:
                    bad = [(y, va, vb) for y, va, vb in years if va != vb]
                    fail("LAIT %s: the %s and %s copies of a joint return differ: %s" % (m, a, b, bad[:3]))
                joint[(m, pair)] = info["first_year"]
                continue
            looks_joint = both and all(va == vb for _, va, vb in both) and any(float(va) != 0 for _, va, _ in both)
            if looks_joint and (m, pair) not in NOT_JOINT:
                suspects.append("%s %d/%d %s" % (m, a, b, [(y, va) for y, va, _ in both][:4]))
    if suspects:
        fail("LAIT figures identical under both members of a joint return in every year both have one; "
             "decide in lait_joint.py whether each is a joint return: " + "; ".join(suspects))
    for m in JOINT_MEASURES:
        if not any(k[0] == m for k in joint):
            fail("LAIT %s is listed as joint but has no joint years" % m)
    return joint
