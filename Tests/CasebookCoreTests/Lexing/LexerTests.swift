// The lexer: tokens with exact spans, keywords versus names, strings with
// escapes, numbers, comments, and problems as error tokens (never a failure).

@testable import CasebookCore
import Testing

@Suite("Lexer")
struct LexerTests {
    func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceText(name: "t", text: text)).map(\.kind)
    }

    @Test("a pipeline lexes into names, pipes, operators and literals with spans")
    func pipeline() {
        let tokens = Lexer.tokenize(SourceText(name: "t", text: "referrals | where year >= 2016"))
        #expect(tokens.map(\.kind) == [.identifier, .pipe, .identifier, .identifier, .greaterEqual, .integer, .endOfInput])
        #expect(tokens[4].span == SourceSpan(23, 25))
        #expect(tokens[5].text == "2016")
    }

    @Test("only the reserved words are keywords; stage names are names")
    func keywords() {
        #expect(kinds("and or not in between like true false missing let") == Keyword.allCases.map { .keyword($0) } + [.endOfInput])
        #expect(kinds("where count year by desc") == [.identifier, .identifier, .identifier, .identifier, .identifier, .endOfInput])
        #expect(kinds("AND") == [.keyword(.and), .endOfInput])
    }

    @Test("strings resolve escapes and doubled quotes")
    func strings() {
        let t = Lexer.tokenize(SourceText(name: "t", text: #""a \"b\" \\ \n" 'it''s'"#))
        #expect(t[0].kind == .string)
        #expect(t[0].unquoted == "a \"b\" \\ \n")
        #expect(t[1].unquoted == "it's")
    }

    @Test("backticks quote odd column names")
    func quotedNames() {
        let t = Lexer.tokenize(SourceText(name: "t", text: "`Duration 0-10 days`"))
        #expect(t[0].kind == .quotedIdentifier)
        #expect(t[0].name == "Duration 0-10 days")
    }

    @Test("numbers: whole, decimal, exponent; a number glued to letters is one bad token")
    func numbers() {
        #expect(kinds("1 2.5 .5 1e6 3E-2") == [.integer, .decimal, .decimal, .decimal, .decimal, .endOfInput])
        #expect(kinds("12abc") == [.unexpectedCharacter, .endOfInput])
        #expect(kinds("1.") == [.integer, .unexpectedCharacter, .endOfInput])
    }

    @Test("operators, including the two spellings of not-equal")
    func operators() {
        #expect(kinds("= == != <> < <= > >= + - * / %") == [
            .equal, .equalEqual, .notEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .plus, .minus, .star,
            .slash, .percent, .endOfInput,
        ])
    }

    @Test("comments are skipped unless asked for")
    func comments() {
        #expect(kinds("a # note\nb") == [.identifier, .newline, .identifier, .endOfInput])
        let kept = Lexer.tokenize(SourceText(name: "t", text: "a # note"), keepComments: true)
        #expect(kept.map(\.kind) == [.identifier, .comment, .endOfInput])
    }

    @Test("an unclosed string ends at a blank or comment line, so later lines still lex")
    func unclosedString() {
        #expect(kinds("\"abc\n\nx") == [.unterminatedString, .newline, .newline, .identifier, .endOfInput])
        #expect(kinds("\"abc\n#> out\nx") == [.unterminatedString, .newline, .newline, .identifier, .endOfInput])
        #expect(kinds("\"ab\ncd\"") == [.string, .endOfInput])
        #expect(kinds("`abc") == [.unterminatedQuotedIdentifier, .endOfInput])
    }

    @Test("letters outside ASCII continue names; stray characters are error tokens")
    func unicode() {
        #expect(kinds("café | ±") == [.identifier, .pipe, .unexpectedCharacter, .endOfInput])
        #expect(Lexer.tokenize(SourceText(name: "t", text: "café"))[0].text == "café")
    }
}
