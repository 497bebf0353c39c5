import LakeCore

/// A template under construction: resources and outputs by logical id, ids kept unique, and
/// the logical ids of the queues, buckets and tables it holds.
struct StackBuilder {
    var template: CloudFormationTemplate
    var queueIds: [QueueName: String] = [:]
    var bucketIds: [String: String] = [:]
    var tableIds: [String: String] = [:]

    init(description: String) { template = CloudFormationTemplate(description: description) }

    /// Adds `resource` under `id` (made unique with a number when taken); returns the id used.
    @discardableResult
    mutating func add(_ id: String, _ resource: CFNResource) -> String {
        let unique = uniqueId(id) { template.resources[$0] != nil }
        template.resources[unique] = resource
        return unique
    }

    /// Adds an output under `id` (made unique when taken).
    mutating func output(_ id: String, _ output: CFNOutput) {
        let unique = uniqueId(id) { template.outputs[$0] != nil }
        template.outputs[unique] = output
    }

    private func uniqueId(_ id: String, taken: (String) -> Bool) -> String {
        var candidate = String(id.prefix(250))
        var number = 2
        while taken(candidate) {
            candidate = String(id.prefix(245)) + String(number)
            number += 1
        }
        return candidate
    }
}

/// Logical ids from resource names: letters and digits, each word capitalised
/// (`lake-dev-sales-main-a-high.fifo` → `SalesMainAHighFifo` once the environment is dropped).
enum LogicalID {
    static func make(_ prefix: String, _ name: String) -> String {
        var out = prefix
        var startOfWord = true
        for scalar in name.unicodeScalars {
            let isAlnum = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
            guard isAlnum else {
                startOfWord = true
                continue
            }
            let character = String(scalar)
            out += startOfWord ? character.uppercased() : character
            startOfWord = false
        }
        return out
    }
}
