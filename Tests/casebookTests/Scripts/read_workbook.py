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
