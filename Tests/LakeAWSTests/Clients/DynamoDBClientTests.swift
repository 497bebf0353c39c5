import Foundation
import LakeAWS
import LakeCore
import Testing

/// Every DynamoDB call of the client against moto.
@Suite struct DynamoDBClientTests {
    static func table(_ dynamo: DynamoDBClient, sortKey: Bool = false, index: Bool = false) async throws -> String {
        let name = Moto.unique("tbl")
        let keys: [DynamoKeyElement] = sortKey ? [.partition("pk"), .sort("sk", .number)] : [.partition("pk")]
        let indexes = index ? [DynamoIndex(name: "by-group", keys: [.partition("group"), .sort("at", .number)])] : []
        #expect(try await dynamo.createTable(DynamoTableSpec(name: name, keys: keys, indexes: indexes)))
        try await dynamo.waitUntilActive(name)
        return name
    }

    @Test func attributeValuesRoundTrip() async throws {
        try await Moto.withTransport { transport async throws in
            let dynamo = DynamoDBClient(transport: transport)
            let name = try await Self.table(dynamo)
            #expect(try await dynamo.createTable(DynamoTableSpec(name: name, keys: [.partition("pk")])) == false)
            let item: DynamoItem = [
                "pk": .s("a/b ✓"), "n": .n("12345678901234567890"), "f": .number(1.5), "t": .bool(true), "z": .null,
                "bin": .b(Data([0, 1, 2, 255])), "list": .l([.s("x"), .n("1"), .m(["k": .s("v")])]),
                "map": .m(["nested": .l([.bool(false)])]), "ss": .ss(["a", "b"]), "ns": .ns(["1", "2"]),
                "bs": .bs([Data([1]), Data([2])]),
            ]
            try await dynamo.putItem(table: name, item: item)
            let read = try #require(try await dynamo.getItem(table: name, key: ["pk": .s("a/b ✓")]))
            #expect(read["n"] == .n("12345678901234567890"))
            #expect(read["bin"] == .b(Data([0, 1, 2, 255])))
            #expect(read["list"] == item["list"])
            #expect(read["map"] == item["map"])
            #expect(read["z"] == .null)
            #expect(Set(read["ss"].flatMap { if case .ss(let v) = $0 { v } else { nil } } ?? []) == ["a", "b"])
            #expect(try await dynamo.getItem(table: name, key: ["pk": .s("missing")]) == nil)
            #expect(try await dynamo.describeTable(name)?.status == "ACTIVE")
            #expect(try await dynamo.describeTable(Moto.unique("absent")) == nil)
        }
    }

    @Test func conditionalWritesAndUpdates() async throws {
        try await Moto.withTransport { transport async throws in
            let dynamo = DynamoDBClient(transport: transport)
            let name = try await Self.table(dynamo)
            let claim = DynamoExpression("attribute_not_exists(#pk)", names: ["#pk": "pk"])
            try await dynamo.putItem(table: name, item: ["pk": .s("key-1"), "owner": .s("exec-a")], condition: claim)
            let error = try await #require(throws: LakeError.self) {
                try await dynamo.putItem(table: name, item: ["pk": .s("key-1"), "owner": .s("exec-b")], condition: claim)
            }
            #expect(DynamoDBClient.isConditionFailed(error))
            #expect(error.context["operation"] == "PutItem")
            let counter = DynamoExpression(
                "SET #running = if_not_exists(#running, :zero) + :one", names: ["#running": "running"],
                values: [":zero": .n("0"), ":one": .n("1")])
            let limit = DynamoExpression(
                "attribute_not_exists(#running) OR #running < :limit", names: ["#running": "running"], values: [":limit": .n("2")])
            for _ in 0..<2 {
                try await dynamo.updateItem(table: name, key: ["pk": .s("slots")], update: counter, condition: limit)
            }
            await #expect(throws: LakeError.self) {
                try await dynamo.updateItem(table: name, key: ["pk": .s("slots")], update: counter, condition: limit)
            }
            #expect(try await dynamo.getItem(table: name, key: ["pk": .s("slots")])?["running"]?.int == 2)
            let deleted = try await dynamo.deleteItem(
                table: name, key: ["pk": .s("key-1")],
                condition: DynamoExpression("#o = :me", names: ["#o": "owner"], values: [":me": .s("exec-a")]))
            #expect(deleted?["owner"] == .s("exec-a"))
            #expect(try await dynamo.deleteItem(table: name, key: ["pk": .s("key-1")]) == nil)
        }
    }

    @Test func queryScanAndPagination() async throws {
        try await Moto.withTransport { transport async throws in
            let dynamo = DynamoDBClient(transport: transport)
            let name = try await Self.table(dynamo, sortKey: true, index: true)
            let writes = (0..<60).map { index -> DynamoWriteRequest in
                .put([
                    "pk": .s(index % 2 == 0 ? "even" : "odd"), "sk": .number(index), "group": .s("g\(index % 3)"),
                    "at": .number(1000 + index),
                ])
            }
            try await dynamo.batchWrite(table: name, writes)
            var evens: [Int64] = []
            var start: DynamoItem?
            var pages = 0
            repeat {
                let page = try await dynamo.query(
                    table: name, keyCondition: DynamoExpression("#pk = :p", names: ["#pk": "pk"], values: [":p": .s("even")]),
                    startKey: start, limit: 7, ascending: false, consistent: true)
                evens += page.items.compactMap { $0["sk"]?.int }
                start = page.lastEvaluatedKey
                pages += 1
            } while start != nil
            #expect(evens == stride(from: 58, through: 0, by: -2).map(Int64.init))
            #expect(pages >= 5)
            let group = try await dynamo.queryAll(
                table: name, index: "by-group",
                keyCondition: DynamoExpression("#g = :g AND #at >= :from", names: ["#g": "group", "#at": "at"], values: [":g": .s("g0"), ":from": .n("1030")]))
            #expect(group.compactMap { $0["at"]?.int } == stride(from: 1030, to: 1060, by: 3).map(Int64.init))
            let filtered = try await dynamo.scanAll(
                table: name, filter: DynamoExpression("#sk < :ten", names: ["#sk": "sk"], values: [":ten": .n("10")]))
            #expect(filtered.count == 10)
            var scanned = 0
            start = nil
            repeat {
                let page = try await dynamo.scan(table: name, startKey: start, limit: 25)
                scanned += page.items.count
                start = page.lastEvaluatedKey
            } while start != nil
            #expect(scanned == 60)
            let keys = (0..<60).map { ["pk": AttributeValue.s($0 % 2 == 0 ? "even" : "odd"), "sk": .number($0)] as DynamoItem }
            try await dynamo.batchWrite(table: name, keys.prefix(30).map { .delete(key: $0) })
            #expect(try await dynamo.batchGet(table: name, keys: keys).count == 30)
        }
    }

    @Test func transactionsAreAllOrNothing() async throws {
        try await Moto.withTransport { transport async throws in
            let dynamo = DynamoDBClient(transport: transport)
            let name = try await Self.table(dynamo)
            let notExists = DynamoExpression("attribute_not_exists(#pk)", names: ["#pk": "pk"])
            try await dynamo.transactWrite([
                .put(table: name, item: ["pk": .s("a")], condition: notExists),
                .update(
                    table: name, key: ["pk": .s("counter")],
                    update: DynamoExpression("ADD #n :one", names: ["#n": "n"], values: [":one": .n("1")]), condition: nil),
            ])
            let error = try await #require(throws: LakeError.self) {
                try await dynamo.transactWrite([
                    .put(table: name, item: ["pk": .s("b")], condition: notExists),
                    .put(table: name, item: ["pk": .s("a")], condition: notExists),
                ])
            }
            #expect(DynamoDBClient.isTransactionCanceled(error))
            #expect(try await dynamo.getItem(table: name, key: ["pk": .s("b")]) == nil, "nothing of a cancelled transaction is written")
            #expect(try await dynamo.getItem(table: name, key: ["pk": .s("counter")])?["n"]?.int == 1)
            try await dynamo.transactWrite([
                .conditionCheck(
                    table: name, key: ["pk": .s("counter")],
                    condition: DynamoExpression("#n = :one", names: ["#n": "n"], values: [":one": .n("1")])),
                .delete(table: name, key: ["pk": .s("a")], condition: nil),
            ])
            #expect(try await dynamo.getItem(table: name, key: ["pk": .s("a")]) == nil)
        }
    }

    @Test func timeToLiveCanBeEnabledTwice() async throws {
        try await Moto.withTransport { transport async throws in
            let dynamo = DynamoDBClient(transport: transport)
            let name = try await Self.table(dynamo)
            try await dynamo.enableTimeToLive(table: name, attribute: "ttl")
            try await dynamo.enableTimeToLive(table: name, attribute: "ttl")
        }
    }
}
