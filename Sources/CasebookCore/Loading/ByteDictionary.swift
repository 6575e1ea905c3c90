#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The loader's dictionary for text columns: distinct byte strings in one arena,
// found through an open-addressing hash table, so that a million cells naming a
// few hundred authorities make a few hundred Strings, not a million.

struct ByteDictionary {
    private(set) var arena: [UInt8] = []
    /// Start offset of each entry in `arena`; entry i ends at offsets[i + 1].
    private(set) var offsets: [Int] = [0]
    private var slots: [UInt32]  // code + 1; 0 = empty
    private var mask: Int

    init() {
        slots = [UInt32](repeating: 0, count: 64)
        mask = 63
    }

    var count: Int { offsets.count - 1 }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        // FNV-1a over 8-byte words, then a final mix: fast for short names.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = start
        while i + 8 <= end {
            var w: UInt64 = 0
            for k in 0..<8 { w |= UInt64(p[i + k]) << (8 * UInt64(k)) }
            h = (h ^ w) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        while i < end {
            h = (h ^ UInt64(p[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        h ^= UInt64(end - start)
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }

    /// True when entry `code` holds exactly the bytes `p[start..<end]`.
    @inline(__always)
    func equals(_ code: UInt32, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let o = offsets[Int(code)]
        let length = end - start
        guard offsets[Int(code) + 1] - o == length else { return false }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + o, p.baseAddress! + start, length) == 0
        }
    }

    /// The code of the bytes `p[start..<end]`, adding them if new.
    /// `isNew` tells the caller to validate the new entry (UTF-8, NUL bytes).
    @inline(__always)
    mutating func code(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, isNew: inout Bool) -> UInt32 {
        let h = Self.hash(p, start, end)
        var slot = Int(truncatingIfNeeded: h) & mask
        let length = end - start
        while true {
            let s = slots[slot]
            if s == 0 { break }
            let code = Int(s - 1)
            let o = offsets[code]
            if offsets[code + 1] - o == length {
                var equal = true
                arena.withUnsafeBufferPointer { a in
                    for k in 0..<length where a[o + k] != p[start + k] {
                        equal = false
                        break
                    }
                }
                if equal { return UInt32(code) }
            }
            slot = (slot + 1) & mask
        }
        let code = count
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<end]))
        offsets.append(arena.count)
        slots[slot] = UInt32(code + 1)
        isNew = true
        if count * 2 > mask { grow() }
        return UInt32(code)
    }

    private mutating func grow() {
        let newSize = (mask + 1) * 2
        var newSlots = [UInt32](repeating: 0, count: newSize)
        let newMask = newSize - 1
        arena.withUnsafeBufferPointer { a in
            for code in 0..<count {
                let h = Self.hash(a, offsets[code], offsets[code + 1])
                var slot = Int(truncatingIfNeeded: h) & newMask
                while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
                newSlots[slot] = UInt32(code + 1)
            }
        }
        slots = newSlots
        mask = newMask
    }

    func bytes(of code: Int) -> ArraySlice<UInt8> {
        arena[offsets[code]..<offsets[code + 1]]
    }

    /// The entries as Strings (invalid UTF-8 replaced by U+FFFD; the loader
    /// reports it before this point).
    func strings() -> [String] {
        (0..<count).map { String(decoding: bytes(of: $0), as: UTF8.self) }
    }
}
