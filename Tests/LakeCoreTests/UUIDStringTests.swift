import Foundation
import LakeCore
import Testing

/// Random ids are well-formed version-4 UUIDs and do not repeat.
@Suite struct UUIDStringTests {
    @Test func idsAreVersion4UUIDsInLowerCaseAndUnique() {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = UUIDString.random()
            #expect(id.count == 36 && id == id.lowercased())
            let parsed = UUID(uuidString: id)
            #expect(parsed?.uuidString.lowercased() == id, "\(id)")
            let bytes = Array(id.utf8)
            #expect(bytes[14] == UInt8(ascii: "4"), "version nibble of \(id)")
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[19]), "variant of \(id)")
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }
}
