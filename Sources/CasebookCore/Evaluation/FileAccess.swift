// What statements may read and write, and where a relative path starts: the
// rules of safe mode and of `check`, `export` and `replay` (docs/reliability.md),
// as a value the evaluator is given, so it never asks the engine.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct FileAccess {
    /// Relative paths start here (the script's folder, or the current folder at the prompt).
    let baseDirectory: String
    let homeDirectory: String?
    /// Safe mode: no writes, reads only inside `allowedFolders`.
    let safe: Bool
    let allowedFolders: [String]
    let writes: WritePolicy

    init(baseDirectory: String, homeDirectory: String?, settings: Settings) {
        self.baseDirectory = baseDirectory
        self.homeDirectory = homeDirectory
        self.safe = settings.safe
        self.allowedFolders = settings.allowedFolders
        self.writes = settings.writes
    }

    /// An absolute path for `path`: `~` expanded, relative paths from `baseDirectory`.
    func resolve(_ path: String) -> String {
        var p = path
        if p == "~" || p.hasPrefix("~/"), let home = homeDirectory {
            p = home + p.dropFirst()
        }
        if !p.hasPrefix("/") { p = baseDirectory + "/" + p }
        return PathText.normalise(p)
    }

    func readablePath(_ path: String, span: SourceSpan) throws(Diagnostic) -> String {
        let resolved = resolve(path)
        guard safe else { return resolved }
        // Links are followed first: a link inside an allowed folder may point anywhere.
        let real = PathText.real(resolved)
        if !allowedFolders.contains(where: { PathText.isInside(real, PathText.real($0)) }) {
            throw Diagnostic(
                id: .safeMode, message: "safe mode: reading \(path) is not allowed", span: span,
                help: "in safe mode only the datasets folder and the session's own folder can be read")
        }
        return real
    }

    func writablePath(_ path: String, span: SourceSpan?) throws(Diagnostic) -> String {
        if safe {
            throw Diagnostic(
                id: .safeMode, message: "safe mode: writing \(path) is not allowed", span: span,
                help: "run without --safe to write files")
        }
        switch writes {
        case .anywhere:
            return resolve(path)
        case .nowhere(let command):
            // A session checked in CI must not be able to write (to ~/.bashrc, say) and still pass.
            throw Diagnostic(
                id: .noWrites, message: "\(command) does not write files: \(path) was not written", span: span,
                help: "`casebook replay` runs a session's writes, inside the session's folder")
        case .inside(let folders, let flag):
            // Links are followed first: a link inside the folder may point anywhere.
            let real = PathText.real(resolve(path))
            if !folders.contains(where: { PathText.isInside(real, PathText.real($0)) }) {
                throw Diagnostic(
                    id: .writeOutside, message: "writing \(path) is not allowed: it is outside the session's folder",
                    span: span, help: "`\(flag)` lets a session you trust write anywhere")
            }
            return real
        }
    }
}

/// Path text without Foundation: normalising `.` and `..`, and containment.
enum PathText {
    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` with every symbolic link resolved (realpath); for a path that does
    /// not exist, its deepest existing folder resolved and the rest added.
    static func real(_ path: String) -> String {
        let p = normalise(path)
        if let resolved = realpath(p, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        guard let slash = p.lastIndex(of: "/"), slash != p.startIndex else { return p }
        let parent = real(String(p[..<slash]))
        return (parent == "/" ? "" : parent) + p[slash...]
    }

    /// Whether `path` is `folder` or inside it, compared as bytes: Swift's String
    /// comparison treats canonically equivalent Unicode as equal, so "café" (é
    /// as one code point) would match a byte-different sibling "café" (e and a
    /// combining accent), which the file system keeps apart.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        let f = Array(normalise(folder).utf8)
        let p = Array(normalise(path).utf8)
        if p == f || f == [UInt8(ascii: "/")] { return true }
        return p.count > f.count && p.starts(with: f) && p[f.count] == UInt8(ascii: "/")
    }
}
