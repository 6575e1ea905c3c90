// Malformed CSV, one case per fixture in Fixtures/csv (named by what it shows),
// plus large inputs generated into a temporary folder. Each case states the
// load report's lines exactly and the table's shape: a load never stops on a bad
// row, and every problem is said once, with its line.
//
// Not covered: a file that changes during the read() that copies it in. A file
// that grows or is truncated after it was opened is covered (CSVLoaderTests);
// a change in the middle of the copy cannot be made deterministic from a test.

import Testing

@testable import CasebookCore

struct MalformedCase: Sendable, CustomTestStringConvertible {
    enum Source: Sendable {
        case fixture
        /// Written to a temporary folder by the test (too large to commit).
        case generated(@Sendable () -> [UInt8])
    }

    let file: String
    var source: Source = .fixture
    /// The load fails with this message instead.
    var error: String? = nil
    var rows = 0
    var columns = 0
    /// The report's lines without the leading file name: ":3: row has …" or ": skipped …".
    var messages: [String] = []
    var names: [String]? = nil
    var values: [String: [Value]] = [:]
    var types: [String: ColumnType] = [:]

    var testDescription: String { file }
}

extension MalformedCase {
    static func generatedBytes(_ file: String, _ make: @escaping @Sendable () -> [UInt8]) -> MalformedCase {
        MalformedCase(file: file, source: .generated(make))
    }
}

private func short(_ line: Int, _ fields: Int, _ expected: Int) -> String {
    ":\(line): row has \(fields) field\(fields == 1 ? "" : "s"), expected \(expected); the missing ones are empty"
}
private func long(_ line: Int, _ fields: Int, _ expected: Int) -> String {
    ":\(line): row has \(fields) fields, expected \(expected); kept the first \(expected)"
}
private func unclosed(_ line: Int) -> String {
    ":\(line): a quote opened here is never closed; read it as an ordinary character"
}
private func afterQuote(_ line: Int) -> String { ":\(line): text after a closing quote; kept it in the field" }

let malformedCases: [MalformedCase] = [
    // Ragged rows
    MalformedCase(
        file: "ragged_short_row.csv", rows: 3, columns: 3, messages: [short(3, 2, 3)],
        values: ["referrals": [.integer(1673), .missing(.empty), .integer(900)]]),
    MalformedCase(
        file: "ragged_long_row.csv", rows: 3, columns: 2, messages: [long(3, 3, 2)],
        values: ["b": [.integer(2), .integer(4), .integer(7)]]),
    MalformedCase(
        file: "ragged_short_and_long_rows.csv", rows: 4, columns: 3, messages: [short(3, 1, 3), long(4, 5, 3)],
        values: ["c": [.integer(3), .missing(.empty), .integer(7), .integer(12)]]),
    MalformedCase(
        file: "ragged_many_short_rows.csv", rows: 9, columns: 2,
        messages: (2...6).map { short($0, 1, 2) } + [": … and 4 more like this"]),
    MalformedCase(
        file: "ragged_many_long_rows.csv", rows: 6, columns: 2,
        messages: (2...6).map { long($0, 3, 2) } + [": … and 1 more like this"]),
    MalformedCase(
        file: "ragged_row_after_multiline_field.csv", rows: 2, columns: 3, messages: [short(4, 2, 3)],
        values: ["note": [.text("two\nlines"), .text("x")]]),
    MalformedCase(
        file: "trailing_comma_every_line.csv", rows: 2, columns: 3,
        messages: [":1: column 3 has no name; called it `column_3`"], names: ["a", "b", "column_3"],
        values: ["column_3": [.missing(.empty), .missing(.empty)]], types: ["column_3": .integer]),
    MalformedCase(
        file: "trailing_comma_data_rows_only.csv", rows: 2, columns: 2, messages: [long(2, 3, 2), long(3, 3, 2)]),
    MalformedCase(
        file: "whitespace_only_line_is_a_short_row.csv", rows: 3, columns: 2, messages: [short(3, 1, 2)],
        values: ["a": [.integer(1), .missing(.empty), .integer(3)]]),

    // Quoting
    MalformedCase(
        file: "unclosed_quote_last_row.csv", rows: 2, columns: 2, messages: [unclosed(3)],
        values: ["a": [.text("1"), .text("\"3")], "b": [.integer(2), .integer(4)]]),
    MalformedCase(
        file: "unclosed_quote_last_row_rest_still_read.csv", rows: 4, columns: 2, messages: [unclosed(3)],
        values: ["b": [.integer(2), .integer(4), .integer(6), .integer(8)]]),
    MalformedCase(
        file: "unclosed_quote_in_header.csv", rows: 1, columns: 2, messages: [unclosed(1)], names: ["\"a", "b"]),
    MalformedCase(
        file: "quote_opened_mid_file_runs_to_next_quote.csv", rows: 2, columns: 2,
        messages: [short(2, 1, 2), afterQuote(3)],
        values: ["a": [.text("open,1\n2,x\""), .text("3")]]),
    MalformedCase(
        file: "text_after_closing_quote.csv", rows: 2, columns: 2, messages: [afterQuote(2)],
        values: ["a": [.text("abcd"), .text("3")]]),
    MalformedCase(
        file: "text_after_closing_quote_in_header.csv", rows: 1, columns: 2, messages: [afterQuote(1)],
        names: ["ab", "c"]),
    MalformedCase(
        file: "quote_inside_unquoted_field.csv", rows: 1, columns: 2, values: ["item": [.text("5\" screen")]]),
    MalformedCase(
        file: "doubled_quotes.csv", rows: 2, columns: 2, values: ["q": [.text("he said \"hi\""), .text("\"\"")]]),
    MalformedCase(
        file: "empty_quoted_fields.csv", rows: 2, columns: 2,
        values: ["a": [.missing(.empty), .integer(1)]], types: ["a": .integer]),
    MalformedCase(
        file: "quoted_field_with_crlf_inside.csv", rows: 2, columns: 2,
        values: ["note": [.text("line one\r\nline two"), .text("x")]]),
    MalformedCase(
        file: "quoted_newline_in_header.csv", rows: 1, columns: 2, names: ["id", "two\nline name"]),
    MalformedCase(
        file: "quoted_delimiters_and_long_row.csv", rows: 1, columns: 2, messages: [long(2, 3, 2)],
        values: ["a": [.text("1,2")], "b": [.text("3,4")]]),

    // Bytes that are not UTF-8 text
    MalformedCase(
        file: "invalid_utf8_latin1.csv", rows: 3, columns: 2,
        messages: [
            ":2: invalid UTF-8 in column `la_name` (shown as �)", ":4: invalid UTF-8 in column `la_name` (shown as �)",
        ],
        values: ["la_name": [.text("Caf\u{FFFD}"), .text("OK"), .text("Na\u{FFFD}ve")]]),
    MalformedCase(
        file: "invalid_utf8_truncated_sequence.csv", rows: 2, columns: 2,
        messages: [":2: invalid UTF-8 in column `sym` (shown as �)"],
        values: ["sym": [.text("\u{FFFD}"), .text("€")]]),
    MalformedCase(
        file: "invalid_utf8_in_header.csv", rows: 1, columns: 2,
        messages: [":1: invalid UTF-8 in the name of column 1 (shown as �)"], names: ["na\u{FFFD}me", "n"]),
    MalformedCase(
        file: "nul_byte_in_text_field.csv", rows: 2, columns: 2, messages: [":3: NUL byte in column `b` (removed)"],
        values: ["b": [.text("ok"), .text("xy")]]),
    MalformedCase(
        file: "nul_byte_in_numeric_column.csv", rows: 2, columns: 2, messages: [":3: NUL byte in column `n` (removed)"],
        values: ["n": [.text("1"), .text("23")]]),
    MalformedCase(
        file: "nul_byte_in_header.csv", rows: 1, columns: 2, messages: [":1: NUL byte in the name of column 1 (removed)"],
        names: ["ab", "c"]),
    MalformedCase(
        file: "utf16le_with_bom.csv", rows: 1, columns: 2,
        messages: [": the file is UTF-16 (little-endian), not UTF-8; converted it to read it"],
        names: ["la_code", "la_name"], values: ["la_code": [.integer(870)], "la_name": [.text("Reading")]]),
    MalformedCase(
        file: "utf16be_with_bom.csv", rows: 1, columns: 2,
        messages: [": the file is UTF-16 (big-endian), not UTF-8; converted it to read it"],
        names: ["la_code", "la_name"], values: ["la_name": [.text("Reading")]]),

    // Blank lines, empty and header-only files
    MalformedCase(
        file: "blank_lines_between_rows.csv", rows: 3, columns: 2, messages: [": skipped 3 blank lines"],
        values: ["a": [.integer(1), .integer(3), .integer(5)]]),
    MalformedCase(file: "blank_lines_before_header.csv", rows: 2, columns: 2, messages: [short(6, 1, 2)]),
    MalformedCase(file: "blank_lines_at_end.csv", rows: 1, columns: 2, messages: [": skipped 2 blank lines"]),
    MalformedCase(
        file: "lf_cr_line_ends_make_blank_lines.csv", rows: 2, columns: 2, messages: [": skipped 3 blank lines"]),
    MalformedCase(
        file: "single_column_blank_line_skipped.csv", rows: 2, columns: 1, messages: [": skipped 1 blank line"],
        values: ["v": [.integer(1), .integer(3)]]),
    MalformedCase(file: "empty.csv", error: "empty.csv is empty (0 bytes)"),
    MalformedCase(file: "only_line_ends.csv", error: "only_line_ends.csv is empty"),
    MalformedCase(file: "only_bom.csv", error: "only_bom.csv is empty"),
    MalformedCase(
        file: "header_only.csv", rows: 0, columns: 3, messages: [": has a header but no rows"], names: ["a", "b", "c"]),
    MalformedCase(
        file: "header_only_no_line_end.csv", rows: 0, columns: 3, messages: [": has a header but no rows"]),
    MalformedCase(
        file: "header_only_then_blank_lines.csv", rows: 0, columns: 2, messages: [": has a header but no rows"]),
    MalformedCase(
        file: "header_blank_names.csv", rows: 1, columns: 4,
        messages: [":1: column 2 has no name; called it `column_2`", ":1: column 4 has no name; called it `column_4`"],
        names: ["a", "column_2", "c", "column_4"]),
    MalformedCase(
        file: "header_duplicate_names.csv", rows: 1, columns: 4,
        messages: [
            ":1: column 3 repeats the name `rate`; called it `rate_2`",
            ":1: column 4 repeats the name `year`; called it `year_2`",
        ],
        names: ["year", "rate", "rate_2", "year_2"]),
    MalformedCase(
        file: "header_duplicate_keeps_later_names.csv", rows: 1, columns: 3,
        messages: [":1: column 2 repeats the name `a`; called it `a_3`"], names: ["a", "a_3", "a_2"]),
    MalformedCase(file: "header_names_differing_in_case.csv", rows: 1, columns: 2, names: ["Rate", "rate"]),

    // BOM and line ends
    MalformedCase(file: "bom_then_header.csv", rows: 1, columns: 2, names: ["la_code", "la_name"]),
    MalformedCase(
        file: "bom_crlf_header_only.csv", rows: 0, columns: 2, messages: [": has a header but no rows"],
        names: ["a", "b"]),
    MalformedCase(
        file: "mixed_line_ends.csv", rows: 4, columns: 2, messages: [short(5, 1, 2)],
        values: ["a": [.integer(1), .integer(3), .integer(5), .integer(7)]]),
    MalformedCase(
        file: "lone_cr_line_ends.csv", rows: 2, columns: 2, values: ["b": [.integer(2), .integer(4)]]),
    MalformedCase(file: "crlf_line_ends.csv", rows: 2, columns: 2, values: ["b": [.integer(2), .integer(4)]]),
    MalformedCase(file: "no_final_line_end.csv", rows: 2, columns: 2, values: ["b": [.integer(2), .integer(4)]]),

    // Delimiters
    MalformedCase(
        file: "semicolon_with_decimal_commas.csv", rows: 2, columns: 2,
        messages: [
            ": the file is separated by `;`, so a comma in a number is its decimal point (0,5 is 0.5): read so in `rate`"
        ],
        values: ["rate": [.decimal(465.1), .decimal(12.5)]]),
    MalformedCase(
        file: "tab_separated_with_commas_in_values.csv", rows: 2, columns: 2,
        values: ["name": [.text("Bristol, City of"), .text("Hull, City of")], "n": [.integer(1), .integer(2)]]),

    // Types and markers
    MalformedCase(
        file: "only_markers.csv", rows: 3, columns: 3,
        values: [
            "referrals": [.missing(.confidential), .missing(.notApplicable), .missing(.dots)],
            "rate": [.missing(.notAvailable), .missing(.low), .missing(.tilde)],
        ],
        types: ["referrals": .integer, "rate": .integer]),
    MalformedCase(
        file: "capital_letters_are_not_markers.csv", rows: 3, columns: 1,
        values: ["v": [.text("1"), .text("C"), .text("X")]]),
    MalformedCase(
        file: "all_empty_column.csv", rows: 2, columns: 2, values: ["b": [.missing(.empty), .missing(.empty)]],
        types: ["b": .integer]),
    MalformedCase(
        file: "numeric_column_text_on_last_row.csv", rows: 4, columns: 2,
        values: ["v": [.text("10"), .text("c"), .missing(.empty), .text("see note")]]),
    MalformedCase(
        file: "leading_zero_codes.csv", rows: 2, columns: 2, values: ["code": [.text("0123"), .text("456")]]),
    MalformedCase(
        file: "thousands_separators_in_quotes.csv", rows: 2, columns: 1,
        values: ["n": [.integer(1234), .integer(1_234_567)]]),
    MalformedCase(
        file: "bad_thousands_grouping_is_text.csv", rows: 2, columns: 1, values: ["n": [.text("12,34"), .text("5")]]),
    MalformedCase(
        file: "percentages.csv", rows: 3, columns: 1, values: ["p": [.decimal(12.5), .decimal(50), .decimal(-0.5)]]),
    MalformedCase(
        file: "integer_overflow_to_decimal.csv", rows: 2, columns: 1, values: ["n": [.decimal(1), .decimal(1e20)]]),
    MalformedCase(file: "exponents.csv", rows: 2, columns: 1, values: ["n": [.decimal(1000), .decimal(0.025)]]),
    MalformedCase(file: "spaces_around_numbers.csv", rows: 2, columns: 1, values: ["n": [.integer(12), .integer(3)]]),
    MalformedCase(
        file: "time_period_academic_years.csv", rows: 2, columns: 3,
        messages: [
            ": `time_period` values such as 201516 are years ending 31 March; added `year` (201516 → 2016)"
        ],
        names: ["time_period", "year", "v"], values: ["year": [.integer(2016), .integer(2017)]]),
    MalformedCase(file: "time_period_mixed_forms.csv", rows: 2, columns: 2, names: ["time_period", "v"]),

    // Several problems in one file, each reported in the report's order of kinds.
    MalformedCase(
        file: "many_problems_in_one_file.csv", rows: 5, columns: 3,
        messages: [
            ":1: column 2 has no name; called it `column_2`",
            ":1: column 3 repeats the name `a`; called it `a_2`",
            short(3, 2, 3),
            long(5, 4, 3),
            afterQuote(6),
            ":7: invalid UTF-8 in column `a` (shown as �)",
            ": skipped 1 blank line",
        ],
        names: ["a", "column_2", "a_2"],
        values: ["a": [.text("1"), .text("4"), .text("6"), .text("xy"), .text("\u{FFFD}")]]),

    // Generated: too large to commit.
    {
        // One 10 MB line and nothing else: a header of 104,858 equal names
        // (renaming them must not be quadratic) and no rows.
        var c = MalformedCase.generatedBytes("ten_megabyte_single_line.csv") {
            var field = [UInt8](repeating: UInt8(ascii: "v"), count: 99)
            field.append(UInt8(ascii: ","))
            var bytes: [UInt8] = []
            bytes.reserveCapacity(10 << 20)
            for _ in 0..<((10 << 20) / 100) { bytes += field }
            bytes += [UInt8](repeating: UInt8(ascii: "v"), count: 99)
            return bytes
        }
        let n = (10 << 20) / 100 + 1
        let v = String(repeating: "v", count: 99)
        c.rows = 0
        c.columns = n
        c.messages =
            (2...6).map { ":1: column \($0) repeats the name `\(v)`; called it `\(v)_\($0)`" }
            + [": … and \(NumberText.grouped(n - 6)) more like this", ": has a header but no rows"]
        return c
    }(),
    {
        // A 10 MB quoted field on one line, with commas, doubled quotes and line
        // ends inside: one row, not split between workers.
        var c = MalformedCase.generatedBytes("ten_megabyte_quoted_field.csv") {
            var bytes = Array("id,text,n\n1,\"".utf8)
            let piece = Array("a, \"\"b\"\"\r\nc ".utf8)
            bytes.reserveCapacity((10 << 20) + 100)
            while bytes.count < 10 << 20 { bytes += piece }
            bytes += Array("\",7\n2,short,8\n".utf8)
            return bytes
        }
        c.rows = 2
        c.columns = 3
        c.values = ["id": [.integer(1), .integer(2)], "n": [.integer(7), .integer(8)]]
        return c
    }(),
    {
        // 10 MB of rows whose line ends are all lone CRs, a short row at the end.
        var c = MalformedCase.generatedBytes("ten_megabytes_of_cr_line_ends.csv") {
            var bytes = Array("a,b\r".utf8)
            var i = 0
            while bytes.count < 10 << 20 {
                bytes += Array("\(i),\(i % 10)\r".utf8)
                i += 1
            }
            bytes += Array("end\r".utf8)
            return bytes
        }
        // 10 + 90×2 + 900×3 + 9000×4 + 90000×5 + … bytes: count the rows the same way.
        var size = 4, rows = 0
        while size < 10 << 20 {
            size += "\(rows),\(rows % 10)\r".utf8.count
            rows += 1
        }
        c.rows = rows + 1
        c.columns = 2
        c.messages = [short(rows + 2, 1, 2)]
        return c
    }(),
]

@Suite("Malformed CSV")
struct MalformedCSVTests {
    @Test func thereAreAtLeastFiftyCases() {
        #expect(malformedCases.count >= 50)
        #expect(Set(malformedCases.map(\.file)).count == malformedCases.count, "one case per file")
    }

    @Test func everyFixtureHasACase() {
        let fixtures = (Directory.list(DataPaths.fixtures) ?? []).filter { $0.hasSuffix(".csv") }
        let named = Set(malformedCases.map(\.file))
        #expect(fixtures.count >= 50)
        for f in fixtures { #expect(named.contains(f), "\(f) has no case") }
    }

    @Test(arguments: malformedCases)
    func malformed(_ c: MalformedCase) throws {
        let folder: TemporaryFolder?
        let path: String
        switch c.source {
        case .fixture:
            folder = nil
            path = DataPaths.fixtures + "/" + c.file
            try #require(Directory.fileExists(path), "missing fixture \(path)")
        case .generated(let make):
            folder = TemporaryFolder()
            path = folder!.write(c.file, bytes: make())
        }
        defer { folder?.remove() }

        if let error = c.error {
            #expect(CSVTest.loadFailure(path, as: c.file)?.message == error)
            return
        }
        let (t, report) = try CSVTest.load(path, as: c.file)
        #expect(t.rowCount == c.rows)
        #expect(t.columns.count == c.columns)
        #expect(t.columns.allSatisfy { $0.count == t.rowCount }, "every column has a value per row")
        #expect(report.rows == c.rows)
        #expect(report.columns == c.columns)
        #expect(report.lines() == c.messages.map { c.file + $0 })
        if let names = c.names { #expect(t.columnNames == names) }
        for (name, values) in c.values.sorted(by: { $0.key < $1.key }) { #expect(t.values(name) == values, "`\(name)`") }
        for (name, type) in c.types.sorted(by: { $0.key < $1.key }) { #expect(t.type(of: name) == type, "`\(name)`") }
    }
}
