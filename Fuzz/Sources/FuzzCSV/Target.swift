// The CSV reader on arbitrary bytes, three ways: one worker, two workers, and
// in small blocks (so that block boundaries fall everywhere, as they do in a
// large file read 16 MB at a time). Each table is rendered as a script would
// print it. The three must agree — the same columns, types, rows and problem
// report — and none may trap. Then (for a third of the inputs) the bytes go
// the whole way a user's file goes: written to a file, `load`ed by an Engine (with the tidying of
// explore-education-statistics files), described, profiled and shown.

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
        // What reaches a terminal holds no control character from the file
        // (Output/TerminalText.swift): the table, its accessible form and JSON.
        let shown = ResultRenderer(settings: settings).render(table, format: .table)
        settings.accessible = true
        let read = ResultRenderer(settings: settings).render(table, format: .table)
        let json = ResultRenderer(settings: settings).render(table, format: .json)
        for text in [shown, read, json] {
            for s in text.unicodeScalars {
                let v = s.value
                if (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                    || (0x2066...0x2069).contains(v)
                {
                    fuzzFailure("a control character (U+\(String(v, radix: 16))) reached the rendered output:\n\(text)")
                }
            }
        }
        return Outcome(
            failure: nil, names: table.columnNames, types: table.columns.map { $0.type.rawValue }, rows: table.rowCount,
            csv: csv, report: report.lines())
    } catch {
        return Outcome(failure: error.id.rawValue)
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
    // A third of the inputs (chosen by length, so a rerun does the same): the engine costs more than the reader.
    if size % 3 == 0 { loadAsAFile(bytes) }
    return 0
}

private let folder: String = {
    var template = Array("/tmp/casebook-fuzz-csv-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fuzzFailure("mkdtemp failed") }
    return String(cString: made)
}()

private let authorities: Table = {
    let text = """
        la_code,la_name,ons_code,region,status,replaced_by,ended,former_ons_codes
        870,Reading,E06000038,South East,current,,,
        871,Slough,E06000039,South East,current,,,E06000099
        909,Cumbria,E10000006,North West,former,Cumberland (942),2023,
        """
    let bytes = Array(text.utf8)
    do {
        return try bytes.withUnsafeBufferPointer { (p) throws(Diagnostic) in try CSVReader.read(p, fileName: "a").0 }
    } catch {
        fuzzFailure("fixture did not load")
    }
}()

private let script = SourceText(
    name: "fuzz.cb",
    text: """
        load "f.csv" as f
        f | describe
        f | profile
        f | distinct | take 5
        f | count
        load "f.csv" as g raw
        g | sort 1 | take 3
        """)

private func loadAsAFile(_ bytes: UnsafeBufferPointer<UInt8>) {
    let path = folder + "/f.csv"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fuzzFailure("cannot write \(path)") }
    var written = 0
    while written < bytes.count {
        let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
        guard n > 0 else { break }
        written += n
    }
    close(fd)
    let workspace = Workspace(catalog: nil)
    workspace.bind("authorities", authorities, origin: "fuzz")
    var settings = Settings()
    settings.width = 80
    let engine = Engine(
        workspace: workspace, settings: settings, sink: NullSink(), baseDirectory: folder, sessionsDirectory: folder)
    engine.run(script, keepGoing: true)
}
