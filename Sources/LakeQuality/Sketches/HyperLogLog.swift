import Foundation

/// An approximate distinct count in fixed memory (Flajolet et al.'s HyperLogLog): 2^precision
/// one-byte registers (16 KiB at the default precision 14), a relative standard error of
/// 1.04 / sqrt(2^precision) (0.81 % at 14), and mergeable, so partial counts of partitions
/// combine into the count of their union. Feed it well-mixed 64-bit hashes, e.g. `StableHash`.
/// Estimates below 2.5 · 2^precision use linear counting; 64-bit hashes need no large-range
/// correction. (HLL++'s empirical bias correction is not applied.)
public struct HyperLogLog: Sendable, Equatable {
    /// The precision used by `init()`.
    public static let defaultPrecision = 14
    /// The precisions accepted: 4 (16 registers) to 18 (256 KiB).
    public static let precisionRange = 4...18

    /// Number of hash bits that select a register.
    public let precision: Int
    @usableFromInline var registers: [UInt8]

    /// An empty sketch at the default precision 14.
    public init() {
        precision = Self.defaultPrecision
        registers = [UInt8](repeating: 0, count: 1 << Self.defaultPrecision)
    }

    /// An empty sketch; throws when `precision` is outside `precisionRange`.
    public init(precision: Int) throws(HyperLogLogError) {
        guard Self.precisionRange.contains(precision) else {
            throw HyperLogLogError(message: "HyperLogLog precision \(precision) is outside \(Self.precisionRange)")
        }
        self.precision = precision
        registers = [UInt8](repeating: 0, count: 1 << precision)
    }

    /// A sketch restored from `registerValues` of one with the same precision.
    public init(precision: Int, registers: [UInt8]) throws(HyperLogLogError) {
        try self.init(precision: precision)
        guard registers.count == 1 << precision, registers.allSatisfy({ Int($0) <= 65 - precision }) else {
            throw HyperLogLogError(message: "the registers do not belong to a HyperLogLog of precision \(precision)")
        }
        self.registers = registers
    }

    /// The registers, for storing the sketch (see `init(precision:registers:)`).
    public var registerValues: [UInt8] { registers }

    /// 1.04 / sqrt(2^precision): the relative standard error of an estimate.
    public static func relativeStandardError(precision: Int) -> Double {
        1.04 / Double(1 << precision).squareRoot()
    }

    /// Counts one hashed value. The top `precision` bits choose a register, which keeps the
    /// largest position of the first 1 bit seen in the remaining bits.
    @inlinable
    public mutating func insert(hash: UInt64) {
        let shift = UInt64(truncatingIfNeeded: precision)
        let index = Int(truncatingIfNeeded: hash &>> (64 &- shift))
        // A guard bit just below the remaining bits caps the rank at 65 - precision.
        let remaining = (hash &<< shift) | (1 &<< (shift &- 1))
        let rank = UInt8(truncatingIfNeeded: remaining.leadingZeroBitCount &+ 1)
        if registers[index] < rank {
            registers[index] = rank
        }
    }

    /// Counts many hashed values.
    @inlinable
    public mutating func insert<Hashes: Sequence>(hashes: Hashes) where Hashes.Element == UInt64 {
        for hash in hashes {
            insert(hash: hash)
        }
    }

    /// Counts an integer (hashed with `StableHash`).
    @inlinable
    public mutating func insert(_ value: Int64) {
        insert(hash: StableHash.hash(value))
    }

    /// Counts a number (hashed with `StableHash`, so -0.0 and 0.0 count once, as do all NaNs).
    @inlinable
    public mutating func insert(_ value: Double) {
        insert(hash: StableHash.hash(value))
    }

    /// Counts a string (its UTF-8 bytes hashed with `StableHash`).
    public mutating func insert(_ value: String) {
        insert(hash: StableHash.hash(value))
    }

    /// Adds everything `other` counted: afterwards the sketch estimates the union. Sketches of
    /// different precision merge at the lower of the two.
    public mutating func merge(_ other: HyperLogLog) {
        if other.precision > precision {
            merge(other.reduced(toPrecision: precision))
            return
        }
        if other.precision < precision {
            self = reduced(toPrecision: other.precision)
        }
        registers.withUnsafeMutableBufferPointer { mine in
            other.registers.withUnsafeBufferPointer { theirs in
                for index in mine.indices where mine[index] < theirs[index] {
                    mine[index] = theirs[index]
                }
            }
        }
    }

    /// The same sketch at a lower precision: what it would hold had it been built at that one.
    func reduced(toPrecision target: Int) -> HyperLogLog {
        guard target < precision, let smaller = try? HyperLogLog(precision: target) else { return self }
        var result = smaller
        let dropped = precision - target
        let lowMask = (1 << dropped) - 1
        for (index, rank) in registers.enumerated() where rank > 0 {
            // The dropped index bits now lead the remaining bits.
            let low = index & lowMask
            let newRank = low != 0 ? dropped - (Int.bitWidth - low.leadingZeroBitCount) + 1 : dropped + Int(rank)
            let slot = index >> dropped
            result.registers[slot] = max(result.registers[slot], UInt8(truncatingIfNeeded: newRank))
        }
        return result
    }

    /// The estimated number of distinct values inserted.
    public var estimate: Double {
        let m = Double(registers.count)
        var sum = 0.0
        var empty = 0
        for rank in registers {
            sum += Double(sign: .plus, exponent: -Int(rank), significand: 1)
            if rank == 0 { empty += 1 }
        }
        let raw = alpha * m * m / sum
        if raw <= 2.5 * m, empty > 0 {
            return m * log(m / Double(empty))
        }
        return raw
    }

    /// The bias constant α for m registers.
    private var alpha: Double {
        switch registers.count {
        case 16: 0.673
        case 32: 0.697
        case 64: 0.709
        default: 0.7213 / (1 + 1.079 / Double(registers.count))
        }
    }
}

/// A HyperLogLog that cannot be built: a precision outside 4...18 or registers that do not fit it.
public struct HyperLogLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
