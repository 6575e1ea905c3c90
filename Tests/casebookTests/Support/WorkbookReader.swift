// A workbook read back by openpyxl (Scripts/read_workbook.py), an independent
// reader: its sheets in order, which rows are frozen, and each cell's type,
// value, number format and note. A missing python3 or openpyxl fails the test
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

    var sheets: [String] = []
    var frozen: [String: String] = [:]
    var cells: [String: [String: Cell]] = [:]

    subscript(_ sheet: String, _ coordinate: String) -> Cell? { cells[sheet]?[coordinate] }

    static let script = Checkout.root + "/Tests/casebookTests/Scripts/read_workbook.py"

    static func read(_ path: String) throws -> ReadWorkbook {
        guard let pipe = popen("python3 '\(script)' '\(path)' 2>&1", "r") else {
            throw SandboxError("cannot start python3 to read the workbook back")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        let status = pclose(pipe)
        let text = String(decoding: bytes, as: UTF8.self)
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
