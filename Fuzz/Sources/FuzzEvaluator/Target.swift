// The evaluator on valid-looking queries: the fuzz bytes choose, from lists,
// the statements, sources, stages, columns, operators, literals and functions
// of a few statements, which run through an Engine over small tables kept in
// the workspace (`Workspace.bind`). Most queries are well formed; many are
// still wrong (a text column in arithmetic, an unknown name), and a diagnostic
// is a fine answer. A trap, a crash, a sanitizer report or a hang is a bug.
//
// Files: `write`, `output`, `once`, `chart … to`, `save session` and `load`
// only ever name a few files in a private folder under /tmp.

import CasebookCore
import FuzzKit

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - The tables

private func csvTable(_ text: String) -> Table {
    let bytes = Array(text.utf8)
    do {
        return try bytes.withUnsafeBufferPointer { (p) throws(Diagnostic) in
            try CSVReader.read(p, fileName: "fixture").0
        }
    } catch {
        fuzzFailure("fixture table did not load: \(error.message)")
    }
}

private let tables: [(String, Table)] = [
    ("t", csvTable("""
        la_code,la_name,level,region,year,x,y,z,note
        870,Reading,Local authority,South East,2016,10,1.5,0,a
        870,Reading,Local authority,South East,2017,c,2.25,-0.5,
        871,Slough,Local authority,South East,2016,9223372036854775807,x,1e300,Ünïcödé
        871,Slough,Local authority,South East,2017,-9223372036854775808,-1e-300,3,"with, comma"
        201,City of London,Local authority,London,2016,0,0,z,c
        201,City of London,Local authority,London,2017,7,u,2,"line
        break"
        ,England,National,,2016,100,50.5,1,
        ,England,National,,2017,low,k,..,x
        """)),
    ("s", csvTable("""
        la_code,la_name,year,v,w
        870,Reading,2016,3.5,one
        870,Reading,2016,4.5,two
        871,Slough,2017,-1,
        999,Nowhere,2018,c,three
        """)),
    ("e", csvTable("la_code,la_name,year,v\n")),
    ("one", csvTable("k\n1\n")),
    // Values at the edges of a Double and of 64 bits, for computed extremes:
    // sums, variances, changes and products of these overflow.
    ("m", csvTable("""
        la_code,la_name,year,v,x,y
        870,Reading,2016,1.7e308,9223372036854775807,5e-324
        870,Reading,2017,-1.7e308,-9223372036854775808,1e-320
        871,Slough,2016,1e308,1,-5e-324
        871,Slough,2017,c,-1,0
        """)),
    ("dup", csvTable("k,year,v\n1,2016,1\n1,2016,2\n1,2016,3\n1,2017,4\n1,2017,5\n")),
    ("authorities", csvTable("""
        la_code,la_name,ons_code,region,type,inner_outer,status,replaced_by,ended,former_ons_codes
        870,Reading,E06000038,South East,Unitary authority,,current,,,
        871,Slough,E06000039,South East,Unitary authority,,current,,,E06000099
        201,City of London,E09000001,London,London borough,Inner London,current,,,
        909,Cumbria,E10000006,North West,County,,former,Cumberland (942),2023,
        942,Cumberland,E06000063,North West,Unitary authority,,current,,,
        """)),
    ("neighbours", csvTable("""
        model,la_code,la_name,position,neighbour_code,neighbour_name,closeness
        2025,870,Reading,1,871,Slough,Close
        2025,870,Reading,2,201,City of London,Not close
        2025,871,Slough,1,870,Reading,Close
        2021,870,Reading,1,201,City of London,Close
        """)),
]

private let folder: String = {
    var template = Array("/tmp/casebook-fuzz-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fuzzFailure("mkdtemp failed") }
    let path = String(cString: made)
    let csv = "la_code,la_name,year,v\n870,Reading,2016,1\n871,Slough,2017,c\n"
    if let f = fopen(path + "/in.csv", "w") {
        fputs(csv, f)
        fclose(f)
    }
    return path
}()

// MARK: - The vocabulary

private let sources = ["t", "s", "e", "one", "dup", "m", "authorities", "neighbours", "kept", "nope"]
private let columns = [
    "la_code", "la_name", "level", "region", "year", "x", "y", "z", "note", "v", "w", "k", "model", "position",
    "neighbour_code", "status", "d", "rank", "tied", "x_change", "measure", "value", "`2016`", "`la name`", "nope",
    "LA_NAME", "count", "share",
]
private let numberLiterals = [
    "0", "1", "-1", "2", "7", "2016", "2017", "0.5", "-0.0", "1e308", "-1e308", "1e-320", "9223372036854775807",
    "-9223372036854775808", "9223372036854775808", "99999999999999999999999", "3.14159", ".5", "15", "-15", "100",
    "1.7e308", "1e306", "-1e307", "0.50000000001", "10000000000000002", "1e-11", "4.9e-324",
]
private let stringLiterals = [
    "\"\"", "\"Reading\"", "\"reading\"", "\"South East\"", "\"c\"", "\"x\"", "\"Ünïcödé\"", "'a'", "\"*\"", "\"%\"",
    "\"?\"", "\"r*g\"", "\"\\\"\"", "\"870\"", "\"E06000038\"", "\"slough\"", "\"cumbria\"", "\"England\"", "\"London\"",
    "\"kingston\"", "\"nowhere\"", "\"1,234\"", "\"12.5%\"", "\" 3 \"",
]
private let markers = ["missing", "missing(\"c\")", "missing(\"x\")", "missing(\"low\")", "missing(\"nope\")", "missing()"]
private let functions: [(String, Int)] = [
    ("round", 1), ("round", 2), ("abs", 1), ("floor", 1), ("ceil", 1), ("sqrt", 1), ("lower", 1), ("upper", 1),
    ("trim", 1), ("length", 1), ("contains", 2), ("starts_with", 2), ("ends_with", 2), ("concat", 3),
    ("coalesce", 2), ("is_missing", 1), ("reason", 1), ("if", 3), ("number", 1), ("text", 1), ("la", 1),
    ("nofunction", 1), ("round", 3), ("if", 1),
]
private let aggregates: [(String, Int)] = [
    ("count", 0), ("count", 1), ("count_missing", 1), ("count_distinct", 1), ("sum", 1), ("mean", 1), ("avg", 1),
    ("median", 1), ("min", 1), ("max", 1), ("stddev", 1), ("variance", 1), ("quantile", 2), ("corr", 2),
    ("spearman", 2), ("sparkline", 1), ("first", 1), ("last", 1), ("n", 0), ("sum", 2),
]
private let comparisons = ["=", "==", "!=", "<>", "<", "<=", ">", ">="]
private let arithmetic = ["+", "-", "*", "/", "%"]
private let files = ["out.csv", "out.json", "out.tsv", "out.md", "chart.svg", "out.txt", "in.csv", "missing.csv", "sub/x.csv"]
private let helpTopics = ["", "where", "stages", "functions", "markers", "keys", "settings", "join", "mean", "nope"]
private let settings: [(String, [String])] = [
    ("format", ["table", "csv", "tsv", "json", "markdown", "md", "xml"]),
    ("rows", ["1", "2", "5", "all", "0", "-1", "99999999999999999999"]),
    ("width", ["1", "2", "10", "40", "auto", "100000", "0"]),
    ("limit", ["1", "3", "10", "1000", "0"]),
    ("timer", ["on", "off"]), ("accessible", ["on", "off"]), ("sources", ["on", "off"]),
    ("chars", ["ascii", "unicode"]), ("colour", ["on", "off"]), ("neighbours", ["2025", "2021", "1999"]),
    ("nosetting", ["1"]),
]

// MARK: - What output must never hold

/// Output in every format is checked for infinities: a computed extreme is a
/// missing value with its reason (ComputedExtremes.swift), never `∞` or `inf`,
/// and JSON never holds `inf` or `nan`, which no JSON reader accepts.
private final class CheckingSink: OutputSink {
    func output(_ text: String) { check(text) }
    func diagnostic(_ text: String) {}
    func info(_ text: String) {}

    func check(_ text: String) {
        if text.contains("∞") { fuzzFailure("an infinity was printed:\n\(text)") }
        let json = text.hasPrefix("[")
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic {
                word.unicodeScalars.append(scalar)
                continue
            }
            let w = word.lowercased()
            if w == "inf" || w == "infinity" || (json && w == "nan") { fuzzFailure("`\(word)` was printed:\n\(text)") }
            word = ""
        }
    }
}

// MARK: - The generator

private struct Generator {
    var c: Choices

    mutating func column() -> String { c.pick(columns) }

    mutating func literal() -> String {
        switch c.below(5) {
        case 0, 1: return c.pick(numberLiterals)
        case 2, 3: return c.pick(stringLiterals)
        default: return c.oneIn(2) ? c.pick(markers) : c.pick(["true", "false"])
        }
    }

    mutating func expr(_ depth: Int, aggregatesAllowed: Bool = true) -> String {
        if depth <= 0 { return c.oneIn(2) ? column() : literal() }
        switch c.below(14) {
        case 0, 1: return column()
        case 2: return literal()
        case 3: return "\(expr(depth - 1)) \(c.pick(arithmetic)) \(expr(depth - 1))"
        case 4: return "\(expr(depth - 1)) \(c.pick(comparisons)) \(expr(depth - 1))"
        case 5: return "\(expr(depth - 1)) \(c.pick(["and", "or"])) \(expr(depth - 1))"
        case 6: return c.oneIn(2) ? "not \(expr(depth - 1))" : "-\(expr(depth - 1))"
        case 7: return "(\(expr(depth - 1)))"
        case 8:
            let items = (0..<c.below(4)).map { _ in expr(depth - 1) }
            return "\(expr(depth - 1))\(c.oneIn(3) ? " not" : "") in [\(items.joined(separator: ", "))]"
        case 9:
            return "\(expr(depth - 1))\(c.oneIn(3) ? " not" : "") between \(expr(depth - 1)) and \(expr(depth - 1))"
        case 10: return "\(expr(depth - 1))\(c.oneIn(3) ? " not" : "") like \(c.oneIn(4) ? expr(depth - 1) : c.pick(stringLiterals))"
        case 11, 12:
            let (name, arity) = c.pick(functions)
            return "\(name)(\((0..<arity).map { _ in expr(depth - 1) }.joined(separator: ", ")))"
        default:
            let (name, arity) = c.pick(aggregates)
            if !aggregatesAllowed || c.oneIn(8) {
                return "\(name)(\((0..<arity).map { _ in expr(depth - 1, aggregatesAllowed: false) }.joined(separator: ", ")))"
            }
            return "\(name)(\((0..<arity).map { _ in expr(depth - 1, aggregatesAllowed: false) }.joined(separator: ", ")))"
        }
    }

    mutating func names(_ most: Int) -> String {
        (0...c.below(most)).map { _ in column() }.joined(separator: ", ")
    }

    mutating func binding(named: Bool) -> String {
        let e = expr(c.below(4))
        return named || c.oneIn(2) ? "\(c.pick(["d", "x", "year", "new", "`a b`", "count"])) = \(e)" : e
    }

    mutating func bindings(named: Bool) -> String {
        (0...c.below(3)).map { _ in binding(named: named) }.joined(separator: ", ")
    }

    mutating func by() -> String { c.oneIn(2) ? " by \(names(2))" : "" }

    mutating func sortKey() -> String {
        expr(c.below(3)) + c.pick(["", " asc", " desc"])
    }

    mutating func count() -> String {
        c.pick(["0", "1", "2", "3", "10", "9223372036854775807", "99999999999999999999"])
    }

    mutating func authority() -> String {
        c.pick(["\"Reading\"", "870", "\"slough\"", "\"England\"", "\"South East\"", "\"Cumbria\"", "\"nowhere\"", "999", "\"E06000099\""])
    }

    mutating func compareSpec(allowDataset: Bool) -> String {
        var out = "\(authority()) on \(c.pick(["x", "y", "z", "v", "note", "nope", "year"]))"
        if allowDataset, c.oneIn(2) { out += " in \(c.pick(sources))" }
        switch c.below(4) {
        case 0: out += " year \(c.pick(["2016", "2017", "2030", "0"]))"
        case 1: out += " years \(c.pick(["2016 to 2017", "2010 to 2030", "2017 to 2017", "all"]))"
        default: break
        }
        if c.oneIn(3) { out += " neighbours \(c.pick(["2025", "2021", "1999", "abc"]))" }
        return out
    }

    mutating func source(_ depth: Int) -> String {
        if depth > 0, c.oneIn(6) { return "(\(pipeline(depth - 1)))" }
        return c.pick(sources)
    }

    mutating func stage(_ depth: Int) -> String {
        switch c.below(30) {
        case 0, 1, 2: return "where \(expr(1 + c.below(4)))"
        case 3: return "select \(bindings(named: false))"
        case 4: return "drop \(names(2))"
        case 5: return "rename \(c.pick(["d", "new", "x"])) = \(column())"
        case 6, 7: return "derive \(bindings(named: true))"
        case 8: return "sort \((0...c.below(2)).map { _ in sortKey() }.joined(separator: ", "))"
        case 9: return "\(c.pick(["take", "skip", "head"])) \(count())"
        case 10: return "distinct" + (c.oneIn(2) ? " \(names(2))" : "")
        case 11: return "group \(names(2))"
        case 12: return "ungroup"
        case 13, 14: return "summarise \(bindings(named: false))\(by())"
        case 15: return "count\(by())"
        case 16, 17:
            let keys = (0...c.below(2)).map { _ -> String in
                let l = column()
                return c.oneIn(3) ? "\(l) = \(column())" : l
            }.joined(separator: ", ")
            return "join \(c.pick(["", "left ", "inner "]))\(source(depth)) on \(keys)"
        case 18: return "rank \(c.oneIn(2) ? "r = " : "")\(sortKey())\(by())"
        case 19: return "change \(column()) over \(column())\(by())"
        case 20: return "wider \(column()) \(column())"
        case 21: return "longer \(names(2)) into \(c.pick(["measure", "x"])), \(c.pick(["value", "x", "measure"]))"
        case 22: return "top \(count()) \(sortKey())\(by())"
        case 23: return "for \((0...c.below(2)).map { _ in c.oneIn(4) ? expr(1) : authority() }.joined(separator: ", "))"
        case 24: return c.pick(["describe", "profile", "sources"])
        case 25: return "write \"\(c.pick(files))\""
        case 26: return "compare \(compareSpec(allowDataset: false))"
        case 27: return "correlate \(column()), \(column())"
        case 28: return "chart " + chart()
        default: return c.pick(["nostage", "summarize \(bindings(named: false))", "filter \(expr(2))", "order \(sortKey())"])
        }
    }

    mutating func chart() -> String {
        var out: String
        switch c.below(4) {
        case 0: out = "bar \(column()) \(column())"
        case 1: out = "line" + (c.oneIn(3) ? "" : " \(column()) \(column())" + (c.oneIn(2) ? " by \(column())" : ""))
        case 2: out = "hist \(column())" + (c.oneIn(2) ? " bins \(c.pick(["1", "2", "100", "101", "0", "7"]))" : "")
        default: out = "scatter \(column()) \(column())"
        }
        if c.oneIn(4) { out += " to \"\(c.pick(files))\"" }
        return out
    }

    mutating func pipeline(_ depth: Int) -> String {
        var out = c.oneIn(8) ? "compare \(compareSpec(allowDataset: true))" : source(depth)
        for _ in 0..<c.below(6) { out += " | " + stage(depth) }
        return out
    }

    /// A statement that computes over the extreme values of `m`: aggregates,
    /// arithmetic, functions and stages that can overflow, in any format.
    mutating func computed() -> String {
        let col = c.pick(["v", "x", "y"])
        let agg = c.pick(["sum", "mean", "variance", "stddev", "median", "min", "max"])
        let op = c.pick(arithmetic)
        let fn = c.pick(["abs", "floor", "ceil", "sqrt", "round"])
        var out = "m"
        for _ in 0...c.below(3) {
            switch c.below(8) {
            case 0: out += " | summarise s = \(agg)(\(col))\(c.oneIn(2) ? " by la_code" : "")"
            case 1: out += " | derive \(col) = \(col) \(op) \(c.oneIn(2) ? c.pick(numberLiterals) : c.pick(["v", "x", "y"]))"
            case 2: out += " | derive \(col) = \(fn)(\(col)\(fn == "round" ? ", \(c.pick(["-20", "-400", "2", "-1"]))" : ""))"
            case 3: out += " | change \(col) over year by la_code"
            case 4: out += " | rank \(col)"
            case 5: out += " | correlate \(col), \(c.pick(["v", "x", "y"]))"
            case 6: out += " | chart \(c.pick(["bar la_name", "hist", "line year", "scatter year"])) \(col)"
            default: out += " | \(c.pick(["describe", "profile", "sort \(col) desc", "top 2 \(col)"]))"
            }
        }
        return out
    }

    mutating func statement() -> String {
        switch c.below(20) {
        case 3, 4: return computed()
        case 0: return "let \(c.pick(["kept", "t", "x"])) = \(pipeline(2))"
        case 1:
            let (name, values) = c.pick(settings)
            return "set \(name) \(c.pick(values))"
        case 2:
            return c.pick([
                "datasets", "describe \(c.pick(sources))", "profile \(c.pick(sources))", "help \(c.pick(helpTopics))",
                "forget \(c.pick(sources))", "output \"\(c.pick(files))\"", "output off", "once \"\(c.pick(files))\"",
                "save session \"\(c.pick(["s.cb", "sub/s.cb"]))\"", "load \"\(c.pick(files))\"\(c.oneIn(2) ? " as kept" : "")",
            ])
        default: return pipeline(2)
        }
    }
}

// MARK: - The target

func fuzzEvaluator(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    var generator = Generator(c: Choices(UnsafeBufferPointer(start: data, count: size)))
    var statements: [String] = []
    repeat {
        statements.append(generator.statement())
    } while !generator.c.exhausted && statements.count < 6
    let text = statements.joined(separator: "\n")
    if getenv("CASEBOOK_FUZZ_PRINT") != nil { printError(text + "\n") }

    let workspace = Workspace(catalog: nil)
    for (name, table) in tables { workspace.bind(name, table, origin: "fuzz") }
    var settings = Settings()
    settings.rowLimit = 10_000
    settings.safe = size % 7 == 0
    settings.allowedFolders = [folder]
    let engine = Engine(
        workspace: workspace, settings: settings, sink: CheckingSink(), baseDirectory: folder, sessionsDirectory: folder)
    engine.homeDirectory = "/nonexistent-home"
    engine.recordsMarkdown = size % 3 == 0
    let result = engine.run(SourceText(name: "fuzz.cb", text: text), keepGoing: true)
    _ = result
    return 0
}
