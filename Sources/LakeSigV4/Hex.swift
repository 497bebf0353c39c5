import Crypto
import Foundation

/// Lower-case hexadecimal and the payload hashes SigV4 needs.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of the bytes.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex SHA-256 of the data.
    public static func sha256<D: DataProtocol>(_ data: D) -> String { encode(SHA256.hash(data: data)) }

    /// Hex SHA-256 of the UTF-8 text.
    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// SHA-256 of the empty string, the payload hash of a request without a body.
    public static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// `UNSIGNED-PAYLOAD`: S3's payload hash when the body is not hashed.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
}
