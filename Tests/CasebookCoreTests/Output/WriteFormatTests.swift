// `write` writes the format its file's extension names, and refuses a name
// without an extension or with one it has no writer for, listing those it has,
// instead of writing CSV under that name.

import Foundation
import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("write picks its format by extension")
struct WriteFormatTests {
    @Test("no extension, or an unknown one, is an error listing the known ones, and no file is made", arguments: [
        ("r", "PATH has no extension to say what format to write"),
        ("out.d/r", "PATH has no extension to say what format to write"),
        ("r.", "PATH has no extension to say what format to write"),
        ("r.docx", "Casebook has no writer for .docx files"),
        ("report.csv.bak", "Casebook has no writer for .bak files"),
    ])
    func refused(_ name: String, _ message: String) {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        mkdir(folder.file("out.d"), 0o755)
        let run = Hardening.run("authorities | take 1 | write \"\(folder.file(name))\"")
        #expect(run.result.failed)
        #expect(run.stderr.contains("error: " + message.replacing("PATH", with: folder.file(name))), "\(run.stderr)")
        #expect(run.stderr.contains("= name the file with the extension of the format to write: .csv, .tsv, .json, .md, .txt or .xlsx"), "\(run.stderr)")
        #expect(access(folder.file(name), F_OK) != 0, "\(name) was written")
    }

    @Test("each known extension writes its own format", arguments: [
        ("r.csv", "la_code,"), ("r.TSV", "la_code\t"), ("r.json", "[\n  {\"la_code\""), ("r.md", "| la_code |"),
        ("r.txt", "la_code"),
    ])
    func written(_ name: String, _ start: String) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let run = Hardening.run("authorities | take 1 | select la_code, la_name | write \"\(folder.file(name))\"")
        #expect(!run.result.failed, "\(run.stderr)")
        let text = (try? String(contentsOfFile: folder.file(name), encoding: .utf8)) ?? ""
        #expect(text.hasPrefix(start), "\(name): \(text)")
    }

    @Test("the extension is the last dot of the file's own name")
    func extensions() {
        #expect(WriteFormat.fileExtension("out/r.docx") == ".docx")
        #expect(WriteFormat.fileExtension("r") == nil)
        #expect(WriteFormat.fileExtension("~/.profile") == nil)
        #expect(WriteFormat.fileExtension("out.d/r") == nil)
        #expect(WriteFormat.fileExtension("a.b.csv") == ".csv")
    }
}
