import Foundation
import Testing

@testable import LakeFormats

/// The RLE / bit-packed hybrid encoder and decoder agree on runs, literals and bit widths.
@Suite("RLE / bit-packed hybrid")
struct HybridEncodingTests {
    @Test("random runs round-trip at every bit width")
    func roundTrip() throws {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 20
        }
        for width in [1, 2, 3, 7, 8, 9, 13, 16, 20, 31, 32] {
            let maxValue: UInt64 = width == 32 ? UInt64(UInt32.max) : (1 << UInt64(width)) - 1
            for _ in 0..<20 {
                var values: [UInt32] = []
                let target = Int(next() % 3000)
                while values.count < target {
                    let v = UInt32(next() % (maxValue + 1))
                    let run = next() % 4 == 0 ? Int(next() % 40) : 1
                    values += repeatElement(v, count: run)
                }
                let out = OutputBuffer()
                values.withUnsafeBufferPointer { HybridEncoder.encode($0, bitWidth: width, into: out) }
                let decoded = try HybridDecoder.decode(out.bytes, start: 0, end: out.count, bitWidth: width, count: values.count)
                #expect(decoded == values, "width \(width), \(values.count) values")
            }
        }
    }

    @Test("byte levels (runs found eight at a time) encode exactly as the same values as 32-bit integers")
    func byteLevels() throws {
        var random = Mutator(seed: 7)
        for width in [1, 2, 3, 4, 5, 7, 8] {
            for _ in 0..<200 {
                var levels: [UInt8] = []
                let target = random.next(600)
                while levels.count < target {
                    let v = UInt8(random.next(1 << width))
                    // Runs of every length around the eight-byte steps, and long ones.
                    let run = random.next(3) == 0 ? random.next(70) : random.next(10) + 1
                    levels += repeatElement(v, count: run)
                }
                let bytes = OutputBuffer()
                levels.withUnsafeBufferPointer { HybridEncoder.encode($0, bitWidth: width, into: bytes) }
                let words = OutputBuffer()
                levels.map(UInt32.init).withUnsafeBufferPointer { HybridEncoder.encode($0, bitWidth: width, into: words) }
                #expect(Array(bytes.bytes) == Array(words.bytes), "width \(width), \(levels.count) levels")
                let decoded = try HybridDecoder.decode(bytes.bytes, start: 0, end: bytes.count, bitWidth: width, count: levels.count)
                #expect(decoded == levels.map(UInt32.init))
            }
        }
    }

    @Test("levels without nulls are one run; decoding stops at the count asked for")
    func allOnes() throws {
        let out = OutputBuffer()
        HybridEncoder.encodeAllOnes(count: 100_000, into: out)
        #expect(out.count <= 4)
        let decoded = try HybridDecoder.decode(out.bytes, start: 0, end: out.count, bitWidth: 1, count: 100_000)
        #expect(decoded.count == 100_000 && decoded.allSatisfy { $0 == 1 })
        #expect(throws: FormatError.self) {
            _ = try HybridDecoder.decode(out.bytes, start: 0, end: out.count, bitWidth: 33, count: 1)
        }
        #expect(throws: FormatError.self) {
            _ = try HybridDecoder.decode(out.bytes, start: 0, end: out.count - 1, bitWidth: 1, count: 10)
        }
    }
}
