import Foundation

/// Generates the demo's `demoteam/legislators` sample: persons as a JSON array with nested
/// fields, memberships as JSON Lines, organizations as CSV. Deterministic for a seed.
struct DemoData {
    var persons = 1200
    var memberships = 2400
    var organizations = 40
    var seed: UInt64 = 2026

    /// Writes the three files into `directory/<table>/` and returns their paths.
    func write(to directory: URL) throws -> [URL] {
        var rng = SplitMix64(seed: seed)
        let fm = FileManager.default
        let orgs = (0..<organizations).map { i -> (id: String, name: String) in
            ("org-\(String(format: "%03d", i))", "\(Self.parties[i % Self.parties.count]) \(Self.regions[(i / Self.parties.count) % Self.regions.count])")
        }
        var urls: [URL] = []

        let orgDir = directory.appendingPathComponent("organizations")
        try fm.createDirectory(at: orgDir, withIntermediateDirectories: true)
        var csv = "id,name,classification,founding_date,seats\n"
        for (i, org) in orgs.enumerated() {
            let year = 1900 + Int(rng.next() % 120)
            csv += "\(org.id),\"\(org.name)\",\(i % 5 == 0 ? "chamber" : "party"),\(year)-0\(1 + i % 9)-1\(i % 9),\(10 + Int(rng.next() % 300))\n"
        }
        let orgFile = orgDir.appendingPathComponent("organizations.csv")
        try Data(csv.utf8).write(to: orgFile)
        urls.append(orgFile)

        let personDir = directory.appendingPathComponent("persons")
        try fm.createDirectory(at: personDir, withIntermediateDirectories: true)
        var people: [String] = []
        for i in 0..<persons {
            let given = Self.given[Int(rng.next() % UInt64(Self.given.count))]
            let family = Self.family[Int(rng.next() % UInt64(Self.family.count))]
            let born = "19\(40 + Int(rng.next() % 50))-\(pad(1 + Int(rng.next() % 12)))-\(pad(1 + Int(rng.next() % 28)))"
            let id = "p-\(String(format: "%05d", i))"
            let death = i % 17 == 0 ? "\"20\(10 + Int(rng.next() % 15))-01-0\(1 + i % 9)\"" : "null"
            people.append("""
            {"id":"\(id)","name":"\(given) \(family)","given_name":"\(given)","family_name":"\(family)","gender":"\(i % 2 == 0 ? "female" : "male")","birth_date":"\(born)","death_date":\(death),"image":"https://example.org/img/\(id).jpg","identifiers":[{"scheme":"wikidata","identifier":"Q\(100000 + i)"},{"scheme":"bioguide","identifier":"B\(i)"}],"contact_details":{"email":"\(given.lowercased()).\(family.lowercased())@example.org","twitter":"@\(given.lowercased())\(i)"},"other_names":[{"name":"\(family), \(given)","note":"alternate"}],"links":[{"url":"https://en.wikipedia.org/wiki/\(given)_\(family)","note":"Wikipedia"}]}
            """)
        }
        let personsFile = personDir.appendingPathComponent("persons.json")
        try Data(("[\n" + people.joined(separator: ",\n") + "\n]\n").utf8).write(to: personsFile)
        urls.append(personsFile)

        let memberDir = directory.appendingPathComponent("memberships")
        try fm.createDirectory(at: memberDir, withIntermediateDirectories: true)
        var lines = ""
        for i in 0..<memberships {
            let person = Int(rng.next() % UInt64(persons))
            let org = orgs[Int(rng.next() % UInt64(orgs.count))]
            let start = 1990 + Int(rng.next() % 30)
            lines += """
            {"id":"m-\(String(format: "%05d", i))","person_id":"p-\(String(format: "%05d", person))","organization_id":"\(org.id)","organization_name":"\(org.name)","role":"\(i % 7 == 0 ? "chair" : "member")","start_date":"\(start)-01-03","end_date":"\(start + 2)-01-03","legislative_period":{"id":"term/\(start)","name":"Term \(start)"},"seats":\(1 + Int(rng.next() % 3))}

            """
        }
        let membershipsFile = memberDir.appendingPathComponent("memberships.jsonl")
        try Data(lines.utf8).write(to: membershipsFile)
        urls.append(membershipsFile)
        return urls
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    static let parties = ["Green", "Labour", "Liberal", "Conservative", "Independent", "Social", "Pirate", "Union"]
    static let regions = ["North", "South", "East", "West", "Central"]
    static let given = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus", "Radia", "Tim", "Sophie", "José", "Zoë", "Ngozi", "Aiko", "Lars"]
    static let family = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Wirth", "Perlman", "Berners-Lee", "Wilson", "Núñez", "Ødegaard", "Okafor", "Tanaka", "Larsen"]
}

/// A small, fast, seedable generator (SplitMix64) so demo and benchmark data are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
