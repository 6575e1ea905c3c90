// Every exit status Casebook uses, in one place.

enum ExitStatus: Int32 {
    /// Everything ran.
    case success = 0
    /// A statement failed (a script stops at the first unless --keep-going), or a
    /// session check found differences.
    case failure = 1
    /// The command line was wrong: an unknown flag, a missing file to run.
    case usage = 2
}
