import Foundation

/// A pipeline: stage A (per object) and, when its kind runs it, stage B (per batch). Its
/// `type` names a ``PipelineKind`` (built in: `standard`, `custom`), which decides what datasets
/// on it run.
public struct PipelineConfig: Sendable, Hashable {
    public var name: String
    /// The name of the pipeline's ``PipelineKind`` (lake.yaml's `type:`).
    public var type: String
    public var stageA: StageAConfig
    /// Present when the pipeline's kind runs stage B.
    public var stageB: StageBConfig?
    /// Whether lake.yaml (or the code that built this) gave a `stage_b` section; a kind that
    /// runs stage A only refuses one.
    public var stageBWritten: Bool

    /// A pipeline of `kind`: stage B defaults when the kind runs it and none is given, and is
    /// dropped (but remembered as written, for validation) when the kind does not run it.
    public init(name: String, kind: some PipelineKind = StandardPipelineKind(), stageA: StageAConfig = StageAConfig(), stageB: StageBConfig? = nil) {
        self.init(name: name, type: kind.name, runsStageB: kind.runsStageB, stageA: stageA, stageB: stageB)
    }

    /// A pipeline whose kind is known by name only (the config parser, before the kind is
    /// looked up); `runsStageB` is what the kind would say.
    public init(name: String, type: String, runsStageB: Bool, stageA: StageAConfig = StageAConfig(), stageB: StageBConfig? = nil) {
        self.name = name
        self.type = type
        self.stageA = stageA
        self.stageBWritten = stageB != nil
        self.stageB = runsStageB ? (stageB ?? StageBConfig()) : nil
    }
}

/// Stage A: the light, per-object transform.
public struct StageAConfig: Sendable, Hashable {
    public var transform: String
    /// How many objects one worker transforms at once (a FIFO receive holds at most 10).
    public var concurrency: Int
    public var options: TransformOptions
    public init(transform: String = "json-flatten", concurrency: Int = 8, options: TransformOptions = [:]) {
        self.transform = transform
        self.concurrency = concurrency
        self.options = options
    }
}

/// Stage B: the heavy, per-batch transform and how batches are formed.
public struct StageBConfig: Sendable, Hashable {
    public var transform: String
    public var trigger: StageBTrigger
    /// Fewer waiting items than this: stage B routing does nothing.
    public var minItems: Int
    /// At most this many keys per stage-B execution.
    public var maxItems: Int
    /// At most this many stage-B executions of this pipeline RUNNING at once.
    public var maxConcurrent: Int
    /// How long a stage-B job may run before it is stopped and the execution fails.
    public var timeout: Duration
    /// How keys are grouped into executions.
    public var batching: StageBBatching
    public var options: TransformOptions
    public init(
        transform: String = "parquet", trigger: StageBTrigger = .event, minItems: Int = 1, maxItems: Int = 100,
        maxConcurrent: Int = 3, timeout: Duration = .seconds(3600), batching: StageBBatching = .perTable,
        options: TransformOptions = [:]
    ) {
        self.transform = transform
        self.trigger = trigger
        self.minItems = minItems
        self.maxItems = maxItems
        self.maxConcurrent = maxConcurrent
        self.timeout = timeout
        self.batching = batching
        self.options = options
    }
}

/// How stage-B routing groups keys into executions.
public enum StageBBatching: String, Sendable, Hashable, CaseIterable {
    /// One execution per table, up to `max_items` keys (default).
    case perTable = "per-table"
    /// One execution per key, as the reference WLM does.
    case perMessage = "per-message"
}

/// When stage B routing looks at a dataset's queue.
public enum StageBTrigger: Sendable, Hashable, CustomStringConvertible {
    /// On a fixed interval (SDLF: every 5 minutes).
    case every(Duration)
    /// As soon as stage A sends work (low latency).
    case event

    public var description: String {
        switch self {
        case .event: return "event"
        case .every(let d): return "every \(DurationText.format(d))"
        }
    }
}

/// Parses and prints durations such as `90s`, `5m`, `1h30m`, `2d`, `250ms`.
public enum DurationText {
    /// The longest duration text may say: 100 years. Longer is a typo, not a setting.
    public static let maximumSeconds: Double = 100 * 365 * 86_400

    /// The duration `text` says, or nil when it is not one (or is longer than ``maximumSeconds``).
    public static func parse(_ text: String) -> Duration? {
        guard let seconds = parseSeconds(text), seconds.isFinite, seconds <= maximumSeconds else { return nil }
        return .seconds(seconds)
    }

    private static func parseSeconds(_ text: String) -> Double? {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !s.isEmpty else { return nil }
        if let plain = Double(s), plain >= 0 { return plain }
        var total = 0.0
        var number = ""
        var index = s.startIndex
        var sawUnit = false
        while index < s.endIndex {
            let ch = s[index]
            if ch.isNumber || ch == "." {
                number.append(ch)
                index = s.index(after: index)
                continue
            }
            var unit = String(ch)
            let next = s.index(after: index)
            if ch == "m", next < s.endIndex, s[next] == "s" { unit = "ms" }
            guard let value = Double(number) else { return nil }
            let factor: Double
            switch unit {
            case "ms": factor = 0.001
            case "s": factor = 1
            case "m": factor = 60
            case "h": factor = 3600
            case "d": factor = 86400
            default: return nil
            }
            total += value * factor
            number = ""
            sawUnit = true
            index = s.index(index, offsetBy: unit.count)
        }
        guard number.isEmpty, sawUnit else { return nil }
        return total
    }

    public static func format(_ d: Duration) -> String {
        let total = d.seconds
        if total < 1 { return "\(Int((total * 1000).rounded()))ms" }
        var rest = Int(total.rounded())
        var out = ""
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out.isEmpty ? "0s" : out
    }
}
