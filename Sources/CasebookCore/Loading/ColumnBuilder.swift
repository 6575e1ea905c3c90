// Turns one column's fields, as the reader finds them, into a typed array.
// The type is learnt from the whole column: it starts as whole numbers, widens
// to decimals at the first decimal, and becomes text at the first value that is
// neither a number nor a marker (then the column's earlier fields are read again
// as text, so markers there stay as written).

struct ColumnBuilder {
    enum Mode { case integer, decimal, text }

    var mode: Mode = .integer
    var integers: [Int64] = []
    var decimals: [Double] = []
    var codes: [UInt32] = []
    var dictionary = ByteDictionary()
    /// Missing reasons, allocated at the first missing value.
    var missing: [UInt8]? = nil
    var count = 0
    /// A text value was found in this field (row) and the caller must re-read
    /// the earlier rows as text.
    var needsRescan = false
    /// New dictionary entries that were not valid UTF-8 or held NUL bytes.
    var invalidUTF8Rows: [Int] = []
    var nulRows: [Int] = []
    /// A comma is the decimal point (`;`-separated files).
    var decimalComma = false
    /// A number was read with a decimal comma.
    var sawDecimalComma = false
    /// The code of the last text value appended (-1: none).
    var lastCode = -1

    init(capacity: Int) {
        integers.reserveCapacity(capacity)
    }

    @inline(__always)
    private mutating func markMissing(_ reason: MissingReason) {
        if missing == nil {
            missing = [UInt8](repeating: 0, count: count)
            missing!.reserveCapacity(max(integers.capacity, decimals.capacity, codes.capacity))
        }
        missing!.append(reason.rawValue)
    }

    @inline(__always)
    private mutating func markPresent() {
        if missing != nil { missing!.append(0) }
    }

    /// Appends the field `p[start..<end]` (unquoted content) of row `row`.
    /// Returns false when the column just turned into text: the caller re-reads
    /// rows 0..<row through `appendText` and then appends this field again.
    @inline(__always)
    mutating func append(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, row: Int) -> Bool {
        switch mode {
        case .integer:
            switch FieldParsing.parseNumber(p, start, end, decimalComma: decimalComma) {
            case .integer(let v):
                integers.append(v)
                markPresent()
            case .decimal(let d):
                decimals = integers.map { Double($0) }
                decimals.reserveCapacity(integers.capacity)
                integers = []
                mode = .decimal
                decimals.append(d)
                markPresent()
                if decimalComma { noteDecimalComma(p, start, end) }
            case .notANumber:
                if let reason = Self.marker(p, start, end) {
                    integers.append(0)
                    markMissing(reason)
                } else {
                    return becomeText()
                }
            case .leadingZero:
                return becomeText()
            }
        case .decimal:
            switch FieldParsing.parseNumber(p, start, end, decimalComma: decimalComma) {
            case .integer(let v):
                decimals.append(Double(v))
                markPresent()
            case .decimal(let d):
                decimals.append(d)
                markPresent()
                if decimalComma { noteDecimalComma(p, start, end) }
            case .notANumber:
                if let reason = Self.marker(p, start, end) {
                    decimals.append(0)
                    markMissing(reason)
                } else {
                    return becomeText()
                }
            case .leadingZero:
                return becomeText()
            }
        case .text:
            appendText(p, start, end, row: row)
            return true
        }
        count += 1
        return true
    }

    /// The missing-value marker a field holds, ignoring spaces around it: a
    /// cell of only spaces is empty, not text.
    @inline(__always)
    static func marker(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> MissingReason? {
        var s = start, e = end
        while s < e, p[s] == 0x20 { s += 1 }
        while e > s, p[e - 1] == 0x20 { e -= 1 }
        return MissingReason.fromMarker(bytes: p, s, e)
    }

    private mutating func noteDecimalComma(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        if sawDecimalComma { return }
        var i = start
        while i < end {
            if p[i] == UInt8(ascii: ",") {
                sawDecimalComma = true
                return
            }
            i += 1
        }
    }

    private mutating func becomeText() -> Bool {
        mode = .text
        integers = []
        decimals = []
        missing = nil
        codes.reserveCapacity(count + 1)
        count = 0
        needsRescan = true
        return false
    }

    /// Appends a field as text: empty cells are missing, everything else (markers
    /// included) is kept as written.
    @inline(__always)
    mutating func appendText(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, row: Int) {
        if start == end {
            codes.append(0)
            markMissing(.empty)
        } else {
            // Neighbouring rows often repeat a value (an authority's name, a
            // region): try the previous value before the hash table.
            var code: UInt32
            if lastCode >= 0, dictionary.equals(UInt32(lastCode), p, start, end) {
                code = UInt32(lastCode)
            } else {
                var isNew = false
                code = dictionary.code(p, start, end, isNew: &isNew)
                if isNew { validate(p, start, end, row: row) }
                lastCode = Int(code)
            }
            codes.append(code)
            markPresent()
        }
        count += 1
    }

    private mutating func validate(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, row: Int) {
        var i = start
        var hasNUL = false
        var ascii = true
        while i < end {
            if p[i] == 0 { hasNUL = true }
            if p[i] >= 0x80 { ascii = false }
            i += 1
        }
        if hasNUL { nulRows.append(row) }
        if !ascii {
            let slice = UnsafeBufferPointer(rebasing: p[start..<end])
            var it = slice.makeIterator()
            var decoder = UTF8()
            loop: while true {
                switch decoder.decode(&it) {
                case .scalarValue: continue
                case .emptyInput: break loop
                case .error:
                    invalidUTF8Rows.append(row)
                    break loop
                }
            }
        }
    }

    /// The finished column. Text with NUL bytes keeps the text around them.
    func finish(name: String) -> Column {
        switch mode {
        case .integer:
            return Column(name: name, data: .integer(integers), missing: missing)
        case .decimal:
            return Column(name: name, data: .decimal(decimals), missing: missing)
        case .text:
            var strings = dictionary.strings()
            if !nulRows.isEmpty { strings = strings.map { $0.filter { $0 != "\0" } } }
            if strings.isEmpty { strings = [""] }
            return Column(name: name, data: .text(codes: codes, dictionary: TextDictionary(strings)), missing: missing)
        }
    }
}
