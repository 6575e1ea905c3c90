// A shell command's output and exit status, for tests that ask another
// program (python3 with openpyxl or pyarrow, Chromium, readelf) to read back
// what Casebook wrote or built; and a stream read to its end.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum CommandOutput {
    /// What `command` (run by /bin/sh) writes to its standard output, and its
    /// status as pclose gives it (0: success); nil when it cannot be started.
    public static func run(_ command: String) -> (status: Int32, text: String)? {
        guard let pipe = popen(command, "r") else { return nil }
        let bytes = readAll(pipe)
        let status = pclose(pipe)
        return (status, String(decoding: bytes, as: UTF8.self))
    }

    /// Every byte left in a stream (a pipe, or a file opened with fopen).
    public static func readAll(_ stream: UnsafeMutablePointer<FILE>) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, stream)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }
}
