// libFuzzer's driver on this target's input function (Target.swift).
import FuzzKit

#if canImport(Glibc)
    import Glibc
#endif

exit(runFuzzer(fuzzEvaluator))
