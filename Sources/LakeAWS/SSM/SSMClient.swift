import Foundation
import LakeCore

/// A Systems Manager parameter.
public struct SSMParameter: Sendable, Hashable, Decodable {
    /// Its full name, e.g. `/SDLF/S3/RawBucket`.
    public var name: String
    /// `String`, `StringList` or `SecureString`.
    public var type: String?
    /// Its value.
    public var value: String
    /// Incremented on every overwrite.
    public var version: Int?

    enum CodingKeys: String, CodingKey {
        case name = "Name", type = "Type", value = "Value", version = "Version"
    }
}

/// The SSM Parameter Store calls SwiftLake needs, over the JSON 1.1 protocol (`AmazonSSM.<Op>`).
public struct SSMClient: Sendable {
    /// The transport that signs and sends.
    public let transport: AWSTransport

    /// Creates a client.
    public init(transport: AWSTransport) { self.transport = transport }

    func call<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input, as output: Output.Type) async throws -> Output {
        try await transport.json(.ssm, version: .v1_1, targetPrefix: "AmazonSSM", operation: operation, input: input, as: output)
    }

    /// Writes a `String` parameter, replacing any value when `overwrite`; returns its version.
    @discardableResult
    public func putParameter(name: String, value: String, type: String = "String", overwrite: Bool = true) async throws -> Int {
        struct Input: Encodable {
            var Name: String
            var Value: String
            var `Type`: String
            var Overwrite: Bool
        }
        struct Output: Decodable { var Version: Int? }
        return try await call(
            "PutParameter", Input(Name: name, Value: value, Type: type, Overwrite: overwrite), as: Output.self
        ).Version ?? 1
    }

    /// The parameter `name`, or nil when it does not exist.
    public func parameter(name: String, decrypt: Bool = false) async throws -> SSMParameter? {
        struct Input: Encodable {
            var Name: String
            var WithDecryption: Bool
        }
        struct Output: Decodable { var Parameter: SSMParameter }
        do {
            return try await call("GetParameter", Input(Name: name, WithDecryption: decrypt), as: Output.self).Parameter
        } catch let error as LakeError where error.awsCode == "ParameterNotFound" {
            return nil
        }
    }

    /// Every parameter under `path` (recursively by default), following pages.
    public func parameters(path: String, recursive: Bool = true, decrypt: Bool = false) async throws -> [SSMParameter] {
        struct Input: Encodable {
            var Path: String
            var Recursive: Bool
            var WithDecryption: Bool
            var NextToken: String?
            var MaxResults = 10
        }
        struct Output: Decodable {
            var Parameters: [SSMParameter]?
            var NextToken: String?
        }
        var all: [SSMParameter] = []
        var token: String?
        repeat {
            let page = try await call(
                "GetParametersByPath", Input(Path: path, Recursive: recursive, WithDecryption: decrypt, NextToken: token),
                as: Output.self)
            all += page.Parameters ?? []
            token = page.NextToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return all
    }

    /// Deletes a parameter; deleting a missing one succeeds.
    public func deleteParameter(name: String) async throws {
        struct Input: Encodable { var Name: String }
        do {
            _ = try await call("DeleteParameter", Input(Name: name), as: AWSEmpty.self)
        } catch let error as LakeError where error.awsCode == "ParameterNotFound" {
            return
        }
    }
}
