// What reaches a terminal from a file or a person (Output/TerminalText.swift):
// every control character shown rather than sent, in every renderer.

@testable import CasebookCore
import Foundation
import Testing

@Suite("Terminal text")
struct TerminalTextTests {
    @Test("every C0 control but line feed and tab, DEL, C1 and the bidi controls are shown by code")
    func everyControlIsShown() {
        for value in UInt32(0)..<0x20 where value != 0x0A && value != 0x09 {
            let s = "a" + String(Unicode.Scalar(value)!) + "b"
            let shown = TerminalText.visible(s)
            #expect(shown == "a^" + String(Unicode.Scalar(value + 0x40)!) + "b", "U+\(value)")
        }
        #expect(TerminalText.visible("a\u{7F}b") == "a^?b")
        for value in UInt32(0x80)...0x9F {
            let shown = TerminalText.visible("a" + String(Unicode.Scalar(value)!) + "b")
            #expect(shown == "a<U+00\(String(value, radix: 16, uppercase: true))>b")
        }
        for value in Array(UInt32(0x202A)...0x202E) + Array(UInt32(0x2066)...0x2069) {
            let shown = TerminalText.visible(String(Unicode.Scalar(value)!))
            #expect(shown == "<U+\(String(value, radix: 16, uppercase: true))>")
        }
        #expect(TerminalText.visible("line\nnext\tcell") == "line\nnext\tcell")
        #expect(TerminalText.singleLine("a\r\nb\tc\rd") == "a b c d")
        // Nearby characters that are not controls stay as they are.
        let plain = "Ünïcödé £ € – ‘quoted’ \u{2029}x \u{A0} 漢字 🙂 \u{2010}"
        #expect(TerminalText.visible(plain) == plain)
    }

    @Test("no byte of a control survives, for random text")
    func randomText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let scalars = (0..<40).compactMap { _ -> Unicode.Scalar? in
                let pick = Int.random(in: 0..<4, using: &generator)
                let value: UInt32 = pick == 0 ? UInt32.random(in: 0..<0x20, using: &generator)
                    : pick == 1 ? UInt32.random(in: 0x7F...0xA0, using: &generator)
                    : pick == 2 ? UInt32.random(in: 0x2028...0x206F, using: &generator)
                    : UInt32.random(in: 0x20...0x7E, using: &generator)
                return Unicode.Scalar(value)
            }
            let shown = TerminalText.visible(String(String.UnicodeScalarView(scalars)))
            for s in shown.unicodeScalars {
                let v = s.value
                #expect(!(v < 0x20 && v != 0x0A && v != 0x09) && !(0x7F...0x9F).contains(v))
                #expect(!(0x202A...0x202E).contains(v) && !(0x2066...0x2069).contains(v))
            }
        }
    }

    @Test("Casebook's own colour styles pass only when asked for; any other sequence is shown")
    func styles() {
        let bold = "\u{1B}[1mname\u{1B}[0m"
        #expect(TerminalText.visible(bold, keepingStyles: true) == bold)
        #expect(TerminalText.visible(bold) == "^[[1mname^[[0m")
        #expect(TerminalText.visible("\u{1B}[2J\u{1B}[1m", keepingStyles: true) == "^[[2J\u{1B}[1m")
        #expect(TerminalText.visible("\u{1B}[1", keepingStyles: true) == "^[[1")
    }

    static let hostile = "name,\"he\u{1B}[2Jad\"\n\"A\u{1B}]0;title\u{07}B\",1\n\"cr\rover\",2\n\"c1\u{9B}31m\",3\n\"bi\u{202E}di\",4\n"

    static func load() throws -> (String, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-hostile-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("hostile.csv").path
        try Data(hostile.utf8).write(to: URL(fileURLWithPath: path))
        return (path, folder.path)
    }

    /// True when `text` holds a byte a terminal would obey: a C0 control other
    /// than line feed and tab, DEL, a C1 control, or a bidi override.
    static func holdsControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v)
        }
    }

    @Test("tables, accessible tables, Markdown, charts, notes and descriptions show cells and headers escaped", arguments: [
        "h", "h | select `he\u{1B}[2Jad`, name", "h | chart bar name `he\u{1B}[2Jad`", "h | describe", "h | profile",
        "h | count by name", "h | chart hist `he\u{1B}[2Jad`", "h | wider name `he\u{1B}[2Jad`",
    ])
    func renderersEscape(_ statement: String) throws {
        let (path, folder) = try Self.load()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for setting in ["format table", "accessible on", "format markdown", "chars ascii"] {
            let run = Hardening.run("set \(setting)\nload \"\(path)\" as h\n\(statement)")
            #expect(!run.result.failed, "\(setting): \(run.stderr)")
            // Charts in a non-table format go to standard error.
            let printed = run.stdout + run.stderr
            #expect(!Self.holdsControls(printed), "\(setting): \(printed.debugDescription)")
            #expect(printed.contains("^[") || printed.contains("<U+"), "\(setting): \(printed)")
        }
    }

    @Test("JSON keeps the text exactly, as escapes: it parses back to the same strings")
    func jsonKeepsText() throws {
        let (path, folder) = try Self.load()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = Hardening.run("set format json\nload \"\(path)\" as h\nh")
        #expect(!Self.holdsControls(run.stdout), "\(run.stdout.debugDescription)")
        let rows = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.map { $0["name"] as? String } == ["A\u{1B}]0;title\u{07}B", "cr\rover", "c1\u{9B}31m", "bi\u{202E}di"])
        #expect(rows?.first?.keys.contains("he\u{1B}[2Jad") == true)
    }

    @Test("a written CSV file keeps its bytes: escaping is for the terminal only")
    func filesKeepBytes() throws {
        let (path, folder) = try Self.load()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/out.csv"
        let run = Hardening.run("load \"\(path)\" as h\nh | write \"\(out)\"")
        #expect(!run.result.failed, "\(run.stderr)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("A\u{1B}]0;title\u{07}B"))
    }

    @Test("diagnostics show a bidi override in the source as one column, so nothing reorders the excerpt or its caret")
    func diagnosticsHideBidi() {
        for source in ["authorities | where la_name = \"a\u{202E}b\" and nope", "authorities | where \u{202E} x", "`a\u{2066}b` | take 1"] {
            let run = Hardening.run(source)
            #expect(run.result.failed)
            #expect(!Self.holdsControls(run.stderr), "\(run.stderr.debugDescription)")
        }
    }
}
