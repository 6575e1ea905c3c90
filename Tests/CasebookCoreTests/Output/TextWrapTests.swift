// Wrapping prose at spaces: no word is broken, a term's description continues
// under the description, the spacing that aligns columns is kept.

@testable import CasebookCore
import Testing

@Suite("Wrapping at word boundaries")
struct TextWrapTests {
    static let prose =
        "note: Reading ranks 20 of 149 authorities with a value in 2016 (1 = highest); quartile 1 of 4 (the highest quarter); measure"

    @Test("no line is wider than the width and every word comes through whole", arguments: [20, 33, 40, 57, 80])
    func wordsWhole(width: Int) {
        let out = TextWrap.lines(Self.prose + "\n", width: width)
        for line in out.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= width, "\(String(line))") }
        let words = out.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        #expect(words == Self.prose.split(separator: " ").map(String.init))
    }

    @Test("a term and its description continue under the description, keeping the padding")
    func hangingUnderTheDescription() {
        let line = "  select     Keeps the named columns in the order given; `new = old` renames and `new = expression` computes."
        let out = TextWrap.lines(line + "\n", width: 60)
        #expect(out == "  select     Keeps the named columns in the order given;\n             `new = old` renames and `new = expression`\n             computes.\n")
    }

    @Test("a line that fits is left alone, spaces and all")
    func fitsUnchanged() {
        #expect(TextWrap.lines("a    b  c\n", width: 40) == "a    b  c\n")
    }
}
