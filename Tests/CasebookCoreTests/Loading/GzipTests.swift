// gzip files: inflated whole, every member read, a damaged or truncated file
// a clear error (never a crash or a hang), one that inflates too far refused
// early, and `load` and the column cache treating a .csv.gz like any CSV.

import Dispatch
import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("gzip")
struct GzipTests {
    static let csv = "la_code,la_name,year,value\n870,Reading,2016,509.8\n871,Slough,2016,c\n872,Wokingham,2016,x\n"

    @Test func aGzipFileInflatesToTheBytesThatWereCompressed() throws {
        let text = String(repeating: Self.csv, count: 500)
        #expect(try GzipTest.inflate(GzipTest.gzip(text)).get() == Array(text.utf8))
        #expect(try GzipTest.inflate(GzipTest.gzip("")).get() == [])
    }

    @Test func everyMemberOfAMultiMemberFileIsRead() throws {
        let joined = GzipTest.gzip("first part\n") + GzipTest.gzip("second part\n") + GzipTest.gzip("third\n")
        #expect(try GzipTest.inflate(joined).get() == Array("first part\nsecond part\nthird\n".utf8))
    }

    @Test func zerosAfterTheLastMemberAreIgnoredButOtherBytesAreDamage() throws {
        let one = GzipTest.gzip(Self.csv)
        #expect(try GzipTest.inflate(one + [0, 0, 0, 0]).get() == Array(Self.csv.utf8))
        guard case .failure(.damaged(let why)) = GzipTest.inflate(one + Array("garbage".utf8)) else {
            Issue.record("trailing garbage must be an error")
            return
        }
        #expect(why.contains("after the end"))
    }

    @Test func everyTruncationIsAnErrorAndNeverACrash() {
        let whole = GzipTest.gzip(String(repeating: Self.csv, count: 20))
        for cut in 1..<whole.count {
            switch GzipTest.inflate(Array(whole[0..<cut])) {
            case .failure(.truncated), .failure(.damaged): continue
            case .success: Issue.record("a file cut at byte \(cut) of \(whole.count) inflated without an error")
            case .failure(let f): Issue.record("cut at \(cut): unexpected \(f)")
            }
        }
    }

    @Test func aChangedByteIsCaughtByTheChecksumOrTheDecoder() {
        let original = Array(String(repeating: Self.csv, count: 20).utf8)
        let whole = GzipTest.gzip(original)
        var caught = 0
        for i in 0..<whole.count {
            var bad = whole
            bad[i] ^= 0x55
            switch GzipTest.inflate(bad) {
            case .success(let bytes):
                // Only the header's time stamp, flags for extra fields and system byte may change freely.
                #expect(bytes == original && (4...9).contains(i), "byte \(i) changed and the output was wrong")
            case .failure(.damaged), .failure(.truncated):
                caught += 1
            case .failure(let f):
                Issue.record("byte \(i): unexpected \(f)")
            }
        }
        #expect(caught >= whole.count - 6)
    }

    @Test func notGzipAtAllIsDamage() {
        guard case .failure(.damaged) = GzipTest.inflate([0x1F, 0x8B] + Array("plain text, not deflate".utf8)) else {
            Issue.record("expected damage")
            return
        }
    }

    @Test func aFileThatInflatesPastTheLimitIsRefusedWithoutInflatingIt() {
        // 64 MB of zeros compress to about 64 KB.
        let bomb = GzipTest.gzip([UInt8](repeating: 0, count: 64 << 20), level: 9)
        #expect(bomb.count < 1 << 17)
        #expect(GzipTest.inflate(bomb, limit: 1 << 20) == .failure(.tooLarge(limit: 1 << 20)))
        // Many members of it, too: the limit is on the whole output.
        #expect(GzipTest.inflate(bomb + bomb, limit: 80 << 20) == .failure(.tooLarge(limit: 80 << 20)))
    }

    @Test func inflatingStopsWhenCancelled() {
        let bomb = GzipTest.gzip([UInt8](repeating: 0, count: 64 << 20), level: 9)
        #expect(GzipTest.inflate(bomb, cancellation: Cancellation { true }) == .failure(.cancelled))
    }

    @Test func aHeaderReadInflatesOnlyItsStart() throws {
        let bomb = GzipTest.gzip(Array("a,b\n".utf8) + [UInt8](repeating: 0x41, count: 64 << 20), level: 9)
        let start = try bomb.withUnsafeBufferPointer { try Gzip.inflate($0, limit: 1 << 20, prefix: 1 << 16) }
        #expect(start.count >= 1 << 16 && start.count < 1 << 20)
        #expect(start.withBytes { Array($0.prefix(4)) } == Array("a,b\n".utf8))
        // A cut file still gives the start it has.
        let cut = Array(GzipTest.gzip(Self.csv).dropLast(12))
        let part = try cut.withUnsafeBufferPointer { try Gzip.inflate($0, limit: 1 << 20, prefix: 1 << 16) }
        #expect(part.withBytes { String(decoding: $0, as: UTF8.self) }.hasPrefix("la_code,la_name"))
    }
}

@Suite("Loading gzip files")
struct GzipLoadingTests {
    static let csv = GzipTests.csv

    @Test func loadReadsACsvGzLikeTheCsv() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let plain = folder.write("cin.csv", Self.csv)
        let packed = folder.write("cin.csv.gz", bytes: GzipTest.gzip(Self.csv))
        let (a, ra) = try CSVLoader.load(path: plain, displayName: "cin.csv", cancellation: .never)
        let (b, rb) = try CSVLoader.load(path: packed, displayName: "cin.csv.gz", cancellation: .never)
        #expect(b.firstDifference(from: a) == nil)
        #expect(rb.rows == ra.rows && b.rowCount == 3)
        #expect(b.column(named: "value")!.value(at: 1) == .missing(.confidential))
    }

    @Test func theNameDoesNotMatterOnlyTheBytes() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("download.csv", bytes: GzipTest.gzip(Self.csv))
        let (t, _) = try CSVLoader.load(path: path, displayName: "download.csv", cancellation: .never)
        #expect(t.columnNames == ["la_code", "la_name", "year", "value"])
    }

    @Test func aTruncatedOrDamagedFileIsAClearError() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let whole = GzipTest.gzip(String(repeating: Self.csv, count: 50))
        let cut = folder.write("cut.csv.gz", bytes: Array(whole.prefix(whole.count / 2)))
        var bad = whole
        bad[whole.count - 6] ^= 0xFF  // the checksum
        let damaged = folder.write("bad.csv.gz", bytes: bad)
        for (path, id, words) in [(cut, DiagnosticID.gzipTruncated, "ends before"), (damaged, DiagnosticID.gzipDamaged, "damaged gzip")] {
            do {
                _ = try CSVLoader.load(path: path, displayName: "f.csv.gz", cancellation: .never)
                Issue.record("\(path) loaded")
            } catch {
                #expect(error.id == id && error.message.contains(words) && error.message.contains("f.csv.gz"), "\(error.message)")
            }
        }
    }

    @Test func aFileThatInflatesTooFarIsRefused() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let bomb = folder.write("bomb.csv.gz", bytes: GzipTest.gzip(Array("a,b\n".utf8) + [UInt8](repeating: 0x31, count: 32 << 20), level: 9))
        do {
            _ = try CSVLoader.load(
                path: bomb, displayName: "bomb.csv.gz", cancellation: .never, cache: nil, blockBytes: 1 << 20, gzipLimit: 4 << 20)
            Issue.record("the bomb loaded")
        } catch {
            #expect(error.id == .fileTooLarge && error.message.contains("inflates to more than"), "\(error.message)")
        }
    }

    @Test func theColumnCacheServesAGzipFileAfterItsFirstLoad() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var cache = ColumnCache(directory: folder.file("cache"))
        cache.minimumBytes = 0
        let body = Self.csv.split(separator: "\n").dropFirst().map { $0 + "\n" }.joined()
        let text = "la_code,la_name,year,value\n" + String(repeating: body, count: 200)
        let path = folder.write("big.csv.gz", bytes: GzipTest.gzip(text))
        let (first, _) = try CSVLoader.load(path: path, displayName: "big.csv.gz", cancellation: .never, cache: cache)
        #expect((Directory.list(cache.directory) ?? []).filter { $0.hasSuffix(ColumnCache.suffix) }.count == 1)
        let (second, _) = try CSVLoader.load(path: path, displayName: "big.csv.gz", cancellation: .never, cache: cache)
        #expect(second.columns.allSatisfy { $0.isDeferred }, "read from the cache file, not inflated again")
        #expect(second.firstDifference(from: first) == nil && second.rowCount == 600)
    }

    @Test func aPipeOfGzipBytesIsInflatedToo() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.file("pipe.csv.gz")
        #expect(mkfifo(fifo, 0o600) == 0)
        let packed = GzipTest.gzip(Self.csv)
        let written = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let fd = open(fifo, O_WRONLY)
            packed.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
            close(fd)
            written.signal()
        }
        let (t, _) = try CSVLoader.load(path: fifo, displayName: "pipe.csv.gz", cancellation: .never)
        written.wait()
        #expect(t.rowCount == 3)
    }
}
