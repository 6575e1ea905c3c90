// Folder containment for safe mode and replay's writes (Engine.swift, PathText):
// by bytes, never by Swift's canonical-equivalence String comparison.

@testable import CasebookCore
import Testing

@Suite("Path containment")
struct PathTextTests {
    @Test("inside, the folder itself, and siblings with a common prefix")
    func containment() {
        #expect(PathText.isInside("/a/b/c.csv", "/a/b"))
        #expect(PathText.isInside("/a/b", "/a/b"))
        #expect(PathText.isInside("/a/b/", "/a/b/"))
        #expect(!PathText.isInside("/a/bc/d.csv", "/a/b"))
        #expect(!PathText.isInside("/a", "/a/b"))
        #expect(PathText.isInside("/anything", "/"))
        #expect(!PathText.isInside("/a/b/../c.csv", "/a/b"))
    }

    @Test("canonically equivalent names are different folders")
    func canonicalEquivalence() {
        let composed = "/s/caf\u{E9}", decomposed = "/s/cafe\u{301}"
        #expect(composed == decomposed)
        #expect(!PathText.isInside(decomposed + "/secret.csv", composed))
        #expect(!PathText.isInside(composed + "/x", decomposed))
        #expect(PathText.isInside(composed + "/x", composed))
    }
}
