// The shared libraries the built binary needs to start (readelf -d): what the
// dynamic loader maps into every run, scripts included.

#if canImport(Glibc)
    import Glibc
#endif

enum NeededLibraries {
    /// The NEEDED entries of the binary's dynamic section, or a thrown error when readelf cannot run.
    static func of(_ binary: String = CasebookBinary.path) throws -> [String] {
        guard let (status, text) = CommandOutput.run("readelf -d '\(binary)' 2>&1") else { throw SandboxError("cannot run readelf") }
        guard status == 0, text.contains("Dynamic section") else { throw SandboxError("readelf -d failed: \(text)") }
        // "0x0000000000000001 (NEEDED)  Shared library: [libz.so.1]"
        return text.split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap { line in
            guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
    }
}
