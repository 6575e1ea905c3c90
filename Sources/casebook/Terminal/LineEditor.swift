// The Swift face of libedit (through the CLibEdit shim): prompts, reading a
// line, the in-memory history, and Tab completion. libedit calls completion
// through a C function pointer that cannot capture context, so the completer is
// found again through the editor's client-data slot.

import CLibEdit
import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

final class LineEditor {
    enum Read {
        case line(String)
        /// Ctrl-C while reading: the line is gone.
        case interrupted
        /// Ctrl-D on an empty line, or the end of input.
        case end
    }

    private let editor: OpaquePointer
    /// Given the text so far (earlier lines of the statement plus this line up to
    /// the cursor), returns what to complete.
    var complete: ((String, Int) -> Completion)?
    /// Earlier lines of an unfinished statement, so completion sees the whole of it.
    var pendingText = ""

    init?(program: String) {
        // UTF-8 input needs the locale before el_init.
        setlocale(LC_CTYPE, "")
        guard let e = cb_editor_open(program) else { return nil }
        editor = e
        let context = Unmanaged.passUnretained(self).toOpaque()
        cb_editor_set_completer(editor, { el, _ in LineEditor.onTab(el) }, context)
    }

    deinit {
        cb_editor_close(editor)
    }

    func read(prompt: String) -> Read {
        cb_editor_set_prompt(editor, prompt)
        var count: Int32 = 0
        errno = 0
        guard let line = cb_editor_gets(editor, &count) else {
            if count < 0 && (errno == EINTR || Interrupts.pending) { return .interrupted }
            if Interrupts.pending { return .interrupted }
            return .end
        }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    /// The rest of a bracketed paste whose first line ended the last read.
    func takePaste() -> String? {
        guard let rest = cb_editor_take_paste(editor) else { return nil }
        defer { free(rest) }
        return String(cString: rest)
    }

    /// Text that the next read starts with, as if typed.
    func push(_ text: String) {
        cb_editor_push(editor, text)
    }

    /// Input already waiting: the rest of a paste from a terminal without bracketed paste.
    var inputPending: Bool { cb_input_pending(editor) != 0 }

    /// Whether Up and Down walk the history; off at a continuation prompt.
    var historyKeys = true {
        didSet { if historyKeys != oldValue { cb_editor_set_history_keys(editor, historyKeys ? 1 : 0) } }
    }

    func addHistory(_ entry: String) {
        cb_editor_history_add(editor, entry)
    }

    // MARK: - Completion

    private static func onTab(_ el: OpaquePointer?) -> UInt8 {
        guard let el, let raw = cb_editor_context(el) else { return UInt8(CC_ERROR) }
        let me = Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue()
        return me.completeAtCursor(el)
    }

    private func completeAtCursor(_ el: OpaquePointer) -> UInt8 {
        guard let complete else { return UInt8(CC_ERROR) }
        var length: Int32 = 0
        var cursor: Int32 = 0
        guard let buffer = cb_line_buffer(el, &length, &cursor) else { return UInt8(CC_ERROR) }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(length))
        let line = String(decoding: bytes, as: UTF8.self)
        let lineUpToCursor = String(decoding: bytes.prefix(Int(cursor)), as: UTF8.self)
        let prefixText = pendingText.isEmpty ? "" : pendingText + "\n"
        let text = prefixText + line
        let result = complete(text, prefixText.utf8.count + lineUpToCursor.utf8.count)
        if result.candidates.isEmpty { return UInt8(CC_ERROR) }
        if result.candidates.count == 1 {
            // Replace what was typed with the candidate (it may add backticks or fix case).
            let typedBytes = result.prefix.utf8.count
            if typedBytes > 0 { cb_delete_before_cursor(el, Int32(result.prefix.count)) }
            _ = cb_insert(el, result.candidates[0] + result.suffix)
            return UInt8(CC_REFRESH)
        }
        let extensionText = result.commonExtension
        if !extensionText.isEmpty {
            _ = cb_insert(el, extensionText)
            return UInt8(CC_REFRESH)
        }
        // Several: list them under the line, in columns, then redraw the prompt.
        cb_print_below(el, "\n" + Self.columns(result.candidates, width: TerminalInfo.width))
        return UInt8(CC_REDISPLAY)
    }

    static func columns(_ words: [String], width: Int) -> String {
        let shown = words.prefix(200)
        let cell = (shown.map { $0.count }.max() ?? 0) + 2
        let perLine = max(1, width / max(cell, 1))
        var out = ""
        for (i, w) in shown.enumerated() {
            out += i % perLine == perLine - 1 || i == shown.count - 1 ? w + "\n" : w.padding(to: cell)
        }
        if words.count > shown.count { out += "… and \(words.count - shown.count) more\n" }
        return out
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
