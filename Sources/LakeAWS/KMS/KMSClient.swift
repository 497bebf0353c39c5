import Foundation
import LakeCore

/// What KMS says about a key.
public struct KMSKeyMetadata: Sendable, Hashable, Decodable {
    /// The key id (a UUID).
    public var keyId: String
    /// The key's ARN.
    public var arn: String?
    /// `Enabled`, `Disabled`, `PendingDeletion`...
    public var keyState: String?
    /// The description given at creation.
    public var description: String?
    /// `CUSTOMER` or `AWS`.
    public var keyManager: String?

    /// Whether the key is scheduled for deletion.
    public var isPendingDeletion: Bool { keyState == "PendingDeletion" }

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId", arn = "Arn", keyState = "KeyState", description = "Description", keyManager = "KeyManager"
    }
}

/// A KMS alias.
public struct KMSAlias: Sendable, Hashable, Decodable {
    /// `alias/...`.
    public var name: String
    /// The alias's ARN.
    public var arn: String?
    /// The id of the key it points at (nil for an alias without a key).
    public var targetKeyId: String?

    enum CodingKeys: String, CodingKey {
        case name = "AliasName", arn = "AliasArn", targetKeyId = "TargetKeyId"
    }
}

/// The KMS calls SwiftLake needs to give each tenant's landing bucket its own key, over the
/// JSON 1.1 protocol (`TrentService.<Op>`).
public struct KMSClient: Sendable {
    /// The transport that signs and sends.
    public let transport: AWSTransport

    /// Creates a client.
    public init(transport: AWSTransport) { self.transport = transport }

    func call<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input, as output: Output.Type) async throws -> Output {
        try await transport.json(.kms, version: .v1_1, targetPrefix: "TrentService", operation: operation, input: input, as: output)
    }

    /// Creates a symmetric customer-managed key with `description` and `tags`; returns its metadata.
    public func createKey(description: String, tags: [String: String] = [:]) async throws -> KMSKeyMetadata {
        struct Tag: Encodable {
            var TagKey: String
            var TagValue: String
        }
        struct Input: Encodable {
            var Description: String
            var KeyUsage = "ENCRYPT_DECRYPT"
            var Tags: [Tag]?
        }
        struct Output: Decodable { var KeyMetadata: KMSKeyMetadata }
        let list = tags.sorted { $0.key < $1.key }.map { Tag(TagKey: $0.key, TagValue: $0.value) }
        return try await call(
            "CreateKey", Input(Description: description, Tags: list.isEmpty ? nil : list), as: Output.self
        ).KeyMetadata
    }

    /// Points the alias `name` (`alias/...`) at `targetKeyId`; throws `AlreadyExistsException`
    /// (as a ``LakeError``) when the alias exists.
    public func createAlias(_ name: String, targetKeyId: String) async throws {
        struct Input: Encodable {
            var AliasName: String
            var TargetKeyId: String
        }
        _ = try await call("CreateAlias", Input(AliasName: name, TargetKeyId: targetKeyId), as: AWSEmpty.self)
    }

    /// Deletes the alias `name`; deleting a missing alias succeeds.
    public func deleteAlias(_ name: String) async throws {
        struct Input: Encodable { var AliasName: String }
        do {
            _ = try await call("DeleteAlias", Input(AliasName: name), as: AWSEmpty.self)
        } catch let error as LakeError where error.awsCode == "NotFoundException" {
            return
        }
    }

    /// The key `keyId` (a key id, key ARN, `alias/...` or alias ARN), or nil when there is no such key or alias.
    public func describeKey(_ keyId: String) async throws -> KMSKeyMetadata? {
        struct Input: Encodable { var KeyId: String }
        struct Output: Decodable { var KeyMetadata: KMSKeyMetadata }
        do {
            return try await call("DescribeKey", Input(KeyId: keyId), as: Output.self).KeyMetadata
        } catch let error as LakeError where error.awsCode == "NotFoundException" {
            return nil
        }
    }

    /// Every alias of the account (or of `keyId` only), following pages.
    public func aliases(keyId: String? = nil) async throws -> [KMSAlias] {
        struct Input: Encodable {
            var KeyId: String?
            var Marker: String?
            var Limit = 100
        }
        struct Output: Decodable {
            var Aliases: [KMSAlias]?
            var NextMarker: String?
            var Truncated: Bool?
        }
        var all: [KMSAlias] = []
        var marker: String?
        repeat {
            let page = try await call("ListAliases", Input(KeyId: keyId, Marker: marker), as: Output.self)
            all += page.Aliases ?? []
            marker = (page.Truncated ?? false) ? page.NextMarker.flatMap { $0.isEmpty ? nil : $0 } : nil
        } while marker != nil
        return all
    }

    /// Schedules the key's deletion after `pendingWindowInDays` (7...30); the key is unusable
    /// from now on and can be saved with ``cancelKeyDeletion(_:)`` until then.
    public func scheduleKeyDeletion(_ keyId: String, pendingWindowInDays: Int = 7) async throws {
        struct Input: Encodable {
            var KeyId: String
            var PendingWindowInDays: Int
        }
        _ = try await call(
            "ScheduleKeyDeletion", Input(KeyId: keyId, PendingWindowInDays: min(max(pendingWindowInDays, 7), 30)),
            as: AWSEmpty.self)
    }

    /// Cancels a scheduled deletion; the key is then disabled (see ``enableKey(_:)``).
    public func cancelKeyDeletion(_ keyId: String) async throws {
        struct Input: Encodable { var KeyId: String }
        _ = try await call("CancelKeyDeletion", Input(KeyId: keyId), as: AWSEmpty.self)
    }

    /// Enables a disabled key.
    public func enableKey(_ keyId: String) async throws {
        struct Input: Encodable { var KeyId: String }
        _ = try await call("EnableKey", Input(KeyId: keyId), as: AWSEmpty.self)
    }
}
