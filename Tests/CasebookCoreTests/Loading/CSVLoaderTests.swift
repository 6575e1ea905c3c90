// `load "file.csv"`: files on disk, and each way of failing to open one with
// its own message.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("CSV loader")
struct CSVLoaderTests {
    @Test func loadsAFileFromDisk() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("data.csv", "la_code,rate\n870,465.1\n871,x\n")
        let (t, report) = try CSVTest.load(path, as: "data.csv")
        #expect(t.values("la_code") == [.integer(870), .integer(871)])
        #expect(t.values("rate") == [.decimal(465.1), .missing(.notAvailable)])
        #expect(report.fileName == "data.csv")
        #expect(report.rows == 2)
    }

    @Test func missingFile() {
        let d = CSVTest.loadFailure("/tmp/casebook-no-such-folder/none.csv", as: "none.csv")
        #expect(d?.id == .fileNotFound)
        #expect(d?.message == "no file at none.csv")
    }

    @Test func missingFolderOnThePath() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let file = folder.write("plain.csv", "a\n1\n")
        // A path that goes through a file as if it were a folder.
        let d = CSVTest.loadFailure(file + "/inner.csv", as: "plain.csv/inner.csv")
        #expect(d?.id == .fileNotFound)
        #expect(d?.message == "no file at plain.csv/inner.csv")
    }

    @Test func aDirectoryIsNotAFile() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let d = CSVTest.loadFailure(folder.path, as: "downloads")
        #expect(d?.id == .fileIsFolder)
        #expect(d?.message == "downloads is a folder, not a file")
        #expect(d?.help == "name a .csv file inside it")
    }

    @Test func zeroByteFile() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("empty.csv", "")
        let d = CSVTest.loadFailure(path, as: "empty.csv")
        #expect(d?.id == .emptyFile)
        #expect(d?.message == "empty.csv is empty (0 bytes)")
    }

    @Test func fileOfOnlyLineEnds() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("blank.csv", "\r\n\n\n")
        let d = CSVTest.loadFailure(path, as: "blank.csv")
        #expect(d?.id == .emptyFile)
        #expect(d?.message == "blank.csv is empty")
    }

    @Test func fileLargerThanTheMemoryLimitIsRefused() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("big.csv", String(repeating: "a,b\n", count: 1000))
        #expect(throws: FileBytes.Failure.tooLarge(size: 4000, available: 100)) {
            _ = try FileBytes(path: path, memoryLimit: 100)
        }
        let d = CSVLoader.failure(.tooLarge(size: 3 << 30, available: 1 << 30), displayName: "big.csv")
        #expect(d.id == .fileTooLarge)
        #expect(d.message == "big.csv is 3.0 GB, more than the 1.0 GB of memory a load may use")
    }

    @Test func aPipeIsReadToTheEnd() throws {
        // A FIFO is not a regular file: FileBytes reads it instead of mapping it.
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.file("pipe.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = PosixThread { () -> Void in
            let f = fopen(fifo, "w")
            let text = "a,b\n" + (0..<20_000).map { "\($0),\($0 % 7)" }.joined(separator: "\n") + "\n"
            _ = text.withCString { fputs($0, f) }
            fclose(f)
        }
        writer.start()
        let (t, report) = try CSVTest.load(fifo, as: "pipe.csv")
        writer.join()
        #expect(t.rowCount == 20_000)
        #expect(report.issues.isEmpty)
        #expect(t.values("a").last == .integer(19_999))
    }

    /// A file that grows after it was opened: the load sees the bytes there were
    /// when it was read, so the result is the file as it was.
    @Test func fileAppendedToAfterOpeningIsReadAsItWas() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("growing.csv", "a,b\n1,2\n3,4\n")
        let file = try FileBytes(path: path)
        let f = fopen(path, "a")
        _ = "5,6\n7,8\n".withCString { fputs($0, f) }
        fclose(f)
        let (t, report) = try CSVReader.read(file.bytes, fileName: "growing.csv")
        #expect(t.values("a") == [.integer(1), .integer(3)])
        #expect(report.issues.isEmpty)
    }

    /// Before the fix the file was memory-mapped, and reading it after another
    /// program truncated it ended the process with SIGBUS ("Bus error").
    @Test func fileTruncatedAfterOpeningIsReadAsItWas() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("shrinking.csv", "a,b\n" + String(repeating: "1,2\n", count: 100_000))
        let file = try FileBytes(path: path)
        #expect(truncate(path, 0) == 0)
        let (t, report) = try CSVReader.read(file.bytes, fileName: "shrinking.csv")
        #expect(t.rowCount == 100_000)
        #expect(report.issues.isEmpty)
        // Opened after the truncation, it is empty.
        #expect(CSVTest.loadFailure(path, as: "shrinking.csv")?.message == "shrinking.csv is empty (0 bytes)")
    }

    @Test func readingOnlyTheStartOfAFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("ten.csv", "0123456789")
        let start = try FileBytes(path: path, maxBytes: 4)
        #expect(Array(start.bytes) == Array("0123".utf8))
        #expect(!start.isWhole)
        let all = try FileBytes(path: path, maxBytes: 10)
        #expect(all.size == 10)
        #expect(all.isWhole)
        let more = try FileBytes(path: path, maxBytes: 100)
        #expect(more.size == 10)
        #expect(more.isWhole)
        let whole = try FileBytes(path: path)
        #expect(whole.isWhole)
        #expect(whole.modified > 0)
        let empty = try FileBytes(path: folder.write("empty.csv", ""))
        #expect(empty.size == 0)
        #expect(empty.isWhole)
    }

    @Test func aLargeFileIsReadByteForByte() throws {
        // Files of 8 MB or more are read in two parts at once.
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var rng = SeededGenerator(seed: 8)
        let bytes = (0..<(9 << 20) + 12_345).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let path = folder.write("big.bin", bytes: bytes)
        let file = try FileBytes(path: path)
        #expect(file.size == bytes.count)
        #expect(file.isWhole)
        #expect(Array(file.bytes) == bytes)
        let start = try FileBytes(path: path, maxBytes: 8 << 20)
        #expect(Array(start.bytes) == Array(bytes[0..<(8 << 20)]))
        #expect(!start.isWhole)
    }

    @Test func memoryBudgetIsHalfOfWhatIsAvailable() throws {
        let budget = try #require(FileBytes.memoryBudget())
        #expect(budget > 1 << 20)
    }
}

/// A thread from the C library, for the one test that needs a concurrent writer.
final class PosixThread: @unchecked Sendable {
    private var handle = pthread_t()
    private let body: () -> Void

    init(_ body: @escaping () -> Void) { self.body = body }

    func start() {
        let box = Unmanaged.passRetained(self).toOpaque()
        pthread_create(
            &handle, nil,
            { arg in
                let me = Unmanaged<PosixThread>.fromOpaque(arg!).takeRetainedValue()
                me.body()
                return nil
            }, box)
    }

    func join() { pthread_join(handle, nil) }
}
