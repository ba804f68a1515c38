import Testing
import KademliaCore

@Suite struct RecordValueTests {
    @Test func changingACopyLeavesTheOriginalAlone() {
        let original = Record(value: .string("10.0.0.1:4000"), stamp: Stamp(version: 3, writer: NodeID(hashing: "w")))
        var copy = original
        #expect(copy == original)
        copy.value = .string("10.0.0.2:4000")
        copy.stamp?.version += 1
        #expect(original.value == .string("10.0.0.1:4000"))
        #expect(original.stamp?.version == 3)
        #expect(copy.stamp?.version == 4)
        #expect(copy != original)
        // Equal contents in separate boxes are equal and hash alike.
        let twin = Record(value: .string("10.0.0.1:4000"), stamp: Stamp(version: 3, writer: NodeID(hashing: "w")))
        #expect(twin == original)
        #expect(Set([twin, original]).count == 1)
    }
}
