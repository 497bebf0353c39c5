import Foundation
import LakeQuality
import Testing

@Suite struct StableHashTests {
    /// wyhash final version 4 with its default secret, from the reference C implementation
    /// (wangyi-fudan/wyhash, old_versions/wyhash_final4.h).
    @Test func matchesWyhashReferenceVectors() {
        let strings: [(String, UInt64, UInt64)] = [
            ("", 0, 0x0409_638E_E2BD_E459),
            ("a", 1, 0xA841_2D09_1B5F_E0A9),
            ("abc", 2, 0x32DD_92E4_B291_5153),
            ("message digest", 3, 0x8619_1240_89A3_A16B),
            ("abcdefghijklmnopqrstuvwxyz", 4, 0x7A43_AFB6_1D7F_5F40),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 5, 0xFF42_329B_90E5_0D58),
            (String(repeating: "1234567890", count: 8), 6, 0xC39C_AB13_B115_AAD3),
            ("abc", 0, 0x02A4_F1D7_CB51_6C72),
        ]
        for (text, seed, expected) in strings {
            #expect(StableHash.hash(text, seed: seed) == expected, "\(text)")
        }
        // Every length path: 1...3, 4...16, 17...48, past 48 (three lanes), bytes i*7+3.
        let bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        let lengths: [(Int, UInt64)] = [
            (1, 0xAC4C_24D5_552A_C9ED), (2, 0xEBE8_9E81_A69E_242E), (3, 0x5F53_7215_AE3E_82F9),
            (4, 0x6CBF_4A47_3D35_CEDE), (5, 0x865A_2369_E27D_F5A2), (7, 0xBE8C_EB8E_0AE5_4F1A),
            (8, 0xDD77_53DC_C1E7_D7A2), (9, 0x1446_3041_7485_6561), (15, 0x2F88_FDB9_DA44_AD2B),
            (16, 0x853A_A766_CE2F_8C64), (17, 0x8C40_6B9B_D1CB_F3FF), (31, 0x200D_69BC_726B_4992),
            (32, 0x73D5_BF90_42FE_C682), (33, 0x25CD_17AE_A527_9511), (47, 0x6264_5A79_4BD2_263F),
            (48, 0x446D_9FB2_3A18_8F73), (49, 0x2712_53A8_7087_03E1), (95, 0xBF24_56FD_5A76_5F20),
            (96, 0x8461_F4E5_04F2_84FB), (97, 0xDE20_63F2_5FD5_DEAC), (200, 0x2524_64E8_BD50_954C),
        ]
        for (length, expected) in lengths {
            #expect(StableHash.hash(bytes[..<length]) == expected, "length \(length)")
        }
    }

    @Test func integersAndDoublesHashAsTheirLittleEndianBytes() {
        let integers: [(Int64, UInt64)] = [
            (0, 0xE6B7_875D_0487_A132), (1, 0xAC36_0819_4DDC_6751), (-1, 0x0E21_4692_0409_C1FC),
            (42, 0xCA6B_1AF4_5159_2F24), (1_234_567_890_123, 0xD4EF_C7C3_594D_48B7),
        ]
        for (value, expected) in integers {
            #expect(StableHash.hash(value) == expected)
            #expect(StableHash.hash(Int(value)) == expected)
            #expect(withUnsafeBytes(of: value.littleEndian) { StableHash.hash($0) } == expected)
        }
        #expect(StableHash.hash(1.5) == 0x616B_CBA8_06E3_1F19)
        #expect(StableHash.hash(-2.25) == 0x1EF2_59F9_16D5_C97D)
    }

    @Test func normalisesZeroAndNaN() {
        #expect(StableHash.hash(-0.0) == StableHash.hash(0.0))
        let signalling = Double(bitPattern: 0x7FF0_0000_0000_0001)
        let negativeQuiet = Double(bitPattern: 0xFFF8_0000_0000_1234)
        #expect(signalling.isNaN && negativeQuiet.isNaN)
        #expect(StableHash.hash(signalling) == StableHash.hash(Double.nan))
        #expect(StableHash.hash(negativeQuiet) == StableHash.hash(Double.nan))
        #expect(StableHash.hash(Double.nan) != StableHash.hash(0.0))
    }

    @Test func byteContainersAgree() {
        let text = "SwiftLake data quality"
        let array = Array(text.utf8)
        let expected = StableHash.hash(text)
        #expect(StableHash.hash(array) == expected)
        #expect(StableHash.hash(([0, 0] + array)[2...]) == expected)
        #expect(array.withUnsafeBytes { StableHash.hash($0) } == expected)
        #expect(StableHash.hash(Data(array)) == expected)
        #expect(StableHash.hash(text, seed: 1) != expected)
    }

    @Test func flippingOneInputBitFlipsAboutHalfTheOutput() {
        var flipped = 0
        var trials = 0
        for value in Int64(0)..<200 {
            let base = StableHash.hash(value)
            for bit in 0..<64 {
                flipped += (base ^ StableHash.hash(value ^ (1 << Int64(bit)))).nonzeroBitCount
                trials += 1
            }
        }
        let average = Double(flipped) / Double(trials)
        #expect(abs(average - 32) < 0.5, "average \(average) bits flipped")
    }
}

@Suite struct HyperLogLogTests {
    private func sketch(_ values: Range<Int64>, precision: Int = 14) throws -> HyperLogLog {
        var sketch = try HyperLogLog(precision: precision)
        for value in values {
            sketch.insert(hash: StableHash.hash(value))
        }
        return sketch
    }

    @Test(arguments: [1_000, 100_000, 1_000_000])
    func estimateWithinThreeStandardErrors(distinct: Int) throws {
        let estimate = try sketch(0..<Int64(distinct)).estimate
        let error = abs(estimate - Double(distinct)) / Double(distinct)
        #expect(error <= 3 * HyperLogLog.relativeStandardError(precision: 14), "estimate \(estimate) for \(distinct)")
    }

    @Test(arguments: [1, 2, 10, 50, 100])
    func tinySetsAreNearlyExact(distinct: Int) throws {
        let estimate = try sketch(0..<Int64(distinct)).estimate
        #expect(abs(estimate - Double(distinct)) <= 0.02 * Double(distinct), "estimate \(estimate) for \(distinct)")
    }

    @Test func emptySketchEstimatesZero() {
        #expect(HyperLogLog().estimate == 0)
        #expect(HyperLogLog().precision == 14)
        #expect(HyperLogLog().registerValues.count == 16_384)
    }

    @Test func mergeOfHalvesEqualsWhole() throws {
        var first = try sketch(0..<50_000)
        let second = try sketch(50_000..<100_000)
        first.merge(second)
        let whole = try sketch(0..<100_000)
        #expect(first == whole)
        #expect(first.estimate == whole.estimate)
    }

    @Test func mergeOfDifferentPrecisionsUsesTheLowerOne() throws {
        let fine = try sketch(0..<30_000, precision: 14)
        let coarse = try sketch(20_000..<60_000, precision: 10)
        let expected = try sketch(0..<60_000, precision: 10)
        var intoFine = fine
        intoFine.merge(coarse)
        var intoCoarse = coarse
        intoCoarse.merge(fine)
        #expect(intoFine == expected)
        #expect(intoCoarse == expected)
    }

    @Test func duplicatesDoNotChangeTheEstimate() throws {
        let once = try sketch(0..<10_000)
        var thrice = once
        for _ in 0..<2 {
            for value in Int64(0)..<10_000 {
                thrice.insert(hash: StableHash.hash(value))
            }
        }
        #expect(thrice == once)
        #expect(thrice.estimate == once.estimate)
    }

    @Test func conveniencesAndBatchInsertAgree() throws {
        let expected = try sketch(0..<5_000)
        var batch = HyperLogLog()
        batch.insert(hashes: (Int64(0)..<5_000).lazy.map { StableHash.hash($0) })
        var convenient = HyperLogLog()
        for value in Int64(0)..<5_000 { convenient.insert(value) }
        #expect(batch == expected)
        #expect(convenient == expected)

        var zeros = HyperLogLog()
        zeros.insert(0.0)
        zeros.insert(-0.0)
        zeros.insert("zero")
        zeros.insert("zero")
        #expect(abs(zeros.estimate - 2) < 0.01)
    }

    @Test func registersRoundTrip() throws {
        let original = try sketch(0..<1_000, precision: 12)
        let restored = try HyperLogLog(precision: 12, registers: original.registerValues)
        #expect(restored == original)
        #expect(throws: HyperLogLogError.self) { try HyperLogLog(precision: 13, registers: original.registerValues) }
        #expect(throws: HyperLogLogError.self) { try HyperLogLog(precision: 4, registers: [UInt8](repeating: 62, count: 16)) }
    }

    @Test func rejectsPrecisionOutsideRange() {
        #expect(throws: HyperLogLogError.self) { try HyperLogLog(precision: 3) }
        #expect(throws: HyperLogLogError.self) { try HyperLogLog(precision: 19) }
    }

    @Test func standardError() {
        #expect(abs(HyperLogLog.relativeStandardError(precision: 14) - 0.008125) < 1e-12)
        #expect(abs(HyperLogLog.relativeStandardError(precision: 10) - 0.0325) < 1e-12)
    }
}
