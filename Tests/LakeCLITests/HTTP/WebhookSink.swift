import Foundation
import LakeCore

/// A webhook receiver for notification tests: `Scripts/webhook_sink.py` on a free port, which
/// answers 500 to the first `failFirst` posts and 200 after, and appends one line per post to
/// `received`. `stop()` (or releasing it) closes its stdin, which ends it.
final class WebhookSink {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/webhook_sink.py")

    let port: Int
    private let process: ChildProcess
    private let input = Pipe()
    private let output = Pipe()

    /// Where the sink's stderr goes (shown when a test fails).
    let log: URL

    init(writingTo received: URL, failFirst: Int = 1) throws {
        log = received.deletingLastPathComponent().appendingPathComponent("sink-\(UUID().uuidString.prefix(6)).log")
        process = try ChildProcess.launch(
            "/usr/bin/env", ["python3", Self.script.path, received.path, String(failFirst)],
            stdin: .descriptor(input.fileHandleForReading.fileDescriptor),
            stdout: .descriptor(output.fileHandleForWriting.fileDescriptor), stderr: .file(log.path))
        try? input.fileHandleForReading.close()
        try? output.fileHandleForWriting.close()
        // Read the whole line: with PYTHONUNBUFFERED (set on machines of this kind) print writes
        // the number and the newline separately, and the read end stays open for the sink's life.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard let port = Int(text) else {
            process.terminate()
            throw LakeError(.io, "the webhook sink did not print its port: '\(text)'", hint: "run python3 \(Self.script.path) by hand")
        }
        self.port = port
    }

    /// Whether the sink still runs, its pid and what it printed to stderr (for failure messages).
    var state: String {
        "sink pid \(process.processIdentifier) port \(port) running \(process.isRunning) (\(process.termination.map { "\($0)" } ?? "-")); stderr: " + ((try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    func stop() { try? input.fileHandleForWriting.close() }

    deinit { stop() }
}
