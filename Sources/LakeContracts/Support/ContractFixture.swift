import Foundation

/// What a check runs against: the adapter, optional peers on the same backend, a way to move
/// time, the durations to use, a unique namespace and a scratch directory.
public struct ContractFixture<Subject: Sendable>: Sendable {
    /// The adapter under test.
    public let subject: Subject
    /// More instances on the same backend (other connections or processes' worth of state), used
    /// by concurrency checks; may be empty.
    public let peers: [Subject]
    /// Reads and moves the adapter's clock.
    public let time: any TimeControl
    /// Durations the time checks use.
    public let timing: ContractTiming
    /// A string unique to this run of this check (letters and digits), for naming queues, key
    /// prefixes, datasets and databases, so checks can share one backend.
    public let namespace: String
    /// A directory the check may write local files into.
    public let scratch: URL

    /// Creates a fixture. `namespace` defaults to a fresh random one.
    public init(
        subject: Subject, peers: [Subject] = [], time: any TimeControl, timing: ContractTiming = ContractTiming(),
        namespace: String? = nil, scratch: URL
    ) {
        self.subject = subject
        self.peers = peers
        self.time = time
        self.timing = timing
        self.namespace = namespace ?? ContractFixture.randomNamespace()
        self.scratch = scratch
    }

    /// The subject followed by its peers.
    public var instances: [Subject] { [subject] + peers }

    /// A name unique to this run: `<base><namespace>`, e.g. `q` -> `qk3x9a2mf`.
    public func unique(_ base: String) -> String { base + namespace }

    /// A fresh random namespace: 10 lowercase letters and digits.
    public static func randomNamespace() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}
