// The reader's quick path for plain numbers ("1673", "465.1") must read every
// field exactly as the full number parser does, or leave it to it.

import Testing

@testable import CasebookCore

@Suite("Plain numbers")
struct PlainNumberTests {
    static func same(_ a: FieldNumber, _ b: FieldNumber) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x == y
        case (.decimal(let x), .decimal(let y)): return x.bitPattern == y.bitPattern
        case (.leadingZero, .leadingZero), (.notANumber, .notANumber): return true
        default: return false
        }
    }

    @Test func theQuickPathAgreesWithTheFullParser() {
        var rng = SeededGenerator(seed: 7)
        let alphabet = Array("0123456789.0123456789-+e,% 9".utf8)
        var fields: [[UInt8]] = [
            "0", "00", "01", "0.5", "00.5", ".5", "5.", "465.1", "9007199254740993", "9007199254740992.5",
            "99999999999999999", "123456789012345678", "1.7976931348623157", "0.1", "12.50", "7,5",
        ].map { Array($0.utf8) }
        for _ in 0..<20_000 {
            let n = 1 + Int(rng.next() % 19)
            fields.append((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            // Mostly digits with at most one point: the quick path's own inputs.
            var digits = (0..<(1 + Int(rng.next() % 18))).map { _ in UInt8(48 + rng.next() % 10) }
            if rng.next() % 2 == 0 { digits.insert(UInt8(ascii: "."), at: Int(rng.next() % UInt64(digits.count + 1))) }
            fields.append(digits)
        }
        for f in fields {
            f.withUnsafeBufferPointer { p in
                let quick = FieldParsing.parseNumber(p, 0, p.count)
                let full = FieldParsing.parseAnyNumber(p, 0, p.count)
                #expect(Self.same(quick, full), "\(String(decoding: f, as: UTF8.self)): \(quick) vs \(full)")
            }
        }
    }
}
