// gzip bytes made in the tests with zlib's deflate (so that no tool or file
// is needed), and the files the loader tests read.

import CZlib

@testable import CasebookCore

enum GzipTest {
    /// One gzip member holding `bytes` (header without a name or time stamp).
    static func gzip(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: a gzip wrapper rather than zlib's; 8: the default memory level.
        let ok = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(ok == Z_OK)
        defer { deflateEnd(&stream) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        let produced: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = o.baseAddress
                stream.avail_out = UInt32(o.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return o.count - Int(stream.avail_out)
            }
        }
        return Array(out[0..<produced])
    }

    static func gzip(_ text: String) -> [UInt8] { gzip(Array(text.utf8)) }

    /// Inflates with Casebook's reader; the failure, or the bytes.
    static func inflate(
        _ bytes: [UInt8], limit: Int = 1 << 30, cancellation: Cancellation = .never
    ) -> Result<[UInt8], Gzip.Failure> {
        bytes.withUnsafeBufferPointer { (p) -> Result<[UInt8], Gzip.Failure> in
            do throws(Gzip.Failure) {
                let out = try Gzip.inflate(p, limit: limit, cancellation: cancellation)
                return .success(out.withBytes { Array($0) })
            } catch {
                return .failure(error)
            }
        }
    }
}
