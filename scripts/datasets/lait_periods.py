"""LAIT's period labels (`Years`) read by the measure's `Year_Type`.

LAIT labels every period by the year it ends, in several spellings:
"2016", "2018 (Rev)", "2025 (prov)", "2020 (Final)", "2016-17", "2016-17 (OT)",
"2015/16", and multi-year windows "2014-16" and "2013/14-15/16".  Casebook's
`year` is the calendar year in which the period ends; what a period *is*
(a year to 31 March, an academic year, a 30 September snapshot...) depends on
the measure's `Year_Type` in the data dictionary, so the label is read
together with it.  Anything that does not fit these rules stops the build.
"""

import datetime
import re

from .common import fail

# Year_Type -> (first day, last day) of the single period that ends in `y`.
PERIOD_OF_YEAR_TYPE = {
    # The year to 31 March: local authority finance and the children's social
    # care collections (CIN census, CLA return), which LAIT labels "2016" or
    # "2015-16".
    "Financial Year": lambda y: (datetime.date(y - 1, 4, 1), datetime.date(y, 3, 31)),
    # The school year, September to August: attainment, absence, exclusions.
    "Academic Year": lambda y: (datetime.date(y - 1, 9, 1), datetime.date(y, 8, 31)),
    "Calendar Year": lambda y: (datetime.date(y, 1, 1), datetime.date(y, 12, 31)),
    # The workforce census: a 30 September snapshot; its flows (starters,
    # leavers, absence) cover the 12 months to that date.
    "Annual (end of Sept)": lambda y: (datetime.date(y - 1, 10, 1), datetime.date(y, 9, 30)),
    # The January school census.
    "Annual - January": lambda y: (datetime.date(y, 1, 1), datetime.date(y, 1, 31)),
    # Counts and rates at 31 March (see ANNUAL_AT_31_MARCH).
    "Annual": lambda y: (datetime.date(y, 3, 31), datetime.date(y, 3, 31)),
}

# The dictionary's plain "Annual" does not say when; the measures that carry
# it are all figures at 31 March (their descriptions say so).  A new
# "Annual" measure must be looked at before it is given that date.
ANNUAL_AT_31_MARCH = {"CIN", "CPP_Num", "CPP_rate", "LAC", "LACnum"}

# Year types whose "YYYY-YY" label is one year that starts in YYYY; for
# calendar years the same spelling is a window of several years.
STRADDLING = {"Financial Year", "Academic Year"}

SINGLE = re.compile(r"^(\d{4})(?: \((Rev|Final|prov)\))?$")
SPAN = re.compile(r"^(\d{4})[-/](\d{2})(?: \(OT\))?$")
WINDOW = re.compile(r"^(\d{4})/(\d{2})-(\d{2})/(\d{2})$")

# The one label that is not a period: "0", carried by one measure on rows
# that are all "-" (checked where the rows are read).
NOT_A_PERIOD = "0"

YEAR_CONVENTION = (
    "year = the calendar year in which the period ends; period = LAIT's own label, exactly as published. "
    "What the period is depends on the measure's year type (measures.year_type): "
    "Financial Year = the year to 31 March (LAIT writes both '2016' and '2015-16'; '2016-17 (OT)' is a finance outturn for the year to 31 March 2017, so 2017); "
    "Academic Year = the school year to 31 August ('2015/16' and '2016' are both 2016); "
    "Calendar Year = to 31 December; Annual (end of Sept) = the 30 September workforce snapshot; "
    "Annual - January = the January school census; Annual = at 31 March. "
    "Multi-year windows ('2014-16', '2013/14-15/16') are given the year the window ends. "
    "Labels marked (Rev), (Final), (prov) or (OT) keep the mark in period and take the year they name; "
    "no measure has two labels for the same year (the build checks this).")


def _century(yy, after):
    """Two-digit year yy as the first four-digit year >= after."""
    y = after - after % 100 + int(yy)
    return y if y >= after else y + 100


def parse(label, year_type, measure):
    """(year, first day, last day, number of years covered) for a label."""
    if year_type not in PERIOD_OF_YEAR_TYPE:
        fail("LAIT measure %s has an unknown Year_Type %r" % (measure, year_type))
    if year_type == "Annual" and measure not in ANNUAL_AT_31_MARCH:
        fail("LAIT measure %s has Year_Type 'Annual', which is known only for figures at 31 March" % measure)
    period = PERIOD_OF_YEAR_TYPE[year_type]
    m = SINGLE.match(label)
    if m:
        y = int(m.group(1))
        start, end = period(y)
        return y, start, end, 1
    m = SPAN.match(label)
    if m:
        first = int(m.group(1))
        last = _century(m.group(2), first)
        if year_type in STRADDLING:
            if last != first + 1:
                fail("LAIT %s period %r: a %s label must name consecutive years" % (measure, label, year_type))
            first = last
        elif year_type != "Calendar Year" or last <= first:
            fail("LAIT %s period %r does not fit Year_Type %r" % (measure, label, year_type))
        return last, period(first)[0], period(last)[1], last - first + 1
    m = WINDOW.match(label)
    if m and year_type in STRADDLING:
        a, b = int(m.group(1)), _century(m.group(2), int(m.group(1)))
        c = _century(m.group(3), a)
        d = _century(m.group(4), c)
        if b != a + 1 or d != c + 1 or c <= a:
            fail("LAIT %s period %r is not a window of whole years" % (measure, label))
        return d, period(b)[0], period(d)[1], d - b + 1
    fail("LAIT %s period label %r (Year_Type %r) is not understood" % (measure, label, year_type))
