// CSV and TSV with RFC 4180 quoting: a field is quoted when it holds the
// delimiter, a quote, a line break or surrounding spaces, and quotes inside are
// doubled. Lines end with LF, which every CSV reader accepts and Unix tools
// prefer. Numbers are written exactly (shortest text that reads back the same);
// missing values as their published marker, so a `c` stays a `c`.

enum DelimitedWriter {
    public static func write(_ table: Table, delimiter: Character) -> String {
        let byte = delimiter.asciiValue ?? UInt8(ascii: ",")
        var out = ""
        out += table.columns.map { quote($0.name, byte) }.joined(separator: String(delimiter)) + "\n"
        // Text is quoted once per distinct value, not once per row.
        let quotedText: [[String]?] = table.columns.map { column in
            guard case .text(_, let dict) = column.data else { return nil }
            return dict.values.map { quote($0, byte) }
        }
        for r in 0..<table.rowCount {
            for (c, column) in table.columns.enumerated() {
                if c > 0 { out.append(delimiter) }
                if let quoted = quotedText[c], !column.isMissing(at: r), case .text(let codes, _) = column.data {
                    out += quoted[Int(codes[r])]
                } else {
                    out += quote(plain(column, r), byte)
                }
            }
            out += "\n"
        }
        return out
    }

    static func plain(_ column: Column, _ r: Int) -> String {
        if column.isMissing(at: r) { return column.reason(at: r).marker == "÷0" ? "" : column.reason(at: r).marker }
        switch column.data {
        case .integer(let v): return String(v[r])
        case .decimal(let v): return NumberText.written(v[r])
        case .text(let codes, let dict): return dict[codes[r]]
        case .boolean(let v): return v[r] ? "true" : "false"
        }
    }

    /// Quoted when it holds the delimiter, a quote, a line break (CR or LF, so
    /// also CRLF) or surrounding spaces. Tested on bytes: a CRLF is one Character,
    /// which a Character test for "\n" would miss.
    static func quote(_ s: String, _ delimiter: UInt8) -> String {
        let utf8 = s.utf8
        let needs = utf8.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || utf8.first == 0x20 || utf8.last == 0x20
        guard needs else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
}

enum JSONWriter {
    /// An array of objects: numbers as numbers, missing values as null.
    public static func write(_ table: Table) -> String {
        if table.rowCount == 0 { return "[]\n" }
        var out = "[\n"
        let keys = table.columns.map { escape($0.name) }
        for r in 0..<table.rowCount {
            out += "  {"
            for (c, column) in table.columns.enumerated() {
                if c > 0 { out += ", " }
                out += keys[c] + ": " + value(column, r)
            }
            out += r == table.rowCount - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    static func value(_ column: Column, _ r: Int) -> String {
        if column.isMissing(at: r) { return "null" }
        switch column.data {
        case .integer(let v): return String(v[r])
        // JSON has no ∞ or NaN; columns never hold them (ComputedExtremes.swift),
        // and this keeps the output valid JSON even if one got through.
        case .decimal(let v): return v[r].isFinite ? NumberText.written(v[r]) : "null"
        case .text(let codes, let dict): return escape(dict[codes[r]])
        case .boolean(let v): return v[r] ? "true" : "false"
        }
    }

    static func escape(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Controls (C0, DEL, C1) and the bidirectional overrides are written
                // as escapes: valid JSON either way, and never raw on a terminal.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                    || (0x2066...0x2069).contains(scalar.value)
                {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4, with: "0")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

enum MarkdownWriter {
    /// A GitHub table: numbers right-aligned, thousands separators, markers as published.
    public static func write(_ table: Table) -> String {
        guard !table.columns.isEmpty else { return "" }
        let rows = Array(0..<table.rowCount)
        let formats = table.columns.map { ColumnFormat($0, rows: rows) }
        var out = "| " + table.columns.map { escape($0.name) }.joined(separator: " | ") + " |\n"
        out += "|" + formats.map { $0.rightAligned ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for r in rows {
            let cells = table.columns.indices.map { escape(formats[$0].text(table.columns[$0], r)) }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func escape(_ s: String) -> String {
        TableRenderer.singleLine(s).replacing("|", with: "\\|")
    }
}
