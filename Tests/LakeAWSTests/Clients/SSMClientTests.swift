import Foundation
import LakeAWS
import Testing

/// Parameter Store calls against moto.
@Suite struct SSMClientTests {
    @Test func putGetOverwriteAndListByPath() async throws {
        try await Moto.withTransport { transport async throws in
            let ssm = SSMClient(transport: transport)
            let root = "/SDLF/\(Moto.unique("test"))"
            #expect(try await ssm.putParameter(name: "\(root)/S3/RawBucket", value: "raw-1") == 1)
            #expect(try await ssm.putParameter(name: "\(root)/S3/RawBucket", value: "raw-2") == 2)
            #expect(try await ssm.parameter(name: "\(root)/S3/RawBucket")?.value == "raw-2")
            #expect(try await ssm.parameter(name: "\(root)/missing") == nil)
            for index in 0..<13 { try await ssm.putParameter(name: "\(root)/SQS/queue\(index)", value: "q\(index)") }
            let all = try await ssm.parameters(path: root)
            #expect(all.count == 14, "13 queues and one bucket, over two pages of 10")
            let direct = try await ssm.parameters(path: "\(root)/S3", recursive: false)
            #expect(direct.map(\.name) == ["\(root)/S3/RawBucket"])
            try await ssm.deleteParameter(name: "\(root)/S3/RawBucket")
            try await ssm.deleteParameter(name: "\(root)/S3/RawBucket")
            #expect(try await ssm.parameter(name: "\(root)/S3/RawBucket") == nil)
        }
    }
}
