// Whole files are written to a temporary file and renamed; what a killed
// writer leaves behind is cleared by the next write of the same file.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("File writer")
struct FileWriterTests {
    /// A process id that no process has now (a child that has been reaped).
    static func goneProcess() -> pid_t {
        let pid = fork()
        if pid == 0 { _exit(0) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return pid
    }

    @Test("a write removes the temporaries of writers that are gone, and nothing else")
    func abandonedTemporaries() throws {
        var template = Array("/tmp/casebook-writer-XXXXXX".utf8CString)
        let folder = String(cString: mkdtemp(&template)!)
        let gone = Self.goneProcess()
        let names = [
            "s.cb.tmp-\(gone)",  // killed before its rename: removed
            "s.cb.tmp-1",  // a process that is still there (init): kept
            "s.cb.tmp-notes",  // not a process id: kept
            "other.cb.tmp-\(gone)",  // another file's: kept
        ]
        for name in names { try FileWriter.write("x\n", to: folder + "/" + name) }
        defer {
            for name in Directory.list(folder) ?? [] { unlink(folder + "/" + name) }
            rmdir(folder)
        }
        try FileWriter.write("new\n", to: folder + "/s.cb")
        #expect(Directory.list(folder) == ["other.cb.tmp-\(gone)", "s.cb", "s.cb.tmp-1", "s.cb.tmp-notes"])
        let bytes = try FileBytes(path: folder + "/s.cb")
        #expect(String(decoding: bytes.bytes, as: UTF8.self) == "new\n")
    }
}
