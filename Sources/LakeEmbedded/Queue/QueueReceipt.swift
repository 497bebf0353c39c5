import LakeCore

/// The parts of a receipt handle: the message's row and the nonce of one lease.
///
/// A handle is `<seq>:<nonce>`; every receive draws a new nonce, so a handle from an earlier
/// receive no longer matches the row and deleting or extending with it does nothing.
struct QueueReceipt: Sendable, Hashable {
    var seq: Int64
    var nonce: String

    /// A fresh lease nonce for row `seq`.
    static func fresh(seq: Int64) -> QueueReceipt {
        let value = UInt64.random(in: 0...UInt64.max)
        let hex = String(value, radix: 16)
        return QueueReceipt(seq: seq, nonce: String(repeating: "0", count: 16 - hex.count) + hex)
    }

    /// Parses a handle made by ``handle``; throws `.usage` for anything else.
    init(_ handle: ReceiptHandle, queue: QueueName) throws(LakeError) {
        let parts = handle.rawValue.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), parts[1].utf8.count == 16 else {
            throw LakeError(
                .usage, "the receipt handle is not one this queue service issued",
                hint: "pass the receipt of a message received from this queue",
                context: ["queue": queue.rawValue])
        }
        self.seq = seq
        self.nonce = String(parts[1])
    }

    init(seq: Int64, nonce: String) {
        self.seq = seq
        self.nonce = nonce
    }

    var handle: ReceiptHandle { ReceiptHandle("\(seq):\(nonce)") }
}
