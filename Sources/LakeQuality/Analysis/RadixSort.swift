/// Sorts 64-bit hashes with a least-significant-digit radix sort (four passes of 16 bits):
/// several times faster than a comparison sort on the millions of hashes a uniqueness check
/// counts, for one extra buffer of the same size.
enum RadixSort {
    static func sort(_ values: inout [UInt64]) {
        let n = values.count
        guard n > 4096 else {
            values.sort()
            return
        }
        var scratch = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            values.withUnsafeMutableBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { count in
                        for i in 0..<count.count { count[i] = 0 }
                        for v in source { count[Int((v >> shift) & 0xFFFF)] += 1 }
                        var total = 0
                        for i in 0..<count.count {
                            let c = count[i]
                            count[i] = total
                            total += c
                        }
                        for v in source {
                            let d = Int((v >> shift) & 0xFFFF)
                            target[count[d]] = v
                            count[d] += 1
                        }
                    }
                }
            }
            swap(&values, &scratch)
        }
    }
}
