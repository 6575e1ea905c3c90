// What a function or aggregate takes: its name, how many arguments, and the
// form shown when a call gets it wrong. One type, one message, for both.

struct CallSignature {
    let name: String
    let arity: ClosedRange<Int>
    let usage: String

    /// The signature a function's or aggregate's declaration gives.
    init(_ declaration: Declaration) {
        name = declaration.name
        arity = declaration.arity ?? 0...0
        usage = declaration.usage
    }

    /// "`round` takes 1 or 2 arguments, but was given 3", with the form as help.
    func checkArguments(_ given: Int, calledAs written: String, span: SourceSpan) throws(Diagnostic) {
        guard !arity.contains(given) else { return }
        let expected: String
        switch arity.count {
        case 1: expected = Messages.plural(arity.lowerBound, "argument")
        case 2: expected = "\(arity.lowerBound) or \(arity.upperBound) arguments"
        default: expected = "\(arity.lowerBound) to \(arity.upperBound) arguments"
        }
        throw Diagnostic(
            id: .wrongArgumentCount, message: "`\(written)` takes \(expected), but was given \(given)", span: span,
            help: "the form is `\(usage)`")
    }
}
