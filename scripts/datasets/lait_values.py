"""LAIT's `Values` as the decimals they stand for.

LAIT stores every figure as the text of a binary double, and three kinds of
noise come with that:
* print artefacts: 68.6 printed with 17 digits as 68.599999999999994
  (what `common.clean_float_artefact` removes);
* arithmetic artefacts: a percentage computed as 0.136 * 100 is the double
  just above 13.6 and prints as 13.600000000000001 however it is printed;
* scientific notation for small values: 7.0000000000000007E-2.
Each value becomes the shortest decimal whose double lies within a few units
in the last place (ulps) of the stored one: closer than double precision can
tell apart, so no published digit is lost.  Figures that really have many
digits (an unrounded quotient such as 91.66666666666666) keep them.
"-" is LAIT's marker for missing or suppressed figures and is kept as it is,
never made 0; any other text stops the build.
"""

import math
import re

from .common import BuildError, clean_float_artefact, fail

MARKER = "-"
NUMBER = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
# How far (in ulps of the stored double) a shorter decimal may lie and still
# be the figure meant: arithmetic in a spreadsheet leaves errors of one or
# two ulps; four leaves room and is still far below any published digit.
ULPS = 4
# Only figures published with at most this many decimals are looked for
# near the stored double; a longer one is a real unrounded figure (a
# quotient such as 1100/12) and keeps the exact shortest print of its double.
MOST_PUBLISHED_DECIMALS = 9


def shortest_decimal(x):
    """The decimal text with the fewest decimals within ULPS ulps of x."""
    tolerance = ULPS * math.ulp(x)
    for places in range(0, MOST_PUBLISHED_DECIMALS + 1):
        text = "%.*f" % (places, x)
        if abs(float(text) - x) <= tolerance:
            return _tidy(text)
    text = repr(x)   # the shortest text that reads back as exactly x
    if "e" in text or "E" in text:
        fail("LAIT value %r cannot be written as a plain decimal" % x)
    return _tidy(text)


def _tidy(text):
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class ValueCleaner:
    """Cleans values and counts what it changed, for the caveats."""

    def __init__(self):
        self.print_artefacts = 0
        self.arithmetic_artefacts = 0
        self.exponents = 0

    def __call__(self, text):
        if text == MARKER:
            return text
        if text is None or not NUMBER.match(text):
            fail("LAIT value %r is neither a number nor the marker '-'" % (text,))
        x = float(text)
        out = shortest_decimal(x)
        if "e" in text or "E" in text:
            self.exponents += 1
            return out
        try:
            printed, _ = clean_float_artefact(text)
        except BuildError:   # more than 4 decimals: shortest_decimal decides
            printed = None
        if printed is not None and printed != out:
            fail("LAIT value %r: %r (shortest print) and %r (shortest within %d ulps) disagree"
                 % (text, printed, out, ULPS))
        if float(out) != x:
            self.arithmetic_artefacts += 1
        elif out != _tidy(text):
            self.print_artefacts += 1
        return out
