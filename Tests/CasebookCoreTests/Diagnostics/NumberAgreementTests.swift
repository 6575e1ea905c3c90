// Messages that count things agree with their number: one statement "is", one
// row "was", one byte is "1 byte" — the singular is not the plural with a 1.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Counted words agree with their number")
struct NumberAgreementTests {
    @Test("an unfinished journal of one statement says 'its 1 statement is in'; of two, 'its 2 statements are in'")
    func journalNotice() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let dead: Int32 = 999_999
        folder.write("session-20261124-154501-\(dead).cb", "# journal\n\nauthorities | count\n")
        let one = Journal.unfinishedNotice(in: folder.path, isAlive: { _ in false })
        #expect(one.count == 1)
        #expect(one.first?.contains("its 1 statement is in ") == true, "\(one)")
        folder.write("session-20261124-154502-\(dead).cb", "# journal\n\nauthorities | count\n\nreferrals | take 1\n")
        let two = Journal.unfinishedNotice(in: folder.path, isAlive: { _ in false })
        #expect(two.first?.contains("its 2 statements are in ") == true, "\(two)")
    }

    @Test("a size under a kilobyte counts bytes in agreement")
    func byteSizes() {
        #expect(ByteSize.text(1) == "1 byte")
        #expect(ByteSize.text(2) == "2 bytes")
        #expect(ByteSize.text(2048) == "2.0 KB")
    }

    @Test("`wider` that drops one repeated row says it 'was left out'; two 'were left out'")
    func widerDuplicates() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("t.csv", "name,year,v\na,2015,1\na,2015,2\nb,2015,3\nb,2015,4\nb,2015,5\n")
        let sink = CollectingSink()
        let engine = Engine(
            workspace: Workspace(catalog: DatasetCatalog(directory: DataPaths.datasets)), settings: Settings(), sink: sink,
            baseDirectory: folder.path, sessionsDirectory: folder.path)
        _ = engine.run(SourceText(name: "t.cb", text: "load \"\(path)\" as t\nt | where name = \"a\" | wider year v\n"))
        #expect((sink.stdout + sink.stderr).contains("1 row repeated a combination already seen and was left out"), "\(sink.stdout)\(sink.stderr)")
        _ = engine.run(SourceText(name: "t.cb", text: "t | wider year v\n"))
        #expect((sink.stdout + sink.stderr).contains("3 rows repeated a combination already seen and were left out"), "\(sink.stdout)\(sink.stderr)")
    }
}
