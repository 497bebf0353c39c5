import Foundation
import LakeCore

/// The Glue Data Catalog calls SwiftLake needs, over the JSON 1.1 protocol (`AWSGlue.<Op>`).
public struct GlueClient: Sendable {
    /// The transport that signs and sends.
    public let transport: AWSTransport

    /// Creates a client.
    public init(transport: AWSTransport) { self.transport = transport }

    func call<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input, as output: Output.Type) async throws -> Output {
        try await transport.json(.glue, version: .v1_1, targetPrefix: "AWSGlue", operation: operation, input: input, as: output)
    }

    /// Whether an error says the database, table or partition does not exist.
    public static func isNotFound(_ error: any Error) -> Bool {
        (error as? LakeError)?.awsCode == "EntityNotFoundException"
    }

    /// Whether an error says the entity exists already.
    public static func isAlreadyExists(_ error: any Error) -> Bool {
        (error as? LakeError)?.awsCode == "AlreadyExistsException"
    }

    /// Whether an error says another writer changed the entity since it was read (an
    /// UpdateTable whose `VersionId` is no longer the table's).
    public static func isConcurrentModification(_ error: any Error) -> Bool {
        (error as? LakeError)?.awsCode == "ConcurrentModificationException"
    }

    // MARK: Databases

    /// Creates a database; returns false when it exists already.
    @discardableResult
    public func createDatabase(_ database: GlueDatabase) async throws -> Bool {
        struct Input: Encodable { var DatabaseInput: GlueDatabase }
        do {
            _ = try await call("CreateDatabase", Input(DatabaseInput: database), as: AWSEmpty.self)
            return true
        } catch where GlueClient.isAlreadyExists(error) {
            return false
        }
    }

    /// Replaces a database's description and parameters.
    public func updateDatabase(_ database: GlueDatabase) async throws {
        struct Input: Encodable {
            var Name: String
            var DatabaseInput: GlueDatabase
        }
        _ = try await call("UpdateDatabase", Input(Name: database.name, DatabaseInput: database), as: AWSEmpty.self)
    }

    /// The database `name`, or nil.
    public func database(_ name: String) async throws -> GlueDatabase? {
        struct Input: Encodable { var Name: String }
        struct Output: Decodable { var Database: GlueDatabase }
        do {
            return try await call("GetDatabase", Input(Name: name), as: Output.self).Database
        } catch where GlueClient.isNotFound(error) {
            return nil
        }
    }

    /// Every database, following pages.
    public func databases() async throws -> [GlueDatabase] {
        struct Input: Encodable {
            var NextToken: String?
            var MaxResults = 100
        }
        struct Output: Decodable {
            var DatabaseList: [GlueDatabase]?
            var NextToken: String?
        }
        var all: [GlueDatabase] = []
        var token: String?
        repeat {
            let page = try await call("GetDatabases", Input(NextToken: token), as: Output.self)
            all += page.DatabaseList ?? []
            token = page.NextToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return all
    }

    // MARK: Tables

    /// Creates a table; returns false when it exists already.
    @discardableResult
    public func createTable(database: String, _ table: GlueTableInput) async throws -> Bool {
        struct Input: Encodable {
            var DatabaseName: String
            var TableInput: GlueTableInput
        }
        do {
            _ = try await call("CreateTable", Input(DatabaseName: database, TableInput: table), as: AWSEmpty.self)
            return true
        } catch where GlueClient.isAlreadyExists(error) {
            return false
        }
    }

    /// Replaces a table's definition. With `skipArchive`, Glue keeps no version of the old one.
    /// With `versionId` (the `VersionId` of the table as read), Glue applies the update only if
    /// the table is still at that version, failing with `ConcurrentModificationException`
    /// (``isConcurrentModification(_:)``) otherwise: optimistic locking.
    public func updateTable(database: String, _ table: GlueTableInput, skipArchive: Bool = false, versionId: String? = nil) async throws {
        struct Input: Encodable {
            var DatabaseName: String
            var TableInput: GlueTableInput
            var SkipArchive: Bool
            var VersionId: String?
        }
        _ = try await call(
            "UpdateTable", Input(DatabaseName: database, TableInput: table, SkipArchive: skipArchive, VersionId: versionId),
            as: AWSEmpty.self)
    }

    /// The table, or nil.
    public func table(database: String, name: String) async throws -> GlueTable? {
        struct Input: Encodable {
            var DatabaseName: String
            var Name: String
        }
        struct Output: Decodable { var Table: GlueTable }
        do {
            return try await call("GetTable", Input(DatabaseName: database, Name: name), as: Output.self).Table
        } catch where GlueClient.isNotFound(error) {
            return nil
        }
    }

    /// Every table of a database, following pages.
    public func tables(database: String) async throws -> [GlueTable] {
        struct Input: Encodable {
            var DatabaseName: String
            var NextToken: String?
            var MaxResults = 100
        }
        struct Output: Decodable {
            var TableList: [GlueTable]?
            var NextToken: String?
        }
        var all: [GlueTable] = []
        var token: String?
        repeat {
            let page = try await call("GetTables", Input(DatabaseName: database, NextToken: token), as: Output.self)
            all += page.TableList ?? []
            token = page.NextToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return all
    }

    /// Every stored version of a table's definition, following pages, oldest first (by
    /// numeric version id).
    public func tableVersions(database: String, table: String) async throws -> [GlueTable] {
        struct Input: Encodable {
            var DatabaseName: String
            var TableName: String
            var NextToken: String?
            var MaxResults = 100
        }
        struct Version: Decodable {
            var Table: GlueTable?
            var VersionId: String?
        }
        struct Output: Decodable {
            var TableVersions: [Version]?
            var NextToken: String?
        }
        var all: [GlueTable] = []
        var token: String?
        repeat {
            let page = try await call(
                "GetTableVersions", Input(DatabaseName: database, TableName: table, NextToken: token), as: Output.self)
            for version in page.TableVersions ?? [] {
                guard var entry = version.Table else { continue }
                entry.versionId = entry.versionId ?? version.VersionId
                all.append(entry)
            }
            token = page.NextToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return all.sorted { (Int($0.versionId ?? "") ?? 0) < (Int($1.versionId ?? "") ?? 0) }
    }
}
