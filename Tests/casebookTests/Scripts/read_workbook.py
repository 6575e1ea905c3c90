"""Reads an .xlsx workbook with openpyxl (an independent reader) and prints
what the tests compare, one tab-separated line each:

    sheet <name> <frozen cell or ->
    cell <sheet> <coordinate> <type: n, s or b> <value> <number format> <note or ->

Newlines and tabs in text are written as \\n and \\t. Exits 3 when openpyxl
is missing, so the test can say what to install.
"""
import sys

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed (python3 -m pip install openpyxl)", file=sys.stderr)
    sys.exit(3)


def clean(text):
    return str(text).replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


book = openpyxl.load_workbook(sys.argv[1])
for ws in book.worksheets:
    print("\t".join(["sheet", clean(ws.title), ws.freeze_panes or "-"]))
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None and cell.comment is None:
                continue
            if isinstance(cell.value, bool):
                kind, value = "b", str(cell.value).lower()
            elif isinstance(cell.value, (int, float)):
                kind, value = "n", repr(float(cell.value))
            else:
                kind, value = "s", "" if cell.value is None else cell.value
            note = cell.comment.text if cell.comment else "-"
            print("\t".join(["cell", clean(ws.title), cell.coordinate, kind, clean(value), cell.number_format, clean(note)]))

# Charts: openpyxl does not keep a loaded workbook's charts, so they are read
# from the package itself, following each sheet's drawing to its charts:
#
#     chart <sheet> <kind, e.g. lineChart> <title> <alternative text>
#     series <sheet> <name cell> <categories range> <values range> <dash or ->
import posixpath
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
}


def targets(package, part):
    """The targets of a part's relationships, as paths in the package."""
    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if rels not in package.namelist():
        return {}
    out = {}
    for rel in ET.fromstring(package.read(rels)).findall("p:Relationship", NS):
        out[rel.get("Id")] = posixpath.normpath(posixpath.join(posixpath.dirname(part), rel.get("Target")))
    return out


with zipfile.ZipFile(sys.argv[1]) as package:
    workbook_rels = targets(package, "xl/workbook.xml")
    workbook = ET.fromstring(package.read("xl/workbook.xml"))
    for sheet in workbook.findall("m:sheets/m:sheet", NS):
        part = workbook_rels[sheet.get("{%s}id" % NS["r"])]
        sheet_rels = targets(package, part)
        for drawing in ET.fromstring(package.read(part)).findall("m:drawing", NS):
            drawing_part = sheet_rels[drawing.get("{%s}id" % NS["r"])]
            drawing_rels = targets(package, drawing_part)
            for anchor in ET.fromstring(package.read(drawing_part)):
                frame = anchor.find("xdr:graphicFrame", NS)
                if frame is None:
                    continue
                descr = frame.find("xdr:nvGraphicFramePr/xdr:cNvPr", NS).get("descr") or "-"
                ref = frame.find(".//c:chart", NS).get("{%s}id" % NS["r"])
                chart = ET.fromstring(package.read(drawing_rels[ref]))
                plot = chart.find("c:chart/c:plotArea", NS)
                kinds = [e for e in plot if e.tag.endswith("Chart")]
                title = "".join(t.text or "" for t in chart.findall("c:chart/c:title//a:t", NS))
                name = sheet.get("name")
                print("\t".join(["chart", clean(name), kinds[0].tag.split("}")[1], clean(title), clean(descr)]))
                for ser in kinds[0].findall("c:ser", NS):
                    def formula(path):
                        f = ser.find(path, NS)
                        return clean(f.text) if f is not None else "-"
                    dash = ser.find("c:spPr/a:ln/a:prstDash", NS)
                    print("\t".join([
                        "series", clean(name), formula("c:tx/c:strRef/c:f"),
                        formula("c:cat//c:f") if ser.find("c:cat", NS) is not None else formula("c:xVal//c:f"),
                        formula("c:val//c:f") if ser.find("c:val", NS) is not None else formula("c:yVal//c:f"),
                        dash.get("val") if dash is not None else "-",
                    ]))
