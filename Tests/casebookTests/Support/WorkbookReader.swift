// A workbook read back by openpyxl (Scripts/read_workbook.py), an independent
// reader: its sheets in order, which rows are frozen, each cell's type,
// value, number format and note, and the native charts on each sheet. A missing python3 or openpyxl fails the test
// with what to install, never a silent pass.

#if canImport(Glibc)
    import Glibc
#endif

struct ReadWorkbook {
    struct Cell: Equatable {
        var kind: String
        var value: String
        var format: String
        var note: String?
    }

    /// A native chart on a sheet, read from the package: its kind (`lineChart`,
    /// `barChart`, …), title, alternative text and series.
    struct Chart: Equatable {
        var kind: String
        var title: String
        var description: String
        var series: [Series] = []
    }

    /// The cells a series is drawn from, as formulas (`'Sheet'!$B$4:$B$15`); dash is "-" when solid.
    struct Series: Equatable {
        var name: String
        var categories: String
        var values: String
        var dash: String
    }

    var sheets: [String] = []
    var frozen: [String: String] = [:]
    var cells: [String: [String: Cell]] = [:]
    var charts: [String: [Chart]] = [:]

    subscript(_ sheet: String, _ coordinate: String) -> Cell? { cells[sheet]?[coordinate] }

    static let script = Checkout.root + "/Tests/casebookTests/Scripts/read_workbook.py"

    static func read(_ path: String) throws -> ReadWorkbook {
        guard let (status, text) = CommandOutput.run("python3 '\(script)' '\(path)' 2>&1") else {
            throw SandboxError("cannot start python3 to read the workbook back")
        }
        guard status == 0 else {
            throw SandboxError(
                "reading \(path) back with openpyxl failed (make test installs openpyxl; or python3 -m pip install openpyxl):\n\(text)")
        }
        var book = ReadWorkbook()
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape(String($0)) }
            if f.first == "sheet", f.count == 3 {
                book.sheets.append(f[1])
                book.frozen[f[1]] = f[2]
            } else if f.first == "chart", f.count == 5 {
                book.charts[f[1], default: []].append(Chart(kind: f[2], title: f[3], description: f[4]))
            } else if f.first == "series", f.count == 6, book.charts[f[1]]?.isEmpty == false {
                let series = Series(name: f[2], categories: f[3], values: f[4], dash: f[5])
                book.charts[f[1]]![book.charts[f[1]]!.count - 1].series.append(series)
            } else if f.first == "cell", f.count == 7 {
                book.cells[f[1], default: [:]][f[2]] = Cell(kind: f[3], value: f[4], format: f[5], note: f[6] == "-" ? nil : f[6])
            }
        }
        return book
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var escaped = false
        for ch in s {
            if escaped {
                out.append(ch == "n" ? "\n" : ch == "t" ? "\t" : ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
