// `load "file.csv"`: a file on disk to a table, with a report of what was wrong
// with it. Failures to open are diagnostics with a message per cause.

public enum CSVLoader {
    public static func load(path: String, displayName: String, cancellation: Cancellation) throws(Diagnostic)
        -> (Table, LoadReport)
    {
        let file: FileBytes
        do {
            file = try FileBytes(path: path, memoryLimit: FileBytes.memoryBudget())
        } catch {
            throw failure(error, displayName: displayName)
        }
        if file.size == 0 {
            throw Diagnostic(id: "empty-file", message: "\(displayName) is empty (0 bytes)", span: nil)
        }
        return try CSVReader.read(file.bytes, fileName: displayName, cancellation: cancellation)
    }

    static func failure(_ error: FileBytes.Failure, displayName: String) -> Diagnostic {
        switch error {
        case .notFound:
            return Diagnostic(id: "file-not-found", message: "no file at \(displayName)", span: nil)
        case .isDirectory:
            return Diagnostic(
                id: "file-is-folder", message: "\(displayName) is a folder, not a file", span: nil,
                help: "name a .csv file inside it")
        case .notReadable(let why):
            return Diagnostic(id: "file-unreadable", message: "cannot read \(displayName): \(why)", span: nil)
        case .tooLarge(let size, let available):
            return Diagnostic(
                id: "file-too-large",
                message: "\(displayName) is \(ByteSize.text(size)), more than the \(ByteSize.text(available)) of memory a load may use",
                span: nil, help: "load a smaller extract, or free memory and try again")
        case .notARegularFile:
            return Diagnostic(id: "file-unreadable", message: "\(displayName) is not a regular file", span: nil)
        }
    }
}

enum ByteSize {
    static func text(_ bytes: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var v = Double(bytes)
        var u = 0
        while v >= 1024, u < units.count - 1 {
            v /= 1024
            u += 1
        }
        return u == 0 ? "\(bytes) bytes" : NumberText.fixed(v, decimals: v < 10 ? 1 : 0) + " " + units[u]
    }
}
