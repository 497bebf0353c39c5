/// Fixed-width values written PLAIN as their little-endian bytes and dictionary-keyed by bits.
protocol PlainFixedWidth {
    var dictionaryKey: UInt64 { get }
}

extension Int32: PlainFixedWidth {
    @inline(__always) var dictionaryKey: UInt64 { UInt64(UInt32(bitPattern: self)) }
}
extension Int64: PlainFixedWidth {
    @inline(__always) var dictionaryKey: UInt64 { UInt64(bitPattern: self) }
}
extension Float: PlainFixedWidth {
    @inline(__always) var dictionaryKey: UInt64 { UInt64(bitPattern) }
}
extension Double: PlainFixedWidth {
    @inline(__always) var dictionaryKey: UInt64 { bitPattern }
}
