import Foundation
import LakeAWS
import LakeCore
import LakeTestSupport
import Testing

/// The YAML and JSON renderings of a template: the same document to a YAML reader and a JSON
/// reader (PyYAML, which reads YAML 1.1: the strictest about what is a boolean or a date),
/// keys sorted, and the same bytes for the same template.
@Suite(.blocking) struct CloudFormationTemplateRenderTests {
    /// Strings a careless emitter would let a YAML reader take for something else.
    static let awkward = [
        "true", "False", "yes", "No", "on", "OFF", "y", "n", "null", "~", "", " ", "2012-10-17", "123", "0x1F", "1e3", ".inf", "-",
        "*", "&anchor", "!tag", "@at", "`tick", "#comment", "a: b", "a #b", "key:", "[list]", "{map}", "%x", "|", ">", "'quoted'",
        "\"double\"", "line\nbreak", "tab\there", "back\\slash", "ümlaut", "emoji 😊", "\u{1}control", "arn:${AWS::Partition}:s3:::b/*",
        "_artifacts/", "/SDLF/dev/S3/RawBucket", "lake-dev-catalog.fifo", "a,b", "?q", "- dash",
    ]

    static func template() -> CloudFormationTemplate {
        var template = CloudFormationTemplate(description: "A template: with \"quotes\" and # signs")
        var properties: [String: CFNValue] = [
            "Strings": .strings(awkward), "Numbers": [0, -1, 345_600], "Flags": [true, false], "Empty": [], "EmptyObject": [:],
            "Nested": [["A": [["B": "c"]], "D": [[1, 2], []]]],
        ]
        for (index, text) in awkward.enumerated() where !text.isEmpty { properties["K\(index)"] = .object([text: .string(text)]) }
        template.resources["Thing"] = CFNResource("AWS::SSM::Parameter", properties, dependsOn: ["B", "A"], deletionPolicy: "Retain")
        template.outputs["Out"] = CFNOutput("An output", .getAtt("Thing", "Arn"), export: "lake-dev:Out")
        return template
    }

    @Test func yamlAndJSONReadBackAsTheSameDocument() throws {
        let template = Self.template()
        let yaml = try CloudFormationRenderer.render(template, as: .yaml)
        let json = try CloudFormationRenderer.render(template, as: .json)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfn-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(yaml.utf8).write(to: dir.appendingPathComponent("t.yaml"))
        try Data(json.utf8).write(to: dir.appendingPathComponent("t.json"))
        let expected = try JSONSerialization.data(withJSONObject: template.value.foundationObject, options: [.sortedKeys])
        try Data(expected).write(to: dir.appendingPathComponent("expected.json"))
        let verdict = try Subprocess.python(
            """
            import json, sys, yaml
            d = sys.argv[1]
            y = yaml.safe_load(open(d + '/t.yaml', encoding='utf-8'))
            j = json.load(open(d + '/t.json', encoding='utf-8'))
            e = json.load(open(d + '/expected.json', encoding='utf-8'))
            print('same' if y == j == e else 'differ: ' + json.dumps([k for k in e['Resources']['Thing']['Properties'] if y['Resources']['Thing']['Properties'].get(k) != e['Resources']['Thing']['Properties'][k]]))
            """, [dir.path])
        #expect(verdict.trimmingCharacters(in: .whitespacesAndNewlines) == "same")
    }

    @Test func renderingIsStableAndSorted() throws {
        let a = try CloudFormationRenderer.render(Self.template(), as: .yaml)
        let b = try CloudFormationRenderer.render(Self.template(), as: .yaml)
        #expect(a == b)
        let topLevel = a.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { String($0.prefix { $0 != ":" }) }
        #expect(topLevel == ["AWSTemplateFormatVersion", "Description", "Outputs", "Resources"])
        #expect(a.hasPrefix("AWSTemplateFormatVersion: \"2010-09-09\"\n"), "the version is a string, not a date")
        #expect(a.contains("      DependsOn:\n        - A\n        - B\n") || a.contains("    DependsOn:\n      - A\n      - B\n"))
        let json = try CloudFormationRenderer.render(Self.template(), as: .json)
        #expect(json.contains("\"arn:${AWS::Partition}:s3:::b/*\""), "slashes are not escaped")
    }

    @Test func intrinsicsHaveTheirLongForm() {
        #expect(CFNValue.ref("X") == ["Ref": "X"])
        #expect(CFNValue.getAtt("Q", "Arn") == ["Fn::GetAtt": ["Q", "Arn"]])
        #expect(CFNValue.sub("plain") == "plain", "a Sub with nothing to substitute is a plain string (cfn-lint W1020)")
        #expect(CFNValue.sub("a-${AWS::Region}") == ["Fn::Sub": "a-${AWS::Region}"])
        #expect(CFNValue.arn("sqs", "q") == ["Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q"])
        #expect(CFNValue.importValue("lake-dev:X") == ["Fn::ImportValue": "lake-dev:X"])
    }
}
