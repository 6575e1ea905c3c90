// Writes the engine's output to the process's standard streams.

import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

final class ConsoleSink: OutputSink {
    /// Messages for a person at the prompt are shown only in the shell.
    var showsInfo: Bool
    /// Dim info messages when colour is on.
    var colour: Bool

    init(showsInfo: Bool, colour: Bool) {
        self.showsInfo = showsInfo
        self.colour = colour
    }

    func output(_ text: String) { Console.write(text, to: 1) }
    func diagnostic(_ text: String) { Console.write(text, to: 2) }
    func info(_ text: String) {
        guard showsInfo else { return }
        Console.write(colour ? "\u{1B}[2m" + text + "\u{1B}[0m" : text, to: 1)
    }
}

enum Console {
    /// Writes all of `text` to a file descriptor, retrying short writes. A closed
    /// pipe (e.g. `casebook … | head`) ends the process quietly.
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { exit(0) }
                    return
                }
                offset += n
            }
        }
    }
}
