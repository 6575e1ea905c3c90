// PNG charts through librsvg's rsvg-convert (Debian: librsvg2-bin): the SVG
// the library drew, rendered by a real SVG renderer at twice its size. Here in
// the executable because it starts a process, which the library never does.

import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

enum PNGRenderer {
    static func render(_ svg: String, _ path: String, _ scale: Double) throws(Diagnostic) {
        let source = path + ".svg"
        try FileWriter.write(svg, to: source)
        defer { unlink(source) }
        let arguments = ["rsvg-convert", "--zoom", String(scale), "--format", "png", "--output", path, source]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "rsvg-convert", nil, nil, argv, environ)
        guard rc == 0 else {
            throw Diagnostic(
                id: .noPngRenderer,
                message: rc == ENOENT
                    ? "PNG needs librsvg's rsvg-convert, which was not found"
                    : "cannot start rsvg-convert: \(String(cString: strerror(rc)))",
                span: nil, help: "install it (Debian: apt-get install librsvg2-bin), or save the chart as .svg")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Diagnostic(id: .writeFailed, message: "rsvg-convert could not make the PNG \(path)", span: nil)
        }
    }
}
