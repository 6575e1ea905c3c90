"""Minimal, standard-library reader for .xlsx worksheets.

Only what the Casebook sources need: shared strings, inline strings, numbers
and formulas (cached values).  Cells are returned as the text stored in the
file, so numbers keep exactly the digits Excel wrote (no float conversion).
"""

import re
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _col_index(ref):
    """'C12' -> 2 (zero-based column index)."""
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _text(el):
    """Concatenate every <t> below el (rich text runs included)."""
    return "".join(t.text or "" for t in el.iter("{%s}t" % NS["m"]))


def sheet_names(path):
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        return [s.get("name") for s in wb.find("m:sheets", NS)]


def read_sheet(path, sheet=None):
    """Return the rows of one worksheet as lists of strings.

    sheet: the sheet's name; the first sheet when None.  Empty cells are ''.
    Rows are padded to the same width.  Row gaps in the XML become empty rows
    so row numbers stay meaningful.
    """
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        sheets = wb.find("m:sheets", NS)
        chosen = None
        for s in sheets:
            if sheet is None or s.get("name") == sheet:
                chosen = s
                break
        if chosen is None:
            raise KeyError("sheet %r not in %s" % (sheet, path))
        rid = chosen.get("{%s}id" % NS["r"])
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = None
        for rel in rels:
            if rel.get("Id") == rid:
                target = rel.get("Target")
        if target.startswith("/"):
            target = target[1:]
        elif not target.startswith("xl/"):
            target = "xl/" + target
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = [_text(si) for si in sst.findall("m:si", NS)]
        ws = ET.fromstring(z.read(target))
    rows = []
    for row in ws.iter("{%s}row" % NS["m"]):
        rnum = int(row.get("r"))
        while len(rows) < rnum - 1:
            rows.append([])
        cells = {}
        for c in row.findall("m:c", NS):
            idx = _col_index(c.get("r"))
            t = c.get("t")
            v = c.find("m:v", NS)
            if t == "s":
                val = shared[int(v.text)] if v is not None else ""
            elif t == "inlineStr":
                is_ = c.find("m:is", NS)
                val = _text(is_) if is_ is not None else ""
            else:
                val = v.text if v is not None and v.text is not None else ""
            cells[idx] = val
        width = max(cells) + 1 if cells else 0
        rows.append([cells.get(i, "") for i in range(width)])
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]
