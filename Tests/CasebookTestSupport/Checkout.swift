// Where things are, for every test target: the checkout (found from this
// file's path), its datasets and sessions, and the published files in
// ../shared beside it. One place, so the test targets cannot disagree.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum Checkout {
    /// The checkout's root: this file is Tests/CasebookTestSupport/Checkout.swift.
    public static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = parent(of: path) }
        return path
    }()

    public static var datasets: String { root + "/datasets" }
    public static var sessions: String { root + "/sessions" }
    /// `shared/` sits beside the checkout (CI places it at ../shared).
    public static var sharedSources: String { parent(of: root) + "/shared/data-sources" }

    /// Whether tests that read the raw published files in ../shared/data-sources
    /// run: a user's fresh clone has no ../shared, and skips them, saying so
    /// (`skipReason`); CI has it and sets CASEBOOK_REQUIRE_SOURCES=1 (.ci/run),
    /// and there a missing folder fails the tests instead of skipping them.
    public static var publishedFilesRun: Bool {
        if let required = getenv("CASEBOOK_REQUIRE_SOURCES"), String(cString: required) == "1" { return true }
        var st = stat()
        return stat(sharedSources, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static let skipReason =
        "skipped: the published files are not in ../shared/data-sources (CI, which has them, sets CASEBOOK_REQUIRE_SOURCES=1 and requires them)"

    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
