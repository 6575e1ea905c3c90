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
    /// The engine colours diagnostics when stdout is a terminal, but they go to
    /// stderr, which may be a file (`casebook script.cb 2> errors.log`): there
    /// they are written plain.
    var plainDiagnostics: Bool

    init(showsInfo: Bool, colour: Bool) {
        self.showsInfo = showsInfo
        self.colour = colour
        self.plainDiagnostics = colour && !TerminalInfo.stderrIsTerminal
    }

    func output(_ text: String) { Console.write(text, to: 1, keepingStyles: colour) }
    func diagnostic(_ text: String) {
        Console.write(plainDiagnostics ? Console.withoutEscapes(text) : text, to: 2, keepingStyles: colour && !plainDiagnostics)
    }
    func info(_ text: String) {
        guard showsInfo else { return }
        Console.write(colour ? "\u{1B}[2m" + text + "\u{1B}[0m" : text, to: 1, keepingStyles: colour)
    }
}

enum Console {
    /// `text` without terminal escape sequences (ESC [ … final byte).
    static func withoutEscapes(_ text: String) -> String {
        guard text.utf8.contains(0x1B) else { return text }
        var out: [UInt8] = []
        var inEscape = false
        var afterBracket = false
        for b in text.utf8 {
            if inEscape {
                if !afterBracket {
                    afterBracket = true
                    if b != UInt8(ascii: "[") { inEscape = false }
                } else if b >= 0x40 && b <= 0x7E {
                    inEscape = false
                }
            } else if b == 0x1B {
                inEscape = true
                afterBracket = false
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes all of `text` to a file descriptor, retrying short writes. A closed
    /// pipe (e.g. `casebook … | head`) ends the process quietly.
    ///
    /// Everything Casebook prints passes here, so this is where text from files
    /// and people is made safe for the terminal (TerminalText.swift): control
    /// characters are shown, not sent, in every mode; with `keepingStyles` (colour
    /// on) Casebook's own colour sequences, and only those, go through.
    static func write(_ text: String, to fd: Int32, keepingStyles: Bool = false) {
        if FileWriter.writeAll(TerminalText.visible(text, keepingStyles: keepingStyles), to: fd) == EPIPE { exit(0) }
    }
}
