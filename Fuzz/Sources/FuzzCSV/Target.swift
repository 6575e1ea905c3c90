// The CSV reader on arbitrary bytes, three ways: one worker, two workers, and
// in small blocks (so that block boundaries fall everywhere, as they do in a
// large file read 16 MB at a time). Each table is rendered as a script would
// print it. The three must agree — the same columns, types, rows and problem
// report — and none may trap.

import CasebookCore
import FuzzKit

#if canImport(Glibc)
    import Glibc
#endif

private struct Outcome: Equatable {
    var failure: String?
    var names: [String] = []
    var types: [String] = []
    var rows = 0
    var csv = ""
    var report: [String] = []
}

private func read(_ bytes: UnsafeBufferPointer<UInt8>, _ options: CSVReader.Options) -> Outcome {
    do {
        let (table, report) = try CSVReader.read(bytes, fileName: "fuzz.csv", options: options)
        var settings = Settings()
        settings.maxRows = nil
        let csv = ResultRenderer(settings: settings).render(table, format: .csv)
        settings.maxRows = 4
        settings.width = 60
        _ = ResultRenderer(settings: settings).render(table, format: .table)
        return Outcome(
            failure: nil, names: table.columnNames, types: table.columns.map { $0.type.rawValue }, rows: table.rowCount,
            csv: csv, report: report.lines())
    } catch {
        return Outcome(failure: error.id)
    }
}

func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var one = CSVReader.Options()
    one.workers = 1
    var two = CSVReader.Options()
    two.workers = 2
    var blocks = CSVReader.Options()
    blocks.blockBytes = 1 + size % 37
    let a = read(bytes, one)
    let b = read(bytes, two)
    let c = read(bytes, blocks)
    if a != b { fuzzFailure("one and two workers disagree:\n\(a)\n\(b)") }
    if a != c { fuzzFailure("reading in blocks of \(blocks.blockBytes!) bytes disagrees:\n\(a)\n\(c)") }
    return 0
}
