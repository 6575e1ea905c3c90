// Terminal columns a string takes decide every table's and chart's alignment.

import Testing

@testable import CasebookCore

@Suite("Display width")
struct DisplayWidthTests {
    @Test("printable ASCII is one column a byte; control characters none")
    func ascii() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("Reading 870") == 11)
        #expect(DisplayWidth.of("a\tb\u{7}") == 2)
        #expect(DisplayWidth.of("\u{7F}x") == 1)
    }

    @Test("Latin letters with accents are one column, whether composed or combined")
    func accents() {
        #expect(DisplayWidth.of("Bromley–Sévérac") == 15)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("Ynys Môn") == 8)
        #expect(DisplayWidth.of("\u{A0}½") == 2)
    }

    @Test("wide East Asian characters and emoji are two columns; joiners and selectors none")
    func wide() {
        #expect(DisplayWidth.of("表") == 2)
        #expect(DisplayWidth.of("📈x") == 3)
        #expect(DisplayWidth.of("a\u{200B}b\u{FE0F}") == 2)
    }

    @Test("truncate cuts to the width with an ellipsis, and pad fills to it")
    func truncateAndPad() {
        #expect(DisplayWidth.truncate("Reading", to: 5) == "Read…")
        #expect(DisplayWidth.truncate("表表表", to: 4) == "表…")
        #expect(DisplayWidth.pad("é", to: 3, right: true) == "  é")
    }
}
