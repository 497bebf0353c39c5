import Testing
import LakeCore

@Suite struct ObjectKeyTests {
    @Test(arguments: ["team/ds/file.json", "a/b/c/d=1/e.csv", "你好/😊/my file.json"])
    func acceptsRelativeKeys(_ raw: String) throws {
        #expect(try ObjectKey(raw).rawValue == raw)
    }

    @Test(arguments: ["", "/abs/key", "a//b", "a/b/", "a/../b", "./a", "a/\u{0}b", "a/b\nc", String(repeating: "x", count: 1025)])
    func rejectsBadKeys(_ raw: String) {
        #expect(throws: LakeError.self) { try ObjectKey(raw) }
    }

    @Test func errorNamesTheKey() {
        do {
            _ = try ObjectKey("a/../etc")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidKey)
            #expect(error.message.contains("a/../etc"))
        }
    }
}
