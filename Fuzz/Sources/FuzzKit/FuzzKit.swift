// What the fuzz targets share: the fuzz bytes as text the way a file reaches
// the engine (decoded with replacement), a sink that keeps nothing, a reader
// that turns bytes into choices, and a way to report a broken invariant as a
// crash that libFuzzer records.

import CLibFuzzer
import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes as text, invalid UTF-8 replaced by U+FFFD (as a script or session file is read).
public func decodedText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
}

/// Discards everything the engine prints (it is still rendered).
public final class NullSink: OutputSink {
    public var printed = 0
    public init() {}
    public func output(_ text: String) { printed &+= text.utf8.count }
    public func diagnostic(_ text: String) { printed &+= text.utf8.count }
    public func info(_ text: String) { printed &+= text.utf8.count }
}

/// A broken invariant: print it and abort, so that libFuzzer saves the input.
public func fuzzFailure(_ message: String) -> Never {
    printError("fuzz invariant broken: \(message)\n")
    abort()
}

/// Writes to standard error (file descriptor 2).
public func printError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { return }
        offset += n
    }
}

/// Reads choices from the fuzz bytes; once they run out every choice is 0,
/// so any input decodes to something (and short inputs to short queries).
public struct Choices {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    public var exhausted: Bool { index >= bytes.count }

    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// A number in 0..<n (n > 0).
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        if n <= 256 { return Int(byte()) % n }
        return (Int(byte()) << 8 | Int(byte())) % n
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// True about one time in `n`.
    public mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    public mutating func int64() -> Int64 {
        var v: UInt64 = 0
        for _ in 0..<8 { v = v << 8 | UInt64(byte()) }
        return Int64(bitPattern: v)
    }

    /// The bytes not read yet.
    public mutating func rest() -> UnsafeBufferPointer<UInt8> {
        let start = min(index, bytes.count)
        index = bytes.count
        return UnsafeBufferPointer(rebasing: bytes[start...])
    }
}

/// Runs libFuzzer with the process's arguments on `target` (from a target's main.swift).
public func runFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, target)
}
